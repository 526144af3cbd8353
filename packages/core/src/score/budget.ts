// Budget-execution score (domain.md §2.3): 执行率 = 全年执行数 / denominator, 得分 = min(率,1) × 分值.
import { Decimal } from '../decimal.ts';
import type { Budget } from '../model/evaluation.ts';
import type { Ruleset } from '../model/ruleset.ts';
import { dec, HUNDRED, ONE, pct, rounder, s, ZERO } from './util.ts';

export interface ExecutionResult {
  /** raw ratio (0.8923…), null when it cannot be computed */
  ratio: Decimal | null;
  score: Decimal | null;
  trace: string;
}

const DENOMINATOR_LABEL: Record<Ruleset['executionRateDenominator'], string> = {
  adjustedBudget: '全年预算数',
  initialBudget: '年初预算数',
  received: '实际到位资金',
};

function figure(b: Budget, key: 'adjustedBudget' | 'initialBudget' | 'executed' | 'received'): Decimal | null {
  const v = dec(b[key] ?? null);
  if (v) return v;
  // the 年度资金总额 line carries the same figures when the block's own fields are empty
  const total = b.lines?.find((l) => l.fundSource === 'total');
  return total && key !== 'received' ? dec(total[key]) : null;
}

/** Floor rate as a ratio: rulesets may write 0.9 or 90 (percent). */
function floorRatio(rate: string): Decimal | null {
  const r = dec(rate);
  if (!r) return null;
  return r.greaterThan(ONE) ? r.dividedBy(HUNDRED) : r;
}

/**
 * Execution score for the 资金 block. `weightOverride` is used when execution is scored as an
 * indicator row (kind 'execution') that carries its own 分值.
 */
export function executionScore(b: Budget, rs: Ruleset, weightOverride?: Decimal | null): ExecutionResult {
  const denomKey = rs.executionRateDenominator ?? 'adjustedBudget';
  const denomLabel = DENOMINATOR_LABEL[denomKey];
  const executed = figure(b, 'executed');
  const denom = figure(b, denomKey);
  const weight = weightOverride !== undefined ? weightOverride : dec(b.weight);
  const missing: string[] = [];
  if (!executed) missing.push('全年执行数');
  if (!denom) missing.push(denomLabel);
  if (missing.length) {
    return { ratio: null, score: null, trace: `缺少${missing.join('、')}，无法计算执行率` };
  }
  if (denom!.isZero()) {
    return { ratio: null, score: null, trace: `${denomLabel}为 0，无法计算执行率` };
  }
  const ratio = executed!.dividedBy(denom!);
  let trace = `执行率 ${s(executed!)}/${s(denom!)}=${pct(ratio)}`;
  if (!weight) {
    return { ratio, score: null, trace: `${trace}；未标明分值，无法计算得分` };
  }
  const r = rounder(rs);
  const capped = ratio.greaterThan(ONE);
  const used = capped ? ONE : ratio;
  let score = r.round(weight.times(used));
  trace += capped
    ? `，超过100%按100%计（超支不加分），得分 ${s(weight)}×100%=${s(score)}`
    : `，得分 ${s(weight)}×${pct(ratio)}=${s(score)}`;
  const floor = rs.executionFloor;
  if (floor) {
    const fr = floorRatio(floor.rate);
    const ded = dec(floor.deduction);
    if (fr && ded && ratio.lessThan(fr)) {
      const after = Decimal.max(ZERO, score.minus(ded));
      trace += `；执行率低于${pct(fr)}，扣 ${s(ded)} 分，得 ${s(after)}`;
      score = after;
    }
  }
  return { ratio, score, trace };
}
