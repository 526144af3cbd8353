// V08: a positive indicator over-achieved beyond the 偏离度 threshold (default 20%): the target was
// possibly set too low (N1 allows a deduction); an explanation is required.
import { D } from '../../decimal.ts';
import type { Finding } from '../../model/evaluation.ts';
import type { CheckContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { dec, isBlank, num, pct, row } from '../text.ts';
import { comparable, direction, show } from '../values.ts';
import { param, ratioSign } from '../exact.ts';
import { num as exactNum, numText } from '../../score/util.ts';

const DEFAULT = numText('0.2');
const ZERO = D(0);

export const targetTooLow: Rule = {
  id: 'target-too-low',
  code: 'V08',
  severity: 'warning',
  title: '指标值可能设定偏低',
  source: 'N1; S3',
  run(ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    const threshold = dec(ctx.ruleset.deviationThreshold)?.d ?? D('0.2');
    const th = ctx.ruleset.deviationThreshold == null ? DEFAULT : param(ctx.ruleset.deviationThreshold);
    for (const ind of ctx.leaves()) {
      const t = ctx.target(ind);
      const a = ctx.actual(ind);
      if (t.kind !== 'number' || a.kind !== 'number' || a.op) continue;
      if (direction(ind, t) !== 'positive') continue;
      // most rows are within the threshold: decide that exactly, without decimal.js
      if (th && !(t.unit && a.unit && t.unit !== a.unit)) {
        const tn = exactNum(t.value);
        const an = numText(a.value);
        if (tn && an && (tn.neg || tn.zero || ratioSign(an, tn, tn, th) === -1)) continue;
      }
      const c = comparable(t, a);
      if (!c || !c.t.gt(ZERO)) continue;
      const deviation = c.a.minus(c.t).dividedBy(c.t);
      if (!deviation.gt(threshold)) continue;
      if (!isBlank(ind.deviation)) continue;
      out.push(
        ctx.finding(this, {
          indicator: ind,
          field: 'target',
          message: `${row(ind)}实际完成${show(a)}，超出年度指标值${show(t)}达${pct(deviation.times(100))}（偏离度阈值${num(threshold.times(100))}%），指标值可能设定偏低`,
          suggestion: '在偏差原因分析中说明超额完成的原因；指标值明显偏低的，按偏离度扣分（财预〔2020〕10号），并在下年度合理设定指标值',
        }),
      );
    }
    return out;
  },
};
