// V01: Σ下级分值 = 上级分值; Σ一级分值 (+ 预算执行率分值) = 100; 加减分 within its cap.
import { numText, sumNums, type Num } from '../../score/util.ts';
import type { Finding } from '../../model/evaluation.ts';
import { isBonus } from '../bonus.ts';
import type { CheckContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { dec, num, row } from '../text.ts';

const HUNDRED = numText('100');

export const weightsSum: Rule = {
  id: 'weights-sum',
  code: 'V01',
  severity: 'error',
  title: '分值合计不符',
  source: 'N2; S0; S1; S2; S3',
  run(ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    // a table read only in part cannot show that its weights add up
    if (ctx.ev.incomplete) return out;
    for (const ind of ctx.indicators) {
      const w = ctx.weight(ind);
      if (w == null) continue;
      if (isBonus(ctx, ind)) {
        const cap = dec(ctx.ruleset.caps.bonusMaxAbs);
        if (cap != null && w.abs().gt(cap)) {
          out.push(
            ctx.finding(this, {
              indicator: ind,
              field: 'weight',
              message: `加减分项${row(ind)}的分值${num(w)}超过上限${num(cap)}分`,
              suggestion: `按评分规则把加减分控制在±${num(cap)}分以内`,
            }),
          );
        }
        continue;
      }
      const kids = ctx.countedChildren(ind);
      if (kids.length === 0) continue;
      const ws = kids.map((k) => ctx.effectiveWeight(k));
      if (ws.some((x) => x == null)) continue;
      const s = sumNums(ws);
      if (!s.eq(w)) {
        out.push(
          ctx.finding(this, {
            indicator: ind,
            field: 'weight',
            message: `${row(ind)}的分值${num(w)}与其${kids.length}个下级指标的分值之和${num(s)}不一致`,
            suggestion: '核对上级指标分值与各下级指标分值，使下级分值合计等于上级分值',
          }),
        );
      }
    }

    const roots = ctx.roots().filter((r) => !isBonus(ctx, r));
    if (roots.length === 0) return out;
    const parts: { name: string; w: Num | null }[] = roots.map((r) => ({ name: r.name, w: ctx.effectiveWeight(r) }));
    const budget = ctx.ev.budget;
    if (budget && !ctx.executionInTree()) {
      const bw = dec(budget.weight) ?? dec(ctx.ruleset.executionWeight);
      if (bw != null) parts.push({ name: '预算执行率', w: bw });
    }
    if (parts.some((p) => p.w == null)) return out;
    const total = sumNums(parts.map((p) => p.w));
    if (!total.eq(HUNDRED)) {
      out.push(
        ctx.finding(this, {
          field: 'weight',
          cell: '分值合计',
          source: roots[0].source ?? ctx.ev.source,
          message: `一级指标分值合计为${num(total)}分（${parts.map((p) => `${p.name}${num(p.w!)}`).join('、')}），不等于100分`,
          suggestion: '调整各一级指标分值，使分值合计（含预算执行率分值）为100分',
        }),
      );
    }
    return out;
  },
};
