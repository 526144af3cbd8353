// The pure pipeline after recognition: score, then check. Same code in browser, server and CLI.
import type { Evaluation } from './model/evaluation.ts';
import type { Ruleset } from './model/ruleset.ts';
import type { Analysis } from './model/analysis.ts';
import { score } from './score/index.ts';
import { check } from './check/index.ts';
import { rulesetFor, type ChooseOptions } from './rulesets/index.ts';
import { toJson, type EvaluationJson } from './model/json.ts';

export type { Analysis };

/** Score and check `evaluation` by `ruleset`, or when none is named by the ruleset of where it comes from. */
export function analyze(evaluation: Evaluation, ruleset?: Ruleset | string | null, opts?: ChooseOptions): Analysis {
  const choice = rulesetFor(evaluation, ruleset, opts);
  const rs = choice.ruleset;
  const scored = score(evaluation, rs);
  const findings = check(evaluation, scored, rs);
  return { evaluation, ruleset: rs, rulesetReason: choice.reason, scored, findings };
}

/** analyze() and shape the result as `jixiao check --json` prints one evaluation. */
export function analyzeToJson(evaluation: Evaluation, ruleset?: Ruleset | string | null, opts?: ChooseOptions): EvaluationJson {
  return toJson(analyze(evaluation, ruleset, opts));
}
