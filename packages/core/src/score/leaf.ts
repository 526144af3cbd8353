// Scoring one indicator row from its target, actual and weight (domain.md §2.4, §2.5, §5.3).
import { Decimal } from '../decimal.ts';
import type { Direction, Evaluation, Indicator } from '../model/evaluation.ts';
import type { Ruleset } from '../model/ruleset.ts';
import type { FrameworkIndicator } from '../model/framework.ts';
import { convert } from '../money/money.ts';
import { directionOf, normalizeValueText, parseValue, type QualitativeLevel } from '../values/parse.ts';
import type { ParsedValue } from '../values/types.ts';
import { cmp, dec, mk, mulDiv, num, numText, ONE, rounder, s, ZERO, type Cells, type Num } from './util.ts';

export interface LeafResult {
  score: Num | null;
  trace: string;
  method: string;
}

type NumV = Extract<ParsedValue, { kind: 'number' }>;
type Qual = Extract<ParsedValue, { kind: 'qualitative' }>;
type Deadline = Extract<ParsedValue, { kind: 'deadline' }>;

const MONEY = new Set(['元', '万元']);

const N_ZERO: Num = numText('0');

function shown(v: string, unit: string | null): string {
  return unit ? v + unit : v;
}

function clampStated(stated: Num, w: Num | null): { v: Num; note: string } {
  if (stated.neg) return { v: N_ZERO, note: `，自评得分 ${stated.t} 小于 0，按 0 计` };
  if (w && cmp(stated, w) > 0) return { v: w, note: `，自评得分 ${stated.t} 超过分值 ${w.t}，按 ${w.t} 计` };
  return { v: stated, note: '' };
}

/** Nothing can be computed: keep the stated score within [0, 分值] and say why. */
export function statedResult(ind: Indicator, w: Num | null, why: string): LeafResult {
  const stated = num(ind.statedScore);
  if (!stated) return { score: null, trace: `${why}，且未填自评得分`, method: 'stated' };
  const c = clampStated(stated, w);
  const ofW = w ? `（分值 ${w.t}）` : '';
  return { score: c.v, trace: `${why}，保留自评得分 ${stated.t}${ofW}${c.note}`, method: 'stated' };
}

/** The row is the evaluator's judgment: the stated score is kept within [0, 分值]. */
function judgment(ind: Indicator, w: Num, why?: string): LeafResult {
  const stated = num(ind.statedScore);
  const pre = why ? `${why}，` : '';
  if (!stated) return { score: null, trace: `${pre}评价人评分项，未填自评得分`, method: 'judgment' };
  const c = clampStated(stated, w);
  return { score: c.v, trace: `${pre}评价人评分，保留自评得分 ${stated.t}（分值 ${w.t}）${c.note}`, method: 'judgment' };
}

// ---------------------------------------------------------------- quantitative (§2.4)

const OP_SHOWN: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };

