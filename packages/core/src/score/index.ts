// Scoring (domain.md §2–§4): every indicator, the 资金 block, the total and the grade, each with
// a trace a reviewer can read. Pure: the browser runs the same code.
import { Decimal } from '../decimal.ts';
import type { Evaluation, Grade, Indicator, IndicatorResult, Scored } from '../model/evaluation.ts';
import type { GradeBand, Ruleset } from '../model/ruleset.ts';
import { executionScore, type ExecutionResult } from './budget.ts';
import { scoreLeaf, statedResult, type LeafResult } from './leaf.ts';
import { dec, HUNDRED, pct, rounder, s, ZERO } from './util.ts';

export { executionScore } from './budget.ts';

function bonusResult(ind: Indicator, cap: Decimal | null): LeafResult {
  const stated = dec(ind.statedScore);
  if (!stated) return { score: null, trace: '加减分项，未填得分', method: 'bonus' };
  if (cap && stated.abs().greaterThan(cap)) {
    const v = stated.isNegative() ? cap.negated() : cap;
    return { score: v, trace: `加减分项：自评 ${s(stated)}，超过上限 ±${s(cap)}，按 ${s(v)} 计`, method: 'bonus' };
  }
  return { score: stated, trace: `加减分项：保留自评得分 ${s(stated)}`, method: 'bonus' };
}

function executionRow(ind: Indicator, exec: ExecutionResult | null, ev: Evaluation, rs: Ruleset): LeafResult {
  const w = dec(ind.weight);
  if (ev.budget && w) {
    const r = executionScore(ev.budget, rs, w);
    if (r.score) return { score: r.score, trace: r.trace, method: 'execution' };
  }
  // no usable 资金 block: score the row's own 年度指标值 / 实际完成值 (a rate, positive)
  const own = scoreLeaf({ ...ind, direction: ind.direction ?? 'positive' }, ev, rs);
  if (own.score || !exec) return own;
  return statedResult(ind, w, exec.trace);
}

function gradeOf(total: Decimal, bands: GradeBand[]): GradeBand | null {
  if (!bands?.length) return null;
  let best: GradeBand | null = null;
  let bestMin: Decimal | null = null;
  let lowest: GradeBand = bands[0];
  let lowestMin = dec(bands[0].min) ?? ZERO;
  for (const b of bands) {
    const m = dec(b.min);
    if (!m) continue;
    if (m.lessThan(lowestMin)) [lowest, lowestMin] = [b, m];
    if (total.greaterThanOrEqualTo(m) && (!bestMin || m.greaterThan(bestMin))) [best, bestMin] = [b, m];
  }
  return best ?? lowest;
}

function shortName(name: string): string {
  const n = name.replace(/[\s　]+/g, '').replace(/[（(]\s*\d+(?:\.\d+)?\s*分?\s*[)）]$/, '').replace(/指标$/, '');
  return n || name;
}

