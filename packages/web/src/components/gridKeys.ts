// Keyboard handler shared by the form tables: focus moves between elements carrying data-row/data-col.
import type { KeyboardEvent } from 'react';
import { nextCell } from '../lib/grid-nav.ts';

export function onGridKeyDown(e: KeyboardEvent<HTMLElement>) {
  if (e.altKey || e.ctrlKey || e.metaKey || e.nativeEvent.isComposing) return;
  const el = e.target as HTMLElement;
  const row = Number(el.dataset.row);
  const col = Number(el.dataset.col);
  if (!Number.isFinite(row) || !Number.isFinite(col) || el.dataset.row == null) return;
  const table = e.currentTarget;
  const cells = Array.from(table.querySelectorAll<HTMLElement>('[data-row][data-col]'));
  let rows = 0;
  let cols = 0;
  const at = new Map<string, HTMLElement>();
  for (const c of cells) {
    const r = Number(c.dataset.row);
    const k = Number(c.dataset.col);
    rows = Math.max(rows, r + 1);
    cols = Math.max(cols, k + 1);
    at.set(`${r}:${k}`, c);
  }
  const input = el instanceof HTMLInputElement ? el : null;
  const caretAtStart = input ? input.selectionStart === 0 && input.selectionEnd === 0 : true;
  const caretAtEnd = input ? input.selectionStart === input.value.length : true;
  const next = nextCell({ row, col }, { key: e.key, shiftKey: e.shiftKey, caretAtStart, caretAtEnd }, rows, cols, (r, c) => at.has(`${r}:${c}`));
  if (!next) return;
  e.preventDefault();
  const target = at.get(`${next.row}:${next.col}`)!;
  target.focus();
  if (target instanceof HTMLInputElement) target.select();
}
