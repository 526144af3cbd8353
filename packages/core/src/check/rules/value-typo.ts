// V16: 指标值 noise the parser had to repair (“2261.73/平方米”, “≤20分钟钟”, “≥100百分比”), and an
// empty 评分依据 on a row that lost points, where the table has that column (S3).
import type { Finding } from '../../model/evaluation.ts';
import type { CheckContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { CELL } from '../context.ts';
import { dec, isBlank, num, q, row } from '../text.ts';

export const valueTypo: Rule = {
  id: 'value-typo',
  code: 'V16',
  severity: 'warning',
  title: '指标值书写不规范',
  source: 'S1; S3; L12',
  run(ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    const basisColumn = ctx.explanationColumn() === 'basis';
    for (const ind of ctx.indicators) {
      for (const field of ['target', 'actual'] as const) {
        const p = field === 'target' ? ctx.target(ind) : ctx.actual(ind);
        if (p.kind !== 'number' || p.notes.length === 0) continue;
        for (const note of p.notes) {
          out.push(
            ctx.finding(this, {
              indicator: ind,
              field,
              message: `${row(ind)}的${CELL[field]}${q(ind[field])}书写不规范：${note}`,
              suggestion: `写成“${p.op ? { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<' }[p.op] : ''}${p.value}${p.unit ?? ''}”`,
            }),
          );
        }
      }
      if (!basisColumn || !ctx.isLeaf(ind)) continue;
      const s = ctx.stated(ind);
      const w = ctx.effectiveWeight(ind);
      if (s != null && w != null && s.lt(w) && isBlank(ind.basis)) {
        out.push(
          ctx.finding(this, {
            indicator: ind,
            field: 'basis',
            message: `${row(ind)}得分${num(s)}低于分值${num(w)}，但评分依据为空`,
            suggestion: '写明扣分的理由和依据',
          }),
        );
      }
    }
    return out;
  },
};
