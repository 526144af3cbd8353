// V07: 实际完成值 must be a measured value. Numeric target with a non-numeric actual (“≥50个” vs
// “基本达成”) → error; an actual copied from the target or carrying ≥/≤/> (“≥95%”) → warning.
import type { Finding } from '../../model/evaluation.ts';
import type { CheckContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { q, row } from '../text.ts';
import { sameText } from '../values.ts';

export const actualNotMeasured: Rule = {
  id: 'actual-not-measured',
  code: 'V07',
  severity: 'error',
  title: '实际完成值不是实测值',
  source: 'N1; S1; S3',
  run(ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    for (const ind of ctx.leaves()) {
      const t = ctx.target(ind);
      const a = ctx.actual(ind);
      if (t.kind === 'number' && a.kind === 'empty') {
        if (ind.actual == null && ind.statedScore == null) continue;
        out.push(
          ctx.finding(this, {
            indicator: ind,
            field: 'actual',
            message: `${row(ind)}的实际完成值为空，而年度指标值${q(ind.target)}是数值`,
            suggestion: `填写实测的完成数${t.unit ? `（单位：${t.unit}）` : ''}`,
          }),
        );
      } else if (t.kind === 'number' && a.kind !== 'number') {
        out.push(
          ctx.finding(this, {
            indicator: ind,
            field: 'actual',
            message: `${row(ind)}的实际完成值${q(ind.actual)}不是实测值，而年度指标值${q(ind.target)}是数值`,
            suggestion: `填写与年度指标值同单位的实测数${t.unit ? `（${t.unit}）` : ''}，并据此评分`,
          }),
        );
      } else if (a.kind === 'number' && a.op) {
        const copied = t.kind === 'number' && sameText(ind.target, ind.actual);
        out.push(
          ctx.finding(this, {
            indicator: ind,
            field: 'actual',
            severity: 'warning',
            message: copied
              ? `${row(ind)}的实际完成值${q(ind.actual)}照抄了年度指标值，不是实测值`
              : `${row(ind)}的实际完成值${q(ind.actual)}带有比较符号，不是实测值`,
            suggestion: `填写实际测得的数值（如“${a.value}${a.unit ?? ''}”这样的确切数），不带≥、≤、>、<`,
          }),
        );
      }
    }
    return out;
  },
};
