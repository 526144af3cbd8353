// Budget-execution score (domain.md §2.3): 执行率 = 全年执行数 / denominator, 得分 = min(率,1) × 分值.
import { Decimal } from '../decimal.ts';
import type { Budget } from '../model/evaluation.ts';
import type { Ruleset } from '../model/ruleset.ts';
import { cmp, dec, HUNDRED, mk, mulDiv, num, ONE, pct, rounder, s, ZERO, type Num } from './util.ts';

export interface ExecutionResult {
  /** raw ratio (0.8923…), null when it cannot be computed */
  ratio: Decimal | null;
  /** 执行率 in percent, 2 decimals half-up ("89.23") */
  rate: string | null;
  score: Num | null;
  trace: string;
}

const DENOMINATOR_LABEL: Record<Ruleset['executionRateDenominator'], string> = {
  adjustedBudget: '全年预算数',
  initialBudget: '年初预算数',
  received: '实际到位资金',
  adjustedWithCarryover: '调整后预算数（含上年结转）',
};

const N_HUNDRED = num('100')!;

function figure(b: Budget, key: 'adjustedBudget' | 'initialBudget' | 'executed' | 'received'): Num | null {
  const v = num(b[key] ?? null);
  if (v) return v;
  // the 年度资金总额 line carries the same figures when the block's own fields are empty
  const total = b.lines?.find((l) => l.fundSource === 'total');
  return total && key !== 'received' ? num(total[key]) : null;
}

/** Floor rate as a ratio: rulesets may write 0.9 or 90 (percent). */
function floorRatio(rate: string): Decimal | null {
  const r = dec(rate);
  if (!r) return null;
  return r.greaterThan(ONE) ? r.dividedBy(HUNDRED) : r;
}

/** The result with its ratio (executed / denominator, decimal.js) made when first read. A module
 *  function: a named closure per call costs a __name call under tsx's keepNames. */
function result(executed: Num, denom: Num, rate: string, score: Num | null, trace: string, known?: Decimal): ExecutionResult {
  let ratio = known;
  return {
    get ratio() {
      return (ratio ??= executed.d.dividedBy(denom.d));
    },
    rate,
    score,
    trace,
  };
}

/**
 * Execution score for the 资金 block. `weightOverride` is used when execution is scored as an
 * indicator row (kind 'execution') that carries its own 分值.
 */
export function executionScore(b: Budget, rs: Ruleset, weightOverride?: Num | null): ExecutionResult {
  const denomKey = rs.executionRateDenominator ?? 'adjustedBudget';
  const denomLabel = DENOMINATOR_LABEL[denomKey];
  const executed = figure(b, 'executed');
  // 湖北 20/80: 预算数 is the adjusted total with the carry-over in it, the form's one 预算数 column
  const denom = figure(b, denomKey === 'adjustedWithCarryover' ? 'adjustedBudget' : denomKey);
  const weight = weightOverride !== undefined ? weightOverride : num(b.weight);
  if (!executed || !denom) {
    const missing = [!executed && '全年执行数', !denom && denomLabel].filter(Boolean).join('、');
    return { ratio: null, rate: null, score: null, trace: `缺少${missing}，无法计算执行率` };
  }
  if (denom.zero) {
    return { ratio: null, rate: null, score: null, trace: `${denomLabel}为 0，无法计算执行率` };
  }
  if (denom.neg || executed.neg) {
    return { ratio: null, rate: null, score: null, trace: `${executed.neg ? '全年执行数' : denomLabel}为负数，无法计算执行率` };
  }
  const rate = mulDiv(executed, N_HUNDRED, denom, 2, false).t;
  let trace = `执行率 ${executed.t}/${denom.t}=${rate}%`;
  if (!weight) return result(executed, denom, rate, null, `${trace}；未标明分值，无法计算得分`);
  const r = rounder(rs);
  let ratio: Decimal | undefined;
  let score: Num;
  if (cmp(executed, denom) > 0) {
    score = r.roundNum(weight);
    trace += `，超过100%按100%计（超支不加分），得分 ${weight.t}×100%=${score.t}`;
  } else {
    score = mulDiv(weight, executed, denom, r.decimals, r.truncate);
    trace += `，得分 ${weight.t}×${rate}%=${score.t}`;
  }
  const floor = rs.executionFloor;
  if (floor) {
    const fr = floorRatio(floor.rate);
    const ded = dec(floor.deduction);
    if (fr && ded && (ratio ??= executed.d.dividedBy(denom.d)).lessThan(fr)) {
      const after = mk(Decimal.max(ZERO, score.d.minus(ded)));
      trace += `；执行率低于${pct(fr)}，扣 ${s(ded)} 分，得 ${after.t}`;
      score = after;
    }
  }
  return result(executed, denom, rate, score, trace, ratio);
}
