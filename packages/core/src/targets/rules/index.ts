// The checks reviewers apply to a target table (绩效目标审核), each in its own module with its source.
import type { Finding } from '../../model/evaluation.ts';
import type { TargetTable } from '../model.ts';
import { categories } from './categories.ts';
import { measurable } from './measurable.ts';
import { weights } from './weights.ts';
import { costBudget } from './cost-budget.ts';
import type { TargetRule } from './types.ts';

export type { TargetRule } from './types.ts';
export const targetRules: TargetRule[] = [categories, measurable, weights, costBudget];

const RANK = { error: 0, warning: 1, info: 2 } as const;

/** Every target check over one table, errors first. */
export function checkTargets(t: TargetTable): Finding[] {
  const out: Finding[] = [];
  for (const r of targetRules) out.push(...r.run(t));
  return out.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}
