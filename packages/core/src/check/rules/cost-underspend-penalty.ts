// V11: a 成本指标 is a cap (reverse): spending less than the target earns full marks. Points taken
// off for under-spending (S1: 650万元 → 234.87万元 scored 4/10) count the unspent budget twice,
// once here and once in the 预算执行率 score.
import type { Finding, Indicator } from '../../model/evaluation.ts';
import type { CheckContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { dec, num, row } from '../text.ts';
import { comparable, direction, show } from '../values.ts';

const COST = /成本|预算控制|控制数|控制在预算/;
const SAVING = /节约率|节省率|节支率/;

function isCost(ind: Indicator): boolean {
  return ind.path.some((p) => COST.test(p)) && !SAVING.test(ind.name);
}

export const costUnderspendPenalty: Rule = {
  id: 'cost-underspend-penalty',
  code: 'V11',
  severity: 'warning',
  title: '成本指标因少支出被扣分',
  source: 'N4; S1',
  run(ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    for (const ind of ctx.leaves()) {
      if (!isCost(ind)) continue;
      const s = ctx.stated(ind);
      const w = ctx.effectiveWeight(ind);
      if (s == null || w == null || !s.lt(w)) continue;
      const t = ctx.target(ind);
      const a = ctx.actual(ind);
      if (t.kind !== 'number' || a.kind !== 'number') continue;
      if (direction(ind, t) === 'positive' && t.op) continue;
      const c = comparable(t, a);
      if (!c || !c.a.lte(c.t)) continue;
      out.push(
        ctx.finding(this, {
          indicator: ind,
          field: 'statedScore',
          message: `成本指标${row(ind)}实际${show(a)}未超过指标值${show(t)}，按反向指标应得满分${num(w)}，却只得${num(s)}分；成本指标扣分与反向规则不符，可能重复扣减执行率`,
          suggestion: `成本控制在指标值以内的得满分${num(w)}；资金未用完的情况在预算执行率中体现，不在成本指标中重复扣分`,
        }),
      );
    }
    return out;
  },
};
