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
import { approvedTargetChanged } from './rules/approved-target-changed.ts';

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
  approvedTargetChanged,
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
  return sortBy(findings, (id) => pos.get(id));
}

function sortBy(findings: Finding[], position: (id: string) => number | undefined): Finding[] {
  const n = findings.length;
  if (n < 2) return findings.slice();
  // the sort keys once per finding, not once per comparison
  const rank = new Array<number>(n);
  const at = new Array<number>(n);
  const order = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    const f = findings[k];
    rank[k] = RANK[f.severity];
    at[k] = f.where.indicatorId != null ? position(f.where.indicatorId) ?? f.where.source?.row ?? 1e9 : -1;
    order[k] = k;
  }
  order.sort((a, b) => rank[a] - rank[b] || at[a] - at[b] || a - b);
  const out = new Array<Finding>(n);
  for (let k = 0; k < n; k++) out[k] = findings[order[k]];
  return out;
}

export function check(ev: Evaluation, scored: Scored, ruleset: Ruleset, only?: Rule[]): Finding[] {
  const ctx = new CheckContext(ev, scored, ruleset);
  const out: Finding[] = [];
  for (const rule of only ?? rules) {
    try {
      const found = rule.run(ctx);
      for (let k = 0; k < found.length; k++) out.push(found[k]);
    } catch {
      out.push(broken(rule));
    }
  }
  // (without indicators the old path throws as it always did)
  return ev.indicators ? sortBy(out, (id) => ctx.position(id)) : sortFindings(out, ev);
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
