// Placeholder until the rulesets land: one national default.
import type { Ruleset } from '../model/ruleset.ts';

export const NATIONAL: Ruleset = {
  id: 'national',
  name: '全国默认（财预〔2020〕10号）',
  jurisdiction: '全国',
  sources: ['N1', 'N2'],
  executionRateDenominator: 'adjustedBudget',
  rounding: { decimals: 2, mode: 'halfUp' },
  gradeBands: [
    { grade: 'excellent', min: '90', label: '优', aliases: ['优秀'] },
    { grade: 'good', min: '80', label: '良', aliases: ['良好'] },
    { grade: 'fair', min: '60', label: '中', aliases: ['合格', '一般'] },
    { grade: 'poor', min: '0', label: '差', aliases: ['不合格'] },
  ],
  deviationThreshold: '0.2',
  scoreTolerance: '0.05',
  qualitativeBands: { met: '0.8', partial: '0.6' },
  level1Profile: null,
  caps: { totalByExecutionRate: false, clampTotal: true, bonusMaxAbs: '5' },
  inflation: { totalAtLeast: '95', executionBelow: '0.8' },
};

export const rulesets: Ruleset[] = [NATIONAL];

export function getRuleset(id: string): Ruleset | undefined {
  return rulesets.find((r) => r.id === id);
}