function quantitative(ind: Indicator, w: Num, t: NumV, a: NumV, direction: Direction, rs: Ruleset, wording: Wording | null = null): LeafResult {
  // cached: the same figures come back row after row, and parsing a Num's digits is not free
  const tn = num(t.value) ?? numText(t.value);
  // actuals are mostly one-off figures: caching them costs more than parsing their digits
  let an = numText(a.value);
  const unit = t.unit ?? a.unit;
  let pre = '';
  if (t.unit && a.unit && t.unit !== a.unit) {
    if (MONEY.has(t.unit) && MONEY.has(a.unit)) {
      const conv = num(convert(an.d, a.unit as '元' | '万元', t.unit as '元' | '万元'))!;
      pre = `实际 ${shown(an.t, a.unit)} 折合 ${shown(conv.t, t.unit)}；`;
      an = conv;
    } else {
      return statedResult(ind, w, `目标单位「${t.unit}」与实际单位「${a.unit}」不一致，无法计算`);
    }
  }
  if (unit && (!t.unit || !a.unit)) pre += `${t.unit ? '实际完成值' : '年度指标值'}未写计量单位，按「${unit}」计；`;
  if (a.op) pre += `实际完成值带比较符「${OP_SHOWN[a.op]}」，按 ${shown(an.t, unit)} 计；`;
  const A = shown(an.t, unit);
  const T = shown(tn.t, unit);
  const W = w.t;
  if (wording && wording.method !== 'proportional') {
    const c = cmp(an, tn);
    const met = direction === 'positive' ? c >= 0 : direction === 'reverse' ? c <= 0 : c === 0;
    const label = direction === 'positive' ? '正向指标' : direction === 'reverse' ? '反向指标' : '等值指标';
    const head = `${pre}${label}：实际 ${A}，目标 ${T}，${met ? '符合' : '不符合'}；${ruleText(wording)}`;
    if (met) return { score: w, trace: `${head}，得满分 ${W}`, method: direction };
    if (wording.method === 'binary') return { score: N_ZERO, trace: `${head}，不得分`, method: direction };
    return judgment(ind, w, `${head}，未符合时按实际情况给分`);
  }
  if (direction === 'positive') {
    if (cmp(an, tn) >= 0) return { score: w, trace: `${pre}正向指标：实际 ${A} ≥ 目标 ${T}，得满分 ${W}`, method: 'positive' };
    if (tn.neg || tn.zero || an.neg) {
      return statedResult(ind, w, `${pre}正向指标目标值 ${T} 不为正数，无法按比例计分`);
    }
    const r = rounder(rs);
    const sc = mulDiv(w, an, tn, r.decimals, r.truncate);
    return { score: sc, trace: `${pre}正向指标：实际 ${A} < 目标 ${T}，得分 ${W}×${an.t}/${tn.t}=${sc.t}`, method: 'positive' };
  }
  if (direction === 'reverse') {
    if (cmp(an, tn) <= 0) return { score: w, trace: `${pre}反向指标：实际 ${A} ≤ 目标 ${T}，得满分 ${W}`, method: 'reverse' };
    if (tn.zero) {
      // "安全事故 ≤0起": binary (§2.4 edge case)
      return { score: N_ZERO, trace: `${pre}反向指标：目标 ${T}，实际 ${A} 超出，目标为 0 时按是否达到计分，得 0`, method: 'reverse' };
    }
    if (tn.neg) return statedResult(ind, w, `${pre}反向指标目标值 ${T} 为负数，无法按比例计分`);
    const r = rounder(rs);
    const sc = mulDiv(w, tn, an, r.decimals, r.truncate);
    return { score: sc, trace: `${pre}反向指标：实际 ${A} > 目标 ${T}，得分 ${W}×${tn.t}/${an.t}=${sc.t}`, method: 'reverse' };
  }
  // exact
  if (cmp(an, tn) === 0) return { score: w, trace: `${pre}等值指标：实际 ${A} = 目标 ${T}，得满分 ${W}`, method: 'exact' };
  if (tn.zero) return { score: N_ZERO, trace: `${pre}等值指标：实际 ${A} ≠ 目标 ${T}，目标为 0 时按是否相等计分，得 0`, method: 'exact' };
  // the sources say only that "=" met earns full marks: how a miss is scored is a setting
  if (rs.exactMiss === 'judgment') {
    return judgment(ind, w, `${pre}等值指标：实际 ${A} ≠ 目标 ${T}，来源只规定等于目标得满分，按评分规则设置（等值未达标：评价人评分）`);
  }
  const tv = tn.d;
  const dev = an.d.minus(tv).abs().dividedBy(tv.abs());
  const sc = mk(rounder(rs).round(w.d.times(Decimal.max(ZERO, ONE.minus(dev)))));
  return {
    score: sc,
    trace: `${pre}等值指标：实际 ${A} ≠ 目标 ${T}，来源只规定等于目标得满分，按评分规则设置（等值未达标：按偏离比例，系统默认）得分 ${W}×(1−|${an.t}−${tn.t}|/${s(tv.abs())})=${sc.t}，需说明偏差原因`,
    method: 'exact',
  };
}

// ---------------------------------------------------------------- qualitative (§2.5)

const LEVEL_LABEL: Record<QualitativeLevel, string> = { met: '达成', partial: '部分达成', notMet: '未达成' };

interface Band {
  lo: Num;
  hi: Num;
  open: boolean;
  /** the largest score inside the band */
  top: Num;
  text: string;
}
type Bands = Record<QualitativeLevel, Band>;

// bands depend only on the ruleset and the weight: computed once per pair
const bandCache = new WeakMap<Ruleset, Map<string, Bands>>();

