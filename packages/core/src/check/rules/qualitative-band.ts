// V10: a qualitative row's score must sit in the band its actual names: 达成 80–100% of 分值,
// 部分达成 60–<80%, 未达成 <60% (0.8w and 0.6w belong to the higher band). An actual equal to the
// target (是/是, 得到提升/得到提升) is 达成.
import type { Decimal } from '../../decimal.ts';
import { Num, numText } from '../../score/util.ts';
import type { Finding } from '../../model/evaluation.ts';
import { isBonus } from '../bonus.ts';
import type { CheckContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { dec, num, q, row } from '../text.ts';
import { actualOrLead, sameText } from '../values.ts';
import { ratioSign } from '../exact.ts';
import { wordingOf } from '../../score/leaf.ts';

type Level = 'met' | 'partial' | 'notMet';
const ZERO = numText('0');
const HUNDRED = numText('100');
const RANK: Record<Level, number> = { notMet: 0, partial: 1, met: 2 };
const NAME: Record<Level, string> = { met: '达成', partial: '部分达成', notMet: '未达成' };

function pc(x: Num | Decimal): string {
  return `${num(x instanceof Num ? x.times(HUNDRED) : x.times(100))}%`;
}

/** the band's share of 分值 in words, made only for a finding */
function rangeOf(l: Level, met: Num, partial: Num): string {
  return l === 'met' ? `${pc(met)}–100%` : l === 'partial' ? `${pc(partial)}–${pc(met)}` : `低于${pc(partial)}`;
}

export const qualitativeBand: Rule = {
  id: 'qualitative-band',
  code: 'V10',
  severity: 'warning',
  title: '定性指标得分与完成档次不符',
  source: 'N1; N2; S0; S1',
  run(ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    const met = dec(ctx.ruleset.qualitativeBands.met) ?? numText('0.8');
    const partial = dec(ctx.ruleset.qualitativeBands.partial) ?? numText('0.6');
    for (const ind of ctx.leaves()) {
      if (isBonus(ctx, ind)) continue;
      const s = ctx.stated(ind);
      const w = ctx.effectiveWeight(ind);
      if (s == null || w == null || !w.gt(ZERO)) continue;
      // "否则按照实际情况相应得分": below full marks the form leaves the score to the evaluator, not to bands
      const wording = wordingOf(ind, ctx.ruleset);
      if (wording?.method === 'judgmentUnlessMet') continue;
      const t = ctx.target(ind);
      if (t.kind === 'number') continue;
      const a = actualOrLead(ind);
      let level: Level | null = null;
      // which reason; its wording is made only for a finding
      let reason: 'same' | 'yesNo' | 'word' = 'same';
      if (ind.actual && sameText(ind.target, ind.actual)) {
        level = 'met';
      } else if (a.kind === 'qualitative' && t.kind === 'qualitative' && a.yesNo && t.yesNo) {
        level = a.word === t.word ? 'met' : 'notMet';
        reason = 'yesNo';
      } else if (a.kind === 'qualitative' && a.level && !(a.yesNo && t.kind === 'qualitative')) {
        level = a.level;
        reason = 'word';
      }
      if (!level) continue;
      // the band from exact comparisons of 得分 with 分值 × 80% / 60%, when they are decisive
      const aboveMet = ratioSign(s, null, w, met);
      if (aboveMet === 1 && level === 'met') continue;
      if (aboveMet === -1) {
        const abovePartial = ratioSign(s, null, w, partial);
        if (abovePartial === 1 && level === 'partial') continue;
        if (abovePartial === -1 && level === 'notMet') continue;
      }
      const share = s.dividedBy(w);
      const band: Level = share.gte(met.d) ? 'met' : share.gte(partial.d) ? 'partial' : 'notMet';
      if (band === level) continue;
      const dir = RANK[band] < RANK[level] ? '低于' : '高于';
      const range = rangeOf(level, met, partial);
      const shown = a.kind === 'qualitative' ? a.text : '';
      const why =
        reason === 'same'
          ? `实际完成值与年度指标值相同（${q(ind.actual)}），属于达成`
          : reason === 'yesNo'
            ? `实际完成值${q(shown)}${level === 'met' ? '与年度指标值一致' : `与年度指标值${q(ind.target)}相反`}，属于${NAME[level]}`
            : `实际完成值${q(shown)}属于${NAME[level]}`;
      out.push(
        ctx.finding(this, {
          indicator: ind,
          field: 'statedScore',
          message: `${row(ind)}${why}，得分${num(s)}占分值${num(w)}的${pc(share.toDecimalPlaces(1))}，${dir}${NAME[level]}档（${range}）`,
          suggestion:
            dir === '低于'
              ? `${NAME[level]}的定性指标得分应在分值的${range}；确有扣分理由的，写明理由或如实调整实际完成值`
              : `${NAME[level]}的定性指标得分应在分值的${range}，按实际完成档次评分`,
        }),
      );
    }
    return out;
  },
};
