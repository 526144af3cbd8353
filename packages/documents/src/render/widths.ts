// Column widths of the indicator table from what the columns hold, as a careful clerk sets them:
// an indicator name of up to 8 characters stays on one line, 分值/得分 just fit their numbers, an
// empty column is narrow, and the columns of running text share what is left by how much they hold.
import type { Column, IndicatorRow } from './layout.ts';

/** twips per full-width character at the table's 10.5 pt */
export const CHAR = 210;
/** left + right cell margins (60 + 60 twips) and a little air so a full line does not wrap */
const PAD = 140;
/** names up to this many characters are kept on one line */
export const NAME_CHARS = 8;
const NAME_KEYS = new Set(['l1', 'l2', 'l3']);
const NUMBER_KEYS = new Set(['weight', 'score']);

/**
 * Width of a text in characters: full-width (Chinese) 1, Latin letters and digits ⅘ (the Latin fallback fonts are wide),
 * and the quarter-character gap Word and LibreOffice put between Latin and Chinese (“A11 决策”).
 */
export function textWidth(t: string): number {
  let w = 0;
  let prevLatin: boolean | null = null;
  for (const ch of t) {
    const latin = ch.charCodeAt(0) < 0x2000;
    w += latin ? 0.8 : 1;
    if (prevLatin != null && latin !== prevLatin && /[A-Za-z0-9]/.test(latin ? ch : t)) w += 0.5;
    prevLatin = latin;
  }
  return w;
}
const longestLine = (t: string) => Math.max(0, ...t.split('\n').map(textWidth));

/**
 * Widths in twips filling `total`. `lead` columns (the project form's vertical 绩效指标 label) come
 * first, one character wide.
 */
export function contentWidths(columns: Column[], rows: IndicatorRow[], total: number, lead = 0): number[] {
  const fixed: number[] = [];
  const flex: { k: number; min: number; weight: number }[] = [];
  columns.forEach((c, k) => {
    const texts = rows.map((r) => r.cells[c.key] ?? '').filter((t) => t.trim() !== '');
    if (NAME_KEYS.has(c.key)) {
      // the longest name up to 8 characters on one line (with its code, “A11”, before it); longer ones wrap
      const need = Math.max(2, ...texts.map((t) => Math.min(longestLine(t), NAME_CHARS + textWidth(t.match(/^[A-Za-z0-9.]*\s*/)![0]))));
      fixed[k] = Math.ceil(need * CHAR) + PAD;
    } else if (NUMBER_KEYS.has(c.key)) {
      fixed[k] = Math.ceil(Math.max(2, ...texts.map(longestLine)) * CHAR) + PAD;
    } else if (texts.length === 0) {
      // an empty column: narrow, its heading wraps three characters a line (a header of 3 lines, not 5)
      fixed[k] = 3 * CHAR + PAD;
    } else {
      const chars = texts.reduce((s, t) => s + textWidth(t), 0);
      const longest = Math.max(...texts.map(longestLine));
      // short values (“≥95%”) get their width; long text shares the rest by how much there is
      fixed[k] = Math.ceil(Math.min(Math.max(longest, 2), 3) * CHAR) + PAD;
      flex.push({ k, min: fixed[k], weight: Math.sqrt(chars / texts.length) });
    }
  });
  const leadWidth = CHAR + PAD;
  const widths = [...Array(lead).fill(leadWidth), ...fixed];
  const used = widths.reduce((a, b) => a + b, 0);
  let left = total - used;
  if (left < 0) {
    // too narrow for every name on one line: the name columns give up width first, then the rest, evenly
    const shrinkable = columns.map((c, k) => (NAME_KEYS.has(c.key) || flex.some((f) => f.k === k) ? k : -1)).filter((k) => k >= 0);
    const room = shrinkable.reduce((s, k) => s + fixed[k] - (2 * CHAR + PAD), 0);
    const factor = room > 0 ? Math.max(0, 1 + left / room) : 1;
    for (const k of shrinkable) fixed[k] = Math.floor(2 * CHAR + PAD + (fixed[k] - 2 * CHAR - PAD) * factor);
    left = 0;
  }
  const weights = flex.reduce((s, f) => s + f.weight, 0);
  for (const f of flex) fixed[f.k] += weights > 0 ? Math.floor((left * f.weight) / weights) : 0;
  let out = [...Array(lead).fill(leadWidth), ...fixed];
  const sumOut = out.reduce((a, b) => a + b, 0);
  // a page too narrow even for two characters a column: every column in proportion
  if (sumOut > total) out = out.map((x) => Math.floor((x * total) / sumOut));
  // what rounding (or a table with no running text) leaves goes to the widest text column, else the last
  const widest = flex.length ? lead + flex.reduce((a, b) => (fixed[b.k] > fixed[a.k] ? b : a)).k : out.length - 1;
  out[widest] += total - out.reduce((a, b) => a + b, 0);
  return out;
}

/** Lines the row's tallest cell takes at these widths (an estimate: text wraps at the column's width). */
export function rowLines(columns: Column[], row: IndicatorRow, widths: number[], lead = 0): number {
  let most = 1;
  columns.forEach((c, k) => {
    const perLine = Math.max(1, (widths[lead + k] - 120) / CHAR);
    const lines = (row.cells[c.key] ?? '').split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(textWidth(l) / perLine)), 0);
    most = Math.max(most, lines);
  });
  return most;
}

/** A row up to this many lines is kept on one page; a taller one may break (the header row repeats on the next page). */
export const KEEP_LINES = 30;