function bandsFor(w: Num, rs: Ruleset): Bands {
  let m = bandCache.get(rs);
  if (!m) bandCache.set(rs, (m = new Map()));
  let b = m.get(w.t);
  if (b) return b;
  const r = rounder(rs);
  const metShare = dec(rs.qualitativeBands?.met) ?? new Decimal('0.8');
  const partialShare = dec(rs.qualitativeBands?.partial) ?? new Decimal('0.6');
  const metLo = mk(r.round(w.d.times(metShare)));
  const partialLo = mk(r.round(w.d.times(partialShare)));
  // half-open bands: their largest score is one step (0.01) below the next band
  const below = (hi: Num, lo: Num) => mk(Decimal.max(lo.d, hi.d.minus(r.step)));
  const halfOpen = rs.qualitativeBandEdge !== 'closed';
  const band = (level: QualitativeLevel, lo: Num, hi: Num, open: boolean): Band => ({
    lo, hi, open, top: open ? below(hi, lo) : hi,
    text: `「${LEVEL_LABEL[level]}」区间 [${lo.t}, ${hi.t}${open ? ')' : ']'}`,
  });
  b = {
    met: band('met', metLo, w, false),
    partial: band('partial', partialLo, metLo, halfOpen),
    notMet: band('notMet', N_ZERO, partialLo, true),
  };
  m.set(w.t, b);
  return b;
}

// ---------------------------------------------------------------- rule wordings (ruleset data)

type Wording = Ruleset['ruleWordings'][number];

// compiled once per ruleset
const wordingCache = new WeakMap<Ruleset, { re: RegExp; w: Wording }[]>();

/** The ruleset's rule wording (评分标准) the row's rule text matches, if any. */
export function wordingOf(ind: Pick<Indicator, 'rule'>, rs: Ruleset): Wording | null {
  if (!ind.rule) return null;
  let list = wordingCache.get(rs);
  if (!list) wordingCache.set(rs, (list = (rs.ruleWordings ?? []).map((w) => ({ re: new RegExp(w.pattern), w }))));
  for (const x of list) if (x.re.test(ind.rule)) return x.w;
  return null;
}

function ruleText(w: Wording): string {
  return `评分规则为「${w.label}」`;
}

function qualitative(ind: Indicator, w: Num, level: QualitativeLevel, why: string, rs: Ruleset, wording: Wording | null = null): LeafResult {
  if (wording && wording.method !== 'proportional') {
    const met = level === 'met';
    const head = `定性指标：${why}，${ruleText(wording)}`;
    if (met) return { score: w, trace: `${head}，得满分 ${w.t}`, method: 'qualitative' };
    if (wording.method === 'binary') return { score: N_ZERO, trace: `${head}，不得分`, method: 'qualitative' };
    return judgment(ind, w, `${head}，未完全符合时按实际情况给分（不套用达成档次）`);
  }
  const b = bandsFor(w, rs)[level];
  const head = `定性指标：${why}，属${b.text}`;
  const stated = num(ind.statedScore);
  if (!stated) {
    const v = level === 'met' ? w : level === 'partial' ? b.lo : N_ZERO;
    const how = level === 'met' ? '得满分' : level === 'partial' ? '取区间下限' : '得';
    return { score: v, trace: `${head}，未填自评得分，${how} ${v.t}`, method: 'qualitative' };
  }
  if (cmp(stated, b.lo) < 0) {
    return { score: b.lo, trace: `${head}，自评得分 ${stated.t} 低于区间下限，按 ${b.lo.t} 计`, method: 'qualitative' };
  }
  if (b.open ? cmp(stated, b.hi) >= 0 : cmp(stated, b.hi) > 0) {
    const edge = b.open
      ? `（区间上端不含 ${b.hi.t}：依 N1「部分达成 60%–<80%」，评分规则设置 qualitativeBandEdge=halfOpen，取区间内最大的 ${b.top.t}）`
      : '';
    return { score: b.top, trace: `${head}，自评得分 ${stated.t} 高于区间上限，按 ${b.top.t} 计${edge}`, method: 'qualitative' };
  }
  return { score: stated, trace: `${head}，保留自评得分 ${stated.t}`, method: 'qualitative' };
}

/** Level of an actual against a qualitative target; null when the words do not say. */
function qualitativeAgainst(t: ParsedValue, a: Qual): { level: QualitativeLevel; why: string } | null {
  if (t.kind === 'qualitative') {
    if (t.word === a.word) return { level: 'met', why: `实际「${a.word}」与目标「${t.word}」一致` };
    if (t.yesNo && a.yesNo) return { level: 'notMet', why: `实际「${a.word}」与目标「${t.word}」相反` };
    // "是否超出预算：否" — the target itself is a negative word, any other answer misses it
    if (t.level === 'notMet') return { level: 'notMet', why: `实际「${a.word}」与目标「${t.word}」不符` };
  }
  if (!a.level) return null;
  return { level: a.level, why: `实际「${a.word}」` };
}

