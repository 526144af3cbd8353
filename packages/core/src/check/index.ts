// Placeholder until the checks land.
import type { Evaluation, Finding, Scored } from '../model/evaluation.ts';
import type { Ruleset } from '../model/ruleset.ts';

export function check(_ev: Evaluation, _scored: Scored, _ruleset: Ruleset): Finding[] {
  return [];
}
