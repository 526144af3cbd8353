// 指标值 grammar (domain.md §5): "[op] number [unit]", qualitative words, deadlines.
// Whatever does not fit one of these forms stays { kind: 'text' }: never guessed.
import type { Direction } from '../model/evaluation.ts';
import type { Op, ParsedValue } from './types.ts';

export type QualitativeLevel = 'met' | 'partial' | 'notMet';

// ---------------------------------------------------------------- normalisation

/**
 * Canonical decimal text of a plain number ("0950.50" → "950.5", "-0" → "0", "+3" → "3"):
 * what core/decimal `str` prints, done on the string (this runs for every cell in bulk scoring).
 * The input must match /^[+-]?(\d+(\.\d*)?|\.\d+)$/.
 */
export function canonicalNumber(t: string): string {
  let neg = false;
  let i = 0;
  const c0 = t.charCodeAt(0);
  if (c0 === 45 || c0 === 43) {
    neg = c0 === 45;
    i = 1;
  }
  let end = t.length;
  const dot = t.indexOf('.', i);
  if (dot >= 0) {
    while (end > dot + 1 && t.charCodeAt(end - 1) === 48) end--;
    if (end === dot + 1) end = dot;
  }
  const intEnd = dot >= 0 && dot < end ? dot : end;
  while (i < intEnd - 1 && t.charCodeAt(i) === 48) i++;
  let out = i === intEnd ? '0' + t.slice(i, end) : t.slice(i, end);
  if (out === '0') return '0';
  return neg ? '-' + out : out;
}

// Only text with characters outside printable ASCII and the CJK block needs NFKC (full-width
// forms, ㎡, ﹦ …); skipping it for the rest keeps bulk parsing cheap.
const NEEDS_NFKC_RE = /[^\x20-\x7e\u4e00-\u9fff≥≤。，、；：（）“”]/;

// Characters NFKC leaves alone but documents use for the same operators.
const CHAR_MAP: Record<string, string> = {
  '≧': '≥', '≦': '≤', '⩾': '≥', '⩽': '≤', '═': '=', '〓': '=',
  '﹦': '=', '＝': '=', '＞': '>', '＜': '<', '﹥': '>', '﹤': '<',
  '％': '%', '﹪': '%', '－': '-', '—': '-', '–': '-', '―': '-', '−': '-', '～': '~', '〜': '~',
  '．': '.',
};
const CHAR_RE = new RegExp(`[${Object.keys(CHAR_MAP).join('')}]`, 'g');
const WS_RE = /[\s\u00a0\u3000\u200b\ufeff]+/g;

/**
 * Canonical form of a 指标值 cell: full-width → half-width, all whitespace removed,
 * two-character operators folded (>= → ≥, <= → ≤, => → ≥, =< → ≤, ≥= → ≥).
 */
// text made only of these characters is already canonical
const CLEAN_RE = /^[0-9A-Za-z.%/+\-\u4e00-\u9fff≥≤。、“”]*$/;

export function normalizeValueText(s: string | null | undefined): string {
  if (s == null) return '';
  let t = String(s);
  if (CLEAN_RE.test(t)) return t;
  // NFKC folds full-width digits, letters, ＞＜＝％ and friends.
  if (NEEDS_NFKC_RE.test(t)) t = t.normalize('NFKC');
  t = t.replace(CHAR_RE, (c) => CHAR_MAP[c] ?? c).replace(WS_RE, '');
  t = t.replace(/>=|=>|≥=|≥≥/g, '≥').replace(/<=|=<|≤=|≤≤/g, '≤').replace(/==+/g, '=');
  return t;
}

// ---------------------------------------------------------------- vocabulary (§5.4)

