// A jurisdiction's scoring settings (评分规则). Data, not code: see core/rulesets/*.json.
import type { Dec, Grade, Subject } from './evaluation.ts';

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
  /** what 执行率 divides by; 'adjustedWithCarryover' is the adjusted budget including 上年结转 (湖北 20/80 form) */
  executionRateDenominator: 'adjustedBudget' | 'initialBudget' | 'received' | 'adjustedWithCarryover';
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

  // ---- the settings below have defaults (national behaviour, see rulesets/validate.ts) and are
  // always present on a loaded ruleset; a data file writes only those it changes.

  /** the 资金 block's 分值 when the document leaves it blank (湖北 20/80 form: 20, printed in the block's heading) */
  executionWeight: Dec | null;
  /** the ruleset this file changes (its id): the file then holds only what differs from it */
  extends?: string;
  /** where reports under this ruleset come from, and which form marks it (see rulesets/select.ts) */
  select: RulesetSelect | null;
  /** how weights are given: per indicator (分值 column), per section only (湖北 20/80: no 分值
   *  column, the stated scores are kept and checked against the section's points), or not at all
   *  (湖南 专项资金 form: nothing is scored, no grade) */
  weightMode: 'indicator' | 'section' | 'none';
  /** a graded scale instead of 达成/部分达成/未达成 (四川 优良中低差): a word's share of the weight */
  qualitativeLevels: { word: string; share: Dec }[] | null;
  /** the 部分达成 band [partial, met): 'halfOpen' (N1 "60%–<80%": a stated score at or above
   *  met × w is lowered to one rounding step below it) or 'closed' (met × w itself is allowed) */
  qualitativeBandEdge: 'halfOpen' | 'closed';
  /** an "=" target missed: 'proportional' (w × (1 − |a−t|/t), a convention the sources do not
   *  state) or 'judgment' (the sources only say what full marks are: keep the stated score) */
  exactMiss: 'proportional' | 'judgment';
  /** rule wordings (评分标准) that decide how a row is scored, matched on the row's rule text */
  ruleWordings: RuleWording[];
  /** score against 调整指标值 when a row states one (重庆) */
  adjustedTargets: boolean;
  /** which score the total and grade use when a form carries both (宁夏 财政审核评分) */
  gradeOn: 'self' | 'review';
  /** a project spread over several units rolled up into one before scoring (rulesets/rollup.ts):
   *  absolute values are summed; rates and qualitative scores are 'fundWeighted' (averaged with each
   *  unit's fund amount as weight, 湖北 20/80 footnotes 2–3) or 'mean' (a plain mean: the national
   *  sources are silent, the default). Absent: 'mean'. */
  rollUp?: 'fundWeighted' | 'mean';
  /** explanations the form requires */
  explanations: {
    /** 执行率 below this needs a reason in the 资金 block (四川: 0.9) */
    executionBelow: Dec | null;
    /** 1–7月 monitoring: a 数量 indicator's stage value deviating more than this needs a reason (吉林: 0.3) */
    monitoringDeviationAbove: Dec | null;
  };
}

export interface RuleWording {
  /** regular expression on the row's 评分标准 text */
  pattern: string;
  /** binary: full weight when met, else 0; judgmentUnlessMet: full when met, else the evaluator's
   *  score is kept (按实际情况相应得分); proportional: the usual ratio (按相应比例扣分) */
  method: 'binary' | 'judgmentUnlessMet' | 'proportional';
  /** the wording as the form prints it, shown in the trace */
  label: string;
  source: string;
}

export interface RulesetSelect {
  /** place names (省, 市, 区县) whose mention in the title, unit or 主管部门 selects the ruleset */
  places: string[];
  subject?: Subject;
  /** the 资金 block's 分值 on this form (湖北 20/80: "20") */
  budgetWeight?: Dec;
  /** words only this form prints (e.g. 得分系数, 财政审核评分) */
  markers?: string[];
  /** fiscal years the form was used, inclusive */
  years?: [number, number];
  /** the form (budgetWeight / markers) selects the ruleset even where no place of it is named */
  formAlone?: boolean;
  /** the form has neither 分值 nor 得分 anywhere (湖南 专项资金 自评表) */
  unscored?: boolean;
  /** the lower, the earlier it is tried (a city's ruleset before its province's) */
  priority?: number;
}
