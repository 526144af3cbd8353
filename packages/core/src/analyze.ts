// The pure pipeline after recognition: score, then check. Same code in browser, server and CLI.
import type { Evaluation, Finding, Scored } from './model/evaluation.ts';
import type { Ruleset } from './model/ruleset.ts';
import { score } from './score/index.ts';
import { check } from './check/index.ts';
import { getRuleset, NATIONAL } from './rulesets/index.ts';
import { toJson, type EvaluationJson } from './model/json.ts';

export interface Analysis {
  evaluation: Evaluation;
  ruleset: Ruleset;
  scored: Scored;
  findings: Finding[];
}

export function analyze(evaluation: Evaluation, ruleset?: Ruleset | string): Analysis {
  const rs = typeof ruleset === 'string' ? getRuleset(ruleset) ?? NATIONAL : ruleset ?? NATIONAL;
  const scored = score(evaluation, rs);
  const findings = check(evaluation, scored, rs);
  return { evaluation, ruleset: rs, scored, findings };
}

/** analyze() and shape the result as `jixiao check --json` prints one evaluation. */
export function analyzeToJson(evaluation: Evaluation, ruleset?: Ruleset | string): EvaluationJson {
  return toJson(analyze(evaluation, ruleset));
}
