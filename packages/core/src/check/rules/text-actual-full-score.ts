// V15: a rate row (资金到位率 …) with a rate target whose actual is words (“序时”), yet scored in full.
import type { Finding } from '../../model/evaluation.ts';
import type { CheckContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { dec, num, q, row } from '../text.ts';

const RATE_ROW = /到位率|执行率|完成率|支付率|拨付率/;

export const textActualFullScore: Rule = {
  id: 'text-actual-full-score',
  code: 'V15',
  severity: 'warning',
  title: '比率指标以文字作完成值却得满分',
  source: 'S3',
  run(ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    for (const ind of ctx.leaves()) {
      if (!RATE_ROW.test(ind.name)) continue;
      const a = ctx.actual(ind);
      if (a.kind === 'number' || a.kind === 'empty') continue;
      const s = ctx.stated(ind);
      const w = ctx.effectiveWeight(ind);
      if (s == null || w == null || !s.gte(w)) continue;
      const t = ctx.target(ind);
      // “序时” against “序时” is a deadline row as designed; the mistake is words against a rate
      if (t.kind !== 'number') continue;
      out.push(
        ctx.finding(this, {
          indicator: ind,
          field: 'statedScore',
          message: `${row(ind)}的实际完成值${q(ind.actual)}不是比率（年度指标值${q(ind.target)}），却得满分${num(w)}`,
          suggestion: '填写实际比率（如实际到位资金 / 预算资金 × 100%），按比率 × 分值评分',
        }),
      );
    }
    return out;
  },
};
