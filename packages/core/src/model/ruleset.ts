// A jurisdiction's scoring settings (评分规则). Data, not code: see core/rulesets/*.json.
import type { Dec, Grade } from './evaluation.ts';

export interface GradeBand {
  grade: Grade;
  /** inclusive lower bound of the half-open band [min, next band's min) */
  min: Dec;
  /** label used in documents: 优 / 良 / 中 / 差 */
  label: string;
  /** other ways documents write it: 优秀, 良好, 合格, 一般, 不合格 … */
  aliases: string[];
}

export interface Ruleset {
  id: string;
  name: string;
  jurisdiction: string;
  year?: number | null;
  /** where each setting comes from (domain.md source ids and documents) */
  sources: string[];
  /** what 执行率 divides by */
  executionRateDenominator: 'adjustedBudget' | 'initialBudget' | 'received';
  /** decimals and mode of computed scores */
  rounding: { decimals: number; mode: 'halfUp' | 'truncate' };
  gradeBands: GradeBand[];
  /** 偏离度 above which an over-achievement needs an explanation (0.2 = 20%) */
  deviationThreshold: Dec;
  /** |stated − computed| above this is reported (0.05) */
  scoreTolerance: Dec;
  /** qualitative bands as shares of the weight: 达成 ≥ met, 部分达成 ≥ partial */
  qualitativeBands: { met: Dec; partial: Dec };
  /** expected 一级 weights for 自评 (e.g. 产出 50, 效益 30, 满意度 10, 预算执行率 10); null = no profile */
  level1Profile: { name: string; weight: Dec }[] | null;
  caps: {
    /** the total may not exceed 执行率 × 100 (some jurisdictions) */
    totalByExecutionRate: boolean;
    /** clamp the displayed total to [0, 100] */
    clampTotal: boolean;
    /** largest |加减分| (南京 F: 5) */
    bonusMaxAbs: Dec | null;
  };
  /** a fixed deduction when the execution rate is below a floor (南京外办: 3 points below 90%) */
  executionFloor?: { rate: Dec; deduction: Dec } | null;
  /** score inflation (V12): total at or above this with execution below `executionBelow` */
  inflation: { totalAtLeast: Dec; executionBelow: Dec };
}