// ---------------------------------------------------------------- deadlines (§5.3)

function deadline(ind: Indicator, w: Num, t: Deadline, a: Deadline, fiscalYear: number | null): LeafResult {
  const full = (why: string): LeafResult => ({ score: w, trace: `时效指标：${why}，得满分 ${w.t}`, method: 'deadline' });
  if (a.relative != null && a.relative === t.relative) return full(`实际「${a.text.trim()}」与目标「${t.text.trim()}」一致`);
  if (a.relative === 'onTime') return full(`实际「${a.text.trim()}」，在期限「${t.text.trim()}」内完成`);
  if (t.month != null && a.month != null && a.relative == null) {
    // a month without a year is in the evaluated fiscal year
    const ty = t.year ?? fiscalYear, ay = a.year ?? fiscalYear;
    const early = ty != null && ay != null && ay !== ty ? ay < ty : a.month <= t.month;
    if (early) return full(`实际完成于「${a.text.trim()}」，不晚于期限「${t.text.trim()}」`);
    return statedResult(ind, w, `时效指标：实际「${a.text.trim()}」晚于期限「${t.text.trim()}」，逾期无统一扣分规则`);
  }
  return statedResult(ind, w, `时效指标：实际「${a.text.trim()}」无法与期限「${t.text.trim()}」比较`);
}

// ---------------------------------------------------------------- dispatch

function describe(v: ParsedValue): string {
  return v.text.trim();
}

/** Score a leaf row that is neither a bonus nor an execution row. */
export function scoreLeaf(
  ind: Indicator,
  ev: Pick<Evaluation, 'subject' | 'fiscalYear'>,
  rs: Ruleset,
  fi?: Pick<FrameworkIndicator, 'method' | 'direction'>,
  cells?: Cells,
  k = -1,
): LeafResult {
  const w = k >= 0 ? cells!.weight[k]! : num(ind.weight);
  if (!w) {
    if (rs.weightMode === 'section') {
      return statedResult(ind, null, '本表只给目标块和一级指标分值，不设逐项分值（评分规则：按块给分），无法逐项复算');
    }
    return statedResult(ind, null, '未标明分值，无法计算');
  }
  if (w.neg) return statedResult(ind, null, `分值 ${w.t} 为负数，无法计算`);
  // 得分系数 × 指标权重 (重庆): the form states the share of the weight earned
  if (ind.coefficient != null && ind.coefficient.trim() !== '') return byCoefficient(ind, w, rs);
  const adjusted = rs.adjustedTargets && ind.adjustedTarget != null && ind.adjustedTarget.trim() !== '';
  let t: ParsedValue;
  let a: ParsedValue;
  if (k >= 0) {
    // the row's own cells, kept for the checks
    const c = cells!;
    const own = (c.target[k] = parseValue(ind.target));
    t = adjusted ? parseValue(ind.adjustedTarget!) : own;
    a = c.actual[k] = parseValue(ind.actual);
  } else {
    t = parseValue(adjusted ? ind.adjustedTarget! : ind.target);
    a = parseValue(ind.actual);
  }
  if (adjusted) {
    const r = scoreParsed(ind, ev, rs, fi, w, t, a);
    return { ...r, trace: `按调整指标值「${ind.adjustedTarget!.trim()}」计分（年初指标值「${(ind.target ?? '').trim()}」）；${r.trace}` };
  }
  return scoreParsed(ind, ev, rs, fi, w, t, a);
}

const COEF_RE = /^\s*(\d+(?:\.\d+)?)\s*(%|％)?\s*$/;

function byCoefficient(ind: Indicator, w: Num, rs: Ruleset): LeafResult {
  const m = COEF_RE.exec(ind.coefficient!);
  if (!m) return statedResult(ind, w, `得分系数「${ind.coefficient}」不是百分数，无法计算`);
  const raw = new Decimal(m[1]);
  // "95" and "95%" are both percentages; a bare fraction ("0.95") is a share
  const share = m[2] || raw.greaterThan(ONE) ? raw.dividedBy(100) : raw;
  const capped = Decimal.min(share, ONE);
  const sc = mk(rounder(rs).round(w.d.times(capped)));
  const cap = share.greaterThan(ONE) ? `，系数超过 100% 按 100% 计` : '';
  return { score: sc, trace: `得分系数 ${s(share.times(100))}%${cap}，得分 = 系数 × 指标权重 ${w.t} = ${sc.t}`, method: 'coefficient' };
}

