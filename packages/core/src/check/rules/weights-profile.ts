// V04: 自评 一级 weights other than the ruleset's profile (national 产出50/效益30/满意度10/预算执行率10)
// are allowed in special cases but need a reason: a warning, never an error.
import { numText, type Num } from '../../score/util.ts';
import type { Finding } from '../../model/evaluation.ts';
import { isBonus } from '../bonus.ts';
import type { CheckContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { dec, level1Kind, num, type Level1Kind } from '../text.ts';

const ZERO = numText('0');

function add(actual: Map<string, { name: string; weight: Num }>, key: string, name: string, w: Num): void {
  const a = actual.get(key);
  if (a) a.weight = a.weight.plus(w);
  else actual.set(key, { name, weight: w });
}

export const weightsProfile: Rule = {
  id: 'weights-profile',
  code: 'V04',
  severity: 'warning',
  title: '一级指标分值与规定结构不同',
  source: 'N2; N10; S1',
  run(ctx: CheckContext): Finding[] {
    const profile = ctx.ruleset.level1Profile;
    if (!profile?.length || ctx.ev.subject !== 'project') return [];
    const roots = ctx.roots().filter((r) => !isBonus(ctx, r));
    if (roots.length === 0) return [];

    const expected = new Map<Level1Kind | string, { name: string; weight: Num }>();
    for (const p of profile) {
      const k = level1Kind(p.name);
      expected.set(k === 'other' ? p.name : k, { name: p.name, weight: dec(p.weight) ?? ZERO });
    }
    // a 决策/过程/产出/效益 tree follows the N1 evaluation framework (§1.2), not the 自评表 profile
    if (
      roots.some((r) => {
        const k = level1Kind(r.name);
        return (k === 'decision' || k === 'process') && !expected.has(k);
      })
    )
      return [];
    const actual = new Map<string, { name: string; weight: Num }>();
    for (const r of roots) {
      const w = ctx.effectiveWeight(r);
      if (w == null) return [];
      const k = level1Kind(r.name);
      const key = k === 'other' || !expected.has(k) ? r.name : k;
      add(actual, key, expected.get(key)?.name ?? r.name, w);
    }
        const bw = dec(ctx.ev.budget?.weight);
    if (bw && !ctx.executionInTree()) add(actual, 'execution', expected.get('execution')?.name ?? '预算执行率', bw);

    const keys = [...expected.keys(), ...[...actual.keys()].filter((k) => !expected.has(k))];
    const differs = keys.some((k) => !(actual.get(k)?.weight ?? ZERO).eq(expected.get(k)?.weight ?? ZERO));
    if (!differs) return [];
    const have = keys
      .filter((k) => actual.has(k) || expected.has(k))
      .map((k) => `${actual.get(k)?.name ?? expected.get(k)!.name}${num(actual.get(k)?.weight ?? ZERO)}`)
      .join('、');
    const want = profile.map((p) => `${p.name}${num(p.weight)}`).join('、');
    return [
      ctx.finding(this, {
        field: 'weight',
        cell: '一级指标分值',
        source: roots[0].source ?? ctx.ev.source,
        message: `一级指标分值为${have}，与${ctx.ruleset.name}规定的${want}不同`,
        suggestion: `按${want}设置一级指标分值；确因特殊情况调整的，须说明理由，且合计仍为100分`,
      }),
    ];
  },
};
