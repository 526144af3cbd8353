// The target table (绩效目标申报表): what a unit declares with its budget, reviewed by its supervising
// department and approved by the finance bureau (domain.md §7, N3). Its indicator tree is the
// evaluation's (core/model Indicator), so the approved targets become the self-evaluation's 年度指标值
// without retyping, and a change made to one later is a diff of the same rows.
import type { Dec, Evaluation, Indicator, MoneyUnit, Subject } from '../model/evaluation.ts';
import type { Op } from '../values/types.ts';
import { parseValue } from '../values/parse.ts';

/** 项目资金: the total and, of it, 财政拨款 and 其他资金, in `unit` (万元 on the forms). */
export interface TargetFunds {
  unit: MoneyUnit;
  total: Dec | null;
  appropriation: Dec | null;
  other: Dec | null;
}

/** An open rectification item of an earlier year shown on the table (carried forward, see rectification/). */
export interface CarriedItem {
  id: number | string;
  fiscalYear: number | null;
  problem: string;
  measures: string | null;
  owner: string | null;
  deadline: string | null;
  status: string;
}

export interface TargetTable {
  subject: Subject;
  /** 项目名称 (部门整体: the unit's name + 整体支出) */
  title: string;
  /** 主管部门 */
  parentUnit: string | null;
  /** 实施单位 */
  unit: string | null;
  fiscalYear: number | null;
  funds: TargetFunds;
  /** 总体目标: 中长期 and 年度 */
  goals: { longTerm: string | null; annual: string | null };
  /** 分值 of budget execution in the self-evaluation (10 on the national form); counts towards 100 */
  executionWeight: Dec | null;
  /** the indicator tree in pre-order; `target` is the 年度指标值, `weight` its 分值 */
  indicators: Indicator[];
  /** the ruleset whose lifecycle settings apply (monitoring thresholds, budget consequences); national when absent */
  ruleset?: string | null;
  /** rectification items of earlier years still open, carried into this table */
  carried?: CarriedItem[];
}

export const OPS: { op: Op | null; sign: string; label: string }[] = [
  { op: '>=', sign: '≥', label: '≥（不低于）' },
  { op: '<=', sign: '≤', label: '≤（不高于）' },
  { op: '=', sign: '=', label: '=（等于）' },
  { op: '>', sign: '>', label: '>（高于）' },
  { op: '<', sign: '<', label: '<（低于）' },
  { op: null, sign: '', label: '（定性）' },
];

/** 年度指标值 as (operator, value, unit), when it is a number; null for qualitative/deadline text. */
export function targetParts(text: string | null | undefined): { op: Op | null; value: Dec; unit: string | null } | null {
  const v = parseValue(text);
  if (v.kind !== 'number') return null;
  return { op: v.op, value: v.value, unit: v.unit };
}

/** (operator, value, unit) written as the forms print it: "≥", "50", "个" → "≥50个". */
export function composeTarget(op: Op | null, value: string, unit: string | null): string {
  const sign = OPS.find((o) => o.op === op)?.sign ?? '';
  return `${sign}${value.trim()}${(unit ?? '').trim()}`;
}

/** A blank table for a unit and year. */
export function emptyTargetTable(o: { title: string; unit?: string | null; parentUnit?: string | null; fiscalYear: number | null; subject?: Subject }): TargetTable {
  return {
    subject: o.subject ?? 'project',
    title: o.title,
    parentUnit: o.parentUnit ?? null,
    unit: o.unit ?? null,
    fiscalYear: o.fiscalYear,
    funds: { unit: '万元', total: null, appropriation: null, other: null },
    goals: { longTerm: null, annual: null },
    executionWeight: '10',
    indicators: [],
  };
}

/** The targets part of an evaluation (a framework's blank form, or last year's self-evaluation): tree,
 *  weights and targets kept; actuals, scores and notes left behind. */
export function targetTableFromEvaluation(ev: Evaluation, fiscalYear: number | null = ev.fiscalYear): TargetTable {
  const b = ev.budget;
  const line = (k: string) => b?.lines.find((l) => l.fundSource === k);
  const pick = (l: ReturnType<typeof line>) => l?.adjustedBudget ?? l?.initialBudget ?? null;
  const approp = pick(line('appropriation'));
  const other = pick(line('other'));
  return {
    subject: ev.subject,
    title: ev.title,
    parentUnit: ev.parentUnit ?? null,
    unit: ev.unit,
    fiscalYear,
    funds: { unit: b?.unit ?? '万元', total: b ? (b.adjustedBudget ?? b.initialBudget) : null, appropriation: approp, other },
    goals: { longTerm: null, annual: ev.goals?.expected ?? null },
    executionWeight: b?.weight ?? (ev.subject === 'project' ? '10' : null),
    indicators: ev.indicators
      .filter((i) => i.kind !== 'execution')
      .map((i) => cleanIndicator(i)),
  };
}

function cleanIndicator(i: Indicator): Indicator {
  return {
    id: i.id,
    parentId: i.parentId,
    level: i.level,
    path: [...i.path],
    name: i.name,
    ...(i.code ? { code: i.code } : {}),
    ...(i.description ? { description: i.description } : {}),
    ...(i.rule ? { rule: i.rule } : {}),
    target: i.target,
    actual: null,
    ...(i.unitOfMeasure ? { unitOfMeasure: i.unitOfMeasure } : {}),
    weight: i.weight,
    statedScore: null,
    ...(i.kind && i.kind !== 'normal' ? { kind: i.kind } : {}),
  };
}

/** Next year's table from this one: same tree and targets, the year moved on (上年目标复制). */
export function copyTargetTable(t: TargetTable, fiscalYear: number, carried: CarriedItem[] = []): TargetTable {
  return {
    ...structuredClone(t),
    fiscalYear,
    indicators: t.indicators.map((i) => cleanIndicator(i)),
    carried,
  };
}

/** The leaves (三级 indicators, the rows with a target). */
export const leaves = (t: { indicators: Indicator[] }): Indicator[] => {
  const parents = new Set(t.indicators.map((i) => i.parentId).filter(Boolean));
  return t.indicators.filter((i) => !parents.has(i.id));
};
