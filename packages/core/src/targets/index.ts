// The performance cycle on one indicator tree: target tables (申报、审核、批复), their checks, the
// indicator library, and the self-evaluation started from approved targets.
export * from './model.ts';
export { checkTargets, targetRules, type TargetRule } from './rules/index.ts';
export { evaluationFromTargets } from './self-evaluation.ts';
export { buildLibrary, searchLibrary, type LibraryEntry } from './library.ts';
export * from '../monitoring/model.ts';
export * from '../monitoring/settings.ts';
export * from '../monitoring/lights.ts';
export * from '../rectification/model.ts';
export * from './workflow.ts';