/** 优良中低差 (四川): a word of the ruleset's graded scale as the actual earns its share of the weight. */
function byLevel(ind: Indicator, w: Num, rs: Ruleset, a: ParsedValue): LeafResult | null {
  const levels = rs.qualitativeLevels;
  if (!levels || a.kind === 'empty') return null;
  const word = a.text.replace(/[\s　]/g, '');
  const hit = levels.find((l) => l.word === word);
  if (!hit) return null;
  const sc = mk(rounder(rs).round(w.d.times(new Decimal(hit.share))));
  const scale = levels.map((l) => `${l.word} ${s(new Decimal(l.share).times(100))}%`).join('、');
  return { score: sc, trace: `定性指标（分档 ${scale}）：实际「${hit.word}」，得分 ${w.t}×${s(new Decimal(hit.share).times(100))}%=${sc.t}`, method: 'qualitative' };
}

function scoreParsed(
  ind: Indicator,
  ev: Pick<Evaluation, 'subject' | 'fiscalYear'>,
  rs: Ruleset,
  fi: Pick<FrameworkIndicator, 'method' | 'direction'> | undefined,
  w: Num,
  t: ParsedValue,
  a: ParsedValue,
): LeafResult {
  const subject = ev.subject;
  const method = fi?.method;
  if (method === 'judgment') return judgment(ind, w, '指标体系规定由评价人评分');
  const lv = byLevel(ind, w, rs, a);
  if (lv) return lv;
  const binary: Wording | null =
    method === 'binary' ? { pattern: '', method: 'binary', label: '符合得对应权重分，否则不得分', source: '指标体系' } : wordingOf(ind, rs);

  if (t.kind === 'number') {
    if (a.kind === 'number') {
      // the name decides only for a bare number (no ≥/≤): join the path only then
      const dir =
        ind.direction ?? fi?.direction ?? (t.op ? directionOf(t) : directionOf(t, ind.path?.length ? ind.path.join('/') : ind.name)) ?? 'positive';
      return quantitative(ind, w, t, a, dir, rs, binary);
    }
    if (a.kind === 'empty') {
      if (subject === 'department') return judgment(ind, w, '未填实际完成值');
      return statedResult(ind, w, '缺少实际完成值，无法计算');
    }
    // 南京 部门整体 tables: 业绩值及评分过程 is prose written by the evaluator
    if (subject === 'department' && a.kind === 'text') return judgment(ind, w);
    return statedResult(ind, w, `年度指标值「${describe(t)}」为数值，实际完成值「${describe(a)}」不是数值，无法计算`);
  }

  if (t.kind === 'deadline') {
    if (a.kind === 'deadline') return deadline(ind, w, t, a, ev.fiscalYear ?? null);
    if (a.kind === 'qualitative' && a.level) return qualitative(ind, w, a.level, `实际「${a.word}」`, rs, binary);
    return judgment(ind, w);
  }

  if (t.kind === 'qualitative') {
    if (a.kind === 'qualitative') {
      const q = qualitativeAgainst(t, a);
      if (q) return qualitative(ind, w, q.level, q.why, rs, binary);
      return judgment(ind, w);
    }
    // 按要求完成 / 按时完成: on time counts as met
    if (a.kind === 'deadline' && a.relative === 'onTime' && t.level === 'met') {
      return qualitative(ind, w, 'met', `实际「${describe(a)}」`, rs, binary);
    }
    return judgment(ind, w);
  }

  // target is text or empty: the words of the actual may still say met / not met
  if (a.kind === 'qualitative' && a.level && t.kind === 'text') return qualitative(ind, w, a.level, `实际「${a.word}」`, rs, binary);
  // the same words on both sides ("符合年度规划" / "符合年度规划"): the target is met
  if (t.kind === 'text' && a.kind === 'text' && normalizeValueText(t.text) === normalizeValueText(a.text)) {
    return qualitative(ind, w, 'met', '实际与目标表述一致', rs, binary);
  }
  if (a.kind === 'empty' && t.kind === 'empty') {
    if (dec(ind.statedScore)) return judgment(ind, w);
    return statedResult(ind, w, '未填年度指标值和实际完成值，无法计算');
  }
  return judgment(ind, w);
}
