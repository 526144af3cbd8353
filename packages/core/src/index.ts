export * from './model/evaluation.ts';
export * from './model/ruleset.ts';
export * from './model/framework.ts';
export * from './model/json.ts';
export * from './model/findings.ts';
export * from './decimal.ts';
export * from './money/money.ts';
export * from './values/types.ts';
export { analyze, analyzeToJson, type Analysis } from './analyze.ts';
export { score } from './score/index.ts';
export { check, checkSet, rules as checkRules, setRules as checkSetRules } from './check/index.ts';
export { rulesets, getRuleset, NATIONAL } from './rulesets/index.ts';
export { rollUp, type RollUp, type RollUpPart } from './rulesets/rollup.ts';
export {
  describeRuleset,
  validateRuleset,
  DataFileError,
  DENOMINATOR_LABEL,
} from './rulesets/index.ts';
export {
  frameworks,
  getFramework,
  matchFramework,
  frameworkMethodFor,
  newEvaluationFromFramework,
  carryForward,
  normalizeName,
} from './frameworks/index.ts';
export * from './model/tree.ts';
export * from './model/report.ts';
export * from './workflow/index.ts';
export * from './targets/index.ts';
