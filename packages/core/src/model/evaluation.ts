// The evaluation model (绩效自评). Names follow docs/glossary.md.
// Every money amount, rate, weight and score is an exact decimal carried as a string
// ("89.23"); arithmetic happens through core/decimal (decimal.js), never on JS numbers.

/** An exact decimal written as a string, e.g. "1160", "89.23", "-0.5". */
export type Dec = string;

export type Subject = 'project' | 'department';
export type MoneyUnit = '元' | '万元';
export type FundSource = 'total' | 'appropriation' | 'carryover' | 'other';
export type ValueType = 'quantitative' | 'qualitative';
export type Direction = 'positive' | 'reverse' | 'exact';
export type Severity = 'error' | 'warning' | 'info';
export type Grade = 'excellent' | 'good' | 'fair' | 'poor';
export type Status = 'draft' | 'submitted' | 'returned' | 'approved' | 'published';

/** Where something came from in a source document. All fields optional; 1-based. */
export interface SourceRef {
  file?: string;
  /** page of a PDF (or page marker seen in text) */
  page?: number;
  /** index of the table in the document, 1-based */
  table?: number;
  /** row inside that table, 1-based (header rows included) */
  row?: number;
  /** column inside that table, 1-based */
  column?: number;
  /** line of a text file, 1-based */
  line?: number;
}

/** One line of the 资金 block: one fund source. Amounts are in `Budget.unit` as stated. */
export interface BudgetLine {
  fundSource: FundSource;
  label: string;
  initialBudget: Dec | null; // 年初预算数
  adjustedBudget: Dec | null; // 全年预算数
  executed: Dec | null; // 全年执行数
  source?: SourceRef;
}

/**
 * The 资金 block (项目资金 / 年度资金总额). Amounts are kept in the unit the document
 * states (`unit`, 万元 on the forms); core/money normalises to 元 when comparing.
 */
export interface Budget {
  unit: MoneyUnit;
  initialBudget: Dec | null;
  adjustedBudget: Dec | null;
  executed: Dec | null;
  /** funds actually received (实际到位资金), when stated; a possible rate denominator */
  received?: Dec | null;
  /** 分值 of budget execution (10 on the national form) */
  weight: Dec | null;
  /** 执行率 as the document states it, in percent ("89.23" for 89.23%) */
  statedRate: Dec | null;
  /** 得分 as the document states it */
  statedScore: Dec | null;
  /** 原因 of the 资金 block (四川: required when 执行率 < 90%) */
  explanation?: string | null;
  /** one line per fund source; the first is normally 'total' (年度资金总额) */
  lines: BudgetLine[];
  source?: SourceRef;
}

/** A node of the indicator tree. Evaluation.indicators is the tree in pre-order. */
export interface Indicator {
  /** stable within the evaluation: "1", "1.2", "1.2.3" (position in the tree) */
  id: string;
  /** id of the parent node, null for level 1 */
  parentId: string | null;
  /** 1 = 一级, 2 = 二级, 3 = 三级 … */
  level: number;
  /** names from level 1 down to this node, this node's name last */
  path: string[];
  name: string;
  /** code printed before the name in some templates (A41, B13 …) */
  code?: string | null;
  description?: string | null; // 指标说明
  rule?: string | null; // 评分标准 / 评价要点及评分规则
  target: string | null; // 年度指标值 as written
  actual: string | null; // 实际完成值 as written
  unitOfMeasure?: string | null; // 计量单位 when a separate column
  valueType?: ValueType | null;
  direction?: Direction | null;
  weight: Dec | null; // 分值 as stated
  statedScore: Dec | null; // 得分 as stated
  basis?: string | null; // 评分依据 / 业绩值及评分过程
  /** 调整指标值 (重庆): scored instead of `target` when the ruleset says so and it is filled */
  adjustedTarget?: string | null;
  /** 得分系数 (重庆), a percentage of the weight ("95" or "95%"): score = 系数 × 分值, at most 100% */
  coefficient?: string | null;
  /** 是否核心指标 (重庆) */
  core?: boolean | null;
  /** 权重占比 (河北 成安): the row's score is rescaled, 折算得分 = 得分 × 占比 */
  weightShare?: string | null;
  /** 财政审核评分 / 复核分 beside the self score (宁夏) */
  reviewScore?: Dec | null;
  deviation?: string | null; // 偏差原因分析及改进措施
  /** 'bonus' = 加减分 item (南京 F); 'execution' = budget execution scored as an indicator */
  kind?: 'normal' | 'bonus' | 'execution';
  /** recognition notes on this row, e.g. "分值由合计推断" */
  notes?: string[];
  source?: SourceRef;
}

