// V09: a row that lost points needs its 偏差原因分析及改进措施; so does an 执行率 below 100% that
// cost execution points.
import { numText } from '../../score/util.ts';
import type { Finding } from '../../model/evaluation.ts';
import { isBonus } from '../bonus.ts';
import type { CheckContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { dec, isBlank, num, pct, row } from '../text.ts';

// words by which a text explains money not spent
const EXECUTION_REASON = /执行|结余|结转|未支付|未拨付|未使用|调减|压减|节约|节支|支出进度|未到位|暂不符合/;

/** some text of the evaluation (a row's 偏差原因, the goals' 实际完成情况, a section) explains it */
function explainsExecution(ctx: CheckContext): boolean {
  if (!isBlank(ctx.ev.budget?.explanation)) return true;
  for (const i of ctx.indicators) if (EXECUTION_REASON.test(i.deviation ?? '')) return true;
  if (EXECUTION_REASON.test(ctx.ev.goals?.actual ?? '')) return true;
  for (const x of ctx.ev.sections ?? []) if (EXECUTION_REASON.test(x.text)) return true;
  return false;
}

const HUNDRED = numText('100');

export const deviationMissing: Rule = {
  id: 'deviation-missing',
  code: 'V09',
  severity: 'error',
  title: '扣分未说明偏差原因',
  source: 'N1; N2',
  run(ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    if (ctx.explanationColumn() === 'deviation') {
      for (const ind of ctx.leaves()) {
        if (isBonus(ctx, ind)) continue;
        const s = ctx.stated(ind);
        const w = ctx.effectiveWeight(ind);
        if (s == null || w == null || !s.lt(w) || !isBlank(ind.deviation) || !isBlank(ind.basis)) continue;
        out.push(
          ctx.finding(this, {
            indicator: ind,
            field: 'deviation',
            message: `${row(ind)}得分${num(s)}低于分值${num(w)}，但偏差原因分析及改进措施${ind.deviation?.trim() ? `只写了“${ind.deviation.trim()}”` : '为空'}`,
            suggestion: '说明未达成或扣分的原因，并提出改进措施',
          }),
        );
      }
    }

    const b = ctx.ev.budget;
    // a form that requires the reason in the 资金 block's own 原因 cell below a floor (四川: 90%)
    const floor = dec(ctx.ruleset.explanations?.executionBelow ?? null);
    if (b && floor) {
      const rate = dec(ctx.scored.budget?.rate) ?? dec(b.statedRate);
      if (rate && rate.lt(floor.times(HUNDRED)) && isBlank(b.explanation)) {
        out.push(
          ctx.finding(this, {
            field: 'budget.explanation',
            cell: '预算执行原因',
            source: b.source,
            message: `预算执行率${pct(rate)}低于${num(floor.times(HUNDRED))}%，${ctx.ruleset.name}要求在预算执行情况的“原因”栏说明，该栏为空`,
            suggestion: '在预算执行情况的“原因”栏写明执行率偏低的原因（100 字以内）；年中追加或调减的资金也须单独说明',
          }),
        );
        return out;
      }
    }
    if (b) {
      const rate = dec(ctx.scored.budget?.rate) ?? dec(b.statedRate);
      const w = dec(b.weight);
      const s = dec(b.statedScore) ?? dec(ctx.scored.budget?.score);
      if (rate && rate.lt(HUNDRED) && (s == null || w == null || s.lt(w))) {
        if (!explainsExecution(ctx)) {
          out.push(
            ctx.finding(this, {
              field: 'budget.executed',
              source: b.source,
              message: `预算执行率${pct(rate)}未达100%${s != null && w != null ? `（执行得分${num(s)}/${num(w)}）` : ''}，但自评中没有说明资金未执行的原因`,
              suggestion: '在偏差原因分析或报告中说明预算未执行完的原因（如项目进度、资金结余）及改进措施',
            }),
          );
        }
      }
    }
    return out;
  },
};
