// T04: a 成本 target is not above the budget. N4 [V] (财预〔2021〕101号): 成本指标 are set within the
// budget (项目预算控制数 is the budget itself at most); domain.md §5.6. A money target under 成本 above
// the table's total funds is an error; amounts compare in 元 (core/money), a bare number is read in the
// table's unit.
import type { Finding } from '../../model/evaluation.ts';
import { parseDec, str } from '../../decimal.ts';
import { toYuan } from '../../money/money.ts';
import { parseValue } from '../../values/parse.ts';
import { leaves, type TargetTable } from '../model.ts';
import { finding, rowName, type TargetRule } from './types.ts';

export const costBudget: TargetRule = {
  id: 'target-cost-budget',
  code: 'T04',
  severity: 'error',
  title: '成本指标高于预算',
  source: 'N4 财预〔2021〕101号：成本指标在预算控制数以内设置；domain.md §5.6',
  run(t: TargetTable): Finding[] {
    const budget = parseDec(t.funds.total);
    if (!budget) return [];
    const cap = toYuan(budget, t.funds.unit);
    const out: Finding[] = [];
    for (const ind of leaves(t)) {
      if (!ind.path.some((p) => /成本/.test(p))) continue;
      const v = parseValue(ind.target);
      if (v.kind !== 'number') continue;
      const unit = v.unit === '元' || v.unit === '万元' ? v.unit : v.unit == null ? t.funds.unit : null;
      if (!unit) continue; // a unit cost (元/人) or a percent is not the project's total
      const amount = toYuan(v.value, unit);
      if (amount.lte(cap)) continue;
      out.push(
        finding(this, {
          indicatorId: ind.id,
          path: ind.path,
          field: 'target',
          cell: '年度指标值',
          message: `成本指标${rowName(ind.path)}的年度指标值 ${str(v.value)}${unit} 高于项目资金 ${str(budget)}${t.funds.unit}`,
          suggestion: '成本指标应在预算控制数以内；预算已调整的，同时调整成本指标',
        }),
      );
    }
    return out;
  },
};
