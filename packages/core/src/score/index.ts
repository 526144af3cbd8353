// Scoring (domain.md §2–§4): every indicator, the 资金 block, the total and the grade, each with
// a trace a reviewer can read. Pure: the browser runs the same code.
import { Decimal } from '../decimal.ts';
import type { Evaluation, Grade, Indicator, IndicatorResult, Scored } from '../model/evaluation.ts';
import type { GradeBand, Ruleset } from '../model/ruleset.ts';
import { executionScore, type ExecutionResult } from './budget.ts';
import { scoreLeaf, statedResult, type LeafResult } from './leaf.ts';
import { frameworkMethodFor, getFramework } from '../frameworks/index.ts';
import type { Framework, FrameworkIndicator } from '../model/framework.ts';
import { abs, add, cmp, HUNDRED, keepCells, mk, negate, num, numText, pct, rounder, roundScaled, type Cells, type Num } from './util.ts';

export { executionScore } from './budget.ts';

const N_HUNDRED = numText('100');
const EXEC_NAME_RE = /^(?:项目)?(?:预算|资金)执行(?:率|情况)?(?:指标)?$/;

function bonusResult(ind: Indicator, cap: Num | null): LeafResult {
  const stated = num(ind.statedScore);
  if (!stated) return { score: null, trace: '加减分项，未填得分', method: 'bonus' };
  if (cap && cmp(abs(stated), cap) > 0) {
    const v = stated.neg ? negate(cap) : cap;
    return { score: v, trace: `加减分项：自评 ${stated.t}，超过上限 ±${cap.t}，按 ${v.t} 计`, method: 'bonus' };
  }
  return { score: stated, trace: `加减分项：保留自评得分 ${stated.t}`, method: 'bonus' };
}

function executionRow(ind: Indicator, exec: ExecutionResult | null, ev: Evaluation, rs: Ruleset): LeafResult {
  const w = num(ind.weight);
  if (ev.budget && w) {
    const r = executionScore(ev.budget, rs, w);
    if (r.score) return { score: r.score, trace: r.trace, method: 'execution' };
  }
  // no usable 资金 block: score the row's own 年度指标值 / 实际完成值 (a rate, positive)
  const own = scoreLeaf({ ...ind, direction: ind.direction ?? 'positive' }, ev, rs);
  if (own.score || !exec) return own;
  return statedResult(ind, w, exec.trace);
}

function gradeOf(total: Num, bands: GradeBand[]): GradeBand | null {
  if (!bands?.length) return null;
  let best: GradeBand | null = null;
  let bestMin: Num | null = null;
  let lowest: GradeBand | null = null;
  let lowestMin: Num | null = null;
  for (const b of bands) {
    const m = num(b.min);
    if (!m) continue;
    if (!lowestMin || cmp(m, lowestMin) < 0) [lowest, lowestMin] = [b, m];
    if (cmp(total, m) >= 0 && (!bestMin || cmp(m, bestMin) > 0)) [best, bestMin] = [b, m];
  }
  // below every band's minimum (a negative total left unclamped): the lowest band
  return best ?? lowest;
}

function shortName(name: string): string {
  const n = name.replace(/[\s　]+/g, '').replace(/[（(]\s*\d+(?:\.\d+)?\s*分?\s*[)）]$/, '').replace(/指标$/, '');
  return n || name;
}

/** Parent position of each row (-1 for roots). The list is pre-order, so a row's parent is the
 *  previous row or one of its ancestors; a Map is built only when that does not hold. */
function parents(inds: Indicator[]): number[] {
  const n = inds.length;
  // plain arrays: typed arrays cost more to allocate than they save at 25 rows
  const par: number[] = new Array(n);
  let index: Map<string, number> | null = null;
  for (let i = 0; i < n; i++) {
    const p = inds[i].parentId;
    par[i] = -1;
    if (p == null) continue;
    let j = i - 1;
    while (j >= 0 && inds[j].id !== p) j = par[j];
    if (j < 0) {
      if (!index) {
        index = new Map();
        for (let k = 0; k < n; k++) if (!index.has(inds[k].id)) index.set(inds[k].id, k);
      }
      const k = index.get(p);
      // a parent listed after its child would break the bottom-up pass: treat the row as a root
      j = k !== undefined && k < i ? k : -1;
    }
    par[i] = j;
  }
  return par;
}

