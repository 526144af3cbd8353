// V12: 自评分虚高. A total at or above the ruleset's mark (95) while execution is below its floor
// (80%), while an 产出 row achieved under 60% of its points, or while most 产出/效益 rows are
// 是/是 answers with no evidence (S3: 98–99 for all-qualitative tables).
import { D } from '../../decimal.ts';
import { numText } from '../../score/util.ts';
import type { Finding, Indicator } from '../../model/evaluation.ts';
import type { CheckContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { dec, isBlank, num, pct, row } from '../text.ts';
import { sameText } from '../values.ts';

const OUTPUT_SHARE = D('0.6');
const ZERO = numText('0');
const HUNDRED = numText('100');

export const scoreInflation: Rule = {
  id: 'score-inflation',
  code: 'V12',
  severity: 'warning',
  title: '自评分可能虚高',
  source: 'N2; S1; S3',
  run(ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    const total = dec(ctx.ev.statedTotal) ?? dec(ctx.scored.total);
    const mark = dec(ctx.ruleset.inflation.totalAtLeast);
    if (!total || !mark || total.lt(mark)) return out;
    const who = `${ctx.ev.statedTotal ? '' : '计算'}总分${num(total)}`;

    const below = dec(ctx.ruleset.inflation.executionBelow);
    const rate = dec(ctx.scored.budget?.rate) ?? dec(ctx.ev.budget?.statedRate);
    if (below && rate && rate.lt(below.times(HUNDRED))) {
      out.push(
        ctx.finding(this, {
          field: 'statedTotal',
          source: ctx.ev.budget?.source ?? ctx.ev.source,
          message: `${who}不低于${num(mark)}分，但预算执行率只有${pct(rate)}（低于${num(below.times(HUNDRED))}%），自评分可能虚高`,
          suggestion: '对照资金执行和目标完成情况如实评分，不得虚高（财政部2016年自评通知）',
        }),
      );
    }

    const kind = (ind: Indicator) => ctx.topKind(ind);
    const outputsAndBenefits: Indicator[] = [];
    for (const ind of ctx.leaves()) {
      const k = kind(ind);
      if (k === 'output' || k === 'benefit') outputsAndBenefits.push(ind);
      if (k !== 'output') continue;
      const r = ctx.result(ind);
      const sc = dec(r?.score);
      const w = ctx.effectiveWeight(ind);
      if (!r || r.method === 'stated' || r.method === 'judgment' || sc == null || w == null || !w.gt(ZERO)) continue;
      if (sc.dividedBy(w).lt(OUTPUT_SHARE)) {
        out.push(
          ctx.finding(this, {
            indicator: ind,
            field: 'actual',
            message: `${who}不低于${num(mark)}分，但产出指标${row(ind)}按实际完成情况只应得${num(sc)}分（分值${num(w)}的${pct(sc.dividedBy(w).times(100))}），自评分可能虚高`,
            suggestion: '产出未完成的，按实际完成情况扣分，并说明原因',
          }),
        );
      }
    }

    // 是/是 answers with nothing to support them
    const bare = outputsAndBenefits.filter((ind) => {
      const t = ctx.target(ind);
      const a = ctx.actual(ind);
      return (
        t.kind === 'qualitative' && a.kind === 'qualitative' && a.yesNo === true && sameText(ind.target, ind.actual) &&
        isBlank(ind.basis) && isBlank(ind.deviation)
      );
    });
    if (bare.length >= 3 && bare.length * 2 > outputsAndBenefits.length) {
      out.push(
        ctx.finding(this, {
          field: 'actual',
          cell: '实际完成值',
          source: bare[0].source ?? ctx.ev.source,
          message: `${who}不低于${num(mark)}分，而${outputsAndBenefits.length}个产出、效益指标中有${bare.length}个只填“是/是”且无评分依据，自评分可能虚高`,
          suggestion: '为定性指标补充可核实的完成情况和评分依据，或改设可量化的指标',
        }),
      );
    }
    return out;
  },
};
