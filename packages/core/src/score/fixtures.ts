// Hand-built evaluations for tests (scoring, checks). Not used by production code.
import type { Budget, Evaluation, Indicator, Subject } from '../model/evaluation.ts';
import type { Ruleset } from '../model/ruleset.ts';

export interface Row {
  /** names from level 1 down to this row; missing upper levels are created empty */
  path: string[];
  target?: string | null;
  actual?: string | null;
  weight?: string | null;
  score?: string | null;
  kind?: Indicator['kind'];
  direction?: Indicator['direction'];
  deviation?: string | null;
  basis?: string | null;
  rule?: string | null;
  code?: string | null;
}

/** Pre-order indicator list with ids "1", "1.2", "1.2.3" from paths. */
export function indicators(rows: Row[]): Indicator[] {
  const out: Indicator[] = [];
  const byKey = new Map<string, Indicator>();
  const childCount = new Map<string, number>();
  const node = (path: string[]): Indicator => {
    const key = path.join('\u0000');
    let ind = byKey.get(key);
    if (ind) return ind;
    const parent = path.length > 1 ? node(path.slice(0, -1)) : null;
    const pk = parent ? parent.id : '';
    const k = (childCount.get(pk) ?? 0) + 1;
    childCount.set(pk, k);
    ind = {
      id: parent ? `${parent.id}.${k}` : String(k),
      parentId: parent ? parent.id : null,
      level: path.length,
      path: path.slice(),
      name: path[path.length - 1],
      target: null,
      actual: null,
      weight: null,
      statedScore: null,
    };
    byKey.set(key, ind);
    out.push(ind);
    return ind;
  };
  for (const r of rows) {
    const ind = node(r.path);
    if (r.target !== undefined) ind.target = r.target;
    if (r.actual !== undefined) ind.actual = r.actual;
    if (r.weight !== undefined) ind.weight = r.weight;
    if (r.score !== undefined) ind.statedScore = r.score;
    if (r.kind !== undefined) ind.kind = r.kind;
    if (r.direction !== undefined) ind.direction = r.direction;
    if (r.deviation !== undefined) ind.deviation = r.deviation;
    if (r.basis !== undefined) ind.basis = r.basis;
    if (r.rule !== undefined) ind.rule = r.rule;
    if (r.code !== undefined) ind.code = r.code;
  }
  return out;
}

/** The 资金 block in 万元 with one 年度资金总额 line. */
export function budget(b: {
  initial?: string | null;
  adjusted?: string | null;
  executed?: string | null;
  received?: string | null;
  weight?: string | null;
  statedRate?: string | null;
  statedScore?: string | null;
  unit?: Budget['unit'];
}): Budget {
  const initialBudget = b.initial ?? null;
  const adjustedBudget = b.adjusted ?? null;
  const executed = b.executed ?? null;
  return {
    unit: b.unit ?? '万元',
    initialBudget,
    adjustedBudget,
    executed,
    received: b.received ?? null,
    weight: b.weight === undefined ? '10' : b.weight,
    statedRate: b.statedRate ?? null,
    statedScore: b.statedScore ?? null,
    lines: [{ fundSource: 'total', label: '年度资金总额', initialBudget, adjustedBudget, executed }],
  };
}

export function evaluation(e: {
  subject?: Subject;
  title?: string;
  budget?: Budget | null;
  rows?: Row[];
  statedTotal?: string | null;
  statedGrade?: string | null;
  fiscalYear?: number | null;
}): Evaluation {
  return {
    subject: e.subject ?? 'project',
    title: e.title ?? '测试项目',
    unit: '测试单位',
    fiscalYear: e.fiscalYear ?? 2024,
    budget: e.budget ?? null,
    indicators: indicators(e.rows ?? []),
    statedTotal: e.statedTotal ?? null,
    statedGrade: e.statedGrade ?? null,
    sections: [],
    facts: [],
    problems: [],
  };
}

/**
 * A fully spelled-out ruleset for tests: the domain.md defaults (§2.3 adjusted budget, 2 decimals
 * half-up, §4 half-open bands, §2.5 bands 0.8/0.6, 南京 B ±5 加减分, total clamped to [0,100]),
 * independent of the data files so a change there does not move test expectations.
 */
export const TEST_RULESET: Ruleset = {
  id: 'test',
  name: '测试规则',
  jurisdiction: '测试',
  sources: ['N1', 'N2', 'S2'],
  executionRateDenominator: 'adjustedBudget',
  rounding: { decimals: 2, mode: 'halfUp' },
  gradeBands: [
    { grade: 'excellent', min: '90', label: '优', aliases: ['优秀'] },
    { grade: 'good', min: '80', label: '良', aliases: ['良好'] },
    { grade: 'fair', min: '60', label: '中', aliases: ['合格', '一般'] },
    { grade: 'poor', min: '0', label: '差', aliases: ['不合格'] },
  ],
  deviationThreshold: '0.2',
  scoreTolerance: '0.05',
  qualitativeBands: { met: '0.8', partial: '0.6' },
  level1Profile: null,
  caps: { totalByExecutionRate: false, clampTotal: true, bonusMaxAbs: '5' },
  executionFloor: null,
  inflation: { totalAtLeast: '95', executionBelow: '0.8' },
  select: null,
  executionWeight: null,
  weightMode: 'indicator',
  qualitativeLevels: null,
  qualitativeBandEdge: 'halfOpen',
  exactMiss: 'proportional',
  // S0's wordings, as national.json has them
  ruleWordings: [
    { pattern: '符合得(?:对应)?(?:权重分|满分|分值)[，,；;]?否则不得分', method: 'binary', label: '符合得对应权重分，否则不得分', source: 'S0' },
    {
      pattern: '符合得(?:对应)?(?:权重分|满分|分值)[，,；;]?否则(?:按照?|根据)实际情况(?:相应|酌情)?(?:得分|评分|扣分)',
      method: 'judgmentUnlessMet',
      label: '符合得对应权重分，否则按照实际情况相应得分',
      source: 'S0',
    },
  ],
  adjustedTargets: true,
  gradeOn: 'self',
  explanations: { executionBelow: null, monitoringDeviationAbove: null },
};