// framework rows by indicator path, per framework: the lookup normalises names, so do it once
const fwRows = new WeakMap<Framework, Map<string, FrameworkIndicator | null>>();

function frameworkRow(fw: Framework, path: string[]): FrameworkIndicator | null {
  let m = fwRows.get(fw);
  if (!m) fwRows.set(fw, (m = new Map()));
  const key = path.join('\u0000');
  let r = m.get(key);
  if (r === undefined) {
    r = frameworkMethodFor(fw, path) ?? null;
    if (m.size > 20000) m.clear();
    m.set(key, r);
  }
  return r;
}

/** The 资金 block's score; a blank 分值 is the form's own (rs.executionWeight), said in the trace. */
function blockScore(b: NonNullable<Evaluation['budget']>, rs: Ruleset): ExecutionResult {
  const fixed = num(rs.executionWeight ?? null);
  if (num(b.weight) || !fixed) return executionScore(b, rs);
  const r = executionScore(b, rs, fixed);
  return Object.assign(r, { trace: `资金块未写分值，按本表的 ${fixed.t} 分计；${r.trace}` });
}

/** A form without scores (湖南 专项资金 自评表): nothing is computed and no grade is given. */
function unscored(ev: Evaluation, rs: Ruleset): Scored {
  const why = `本表不设分值和得分（${rs.name}），不计分、不评等级`;
  return {
    indicators: (ev.indicators ?? []).map((i) => ({ id: i.id, score: null, trace: why, method: 'none' })),
    budget: ev.budget ? { ...executionScoreRateOnly(ev, rs) } : null,
    total: null,
    rawTotal: null,
    grade: null,
    gradeLabel: null,
    totalTrace: why,
  };
}

function executionScoreRateOnly(ev: Evaluation, rs: Ruleset): { rate: string | null; score: null; trace: string } {
  const r = executionScore({ ...ev.budget!, weight: null }, rs);
  return { rate: r.rate, score: null, trace: r.trace.replace(/；未标明分值，无法计算得分$/, '；本表不计分') };
}

/** The self score or, when the ruleset grades on it, the 财政审核评分 beside it (宁夏). */
function reviewed(ind: Indicator, res: LeafResult, rs: Ruleset): LeafResult {
  const rv = num(ind.reviewScore ?? null);
  if (!rv) return res;
  if (rs.gradeOn === 'review') {
    return { score: rv, trace: `按财政审核评分 ${rv.t} 计（评分规则：以审核评分定分）；自评复算：${res.trace}`, method: 'review' };
  }
  return { ...res, trace: `${res.trace}；财政审核评分 ${rv.t}（评分规则以自评得分定分，审核评分仅列示）` };
}

/** 折算得分 = 得分 × 权重占比 (河北 成安): the share is a percentage ("20%") or a fraction ("0.2"). */
function rescaled(ind: Indicator, res: LeafResult, rs: Ruleset): LeafResult {
  const text = ind.weightShare?.trim();
  if (!text || !res.score) return res;
  const m = /^(\d+(?:\.\d+)?)\s*([%％])?$/.exec(text);
  if (!m) return { ...res, trace: `${res.trace}；权重占比「${text}」不是数值，未折算` };
  const share = m[2] ? new Decimal(m[1]).dividedBy(100) : new Decimal(m[1]);
  const v = mk(rounder(rs).round(res.score.d.times(share)));
  return { score: v, trace: `${res.trace}；折算得分 = ${res.score.t}×权重占比 ${text} = ${v.t}`, method: res.method };
}

