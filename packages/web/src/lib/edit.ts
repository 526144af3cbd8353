// Edits to an evaluation, kept as a list so they can be re-applied on top of someone else's newer
// version after a save conflict (nothing typed is lost).
import { renameIndicator, type Evaluation, type Indicator, type MoneyUnit } from '@jixiao/core';
import { diffEvaluations as coreDiff } from '@jixiao/core/model/diff.ts';
import { fieldLabel } from './labels.ts';

export type Edit =
  | { kind: 'indicator'; id: string; field: IndicatorField | 'name'; value: string | null }
  /** a change of the tree's shape (add, delete, indent, outdent, move): the whole new list of rows */
  | { kind: 'tree'; indicators: Indicator[]; what: string }
  | { kind: 'budget'; field: BudgetField; value: string | null }
  | { kind: 'budgetLine'; index: number; field: 'initialBudget' | 'adjustedBudget' | 'executed'; value: string | null }
  | { kind: 'meta'; field: MetaField; value: string | null }
  | { kind: 'goals'; field: 'expected' | 'actual'; value: string | null }
  /** `create`: the outline item a first text starts (its printed heading and key), when no section holds it yet */
  | { kind: 'section'; index: number; field: 'heading' | 'text'; value: string | null; create?: { heading: string; key?: string } };

export type IndicatorField = 'target' | 'actual' | 'weight' | 'statedScore' | 'deviation' | 'basis';
export type BudgetField = 'initialBudget' | 'adjustedBudget' | 'executed' | 'weight' | 'statedRate' | 'statedScore' | 'unit';
export type MetaField = 'title' | 'parentUnit' | 'unit' | 'manager' | 'phone' | 'fiscalYear' | 'statedTotal' | 'statedGrade';

export function editKey(e: Edit): string {
  switch (e.kind) {
    case 'indicator':
      return `indicator:${e.id}:${e.field}`;
    case 'budgetLine':
    case 'section':
      return `${e.kind}:${e.index}:${e.field}`;
    case 'tree':
      return 'tree';
    default:
      return `${e.kind}:${e.field}`;
  }
}

/** "" → null so an emptied cell is stated as missing, not as an empty string. */
const norm = (v: string | null) => (v == null || v.trim() === '' ? null : v);

/** A new Evaluation with the edit applied; the input is not changed. */
export function applyEdit(ev: Evaluation, e: Edit): Evaluation {
  if (e.kind === 'tree') return { ...ev, indicators: e.indicators };
  const v = e.kind === 'section' || (e.kind === 'indicator' && e.field === 'name') ? e.value ?? '' : norm(e.value);
  switch (e.kind) {
    case 'indicator':
      if (e.field === 'name') return { ...ev, indicators: renameIndicator(ev.indicators, e.id, v ?? '').indicators };
      return { ...ev, indicators: ev.indicators.map((i) => (i.id === e.id ? { ...i, [e.field]: v } : i)) };
    case 'budget': {
      if (!ev.budget) return ev;
      if (e.field === 'unit') return v === '元' || v === '万元' ? { ...ev, budget: { ...ev.budget, unit: v as MoneyUnit } } : ev;
      const b = { ...ev.budget, [e.field]: v };
      // the 年度资金总额 line mirrors the block's own amounts
      if (e.field === 'initialBudget' || e.field === 'adjustedBudget' || e.field === 'executed')
        b.lines = b.lines.map((l) => (l.fundSource === 'total' ? { ...l, [e.field]: v } : l));
      return { ...ev, budget: b };
    }
    case 'budgetLine':
      if (!ev.budget) return ev;
      return { ...ev, budget: { ...ev.budget, lines: ev.budget.lines.map((l, i) => (i === e.index ? { ...l, [e.field]: v } : l)) } };
    case 'meta':
      if (e.field === 'fiscalYear') {
        const y = v == null ? null : Number(v);
        return { ...ev, fiscalYear: y != null && Number.isInteger(y) ? y : ev.fiscalYear };
      }
      if (e.field === 'title') return { ...ev, title: e.value ?? '' };
      return { ...ev, [e.field]: v };
    case 'goals':
      return { ...ev, goals: { expected: ev.goals?.expected ?? null, actual: ev.goals?.actual ?? null, [e.field]: v } };
    case 'section': {
      const sections = [...ev.sections];
      while (sections.length <= e.index) sections.push(e.create ? { heading: e.create.heading, ...(e.create.key ? { key: e.create.key } : {}), text: '' } : { heading: '', text: '' });
      sections[e.index] = { ...sections[e.index], [e.field]: v as string };
      return { ...ev, sections };
    }
  }
}

