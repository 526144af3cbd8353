// V02b: 总分 = Σ得分 (incl. 预算执行率得分 and 加减分); an upper row's 得分 = Σ its children's.
import { numText, roundScaled, sumNums, type Num } from '../../score/util.ts';
import type { Finding } from '../../model/evaluation.ts';
import type { CheckContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { dec, decimalsOf, num, row } from '../text.ts';

/** scores are written to at most 2 decimals; a sum of finer figures may be rounded to 2 */
function agrees(stated: string, s: Num): boolean {
  return roundScaled(s, Math.max(2, decimalsOf(stated)), false).eq(dec(stated)!);
}

export const totalMismatch: Rule = {
  id: 'total-mismatch',
  code: 'V02b',
  severity: 'error',
  title: '总分与各项得分之和不符',
  source: 'N1; N2; S1',
  run(ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    if (ctx.ev.incomplete) return out;
    for (const ind of ctx.indicators) {
      if (ind.statedScore == null || ctx.stated(ind) == null) continue;
      const kids = ctx.children(ind);
      if (kids.length === 0) continue;
      const ks = kids.map((k) => ctx.statedScoreOf(k));
      if (ks.some((x) => x == null)) continue;
      const s = sumNums(ks);
      if (!agrees(ind.statedScore, s)) {
        out.push(
          ctx.finding(this, {
            indicator: ind,
            field: 'statedScore',
            message: `${row(ind)}的得分${num(ind.statedScore)}与其下级指标得分之和${num(s)}不一致`,
            suggestion: '核对上级指标得分，使其等于各下级指标得分之和',
          }),
        );
      }
    }

    const st = ctx.ev.statedTotal;
    if (st == null || dec(st) == null) return out;
    const sums = ctx.statedSum();
    if (!sums) return out;
    const { indicators: indicatorSum, budget: budgetScore, total } = sums;
    const clamped = ctx.ruleset.caps.clampTotal ? clampTotal(total) : total;
    if (!agrees(st, total) && !agrees(st, clamped)) {
      const parts =
        budgetScore ? `（指标得分${num(indicatorSum)}、预算执行率得分${num(budgetScore)}）` : '';
      out.push(
        ctx.finding(this, {
          field: 'statedTotal',
          source: ctx.ev.source,
          message: `总分${num(st)}与各项得分之和${num(total)}${parts}不一致`,
          suggestion: `把总分改为${num(clamped)}，或核对各项得分`,
        }),
      );
    }
    return out;
  },
};

const HUNDRED = numText('100');
const ZERO = numText('0');

function clampTotal(x: Num): Num {
  return x.gt(HUNDRED) ? HUNDRED : x.neg ? ZERO : x;
}
