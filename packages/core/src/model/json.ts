// The JSON shape of one analysed evaluation: what `jixiao check --json` prints, what the API
// sends and stores, what renderers and the web UI consume. Computed fields sit beside the stated ones.
import type { Budget, Dec, Evaluation, Finding, Grade, Indicator } from './evaluation.ts';
import type { Analysis } from './analysis.ts';

export interface IndicatorJson extends Indicator {
  score: Dec | null;
  trace: string;
  method: string;
}

export interface BudgetJson extends Budget {
  /** computed 执行率 in percent, 2 decimals ("89.23") */
  rate: Dec | null;
  score: Dec | null;
  trace: string;
}

export interface EvaluationJson extends Omit<Evaluation, 'indicators' | 'budget'> {
  indicators: IndicatorJson[];
  budget: BudgetJson | null;
  total: Dec | null;
  rawTotal: Dec | null;
  grade: Grade | null;
  gradeLabel: string | null;
  totalTrace: string;
  ruleset: string;
  /** why that ruleset: "按湖北省 20/80 表评分：标题含「湖北」" */
  rulesetReason: string;
  findings: Finding[];
}

export function toJson(a: Analysis): EvaluationJson {
  const byId = new Map(a.scored.indicators.map((r) => [r.id, r]));
  return {
    ...a.evaluation,
    budget: a.evaluation.budget
      ? {
          ...a.evaluation.budget,
          rate: a.scored.budget?.rate ?? null,
          score: a.scored.budget?.score ?? null,
          trace: a.scored.budget?.trace ?? '',
        }
      : null,
    indicators: a.evaluation.indicators.map((i) => {
      const r = byId.get(i.id);
      return { ...i, score: r?.score ?? null, trace: r?.trace ?? '', method: r?.method ?? 'stated' };
    }),
    total: a.scored.total,
    rawTotal: a.scored.rawTotal,
    grade: a.scored.grade,
    gradeLabel: a.scored.gradeLabel,
    totalTrace: a.scored.totalTrace,
    ruleset: a.ruleset.id,
    rulesetReason: a.rulesetReason,
    findings: a.findings,
  };
}

const COMPUTED = ['total', 'rawTotal', 'grade', 'gradeLabel', 'totalTrace', 'ruleset', 'rulesetReason', 'findings'] as const;

/** Strip computed fields: an EvaluationJson (or a saved one) back to the Evaluation it came from. */
export function fromJson(j: EvaluationJson | Evaluation): Evaluation {
  const e: Record<string, unknown> = { ...j };
  for (const k of COMPUTED) delete e[k];
  const budget = (j as EvaluationJson).budget;
  if (budget) {
    const { rate: _r, score: _s, trace: _t, ...b } = budget as BudgetJson;
    e.budget = b;
  }
  e.indicators = j.indicators.map((i) => {
    const { score: _s, trace: _t, method: _m, ...rest } = i as IndicatorJson;
    return rest;
  });
  e.sections ??= [];
  e.facts ??= [];
  e.problems ??= [];
  return e as unknown as Evaluation;
}