export function score(ev: Evaluation, ruleset: Ruleset): Scored {
  const rs = ruleset;
  const r = rounder(rs);
  const inds = ev.indicators ?? [];
  const n = inds.length;
  const bonusCap = dec(rs.caps?.bonusMaxAbs ?? null);

  // children by parent, in document order
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(inds[i].id, i);
  const children: number[][] = new Array(n);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = inds[i].parentId;
    const pi = p == null ? undefined : index.get(p);
    if (pi === undefined) roots.push(i);
    else (children[pi] ??= []).push(i);
  }
  // a row under a 加减分 node is a 加减分 row too
  const bonus = new Array<boolean>(n);
  for (let i = 0; i < n; i++) {
    const p = inds[i].parentId;
    const pi = p == null ? undefined : index.get(p);
    bonus[i] = inds[i].kind === 'bonus' || (pi !== undefined && pi < i && bonus[pi]);
  }

  const hasExecutionRow = inds.some((i) => i.kind === 'execution');
  const exec = ev.budget ? executionScore(ev.budget, rs) : null;

  const results: LeafResult[] = new Array(n);
  // pre-order list: walking it backwards scores children before their parent
  for (let i = n - 1; i >= 0; i--) {
    const ind = inds[i];
    const kids = children[i];
    let res: LeafResult | null = null;
    if (kids?.length) {
      let total = ZERO;
      let any = false;
      const parts: string[] = [];
      const missing: string[] = [];
      for (const k of kids) {
        const sc = results[k].score;
        if (sc) {
          total = total.plus(sc);
          any = true;
          parts.push(s(sc));
        } else missing.push(inds[k].name);
      }
      if (any) {
        if (bonus[i] && bonusCap && total.abs().greaterThan(bonusCap)) {
          const v = total.isNegative() ? bonusCap.negated() : bonusCap;
          res = { score: v, trace: `加减分合计 ${parts.join('+')}=${s(total)}，超过上限 ±${s(bonusCap)}，按 ${s(v)} 计`, method: 'sum' };
        } else {
          const miss = missing.length ? `（${missing.join('、')}无得分，未计入）` : '';
          res = { score: total, trace: `下级指标得分合计 ${parts.length > 1 ? parts.join('+') + '=' : ''}${s(total)}${miss}`, method: 'sum' };
        }
      } else if (!bonus[i]) {
        res = statedResult(ind, dec(ind.weight), '下级指标均无得分');
      }
    }
    if (!res) {
      if (bonus[i]) res = bonusResult(ind, bonusCap);
      else if (ind.kind === 'execution') res = executionRow(ind, exec, ev, rs);
      else res = scoreLeaf(ind, ev, rs);
    }
    results[i] = res;
  }

  const indicators: IndicatorResult[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const x = results[i];
    indicators[i] = { id: inds[i].id, score: x.score ? s(x.score) : null, trace: x.trace, method: x.method };
  }

  // ---- total (§2.2, §4)
  let raw = ZERO;
  let anyScore = false;
  const terms: { label: string; v: Decimal }[] = [];
  const notes: string[] = [];
  const countBudget = ev.budget && !hasExecutionRow;
  if (countBudget) {
    if (exec?.score) {
      raw = raw.plus(exec.score);
      anyScore = true;
      terms.push({ label: '预算执行', v: exec.score });
    } else notes.push(`预算执行未计分（${exec?.trace ?? '无资金数据'}）`);
  }
  for (const i of roots) {
    const sc = results[i].score;
    const label = bonus[i] ? shortName(inds[i].name) || '加减分' : shortName(inds[i].name);
    if (sc) {
      raw = raw.plus(sc);
      anyScore = true;
      terms.push({ label, v: sc });
    } else notes.push(`${label}无得分`);
  }

  const budgetOut = exec
    ? { rate: exec.ratio ? s(exec.ratio.times(HUNDRED).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)) : null, score: exec.score ? s(exec.score) : null, trace: exec.trace }
    : null;

  if (!anyScore) {
    return {
      indicators,
      budget: budgetOut,
      total: null,
      rawTotal: null,
      grade: null,
      gradeLabel: null,
      totalTrace: `无可计算的得分${notes.length ? '：' + notes.join('；') : ''}`,
    };
  }

  let expr = '';
  terms.forEach((t, k) => {
    if (k === 0) expr = `${t.label} ${s(t.v)}`;
    else expr += t.v.isNegative() ? ` + ${t.label} (${s(t.v)})` : ` + ${t.label} ${s(t.v)}`;
  });
  let trace = `${expr} = ${s(raw)}`;
  let total = r.round(raw);
  if (!total.equals(raw)) trace += `，保留 ${r.decimals} 位小数为 ${s(total)}`;
  if (rs.caps?.clampTotal) {
    if (total.greaterThan(HUNDRED)) {
      total = HUNDRED;
      trace += '，超过 100 按 100 计';
    } else if (total.isNegative()) {
      total = ZERO;
      trace += '，低于 0 按 0 计';
    }
  }
  if (rs.caps?.totalByExecutionRate && exec?.ratio) {
    const capV = r.round(Decimal.min(exec.ratio, 1).times(HUNDRED));
    if (total.greaterThan(capV)) {
      total = capV;
      trace += `，总分不超过执行率 ${pct(exec.ratio)} × 100，按 ${s(capV)} 计`;
    }
  }
  // grade on the total rounded to 2 decimals (§4)
  const forGrade = total.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const band = gradeOf(forGrade, rs.gradeBands);
  const grade: Grade | null = band?.grade ?? null;
  if (band) trace += `，等级 ${band.label}`;
  if (notes.length) trace += `（${notes.join('；')}）`;

  return {
    indicators,
    budget: budgetOut,
    total: s(total),
    rawTotal: s(raw),
    grade,
    gradeLabel: band?.label ?? null,
    totalTrace: trace,
  };
}