export function applyEdits(ev: Evaluation, edits: Iterable<Edit>): Evaluation {
  let out = ev;
  for (const e of edits) out = applyEdit(out, e);
  return out;
}

export interface Change {
  key: string;
  indicatorId?: string;
  path?: string[];
  field: string;
  /** where, in Chinese: "产出指标 / 数量指标 / 培训人数 · 实际完成值" */
  label: string;
  from: string | null;
  to: string | null;
}

/** The value an edit addresses, read from an evaluation. */
export function readEdit(ev: Evaluation, e: Edit): string | null {
  switch (e.kind) {
    case 'tree':
      return `${ev.indicators.length} 行`;
    case 'indicator':
      return (ev.indicators.find((i) => i.id === e.id)?.[e.field] as string | null | undefined) ?? null;
    case 'budget':
      return (ev.budget?.[e.field] as string | null | undefined) ?? null;
    case 'budgetLine':
      return ev.budget?.lines[e.index]?.[e.field] ?? null;
    case 'meta': {
      const x = ev[e.field];
      return x == null ? null : String(x);
    }
    case 'goals':
      return ev.goals?.[e.field] ?? null;
    case 'section':
      return ev.sections[e.index]?.[e.field] ?? null;
  }
}

export function describeEdit(ev: Evaluation, e: Edit): string {
  switch (e.kind) {
    case 'tree':
      return `指标表 · ${e.what}`;
    case 'indicator': {
      const i = ev.indicators.find((x) => x.id === e.id);
      return `${i ? i.path.join(' / ') : e.id} · ${fieldLabel(e.field)}`;
    }
    case 'budget':
      return `资金 · ${fieldLabel(e.field)}`;
    case 'budgetLine':
      return `资金 · ${ev.budget?.lines[e.index]?.label ?? `第${e.index + 1}行`} · ${fieldLabel(e.field)}`;
    case 'meta':
      return fieldLabel(e.field) || e.field;
    case 'goals':
      return e.field === 'expected' ? '年度总体目标 · 预期目标' : '年度总体目标 · 实际完成情况';
    case 'section':
      return `报告正文 · ${ev.sections[e.index]?.heading || `第${e.index + 1}节`}${e.field === 'heading' ? '（标题）' : ''}`;
  }
}

const INDICATOR_FIELDS = new Set<string>(['name', 'target', 'actual', 'weight', 'statedScore', 'deviation', 'basis']);
const BUDGET_FIELDS = new Set<string>(['unit', 'initialBudget', 'adjustedBudget', 'executed', 'weight', 'statedRate', 'statedScore']);
const META_FIELDS = new Set<string>(['title', 'parentUnit', 'unit', 'manager', 'phone', 'fiscalYear', 'statedTotal', 'statedGrade']);

/**
 * Cells the editor edits that differ between two versions of the same evaluation (indicators matched
 * by id; an indicator added or removed as one row): the one diff of core, keyed like the edits
 * (editKey) and labelled in Chinese, indicators first, then the budget, the title and totals, the text.
 */
export function diffEvaluations(a: Evaluation, b: Evaluation): Change[] {
  const out: { rank: number; change: Change }[] = [];
  for (const c of coreDiff(a, b)) {
    const f = c.field;
    if (c.indicatorId && c.path && (INDICATOR_FIELDS.has(f) || f === 'indicator')) {
      const key = f === 'indicator' ? `indicator:${c.indicatorId}` : `indicator:${c.indicatorId}:${f}`;
      out.push({ rank: 0, change: { key, indicatorId: c.indicatorId, path: c.path, field: f, label: `${c.path.join(' / ')} · ${fieldLabel(f) || '指标'}`, from: c.from, to: c.to } });
    } else if (f.startsWith('budget.') && BUDGET_FIELDS.has(f.slice(7))) {
      const k = f.slice(7);
      out.push({ rank: 1, change: { key: `budget:${k}`, field: f, label: `资金 · ${fieldLabel(f)}`, from: c.from, to: c.to } });
    } else if (!c.indicatorId && META_FIELDS.has(f)) {
      out.push({ rank: 2, change: { key: `meta:${f}`, field: f, label: fieldLabel(f) || '名称', from: c.from, to: c.to } });
    } else {
      const m = /^sections\[(\d+)\]\.text$/.exec(f);
      if (!m) continue;
      const k = Number(m[1]);
      out.push({ rank: 3, change: { key: `section:${k}:text`, field: `sections.${k}.text`, label: `报告正文 · ${b.sections[k]?.heading ?? a.sections[k]?.heading ?? ''}`, from: c.from, to: c.to } });
    }
  }
  return out.sort((x, y) => x.rank - y.rank).map((x) => x.change);
}