const MET_WORDS = [
  '是', '充分', '规范', '合理', '明确', '科学', '合规', '合法', '健全', '有效', '公开', '完善', '达标',
  '按要求完成', '得到提升', '效果明显', '显著', '应保尽保', '目标达成', '符合标准', '达成', '已达成',
  '完成', '已完成', '全部完成', '符合', '符合要求', '符合规定', '达到', '达到要求', '达到预期',
  '提升', '明显提升', '显著提升', '有效提升', '持续提升', '稳步提升', '得到保障', '有效保障',
  '效果显著', '成效显著', '兑现', '已兑现', '落实', '已落实', '应培尽培', '全覆盖', '准确', '安全',
  '正常', '稳定', '高效', '合格', '满意',
];
const PARTIAL_WORDS = [
  '较好', '一般', '基本按要求完成', '基本达成', '基本完成', '部分达成', '部分完成', '有所提升',
  '基本符合', '基本达标', '基本满意', '较满意', '比较满意', '较显著', '较明显',
];
const NOT_MET_WORDS = [
  '否', '未完成', '不合规', '未达成', '未达标', '未达到', '不符合', '不达标', '无效', '未公开',
  '未兑现', '未落实', '未按要求完成', '不满意', '不合格', '差',
];

const QUALITATIVE = new Map<string, QualitativeLevel>();
for (const w of MET_WORDS) QUALITATIVE.set(w, 'met');
for (const w of PARTIAL_WORDS) QUALITATIVE.set(w, 'partial');
for (const w of NOT_MET_WORDS) QUALITATIVE.set(w, 'notMet');
// 较规范 / 基本健全 → 部分达成; 不规范 / 未公开 → 未达成 (§5.4, S0 scored 较规范 1/1.5).
const MODIFIABLE = ['充分', '规范', '合理', '明确', '科学', '合规', '合法', '健全', '有效', '公开', '完善', '达标', '符合', '准确', '及时', '合格', '满意', '显著', '明显'];
for (const w of MODIFIABLE) {
  for (const p of ['较', '比较', '基本', '基本上', '较为']) if (!QUALITATIVE.has(p + w)) QUALITATIVE.set(p + w, 'partial');
  for (const p of ['不', '未', '不够']) if (!QUALITATIVE.has(p + w)) QUALITATIVE.set(p + w, 'notMet');
}

/** The level of a qualitative word (§5.4); undefined when the word is not in the vocabulary. */
export function qualitativeLevel(word: string): QualitativeLevel | undefined {
  return QUALITATIVE.get(word);
}

// ---------------------------------------------------------------- deadlines (§5.3)

const ON_TIME_RE = /^(?:按时|按期|如期|及时|准时)(?:完成|兑现|结案|发放|办结|支付|拨付|到位|实施|开展|举办|提交|上线|验收)?$/;
const SCHEDULE_RE = /^(?:按)?序时(?:进度)?(?:完成|支出|执行|拨付)?$/;
const QUARTER: Record<string, number> = { 一: 3, 1: 3, 二: 6, 2: 6, 三: 9, 3: 9, 四: 12, 4: 12 };
const END_WORDS = '(?:底|末|末前|底前|前|之前|以前|内|份)?(?:前|完成|前完成|内完成)?';
const MONTH_RE = new RegExp(`^(?:(\\d{4})年(?:度)?)?(\\d{1,2})月(?:(\\d{1,2})日)?${END_WORDS}$`);
const QUARTER_RE = new RegExp(`^(?:(\\d{4})年(?:度)?)?第?([一二三四1-4])季度${END_WORDS}$`);
const YEAR_END_RE = /^(?:(\d{4})年(?:度)?)?(?:年底|年末|年内|年度内|底|末|内)(?:前|之前|以前)?(?:完成)?$/;
const YEAR_ONLY_RE = /^(\d{4})年(?:度)?(?:底|末|内)(?:前|之前|以前)?(?:完成)?$/;
const HALF_RE = /^(?:(\d{4})年(?:度)?)?(上|下)半年(?:前|内|底前|末前)?(?:完成)?$/;
const SPAN_RE = /^(?:(\d{4})年)?(\d{1,2})月(?:[-~至到](?:(\d{4})年)?(\d{1,2})月)(?:底|末)?(?:前|内)?$/;
const ISO_DATE_RE = /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?(?:前|之前|以前)?$/;

