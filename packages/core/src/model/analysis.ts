// What analyze() returns and toJson() shapes: an evaluation with its ruleset, scores and findings.
// Its own module so that analyze.ts and json.ts both use it without importing each other.
import type { Evaluation, Finding, Scored } from './evaluation.ts';
import type { Ruleset } from './ruleset.ts';

export interface Analysis {
  evaluation: Evaluation;
  ruleset: Ruleset;
  /** why this ruleset (rulesets/select.ts) */
  rulesetReason: string;
  scored: Scored;
  findings: Finding[];
}
