// Field-by-field differences between two versions of an evaluation: the server's audit log and
// "changes since the last submission", the editor's save conflicts. Values are shown as text.
import type { Evaluation } from './evaluation.ts';

export interface Change {
  indicatorId: string | null;
  path: string[] | null;
  field: string;
  from: string | null;
  to: string | null;
}

const TOP = ['subject', 'title', 'unit', 'parentUnit', 'fiscalYear', 'framework', 'manager', 'phone', 'statedTotal', 'statedGrade'] as const;
const BUDGET = ['unit', 'initialBudget', 'adjustedBudget', 'executed', 'received', 'weight', 'statedRate', 'statedScore'] as const;
const LINE = ['fundSource', 'label', 'initialBudget', 'adjustedBudget', 'executed'] as const;
// computed or positional fields that are not edits
const SKIP_INDICATOR = new Set(['score', 'trace', 'method', 'source', 'notes']);

function text(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function push(out: Change[], field: string, a: unknown, b: unknown, ind?: { id: string; path: string[] }) {
  const x = text(a);
  const y = text(b);
  if (x === y) return;
  out.push({ indicatorId: ind?.id ?? null, path: ind?.path ?? null, field, from: x, to: y });
}

export function diffEvaluations(a: Evaluation, b: Evaluation): Change[] {
  const out: Change[] = [];
  for (const k of TOP) push(out, k, (a as any)[k], (b as any)[k]);
  push(out, 'goals.expected', a.goals?.expected, b.goals?.expected);
  push(out, 'goals.actual', a.goals?.actual, b.goals?.actual);
  const ab = a.budget;
  const bb = b.budget;
  if (!ab !== !bb) push(out, 'budget', ab ? '有' : null, bb ? '有' : null);
  for (const k of BUDGET) push(out, `budget.${k}`, (ab as any)?.[k], (bb as any)?.[k]);
  const n = Math.max(ab?.lines?.length ?? 0, bb?.lines?.length ?? 0);
  for (let i = 0; i < n; i++) {
    for (const k of LINE) push(out, `budget.lines[${i}].${k}`, (ab?.lines?.[i] as any)?.[k], (bb?.lines?.[i] as any)?.[k]);
  }
  const before = new Map(a.indicators.map((i) => [i.id, i]));
  const after = new Map(b.indicators.map((i) => [i.id, i]));
  for (const [id, x] of before) {
    const y = after.get(id);
    if (!y) {
      push(out, 'indicator', x.name, null, x);
      continue;
    }
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    for (const k of keys) {
      if (SKIP_INDICATOR.has(k)) continue;
      push(out, k, (x as any)[k], (y as any)[k], y);
    }
  }
  for (const [id, y] of after) if (!before.has(id)) push(out, 'indicator', null, y.name, y);
  const s = Math.max(a.sections?.length ?? 0, b.sections?.length ?? 0);
  for (let i = 0; i < s; i++) {
    const x = a.sections?.[i];
    const y = b.sections?.[i];
    push(out, `sections[${i}].heading`, x?.heading, y?.heading);
    push(out, `sections[${i}].text`, x?.text, y?.text);
  }
  return out;
}