function deadline(text: string, t: string): ParsedValue | null {
  if (ON_TIME_RE.test(t)) return { kind: 'deadline', month: null, year: null, relative: 'onTime', text };
  if (SCHEDULE_RE.test(t)) return { kind: 'deadline', month: null, year: null, relative: 'schedule', text };
  // "12月" alone is ambiguous (a duration of 12 months?) and stays a number with unit 月.
  let m = MONTH_RE.exec(t);
  if (m && (m[1] || m[3] || t.length > m[2].length + 1)) {
    const month = +m[2];
    if (month >= 1 && month <= 12) return { kind: 'deadline', month, year: m[1] ? +m[1] : null, relative: null, text };
  }
  if ((m = QUARTER_RE.exec(t))) return { kind: 'deadline', month: QUARTER[m[2]], year: m[1] ? +m[1] : null, relative: null, text };
  if ((m = HALF_RE.exec(t))) return { kind: 'deadline', month: m[2] === '上' ? 6 : 12, year: m[1] ? +m[1] : null, relative: null, text };
  if ((m = YEAR_ONLY_RE.exec(t)) || ((m = YEAR_END_RE.exec(t)) && /年/.test(t)))
    return { kind: 'deadline', month: 12, year: m[1] ? +m[1] : null, relative: null, text };
  if ((m = SPAN_RE.exec(t))) {
    const month = +m[4];
    if (month >= 1 && month <= 12) return { kind: 'deadline', month, year: m[3] ? +m[3] : m[1] ? +m[1] : null, relative: null, text };
  }
  if ((m = ISO_DATE_RE.exec(t))) {
    const month = +m[2];
    if (month >= 1 && month <= 12) return { kind: 'deadline', month, year: +m[1], relative: null, text };
  }
  return null;
}

// ---------------------------------------------------------------- numbers (§5.2, §5.5)

const PREFIX_OPS: [string, Op][] = [
  ['不低于', '>='], ['不少于', '>='], ['不小于', '>='], ['不短于', '>='], ['至少', '>='], ['达到', '>='], ['大于等于', '>='],
  ['不高于', '<='], ['不多于', '<='], ['不大于', '<='], ['不超过', '<='], ['不超出', '<='], ['至多', '<='], ['最多', '<='], ['小于等于', '<='], ['控制在', '<='],
  ['高于', '>'], ['多于', '>'], ['大于', '>'], ['超过', '>'],
  ['低于', '<'], ['少于', '<'], ['小于', '<'],
  ['等于', '='],
  ['≥', '>='], ['≤', '<='], ['>', '>'], ['<', '<'], ['=', '='],
];
const SUFFIX_OPS: [string, Op][] = [
  ['及以上', '>='], ['或以上', '>='], ['以上', '>='],
  ['及以下', '<='], ['或以下', '<='], ['以下', '<='], ['以内', '<='], ['之内', '<='],
];

// Known units (L9; S0–S3). Longest first so 人次 wins over 人.
const UNITS = [
  '%', '‰', '个', '人', '人次', '万人次', '万人', '次', '场', '场次', '份', '篇', '件', '台', '辆', '套', '户', '家',
  '平方米', '平米', '㎡', 'm²', '平方公里', '公里', '千米', '米', '亩', '公顷', '吨', '万吨',
  '万元', '元', '亿元', '千元', '元/人', '元/人次', '元/次', '元/平方米', '元/年', '元/月', '万元/年', '万',
  '天', '日', '个工作日', '工作日', '小时', '分钟', '秒', '年', '月', '个月', '周',
  '项', '所', '本', '册', '期', '批', '条', '处', '座', '名', '张', '间', '门', '课时', '学时', '部', '幅',
  '支', '组', '类', '种', '辆次', '架次', '笔', '宗', '株', '棵', '分', '个百分点', '百分点', '座次', '班', '班次',
  '单', '例', '位', '家次', '户次', '所次', '册次', '条次', '起', '宗次', '卷', '盏', '块', '根', '公斤', '千克', '立方米',
];
const UNIT_SET = new Set(UNITS);
const UNIT_ALIAS: Record<string, string> = {
  '百分比': '%', '百分之': '%', '平米': '平方米', '㎡': '平方米', 'm²': '平方米', 'm2': '平方米', '千米': '公里', '工作日': '个工作日',
};

