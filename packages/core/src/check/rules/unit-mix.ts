// V06: 元 and 万元 mixed up. The same amount written once with 元 and once with 万元 (S0:
// 收入 2549431.21 元 but 支出 2549431.21 万元), or a 万元 amount far too large to be meant.
import { D, type Decimal } from '../../decimal.ts';
import type { Finding, StatedFact } from '../../model/evaluation.ts';
import { toYuan } from '../../money/money.ts';
import type { CheckContext } from '../context.ts';
import { Facts, isMoney, quote } from '../facts.ts';
import type { Rule } from '../types.ts';
import { dec, num } from '../text.ts';

/** 100 亿元: beyond this a 万元 figure is taken to be a 元 figure with the wrong unit */
const WAN_LIMIT = D(1000000);
/** a 万元 figure more than this many times every other amount of the report stands out */
const RATIO_LIMIT = D(1000);

export const unitMix: Rule = {
  id: 'unit-mix',
  code: 'V06',
  severity: 'error',
  title: '金额单位（元/万元）混用',
  source: 'S0; N1',
  run(ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    const facts = new Facts(ctx.ev);
    const money = facts.all.filter(isMoney);
    const yuanFacts = new Map<string, StatedFact>();
    for (const f of money) {
      const k = dec(f.value)!.t;
      if (f.unit === '元' && !yuanFacts.has(k)) yuanFacts.set(k, f);
    }

    // the largest amount of the report other than a given fact, in 元, suspect figures read as 元
    let first: { f: StatedFact; y: Decimal } | null = null;
    let second: { f: StatedFact; y: Decimal } | null = null;
    for (const f of money) {
      const y = facts.yuan(f)!;
      if (!first || y.gt(first.y)) [first, second] = [{ f, y }, first];
      else if (!second || y.gt(second.y)) second = { f, y };
    }

    for (const f of money) {
      if (f.unit !== '万元') continue;
      const n = dec(f.value)!;
      const v = n.d;
      const twin = yuanFacts.get(n.t);
      if (twin) {
        out.push(
          ctx.finding(this, {
            field: 'facts',
            source: f.source,
            message: `报告正文${quote(f)}的单位可能有误：同一数额${num(v)}在${quote(twin)}中以元为单位，按万元计则为${num(toYuan(v, '万元'))}元`,
            suggestion: `核对该金额的单位，应为“${num(v)}元”时改正单位`,
          }),
        );
        continue;
      }
      const other = first && first.f !== f ? first.y : second?.y ?? null;
      const y = toYuan(v, '万元');
      if (v.gte(WAN_LIMIT) || (other && other.gt(0) && y.gt(other.times(RATIO_LIMIT)))) {
        out.push(
          ctx.finding(this, {
            field: 'facts',
            source: f.source,
            message: `报告正文${quote(f)}折合${num(v.dividedBy(10000))}亿元，${other ? `是报告中其他金额（最大${num(other)}元）的千倍以上，` : ''}可能把元误写成了万元`,
            suggestion: '核对该金额的单位（元/万元）',
          }),
        );
      }
    }

    const b = ctx.ev.budget;
    if (b && b.unit === '万元') {
      const cells: ['initialBudget' | 'adjustedBudget' | 'executed', string][] = [
        ['initialBudget', '年初预算数'],
        ['adjustedBudget', '全年预算数'],
        ['executed', '全年执行数'],
      ];
      for (const [field, label] of cells) {
        const n = dec(b[field]);
        if (!n) continue;
        const v = n.d;
        const twin = yuanFacts.get(n.t);
        if (v.gte(WAN_LIMIT) || (twin && v.gte(D(10000)))) {
          out.push(
            ctx.finding(this, {
              field: `budget.${field}`,
              source: b.source,
              message: `资金表以万元为单位，${label}为${num(v)}万元（折合${num(v.dividedBy(10000))}亿元）${twin ? `，而报告正文${quote(twin)}以元为单位` : ''}，可能填入了以元为单位的数字`,
              suggestion: `资金表金额以万元填写，${num(v)}元应填为${num(v.dividedBy(10000))}万元`,
            }),
          );
        }
      }
    }
    return out;
  },
};
