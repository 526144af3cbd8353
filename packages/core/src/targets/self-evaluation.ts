// Self-evaluation from the approved targets (domain.md §7 绩效自评: "actuals are filled against the
// targets approved at year start", N2 [V]): the evaluation starts with the approved tree, weights and
// 年度指标值, and keeps a copy of the approved rows so that a target changed later is a finding
// (check rule approved-target-changed).
import type { BudgetLine, Evaluation } from '../model/evaluation.ts';
import type { TargetTable } from './model.ts';

export function evaluationFromTargets(t: TargetTable, approved: { tableId: number | string; version: number }): Evaluation {
  const total = t.funds.total;
  const lines: BudgetLine[] = [{ fundSource: 'total', label: '年度资金总额', initialBudget: total, adjustedBudget: total, executed: null }];
  if (t.funds.appropriation != null) {
    lines.push({ fundSource: 'appropriation', label: '其中：当年财政拨款', initialBudget: t.funds.appropriation, adjustedBudget: t.funds.appropriation, executed: null });
  }
  if (t.funds.other != null) {
    lines.push({ fundSource: 'other', label: '其他资金', initialBudget: t.funds.other, adjustedBudget: t.funds.other, executed: null });
  }
  const indicators = t.indicators.map((i) => ({ ...structuredClone(i), actual: null, statedScore: null, deviation: null, basis: null }));
  return {
    subject: t.subject,
    title: t.title,
    unit: t.unit,
    parentUnit: t.parentUnit,
    fiscalYear: t.fiscalYear,
    budget: {
      unit: t.funds.unit,
      initialBudget: total,
      adjustedBudget: total,
      executed: null,
      weight: t.executionWeight,
      statedRate: null,
      statedScore: null,
      lines,
    },
    goals: { expected: t.goals.annual, actual: null },
    indicators,
    statedTotal: null,
    statedGrade: null,
    sections: [],
    facts: [],
    problems: [],
    approvedTargets: {
      tableId: approved.tableId,
      version: approved.version,
      rows: t.indicators.map((i) => ({ id: i.id, path: [...i.path], target: i.target })),
    },
  };
}
