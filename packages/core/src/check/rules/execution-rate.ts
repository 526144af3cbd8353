// V03: the stated 执行率 and 执行得分 must match 全年执行数 / (configured denominator) and
// min(率,1) × 分值 within the ruleset's tolerance. A wrong rate is an error, a rounded-off score a warning.
import { Decimal } from '../../decimal.ts';
import { numText, type Num } from '../../score/util.ts';
import type { Budget, Finding } from '../../model/evaluation.ts';
import type { CheckContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { dec, num, pct, row } from '../text.ts';

const DENOMINATOR: Record<string, { field: 'adjustedBudget' | 'initialBudget' | 'received'; label: string }> = {
  adjustedBudget: { field: 'adjustedBudget', label: '全年预算数' },
  initialBudget: { field: 'initialBudget', label: '年初预算数' },
  received: { field: 'received', label: '实际到位资金' },
  adjustedWithCarryover: { field: 'adjustedBudget', label: '调整后预算数（含上年结转）' },
};

function figure(b: Budget, key: 'adjustedBudget' | 'initialBudget' | 'executed' | 'received'): Num | null {
  const v = dec(b[key] ?? null);
  if (v) return v;
  const total = b.lines?.find((l) => l.fundSource === 'total');
  return total && key !== 'received' ? dec(total[key]) : null;
}

const TOLERANCE = numText('0.05');
const RATIO_LIMIT = numText('1.5');
const CENT = numText('0.01');
const HUNDRED = numText('100');

/** min(executed / denominator, 1) × w as decimal.js computes it (20 digits), for a message */
function rawScore(executed: Num, denominator: Num, w: Num): Decimal {
  return Decimal.min(executed.d.dividedBy(denominator.d), 1).times(w.d);
}

export const executionRate: Rule = {
  id: 'execution-rate',
  code: 'V03',
  severity: 'error',
  title: '预算执行率或执行得分计算有误',
  source: 'N2; L4; S1',
  run(ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    const tol = dec(ctx.ruleset.scoreTolerance) ?? TOLERANCE;
    const b = ctx.ev.budget;
    const sb = ctx.scored.budget;
    if (b && sb) {
      const computed = dec(sb.rate);
      let stated = dec(b.statedRate);
      // a rate written as a ratio (0.8923) instead of a percentage
      if (stated && computed && stated.lte(RATIO_LIMIT) && computed.gt(RATIO_LIMIT)) stated = stated.times(HUNDRED);
      const den = DENOMINATOR[ctx.ruleset.executionRateDenominator] ?? DENOMINATOR.adjustedBudget;
      if (stated && computed && stated.minus(computed).abs().gt(tol)) {
        const figures = `全年执行数${num(b.executed ?? '?')} ÷ ${den.label}${num(b[den.field] ?? '?')}`;
        out.push(
          ctx.finding(this, {
            field: 'budget.statedRate',
            source: b.source,
            message: `执行率填报为${num(b.statedRate!)}%，按${figures}计算应为${pct(computed)}`,
            suggestion: `执行率改为${pct(computed)}（执行率 = 全年执行数 / ${den.label}）`,
          }),
        );
      }
      const statedScore = dec(b.statedScore);
      const score = dec(sb.score);
      const w = dec(b.weight);
      // compare with the unrounded min(率,1) × 分值 (5.853, not 5.85: S1 stated 5.8) unless the
      // ruleset adjusted the score beyond rounding (a floor deduction)
      const executed = figure(b, 'executed');
      const denominator = figure(b, den.field);
      // the reference: score, or the unrounded raw = min(executed / denominator, 1) × w when it lies
      // within a cent of score. Both comparisons are exact, multiplied out by the denominator
      // (> 0): |raw − score| < 0.01 ⟺ |w·executed − score·denominator| < 0.01·denominator
      let raw: { top: Num; den: Num } | null = null;
      // raw lies within a cent of score when it is used: a stated score within tol − 0.01 of
      // score is within tol of either, and needs no arithmetic beyond this
      const close = statedScore && score ? statedScore.minus(score).abs().lte(tol.minus(CENT)) : false;
      if (!close && score && w && executed && denominator && !denominator.isZero() && !denominator.neg) {
        const r = executed.gte(denominator) ? { top: w, den: numText('1') } : { top: w.times(executed), den: denominator };
        if (r.top.minus(score.times(r.den)).abs().lt(CENT.times(r.den))) raw = r;
      }
      // |stated − reference| > tol, exactly
      const off = (st: Num): boolean =>
        raw ? st.times(raw.den).minus(raw.top).abs().gt(tol.times(raw.den)) : st.minus(score!).abs().gt(tol);
      if (!close && statedScore && score && off(statedScore)) {
        const rate = computed ?? stated;
        out.push(
          ctx.finding(this, {
            field: 'budget.statedScore',
            severity: 'warning',
            source: b.source,
            message: `预算执行率得分填报为${num(statedScore)}，按${rate ? `执行率${pct(rate)}` : '执行率'}${w ? ` × 分值${num(w)}` : ''}计算为${num(score)}${raw ? `（未取整为${num(rawScore(executed!, denominator!, w!).toDecimalPlaces(4))}）` : ''}，相差超过${num(tol)}分`,
            suggestion: `得分 = min(执行率, 100%) × 分值，保留两位小数，应为${num(score)}`,
          }),
        );
      }
    }
    // execution scored as a row of the tree (kind 'execution')
    for (const ind of ctx.indicators) {
      if (ind.kind !== 'execution') continue;
      const r = ctx.result(ind);
      if (!r || r.method !== 'execution') continue;
      const stated = ctx.stated(ind);
      const score = dec(r.score);
      if (stated && score && stated.minus(score).abs().gt(tol)) {
        out.push(
          ctx.finding(this, {
            indicator: ind,
            field: 'statedScore',
            severity: 'warning',
            message: `${row(ind)}的得分${num(stated)}与按执行率计算的${num(score)}相差超过${num(tol)}分`,
            suggestion: `按评分过程改为${num(score)}：${r.trace}`,
          }),
        );
      }
    }
    return out;
  },
};