/** A money amount or rate the prose states (e.g. "本年度支出 2549431.21 万元"). */
export interface StatedFact {
  /** what it is: income, expenditure, initialIncomeBudget, initialExpenditureBudget,
   *  finalIncome, finalExpenditure, executionRate, carryover, threePublic … */
  key: string;
  label: string;
  value: Dec;
  unit: MoneyUnit | '%';
  text: string;
  source?: SourceRef;
}

export interface Section {
  /** heading as written, e.g. "一、部门（单位）概况" */
  heading: string;
  /** normalised key: overview, finance, goals, conclusion, achievements, problems,
   *  suggestions, process, other … (see core/model/sections.ts) */
  key?: string;
  text: string;
}

/** Something recognition could not place; never dropped silently. */
export interface Problem {
  message: string;
  severity?: Severity;
  source?: SourceRef;
  text?: string;
}

export interface Evaluation {
  subject: Subject;
  /** 项目名称, or the unit's name + 整体支出 for a department */
  title: string;
  /** 填报单位 / 实施单位 */
  unit: string | null;
  /** 主管部门 */
  parentUnit?: string | null;
  fiscalYear: number | null;
  /** framework id, when known or matched */
  framework?: string | null;
  manager?: string | null; // 项目负责人
  phone?: string | null; // 联系电话
  budget: Budget | null;
  /** 年度总体目标: 预期目标 / 实际完成情况 */
  goals?: { expected: string | null; actual: string | null } | null;
  indicators: Indicator[];
  statedTotal: Dec | null;
  /** grade as the document states it (优秀, 良, …) */
  statedGrade: string | null;
  sections: Section[];
  facts: StatedFact[];
  /** recognition problems that belong to this evaluation */
  problems: Problem[];
  /** the table was read only in part (cut off, no 总分 row): its sums are not checked */
  incomplete?: boolean;
  /** the approved target table this self-evaluation started from (core/targets): each row's
   *  年度指标值 as approved; a target changed since is a finding (与批复目标不一致) */
  approvedTargets?: ApprovedTargets | null;
  source?: SourceRef;
}

/** The approved targets an evaluation started from: the table's id and version, and the rows. */
export interface ApprovedTargets {
  tableId: number | string;
  version: number;
  rows: { id: string; path: string[]; target: string | null }[];
}

/** One step-by-step account of how a score was obtained, in Chinese. */
export type Trace = string;

export interface IndicatorResult {
  id: string;
  /** computed score, null when nothing could be computed */
  score: Dec | null;
  trace: Trace;
  /** which rule produced it: execution, positive, reverse, exact, qualitative,
   *  judgment, deadline, bonus, sum, stated */
  method: string;
}

export interface Where {
  file?: string;
  /** indicator id and path when the finding is about a row */
  indicatorId?: string;
  path?: string[];
  /** which cell: weight, statedScore, target, actual, deviation, basis, budget.executed … */
  field?: string;
  /** Chinese name of the cell, e.g. "得分" */
  cell?: string;
  source?: SourceRef;
  /** findings across evaluations (checkSet): 0-based index of the evaluation in its file */
  evaluationIndex?: number;
}

export interface Finding {
  /** stable slug, e.g. 'weights-sum' */
  rule: string;
  /** the domain-spec id, e.g. 'V01' */
  code: string;
  severity: Severity;
  message: string;
  suggestion: string;
  where: Where;
}

export interface Scored {
  indicators: IndicatorResult[];
  budget: { rate: Dec | null; score: Dec | null; trace: Trace } | null;
  total: Dec | null;
  /** total before rounding/caps, for the record */
  rawTotal: Dec | null;
  grade: Grade | null;
  gradeLabel: string | null;
  totalTrace: Trace;
}