const NUM_RE = /^([-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?|[-+]?\.\d+)(.*)$/;
// trailing label after a percentage: "100%满意度", "95%合格率"
const TRAILING_LABEL_RE = /^[\u4e00-\u9fa5]{1,6}[度率]$/;
// something that is clearly not a unit: a second number, a range, prose
const NOT_UNIT_RE = /[\d~至到、，,;；。（）()]|左右|约|前|后|以来|以上|以下/;

/** null = no unit; undefined = the text is not a known unit. */
function normalizeUnit(u: string, notes: string[]): string | null | undefined {
  if (u === '') return null;
  if (UNIT_ALIAS[u]) {
    if (u === '百分比' || u === '百分之') notes.push(`“${u}”按 % 处理`);
    return UNIT_ALIAS[u];
  }
  if (UNIT_SET.has(u)) return u;
  // duplicated last character: "分钟钟", "小时时", "人次次"
  if (u.length >= 2 && u[u.length - 1] === u[u.length - 2]) {
    const fixed = u.slice(0, -1);
    const n = UNIT_ALIAS[fixed] ?? (UNIT_SET.has(fixed) ? fixed : null);
    if (n) {
      notes.push(`计量单位重复：${u}`);
      return n;
    }
  }
  if (u.startsWith('%') && TRAILING_LABEL_RE.test(u.slice(1))) {
    notes.push(`数值后多余文字：${u.slice(1)}`);
    return '%';
  }
  return undefined;
}

function parseNumber(text: string, t: string): ParsedValue | null {
  let op: Op | null = null;
  let rest = t;
  for (const [w, o] of PREFIX_OPS) {
    if (rest.startsWith(w)) {
      op = o;
      rest = rest.slice(w.length);
      break;
    }
  }
  // 控制在90万元以内: the suffix decides
  let suffixOp: Op | null = null;
  for (const [w, o] of SUFFIX_OPS) {
    if (rest.endsWith(w)) {
      suffixOp = o;
      rest = rest.slice(0, -w.length);
      break;
    }
  }
  // "不低于…以内" contradicts itself
  if (op && suffixOp && op !== suffixOp) return null;
  if (suffixOp) op = suffixOp;
  const m = NUM_RE.exec(rest);
  if (!m) return null;
  const value = canonicalNumber(m[1].indexOf(',') >= 0 ? m[1].replace(/,/g, '') : m[1]);
  let unitText = m[2];
  const notes: string[] = [];
  if (unitText.startsWith('/') && unitText.length > 1) {
    notes.push(`数值与计量单位之间多余的斜杠：${t}`);
    unitText = unitText.slice(1);
  }
  if (unitText !== '' && NOT_UNIT_RE.test(unitText)) return null;
  const unit = normalizeUnit(unitText, notes);
  const n = notes.length ? notes : NO_NOTES;
  if (unit === undefined) {
    // an unlisted short unit written in Chinese ("50个单位") is kept as written
    if (!/^[\u4e00-\u9fa5]{1,4}$/.test(unitText) || QUALITATIVE.has(unitText)) return null;
    return { kind: 'number', op, value, unit: unitText, text, notes: n };
  }
  return { kind: 'number', op, value, unit, text, notes: n };
}

// ---------------------------------------------------------------- entry point

const EMPTY_RE = /^(?:-+|\/|\\|无|空|\.{2,}|…+|n\/?a|N\/?A)?$/;
const TRAILING_PUNCT_RE = /[。.;；,，!！]+$/;

// Two generations: a text seen again soon (checks re-read the same cell many times) is found,
// while a stream of unique amounts only ever replaces the older half.
const GENERATION = 512;
let young = new Map<string, ParsedValue>();
let old = new Map<string, ParsedValue>();

/** Parse one 指标值 cell (年度指标值 / 标准值 / 实际完成值). Results are shared: do not mutate. */
export function parseValue(text: string | null | undefined): ParsedValue {
  const raw = text == null ? '' : String(text);
  let v = young.get(raw);
  if (v) return v;
  // a value found in the older generation moves to the young one: the common values ("≥95%",
  // "是") are then found with one lookup, and survive the next turnover
  v = old.get(raw) ?? parseFast(raw) ?? parseUncached(raw);
  if (young.size >= GENERATION) {
    old = young;
    young = new Map();
  }
  young.set(raw, v);
  return v;
}

// the common clean forms "≥95%", "123.45万元", "≤4小时", "2700": no notes, no deadline words
const FAST_NUM_RE = /^([≥≤]?)(\d{1,15}(?:\.\d{1,10})?)(%|个|万元|元|人次|人|次|小时|分钟|天|家|户|件|份|场|篇|项|台|套|平方米|公里)?$/;
const FAST_OP: Record<string, Op | null> = { '': null, '≥': '>=', '≤': '<=' };
const NO_NOTES: string[] = Object.freeze([]) as unknown as string[];

function parseFast(text: string): ParsedValue | null {
  const m = FAST_NUM_RE.exec(text);
  if (!m) return null;
  return { kind: 'number', op: FAST_OP[m[1]], value: canonicalNumber(m[2]), unit: m[3] ?? null, text, notes: NO_NOTES };
}

function parseUncached(text: string): ParsedValue {
  let t = normalizeValueText(text);
  const last = t.charCodeAt(t.length - 1);
  // 。.;；,，!！
  if (last === 0x3002 || last === 46 || last === 59 || last === 0xff1b || last === 44 || last === 0xff0c || last === 33 || last === 0xff01) {
    t = t.replace(TRAILING_PUNCT_RE, '');
  }
  if (EMPTY_RE.test(t)) return { kind: 'empty', text };
  const q = QUALITATIVE.get(t);
  if (q) return { kind: 'qualitative', word: t, level: q, ...(t === '是' || t === '否' ? { yesNo: true } : {}), text };
  const d = deadline(text, t);
  if (d) return d;
  const n = parseNumber(text, t);
  if (n) return n;
  return { kind: 'text', text };
}

// ---------------------------------------------------------------- direction

// Bare numbers on these rows are caps (§2.4, §5.6): 成本, 时间, 投诉, 事故, 差错 …
const REVERSE_NAME_RE = /成本|费用|控制数|控制率|超支|时间|时长|用时|耗时|时限|周期|响应|投诉|事故|差错|失误|错误|违规|违纪|延误|故障|事件|变动率|调整率|差异率|结转结余|损失|能耗|空置/;
// …unless the name says the bigger the better
const POSITIVE_NAME_RE = /节约|节省|节支|降低率|下降率|及时率|办结率|完成率|达标率|合格率|覆盖率|满意度/;

/** Direction of a target (§2.4): from its operator; for a bare number, from the indicator's name. */
export function directionOf(target: ParsedValue, indicatorName?: string): Direction | null {
  if (target.kind !== 'number') return null;
  switch (target.op) {
    case '>=':
    case '>':
      return 'positive';
    case '<=':
    case '<':
      return 'reverse';
    case '=':
      return 'exact';
  }
  if (indicatorName && REVERSE_NAME_RE.test(indicatorName) && !POSITIVE_NAME_RE.test(indicatorName)) return 'reverse';
  return 'positive';
}
