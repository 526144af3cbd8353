// Hand-built evaluations for the check tests: rows by path, ancestors created on the way,
// ids assigned in pre-order like recognition does ("1", "1.2", "1.2.3").
import type {
  Budget,
  Finding,
  Direction,
  Evaluation,
  Indicator,
  MoneyUnit,
  Scored,
  Section,
  StatedFact,
  Subject,
  ValueType,
} from '../model/evaluation.ts';
import type { Ruleset } from '../model/ruleset.ts';
import { NATIONAL } from '../rulesets/index.ts';
import { TEST_RULESET } from '../score/fixtures.ts';
import { CheckContext } from './context.ts';
import type { Rule } from './types.ts';

export interface RowSpec {
  path: string[];
  target?: string | null;
  actual?: string | null;
  weight?: string | null;
  score?: string | null;
  deviation?: string | null;
  basis?: string | null;
  code?: string | null;
  kind?: Indicator['kind'];
  direction?: Direction | null;
  valueType?: ValueType | null;
  notes?: string[];
}

export interface BudgetSpec {
  unit?: MoneyUnit;
  initial?: string | null;
  adjusted?: string | null;
  executed?: string | null;
  weight?: string | null;
  rate?: string | null;
  score?: string | null;
}

export interface EvaluationSpec {
  subject?: Subject;
  title?: string;
  rows?: RowSpec[];
  budget?: BudgetSpec | null;
  statedTotal?: string | null;
  statedGrade?: string | null;
  facts?: Partial<StatedFact>[];
  sections?: Section[];
  /** table of the indicator rows in the source, for `where.source` */
  table?: number;
}

export function budget(b: BudgetSpec): Budget {
  return {
    unit: b.unit ?? '万元',
    initialBudget: b.initial ?? null,
    adjustedBudget: b.adjusted ?? null,
    executed: b.executed ?? null,
    weight: b.weight ?? '10',
    statedRate: b.rate ?? null,
    statedScore: b.score ?? null,
    lines: [],
    source: { table: 1, row: 3 },
  };
}

export function fact(key: string, value: string, unit: StatedFact['unit'], label = key, text?: string): StatedFact {
  return { key, label, value, unit, text: text ?? `${label} ${value} ${unit}` };
}

export function build(spec: EvaluationSpec): Evaluation {
  const indicators: Indicator[] = [];
  const byPath = new Map<string, Indicator>();
  const childCount = new Map<string, number>();
  const table = spec.table ?? 2;

  const node = (path: string[]): Indicator => {
    const key = path.join('\u0000');
    const found = byPath.get(key);
    if (found) return found;
    const parent = path.length > 1 ? node(path.slice(0, -1)) : null;
    const pk = parent ? parent.id : '';
    const n = (childCount.get(pk) ?? 0) + 1;
    childCount.set(pk, n);
    const ind: Indicator = {
      id: parent ? `${parent.id}.${n}` : `${n}`,
      parentId: parent ? parent.id : null,
      level: path.length,
      path,
      name: path[path.length - 1],
      target: null,
      actual: null,
      weight: null,
      statedScore: null,
      source: { table, row: indicators.length + 2 },
    };
    indicators.push(ind);
    byPath.set(key, ind);
    return ind;
  };

  for (const r of spec.rows ?? []) {
    const ind = node(r.path);
    if (r.target !== undefined) ind.target = r.target;
    if (r.actual !== undefined) ind.actual = r.actual;
    if (r.weight !== undefined) ind.weight = r.weight;
    if (r.score !== undefined) ind.statedScore = r.score;
    if (r.deviation !== undefined) ind.deviation = r.deviation;
    if (r.basis !== undefined) ind.basis = r.basis;
    if (r.code !== undefined) ind.code = r.code;
    if (r.kind !== undefined) ind.kind = r.kind;
    if (r.direction !== undefined) ind.direction = r.direction;
    if (r.valueType !== undefined) ind.valueType = r.valueType;
    if (r.notes !== undefined) ind.notes = r.notes;
  }

  return {
    subject: spec.subject ?? 'project',
    title: spec.title ?? '测试项目',
    unit: null,
    fiscalYear: 2024,
    budget: spec.budget ? budget(spec.budget) : null,
    indicators,
    statedTotal: spec.statedTotal ?? null,
    statedGrade: spec.statedGrade ?? null,
    sections: spec.sections ?? [],
    facts: (spec.facts ?? []).map((f) => ({
      key: f.key ?? '',
      label: f.label ?? f.key ?? '',
      value: f.value ?? '0',
      unit: f.unit ?? '元',
      text: f.text ?? '',
      source: f.source,
    })),
    problems: [],
    source: { table: 1, line: 1 },
  };
}

/** Scores as the scoring engine would hand them over; stated scores unless overridden. */
export function scoredOf(
  ev: Evaluation,
  over: Partial<Scored> & { scores?: Record<string, string | null> } = {},
): Scored {
  const { scores, ...rest } = over;
  return {
    indicators: ev.indicators.map((i) => {
      const byName = scores?.[i.name];
      const s = byName !== undefined ? byName : i.statedScore;
      return { id: i.id, score: s, trace: '', method: byName !== undefined ? 'positive' : 'stated' };
    }),
    budget: null,
    total: ev.statedTotal,
    rawTotal: ev.statedTotal,
    grade: null,
    gradeLabel: null,
    totalTrace: '',
    ...rest,
  };
}

/**
 * The national settings the tests rely on, pinned here so that edits to the ruleset data
 * do not change what a check test means (N1/N2 values, domain.md §2–§4).
 */
export function ruleset(over: Partial<Ruleset> = {}): Ruleset {
  // the scoring tests' pinned ruleset, with the national 自评表 profile (N2) and no 加减分 cap
  return {
    ...TEST_RULESET,
    id: NATIONAL.id,
    name: NATIONAL.name,
    level1Profile: [
      { name: '产出', weight: '50' },
      { name: '效益', weight: '30' },
      { name: '满意度', weight: '10' },
      { name: '预算执行率', weight: '10' },
    ],
    caps: { ...TEST_RULESET.caps, bonusMaxAbs: null },
    ...over,
  };
}

/** Run one rule on a hand-built evaluation. */
export function runRule(
  rule: Rule,
  spec: EvaluationSpec | Evaluation,
  opts: { ruleset?: Ruleset; scored?: Partial<Scored> & { scores?: Record<string, string | null> } } = {},
): Finding[] {
  const ev = 'indicators' in spec ? spec : build(spec);
  return rule.run(new CheckContext(ev, scoredOf(ev, opts.scored), opts.ruleset ?? ruleset()));
}
