// One check = one small module (after Beancount's validations): an id, a severity, the rule it
// enforces with its domain.md source, and a function from one evaluation to findings.
import type { Evaluation, Finding, Scored, Severity } from '../model/evaluation.ts';
import type { Ruleset } from '../model/ruleset.ts';
import type { CheckContext } from './context.ts';

export interface Rule {
  /** stable slug, e.g. 'weights-sum' */
  id: string;
  /** domain.md §8 id, e.g. 'V01' */
  code: string;
  /** default severity; a rule may lower it for a sub-case (V03, V07) */
  severity: Severity;
  /** what it checks, in Chinese */
  title: string;
  /** domain.md source ids, e.g. 'N2; S1' */
  source: string;
  run(ctx: CheckContext): Finding[];
}

/** A check across several evaluations of one file (e.g. the same project scored twice). */
export interface SetRule {
  id: string;
  code: string;
  severity: Severity;
  title: string;
  source: string;
  run(items: { evaluation: Evaluation; scored: Scored }[], ruleset?: Ruleset): Finding[];
}
