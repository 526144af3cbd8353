// V02a: every 得分 lies in [0, 分值]; 加减分 within ±cap; the 预算执行率得分 within [0, its 分值].
import { D } from '../../decimal.ts';
import type { Finding } from '../../model/evaluation.ts';
import { isBonus } from '../bonus.ts';
import type { CheckContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { dec, num, row } from '../text.ts';

export const scoreRange: Rule = {
  id: 'score-range',
  code: 'V02a',
  severity: 'error',
  title: '得分超出分值范围',
  source: 'N1; N2; S1',
  run(ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    for (const ind of ctx.indicators) {
      const s = ctx.stated(ind);
      if (s == null) continue;
      if (isBonus(ctx, ind)) {
        const cap = ctx.weight(ind)?.abs() ?? dec(ctx.ruleset.caps.bonusMaxAbs);
        if (cap != null && s.abs().gt(cap)) {
          out.push(
            ctx.finding(this, {
              indicator: ind,
              field: 'statedScore',
              message: `加减分项${row(ind)}的得分${num(s)}超出±${num(cap)}分的范围`,
              suggestion: `加减分不超过±${num(cap)}分，同一项工作不累计加分`,
            }),
          );
        }
        continue;
      }
      const w = ctx.effectiveWeight(ind);
      if (s.isNeg()) {
        out.push(
          ctx.finding(this, {
            indicator: ind,
            field: 'statedScore',
            message: `${row(ind)}的得分${num(s)}为负数`,
            suggestion: '扣分扣完为止，得分最低为0',
          }),
        );
      } else if (w != null && s.gt(w)) {
        out.push(
          ctx.finding(this, {
            indicator: ind,
            field: 'statedScore',
            message: `${row(ind)}的得分${num(s)}超过分值${num(w)}`,
            suggestion: `得分不超过分值${num(w)}；超额完成不加分`,
          }),
        );
      }
    }
    const b = ctx.ev.budget;
    const bs = dec(b?.statedScore);
    if (b && bs != null) {
      const bw = dec(b.weight);
      if (bs.isNeg() || (bw != null && bs.gt(bw))) {
        out.push(
          ctx.finding(this, {
            field: 'budget.statedScore',
            source: b.source,
            message: `预算执行率得分${num(bs)}不在0到${num(bw ?? D(0))}分之间`,
            suggestion: `执行率得分 = 执行率 × ${num(bw ?? D(10))}，最高不超过分值`,
          }),
        );
      }
    }
    return out;
  },
};
