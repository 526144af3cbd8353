// A reusable indicator tree (指标体系 / 评分表模板). Data, not code: see core/frameworks/*.json.
import type { Dec, Direction, Subject, ValueType } from './evaluation.ts';

/** How one framework indicator is scored. */
export type ScoringMethod =
  | 'ratio' // positive/reverse/exact from target and actual (§2.4)
  | 'qualitative' // 达成/部分达成/未达成 bands (§2.5)
  | 'judgment' // the evaluator's score is kept within [0, weight]
  | 'binary' // 符合得对应权重分，否则不得分
  | 'bonus' // 加减分, capped (南京 F)
  | 'execution'; // budget execution rate × weight

export interface FrameworkIndicator {
  path: string[];
  code?: string;
  weight: Dec | null;
  valueType?: ValueType;
  direction?: Direction;
  method?: ScoringMethod;
  description?: string;
  rule?: string;
  /** other names documents use for this node */
  aliases?: string[];
  /** 标准值 the template fixes for this row (南京 得分表), when it states one */
  target?: string;
  /** a row the unit names itself (项目自定的三级指标): matches any name in its place */
  placeholder?: boolean;
}

export interface Framework {
  id: string;
  name: string;
  subject: Subject;
  jurisdiction: string;
  year?: number | null;
  /** documents and seeds it follows, with domain.md ids */
  sources: string[];
  /** default ruleset id */
  ruleset: string;
  /** weight of the 资金 block's execution score, when the form has one */
  budgetWeight: Dec | null;
  /** flat pre-order list; upper levels carry their weights where the form states them */
  indicators: FrameworkIndicator[];
}
