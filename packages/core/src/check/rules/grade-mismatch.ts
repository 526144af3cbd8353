// V14: the stated 等级 must be the band the total falls in (half-open bands from the ruleset;
// 优 = 优秀, 良 = 良好, 中 = 合格/一般, 差 = 不合格).
import type { Finding } from '../../model/evaluation.ts';
import type { GradeBand } from '../../model/ruleset.ts';
import type { CheckContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { dec, num } from '../text.ts';

function normalise(label: string): string {
  return label.replace(/[\s“”"'‘’「」『』（）()。.,，:：]/g, '').replace(/^(绩效)?等级(为|是)?/, '').replace(/(等|级)$/, '');
}

export function bandOfLabel(bands: GradeBand[], label: string): GradeBand | undefined {
  const n = normalise(label);
  return bands.find((b) => b.label === n || b.aliases.includes(n)) ?? bands.find((b) => normalise(b.label) === n);
}

export const gradeMismatch: Rule = {
  id: 'grade-mismatch',
  code: 'V14',
  severity: 'error',
  title: '等级与总分不符',
  source: 'N1; N9; S0; S1; S2',
  run(ctx: CheckContext): Finding[] {
    const stated = ctx.ev.statedGrade;
    if (!stated || !stated.trim()) return [];
    const fromStated = dec(ctx.ev.statedTotal);
    const total = fromStated ?? dec(ctx.scored.total);
    const bands = [...ctx.ruleset.gradeBands].sort((a, b) => (dec(b.min)!.cmp(dec(a.min)!)));
    const claimed = bandOfLabel(bands, stated);
    if (!claimed) {
      return [
        ctx.finding(this, {
          field: 'statedGrade',
          severity: 'warning',
          message: `等级“${stated.trim()}”不是评分规则中的等级（${bands.map((b) => b.label).join('/')}）`,
          suggestion: `按总分所在区间填写等级：${bands.map((b) => `${b.label}（≥${num(b.min)}分）`).join('、')}`,
        }),
      ];
    }
    if (total == null) return [];
    const expected = bands.find((b) => total.gte(dec(b.min)!)) ?? bands[bands.length - 1];
    if (expected.grade === claimed.grade) return [];
    const next = bands[bands.indexOf(expected) - 1];
    const range = next ? `${num(expected.min)}（含）至${num(next.min)}分` : `${num(expected.min)}分及以上`;
    return [
      ctx.finding(this, {
        field: 'statedGrade',
        message: `${fromStated ? '总分' : '计算总分'}${num(total)}对应等级“${expected.label}”（${range}），而填报等级为“${stated.trim()}”`,
        suggestion: `把等级改为“${expected.label}”，或核对总分`,
      }),
    ];
  },
};
