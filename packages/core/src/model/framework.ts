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

/** A column of the form's indicator table, in the order the form prints them. */
export type FrameworkColumnKey =
  | 'l1' | 'l2' | 'l3' // 一级/二级/三级指标
  | 'core' // 是否核心指标 (重庆)
  | 'operator' // 指标性质 (≥ ≤ = 定性), when the form splits 年度指标值
  | 'target' // 年度指标值 / 年初指标值 / 年初目标值(A) / 指标值
  | 'adjustedTarget' // 调整指标值 (重庆)
  | 'unitOfMeasure' // 度量单位
  | 'actual' // 实际完成值 / 全年完成值
  | 'weight' // 分值 / 权重 / 指标权重
  | 'coefficient' // 得分系数 (重庆)
  | 'score' // 得分 / 自评得分 / 指标得分
  | 'reviewScore' // 财政审核评分 (宁夏)
  | 'weightShare' // 权重占比 (河北)
  | 'deviation' // 偏差原因分析及改进措施 / 未完成原因分析
  | 'description' // 指标说明
  | 'rule' // 评分标准
  | 'basis'; // 评分依据 / 业绩值及评分过程

export interface FrameworkColumn {
  key: FrameworkColumnKey;
  /** the header word the form prints (年初目标值(A), 指标权重 …) */
  label: string;
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
  /** the indicator table's columns as the form prints them; absent: the national form's columns */
  columns?: FrameworkColumn[];
}