/** Score `ev` by `ruleset`; `framework` (a form loaded from data) instead of the built-in one ev.framework names. */
export function score(ev: Evaluation, ruleset: Ruleset, framework?: Framework | null): Scored {
  const rs = ruleset;
  if (rs.weightMode === 'none') return unscored(ev, rs);
  const r = rounder(rs);
  const inds = ev.indicators ?? [];
  const n = inds.length;
  const bonusCap = num(rs.caps?.bonusMaxAbs ?? null);
  const par = parents(inds);

  // a row under a 加减分 node is a 加减分 row too
  const bonus: boolean[] = new Array(n);
  const hasKids: boolean[] = new Array(n).fill(false);
  for (let i = 0; i < n; i++) {
    bonus[i] = inds[i].kind === 'bonus' || (par[i] >= 0 && bonus[par[i]]);
    if (par[i] >= 0) hasKids[par[i]] = true;
  }
  // the framework (指标体系) the evaluation follows says how each row is scored, when known
  const fw = framework ?? (ev.framework ? getFramework(ev.framework) : undefined);
  const fis: (FrameworkIndicator | null)[] | null = fw ? new Array(n).fill(null) : null;
  // execution scored as a row: marked so, so by the framework, or a childless 一级 "预算执行率"
  // beside a 资金 block (the 10 points must not count twice)
  const execRow: boolean[] = new Array(n).fill(false);
  let hasExecutionRow = false;
  for (let i = 0; i < n; i++) {
    const ind = inds[i];
    if (fis && !hasKids[i] && ind.path?.length) fis[i] = frameworkRow(fw!, ind.path);
    if (
      ind.kind === 'execution' ||
      (!ind.kind && fis?.[i]?.method === 'execution') ||
      (ev.budget && !ind.kind && par[i] < 0 && !hasKids[i] && EXEC_NAME_RE.test(ind.name))
    ) {
      execRow[i] = true;
      hasExecutionRow = true;
    }
  }

  const exec = ev.budget ? blockScore(ev.budget, rs) : null;

  // children's scores, accumulated while walking the pre-order list backwards (children first)
  const sums: (Num | null)[] = new Array(n).fill(null);
  const parts: string[] = new Array(n).fill('');
  const counts: number[] = new Array(n).fill(0);
  const missing: string[] = new Array(n).fill('');
  const scores: (Num | null)[] = new Array(n);
  const indicators: IndicatorResult[] = new Array(n);
  // every row's 分值 and 得分 parsed once, here, for scoring and for the checks
  const cells: Cells = { ev, weight: new Array(n), stated: new Array(n), target: new Array(n), actual: new Array(n) };
  for (let i = 0; i < n; i++) {
    cells.weight[i] = num(inds[i].weight);
    cells.stated[i] = num(inds[i].statedScore);
  }

  for (let i = n - 1; i >= 0; i--) {
    const ind = inds[i];
    let res: LeafResult | null = null;
    if (hasKids[i]) {
      const total = sums[i];
      if (total) {
        const tt = total;
        const p = parts[i];
        if (bonus[i] && bonusCap && cmp(abs(total), bonusCap) > 0) {
          const v = total.neg ? negate(bonusCap) : bonusCap;
          res = { score: v, trace: `加减分合计 ${p}=${tt.t}，超过上限 ±${bonusCap.t}，按 ${v.t} 计`, method: 'sum' };
        } else {
          const miss = missing[i] ? `（${missing[i]}无得分，未计入）` : '';
          res = { score: tt, trace: `下级指标得分合计 ${counts[i] > 1 ? p + '=' : ''}${tt.t}${miss}`, method: 'sum' };
        }
      } else if (!bonus[i]) {
        res = statedResult(ind, cells.weight[i]!, '下级指标均无得分');
      }
    }
    if (!res) {
      const fi = fis?.[i];
      if (bonus[i] || fi?.method === 'bonus') res = bonusResult(ind, bonusCap);
      else if (execRow[i]) res = executionRow(ind, exec, ev, rs);
      else res = scoreLeaf(ind, ev, rs, fi ?? undefined, cells, i);
      if (ind.weightShare) res = rescaled(ind, res, rs);
      if (ind.reviewScore) res = reviewed(ind, res, rs);
    }
    const sc = res.score;
    scores[i] = sc;
    indicators[i] = { id: ind.id, score: sc ? sc.t : null, trace: res.trace, method: res.method };
    const pi = par[i];
    if (pi >= 0) {
      if (sc) {
        const prev = sums[pi];
        sums[pi] = prev ? add(prev, sc) : sc;
        // walking backwards: prepend, so the trace lists children in document order
        parts[pi] = counts[pi]++ ? (sc.neg ? `(${sc.t})+` : `${sc.t}+`) + parts[pi] : sc.neg ? `(${sc.t})` : sc.t;
      } else missing[pi] = missing[pi] ? `${ind.name}、${missing[pi]}` : ind.name;
    }
  }

  const roots: number[] = [];
  for (let i = 0; i < n; i++) if (par[i] < 0) roots.push(i);

  // ---- total (§2.2, §4)
  let raw = numText('0');
  let anyScore = false;
  const terms: { label: string; v: Num }[] = [];
  const notes: string[] = [];
  const countBudget = ev.budget && !hasExecutionRow;
  if (countBudget) {
    if (exec?.score) {
      raw = add(raw, exec.score);
      anyScore = true;
      terms.push({ label: '预算执行', v: exec.score });
    } else notes.push(`预算执行未计分（${exec?.trace ?? '无资金数据'}）`);
  }
  for (const i of roots) {
    const sc = scores[i];
    const label = bonus[i] ? shortName(inds[i].name) || '加减分' : shortName(inds[i].name);
    if (sc) {
      raw = add(raw, sc);
      anyScore = true;
      terms.push({ label, v: sc });
    } else notes.push(`${label}无得分`);
  }

  const budgetOut = exec
    ? { rate: exec.rate, score: exec.score ? exec.score.t : null, trace: exec.trace }
    : null;

  if (!anyScore) {
    return withCells(cells, {
      indicators,
      budget: budgetOut,
      total: null,
      rawTotal: null,
      grade: null,
      gradeLabel: null,
      totalTrace: `无可计算的得分${notes.length ? '：' + notes.join('；') : ''}`,
    });
  }

  let expr = '';
  terms.forEach((t, k) => {
    if (k === 0) expr = `${t.label} ${t.v.t}`;
    else expr += t.v.neg ? ` + ${t.label} (${t.v.t})` : ` + ${t.label} ${t.v.t}`;
  });
  let trace = `${expr} = ${raw.t}`;
  let total = r.roundNum(raw);
  if (total !== raw) trace += `，保留 ${r.decimals} 位小数为 ${total.t}`;
  if (rs.caps?.clampTotal) {
    if (cmp(total, N_HUNDRED) > 0) {
      total = N_HUNDRED;
      trace += '，超过 100 按 100 计';
    } else if (total.neg) {
      total = numText('0');
      trace += '，低于 0 按 0 计';
    }
  }
  if (rs.caps?.totalByExecutionRate && exec?.rate) {
    const ratio = exec.ratio!;
    const capV = mk(r.round(Decimal.min(ratio, 1).times(HUNDRED)));
    if (cmp(total, capV) > 0) {
      total = capV;
      trace += `，总分不超过执行率 ${pct(ratio)} × 100，按 ${capV.t} 计`;
    }
  }
  // grade on the total rounded to 2 decimals (§4)
  const forGrade = roundScaled(total, 2, false);
  const band = gradeOf(forGrade, rs.gradeBands);
  const grade: Grade | null = band?.grade ?? null;
  if (band) trace += `，等级 ${band.label}`;
  if (notes.length) trace += `（${notes.join('；')}）`;

  return withCells(cells, {
    indicators,
    budget: budgetOut,
    total: total.t,
    rawTotal: raw.t,
    grade,
    gradeLabel: band?.label ?? null,
    totalTrace: trace,
  });
}

function withCells(cells: Cells, scored: Scored): Scored {
  keepCells(scored, cells);
  return scored;
}
