// Checks (domain.md §8): one small module per rule in ./rules, run over one evaluation; findings
// sorted errors first, then by row. checkSet() runs the rules that compare several evaluations.
import type { Evaluation, Finding, Scored, Severity } from '../model/evaluation.ts';
import type { Ruleset } from '../model/ruleset.ts';
import { CheckContext } from './context.ts';
import type { Rule, SetRule } from './types.ts';
import { weightsSum } from './rules/weights-sum.ts';
import { scoreRange } from './rules/score-range.ts';
import { totalMismatch } from './rules/total-mismatch.ts';
import { executionRate } from './rules/execution-rate.ts';
import { weightsProfile } from './rules/weights-profile.ts';
import { rateClaim } from './rules/rate-claim.ts';
import { unitMix } from './rules/unit-mix.ts';
import { actualNotMeasured } from './rules/actual-not-measured.ts';
import { targetTooLow } from './rules/target-too-low.ts';
import { deviationMissing } from './rules/deviation-missing.ts';
import { qualitativeBand } from './rules/qualitative-band.ts';
import { costUnderspendPenalty } from './rules/cost-underspend-penalty.ts';
import { scoreInflation } from './rules/score-inflation.ts';
import { unmeasurableIndicators } from './rules/unmeasurable-indicators.ts';
import { gradeMismatch } from './rules/grade-mismatch.ts';
import { textActualFullScore } from './rules/text-actual-full-score.ts';
import { valueTypo } from './rules/value-typo.ts';
import { templateGap } from './rules/template-gap.ts';
import { rateDenominator } from './rules/rate-denominator.ts';
import { satisfactionEvidence } from './rules/satisfaction-evidence.ts';
import { conflictingScores } from './rules/conflicting-scores.ts';

export type { Rule, SetRule } from './types.ts';
export { CheckContext } from './context.ts';

/** Every per-evaluation rule, in domain.md §8 order. */
export const rules: Rule[] = [
  weightsSum,
  scoreRange,
  totalMismatch,
  executionRate,
  weightsProfile,
  rateClaim,
  unitMix,
  actualNotMeasured,
  targetTooLow,
  deviationMissing,
  qualitativeBand,
  costUnderspendPenalty,
  scoreInflation,
  unmeasurableIndicators,
  gradeMismatch,
  textActualFullScore,
  valueTypo,
  templateGap,
  rateDenominator,
  satisfactionEvidence,
];

/** Rules over several evaluations of one file. */
export const setRules: SetRule[] = [conflictingScores];

export function getRule(id: string): Rule | SetRule | undefined {
  return rules.find((r) => r.id === id) ?? setRules.find((r) => r.id === id);
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function broken(rule: Rule | SetRule): Finding {
  return {
    rule: rule.id,
    code: rule.code,
    severity: 'info',
    message: `检查“${rule.title}”未能完成（内部错误），其余检查不受影响`,
    suggestion: '请把该文件反馈给维护人员',
    where: {},
  };
}

/** Errors first, then warnings, then infos; within a severity evaluation-level findings, then by row. */
export function sortFindings(findings: Finding[], ev?: Evaluation): Finding[] {
  const pos = new Map<string, number>();
  ev?.indicators.forEach((i, k) => pos.set(i.id, k));
  const at = (f: Finding) => (f.where.indicatorId != null ? pos.get(f.where.indicatorId) ?? f.where.source?.row ?? 1e9 : -1);
  return findings
    .map((f, k) => ({ f, k }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || at(a.f) - at(b.f) || a.k - b.k)
    .map((x) => x.f);
}

export function check(ev: Evaluation, scored: Scored, ruleset: Ruleset, only?: Rule[]): Finding[] {
  const ctx = new CheckContext(ev, scored, ruleset);
  const out: Finding[] = [];
  for (const rule of only ?? rules) {
    try {
      out.push(...rule.run(ctx));
    } catch {
      out.push(broken(rule));
    }
  }
  return sortFindings(out, ev);
}

/** Checks across the evaluations found in one file (e.g. the same project in two tables). */
export function checkSet(items: { evaluation: Evaluation; scored: Scored }[], ruleset?: Ruleset): Finding[] {
  const out: Finding[] = [];
  for (const rule of setRules) {
    try {
      out.push(...rule.run(items, ruleset));
    } catch {
      out.push(broken(rule));
    }
  }
  return sortFindings(out);
}
