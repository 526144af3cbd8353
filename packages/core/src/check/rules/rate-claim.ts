// V05: a rate or amount the evaluation claims contradicts its own figures. S0 claims 预算执行率
// 100% while its prose gives 2549431.21 / 2573300 = 99.07%, and its 年终决算支出 2837080.82 元
// exceeds both the year's income and the budget.
import { D, fixed, type Decimal } from '../../decimal.ts';
import type { Finding, Indicator } from '../../model/evaluation.ts';
import type { CheckContext } from '../context.ts';
import { amount, Facts, label, quote } from '../facts.ts';
import type { Rule } from '../types.ts';
import { dec, pct, q, row } from '../text.ts';

const RATE_ROW = /预算执行率|预算完成率|支出完成率/;
// rates of something else than the whole budget (非税收入预算完成率, 项目预算执行率 …)
const OTHER_RATE = /非税|收入|项目|专项|采购|公用|三公/;
// a change or a period, not the year's rate: 比上年增长7.94%, 前三季度…分别21.4%
const CHANGE = /比上年|同比|增长|下降|提高|降低|增加|减少|季度|月|分别/;
const LEADING_PERCENT = /^\s*[≥≤>=<]?\s*(\d+(?:\.\d+)?)\s*[%％]/;

/** the rate a 预算执行率 row claims, from its 实际完成值 or the start of its 业绩值/评分依据 */
function claimedRate(ind: Indicator): { value: Decimal; field: 'actual' | 'basis'; text: string } | null {
  for (const field of ['actual', 'basis'] as const) {
    const t = ind[field];
    if (!t) continue;
    const m = LEADING_PERCENT.exec(t);
    if (m) return { value: D(m[1]), field, text: t };
  }
  return null;
}

export const rateClaim: Rule = {
  id: 'rate-claim',
  code: 'V05',
  severity: 'error',
  title: '所称比率或金额与报告数字矛盾',
  source: 'S0; N7',
  run(ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    const facts = new Facts(ctx.ev);
    if (facts.all.length === 0) return out;
    const tol = dec(ctx.ruleset.scoreTolerance)?.d ?? D('0.05');

    const spent = facts.find('expenditure') ?? facts.find('finalExpenditure');
    const budget = facts.find('adjustedBudget') ?? facts.find('initialBudget');
    const s = facts.yuan(spent);
    const b = facts.yuan(budget);
    if (spent && budget && s && b && b.gt(0)) {
      const rate = s.dividedBy(b).times(100);
      const how = `${label(spent)}${amount(facts, spent)} ÷ ${label(budget)}${amount(facts, budget)} = ${pct(rate)}`;
      // every whole-budget rate the prose states; one is supported when the whole figures or a
      // pair of figures in the same sentence give it (S1: 3113.54 / 3187.94 = 97.67% for 基本支出)
      for (const claim of facts.all) {
        if (claim.key !== 'executionRate' || CHANGE.test(claim.label)) continue;
        const sv = facts.percent(claim);
        if (!sv || sv.minus(rate).abs().lte(tol)) continue;
        const line = facts.sameLine(claim);
        const supported = line.some(
          (n) =>
            Facts.SPENT.test(n.key) &&
            line.some((d) => {
              const ny = facts.yuan(n);
              const dy = facts.yuan(d);
              return Facts.BUDGET.test(d.key) && ny && dy && dy.gt(0) && sv.minus(ny.dividedBy(dy).times(100)).abs().lte(tol);
            }),
        );
        if (supported) continue;
        out.push(
          ctx.finding(this, {
            field: 'facts',
            source: claim.source,
            message: `报告正文${quote(claim)}与其数字不符：${how}`,
            suggestion: `预算执行率应为${pct(rate)}，或核对所引的支出与预算数`,
          }),
        );
      }
      // a 预算执行率 row of a department table claiming a rate the prose does not support
      for (const ind of ctx.leaves()) {
        if (!RATE_ROW.test(ind.name) || OTHER_RATE.test(ind.name) || (ind.kind === 'execution' && ctx.ev.budget)) continue;
        const c = claimedRate(ind);
        if (!c || c.value.minus(rate).abs().lte(tol)) continue;
        out.push(
          ctx.finding(this, {
            indicator: ind,
            field: c.field,
            cell: c.field === 'basis' ? '业绩值' : undefined,
            message: `${row(ind)}填报执行率${fixed(c.value, 2).replace(/\.00$/, '')}%（${q(c.text)}），而报告正文的数字为${how}`,
            suggestion: `按实际支出和预算数重新计算执行率（${pct(rate)}）并相应评分`,
          }),
        );
      }
    }

    // two different expenditure figures for the year, or one that exceeds income and budget
    const e = facts.find('expenditure');
    const fe = facts.find('finalExpenditure');
    const income = facts.find('income') ?? facts.find('finalIncome');
    const ey = facts.yuan(e);
    const fy = facts.yuan(fe);
    const iy = facts.yuan(income);
    const exceeds = (x: Decimal | null) => x != null && iy != null && b != null && x.gt(iy) && x.gt(b);
    const over = () => (income && budget ? `超过本年收入${amount(facts, income)}和${label(budget)}${amount(facts, budget)}` : '');
    if (e && fe && ey && fy && !ey.eq(fy)) {
      out.push(
        ctx.finding(this, {
          field: 'facts',
          source: fe.source,
          message: `报告正文中${label(e)}${amount(facts, e)}与${label(fe)}${amount(facts, fe)}不一致${exceeds(fy) ? `，且${over()}` : ''}`,
          suggestion: '核对年度支出数与决算数，全文使用同一口径的数字',
        }),
      );
    } else {
      const x = fe ?? e;
      const xy = fy ?? ey;
      if (x && exceeds(xy) && !facts.find('carryover')) {
        out.push(
          ctx.finding(this, {
            field: 'facts',
            source: x.source,
            message: `报告正文的${label(x)}${amount(facts, x)}${over()}，报告未说明超出部分的资金来源（如上年结转）`,
            suggestion: '核对支出数；确有上年结转等其他资金的，在收支情况中写明',
          }),
        );
      }
    }
    return out;
  },
};
