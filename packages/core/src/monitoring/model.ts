// A monitoring round (绩效运行监控, "双监控": budget execution and target achievement) on an approved
// target table: per indicator the period's 执行情况, the 全年预计完成情况, the 偏差原因 and the
// 完成目标可能性; for the funds the 全年预算数, what is executed to date and the expected year end.
// domain.md §7 (N5 annex [R]: the monitoring table; L8: the periods).
import type { Dec, MoneyUnit } from '../model/evaluation.ts';

export const CAUSES = ['经费保障', '制度保障', '人员保障', '硬件条件保障', '其他'] as const;
export type Cause = (typeof CAUSES)[number];
export const LIKELIHOODS = ['确定能', '有可能', '完全不可能'] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];

export interface MonitoringRow {
  indicatorId: string;
  /** 1–7月执行情况 (the period's actual, as written: "32个", "完成招标") */
  progress: string | null;
  /** 全年预计完成情况 */
  expected: string | null;
  cause: Cause | null;
  /** 原因说明 / 纠偏措施 */
  note: string | null;
  likelihood: Likelihood | null;
}

export interface MonitoringFunds {
  unit: MoneyUnit;
  /** 全年预算数 */
  annualBudget: Dec | null;
  /** executed to date (1–7月执行数) */
  executed: Dec | null;
  /** 全年预计执行数 */
  expectedYearEnd: Dec | null;
  note?: string | null;
}

export interface MonitoringRound {
  /** months covered, 1–7 by default (configurable per round) */
  period: { from: number; to: number };
  funds: MonitoringFunds;
  rows: MonitoringRow[];
}

export const periodLabel = (p: { from: number; to: number }) => `${p.from}–${p.to}月`;
