// V18: 结转结余率 and 预决算差异率 computed with another denominator than the standard one.
// 结转结余率 = 结转结余 / 支出预算数 (N7), not / 支出完成数 (L5 variant);
// 预决算差异率 = (决算支出 − 年初预算) / 年初预算 (S1), not / 调整后预算.
import type { Decimal } from '../../decimal.ts';
import type { Finding, StatedFact } from '../../model/evaluation.ts';
import type { CheckContext } from '../context.ts';
import { amount, Facts, label, quote } from '../facts.ts';
import type { Rule } from '../types.ts';
import { agreesAsWritten, pct } from '../text.ts';

interface Way {
  label: string;
  rate: Decimal;
  how: string;
}

export const rateDenominator: Rule = {
  id: 'rate-denominator',
  code: 'V18',
  severity: 'warning',
  title: '比率分母口径不一致',
  source: 'N7; L5; S1',
  run(ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    const facts = new Facts(ctx.ev);
    if (facts.all.length === 0) return out;
    const budget = facts.find('adjustedBudget') ?? facts.find('initialBudget');
    const initial = facts.find('initialBudget');
    const adjusted = facts.find('adjustedBudget');
    const spent = facts.find('finalExpenditure') ?? facts.find('expenditure');

    const judge = (claim: StatedFact, name: string, standard: Way | null, other: Way | null) => {
      const c = facts.percent(claim)?.abs();
      if (!c || !standard) return;
      if (agreesAsWritten(c.toString(), standard.rate)) return;
      const matchesOther = other && agreesAsWritten(c.toString(), other.rate);
      out.push(
        ctx.finding(this, {
          field: 'facts',
          source: claim.source,
          message: matchesOther
            ? `报告正文${quote(claim)}是以${other!.label}为分母算出的（${other!.how}），规定口径以${standard.label}为分母：${standard.how}`
            : `报告正文${quote(claim)}与按规定口径计算的${name}不符：${standard.how}`,
          suggestion: `${name}按规定口径计算，以${standard.label}为分母，应为${pct(standard.rate)}`,
        }),
      );
    };

    const cr = facts.find('carryoverRate');
    const carry = facts.find('carryover');
    const cy = facts.yuan(carry);
    if (cr && carry && cy) {
      const way = (den: StatedFact | undefined, basis: string): Way | null => {
        const d = facts.yuan(den);
        if (!den || !d || d.isZero()) return null;
        const rate = cy.dividedBy(d).times(100);
        return { label: basis, rate, how: `${label(carry)}${amount(facts, carry)} ÷ ${label(den)}${amount(facts, den)} = ${pct(rate)}` };
      };
      judge(cr, '结转结余率', way(budget, '支出预算数'), way(spent, '支出完成数'));
    }

    const dr = facts.find('differenceRate');
    const sy = facts.yuan(spent);
    if (dr && spent && sy) {
      const way = (den: StatedFact | undefined, basis: string): Way | null => {
        const d = facts.yuan(den);
        if (!den || !d || d.isZero()) return null;
        const rate = sy.minus(d).dividedBy(d).times(100).abs();
        return { label: basis, rate, how: `|${label(spent)}${amount(facts, spent)} − ${label(den)}${amount(facts, den)}| ÷ ${label(den)} = ${pct(rate)}` };
      };
      judge(dr, '预决算差异率', way(initial, '年初预算数'), way(adjusted, '调整后预算数'));
    }
    return out;
  },
};
