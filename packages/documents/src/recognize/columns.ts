// Header words of the indicator table → the role of each column (glossary variants).
import { headerKey, isEmpty, isSpaceChar, MEMO_KEY_MAX } from './normalize.ts';

export type Role =
  | 'name' // a name column of a given level (一级/二级/三级指标, or 名称 in order)
  | 'weight' // 分值 / 权重 … (per level in the 名称|分值 layout)
  | 'score'
  | 'target'
  | 'actual'
  | 'basis'
  | 'deviation'
  | 'description'
  | 'rule'
  | 'unitOfMeasure'
  | 'valueType'
  | 'direction'
  | 'operator' // 指标性质 (≥ / ≤ / =) in its own column, joined into the target
  | 'coefficient' // 得分系数: score = weight × coefficient
  | 'core' // 是否核心指标
  | 'adjustedTarget' // 调整指标值 (重庆): scored instead of the initial target where the ruleset says so
  | 'reviewScore' // 财政审核评分 / 复核分 beside the self score (宁夏)
  | 'convertedScore' // 折算得分 (weight × 得分 / 100), the score that counts
  | 'rawScore' // 得分 on a 100-point scale when a 折算得分 column exists
  | 'label'; // 绩效指标 / 评价指标: a caption over other columns, holds no data

const WORDS: [RegExp, Role, number?][] = [
  [/^(一级指标(名称)?|一级)$/, 'name', 1],
  [/^(二级指标(名称)?|二级)$/, 'name', 2],
  [/^(三级指标(名称)?|三级)$/, 'name', 3],
  [/^(四级指标(名称)?|四级)$/, 'name', 4],
  [/^(指标名称|具体指标|考核指标|指标内容|绩效指标名称|评价指标名称|目标名称)$/, 'name', 0],
  [/^名称$/, 'name', -1],
  // the scored 资金管理 block of the 转移支付 forms: its caption stands over the names of its items
  [/^资金管理情况$/, 'name', 0],
  [/^(绩效指标|评价指标|指标|评价内容|考核内容|序号|编号|备注)$/, 'label'],
  [/^(分值|权重|权重分|分数权重|标准分|满分|满分值|指标分值|指标权重|分数|权重占比|权重分值|分值权重|指标分数)$/, 'weight'],
  [/^(得分|自评得分|自评得分情况|评价得分|实际得分|考核得分|自评分|自评分数|得分情况|自评分值|指标得分|单项指标得分|县级评分|单位自评分)$/, 'score'],
  // a second score column filled by a reviewer (财政审核评分, 市级评分 beside 县级评分)
  [/^(财政审核评分|财政审核得分|审核评分|审核得分|复核分|复核得分|财政复核得分|评审得分|市级评分|主管部门评分|复评得分|核定得分)$/, 'reviewScore'],
  [/^(折算得分|加权得分|折合得分|权重得分)$/, 'convertedScore'],
  // Hebei's 单项指标得分 | 权重占比(%) | 单项指标折算得分: the score already stands against the 权重占比, the
  // converted column applies the weight a second time and is no score of the indicator
  [/^单项指标折算得分$/, 'label'],
  [/^(得分系数|评分系数|系数|完成系数)$/, 'coefficient'],
  [/^(是否核心指标|核心指标)$/, 'core'],
  [/^(调整指标值|调整后指标值|全年调整指标值|调整目标值|调整后目标值)$/, 'adjustedTarget'],
  [/^(年度指标值|年初指标值|全年指标值|年度目标值|指标值|标准值|预期目标值|目标值|预期指标值|预期目标|年度目标|计划值|预期值|全年目标值|绩效目标值|指标目标值|年初目标值|年度计划值)$/, 'target'],
  [/^(实际完成值|业绩值|全年实际值|实际完成情况|完成值|实际值|全年实际完成值|实际完成|完成情况|实际完成数|完成数|实际完成指标值|全年完成值|年度完成值|单项指标实际完成值)$/, 'actual'],
  [/^(评分依据|业绩值及评分过程|评分说明|评分过程|得分依据|得分说明|评分理由|自评说明|自评依据|打分依据|佐证材料|完成情况说明|评分情况说明|单项指标完成情况|情况说明)$/, 'basis'],
  [/^(偏差原因分析及改进措施|偏差原因分析|未完成原因分析|偏差原因|偏差原因分析和改进措施|未完成原因分析及改进措施|扣分原因|扣分理由|扣分说明|失分原因|存在问题及改进措施|存在问题和改进措施|未完成原因和改进措施)$/, 'deviation'],
  [/^(指标说明|指标解释|指标内涵|指标释义)$/, 'description'],
  [/^(评价要点及评分规则|评分标准|指标说明及评分标准|评分标准及说明|评分办法|评分方法|得分计算方法|计分方法|评\(扣\)分标准|评（扣）分标准|评扣分标准|评分规则|评价要点|评分细则|评价标准)$/, 'rule'],
  [/^(计量单位|度量单位|单位)$/, 'unitOfMeasure'],
  [/^(指标性质|指标符号|比较符号|符号|运算符号)$/, 'operator'],
  [/^指标值类型$/, 'valueType'],
  [/^指标方向$/, 'direction'],
];

/** The names of the forms' first level (产出指标, 项目决策(20分) …), with the weight a label may carry. */
export const L1_WORD =
  /^(产出|效益|效果|满意度|决策|过程|投入|管理|项目决策|项目过程|项目产出|项目效益|项目管理|部门决策|部门管理|部门绩效|履职效能|管理效率|绩效)(指标)?([（(]\d{1,3}(\.\d+)?分?[)）])?$/;
/** The names of the forms' second level (数量指标, 社会效益指标, 资金管理 …). */
export const L2_WORD =
  /^((数量|质量|时效|进度|成本|经济效益|社会效益|生态效益|环境效益|可持续影响|可持续发展|服务对象满意度|满意度|社会公众满意度|经济成本|社会成本|生态环境成本|社会公众或服务对象满意度)(指标)?等?|(项目立项|绩效目标|资金投入|资金管理|组织实施|业务管理|财务管理|预算执行)(指标|情况)?)([（(]\d{1,3}(\.\d+)?分?[)）])?$/;

/** A name of the first or second level. */
export function levelWord(s: string): boolean {
  return L1_WORD.test(s) || L2_WORD.test(s);
}

export function roleOf(text: string): { role: Role; level?: number } | null {
  return roleOfKey(headerKey(text));
}

function roleOfKey(k: string): { role: Role; level?: number } | null {
  if (!k) return null;
  // every row is tested as a possible header, its cells against all the words: remember the answer
  let r = ROLES.get(k);
  if (r === undefined) {
    r = null;
    for (const [re, role, level] of WORDS)
      if (re.test(k)) {
        r = Object.freeze({ role, level });
        break;
      }
    if (k.length > MEMO_KEY_MAX) return r;
    if (ROLES.size >= 8192) ROLES.clear();
    ROLES.set(k, r);
  }
  return r;
}
const ROLES = new Map<string, Readonly<{ role: Role; level?: number }> | null>();
// the first character of every word above, and the brackets of a remark headerKey drops ("（参考）" → "")
const MAY_START_KEY = new Set(['(', '（', ...WORDS.flatMap(([re]) => re.source.replace(/^\^\(?/, '').split('|').map((w) => w[0]))].map((c) => c.charCodeAt(0)));

/** True when every non-empty cell is a header word and there are at least two. */
export function isHeaderRow(cells: string[]): boolean {
  let n = 0;
  let unknown = 0;
  let names = 0;
  let nums = 0;
  for (const c of cells) {
    // most cells start with a character no header word starts with: an unknown word, without folding it
    let i = 0;
    while (i < c.length && isSpaceChar(c.charCodeAt(i))) i++;
    if (i === c.length) continue;
    if (!MAY_START_KEY.has(c.charCodeAt(i))) {
      // a block's score printed in the header row ("50" over the scores) is no word of it
      if (nums === 0 && /^\s*\d{1,3}(\.\d{1,2})?\s*$/.test(c)) {
        nums++;
        continue;
      }
      if (++unknown > 1) return false;
      continue;
    }
    const k = headerKey(c);
    if (!k) continue;
    const r = roleOfKey(k);
    if (!r) {
      // two unknown words make it no header whatever the other cells say
      if (++unknown > 1) return false;
    } else {
      n++;
      if (r.role === 'name') names++;
    }
  }
  // one unknown word is tolerated in a header that is clearly one (a caption cut by a PDF line break: "绩效指",
  // a remark column "说明" beside six known words)
  if (nums && names < 2) return false;
  return unknown === 0 ? n >= (nums ? 4 : 2) : unknown === 1 && n >= 4 && (names >= 2 || n >= 6);
}

export interface Column {
  index: number;
  role: Role;
  /** level of a name column (1 = 一级), or of a weight column in the 名称|分值 layout */
  level?: number;
}

export interface Layout {
  columns: Column[];
  /** name columns ordered by level */
  names: { index: number; level: number }[];
  /** weight column of each level, in the 名称|分值 layout (level → column) */
  levelWeights: Map<number, number>;
  /** the weight/score column of a row (its deepest node) */
  weight: number | null;
  score: number | null;
  target: number | null;
  actual: number | null;
  basis: number | null;
  deviation: number | null;
  description: number | null;
  rule: number | null;
  unitOfMeasure: number | null;
  valueType: number | null;
  direction: number | null;
  operator: number | null;
  coefficient: number | null;
  core: number | null;
  adjustedTarget: number | null;
  reviewScore: number | null;
  /** 得分 on a 100-point scale when the score that counts is a 折算得分 column */
  rawScore: number | null;
  width: number;
  /** the header word of each column (the deepest header row that names it), for notes */
  headers?: string[];
  /** signature to recognise the same header repeated after a page break */
  signature: string;
}

/**
 * Combine the rows of a (possibly multi-row) header into column roles. The widest row gives the
 * columns; a column left blank there takes its word from the narrower rows above, right-aligned
 * (the merged caption cells of Word tables lose their span when saved as text).
 */
export function layoutOf(header: string[][], dataWidth: number): Layout | null {
  // the same header comes back for every table of a bound file and after every page break: its
  // layout is made once (callers only read a layout)
  let key = String(dataWidth);
  for (const r of header) key += '\u0001' + r.join('\u0000');
  if (key.length > 4096) return makeLayout(header, dataWidth);
  let l = LAYOUTS.get(key);
  if (l === undefined) {
    l = makeLayout(header, dataWidth);
    if (LAYOUTS.size >= 1024) LAYOUTS.clear();
    LAYOUTS.set(key, l);
  }
  return l;
}
const LAYOUTS = new Map<string, Layout | null>();

function makeLayout(header: string[][], dataWidth: number): Layout | null {
  const width = Math.max(dataWidth, ...header.map((r) => r.length));
  const roles: ({ role: Role; level?: number } | null)[] = new Array(width).fill(null);
  const full = header.filter((r) => r.length === width);
  const narrow = header.filter((r) => r.length < width);
  for (const r of full.length ? full : []) {
    r.forEach((t, i) => {
      const ro = roleOf(t);
      if (!ro) return;
      const prev = roles[i];
      // a specific word (一级指标, 年初指标值) beats a caption (评价指标) from another header row
      if (!prev || prev.role === 'label' || (prev.role === 'name' && prev.level === 0 && ro.role === 'name')) roles[i] = ro;
    });
  }
  for (const r of narrow) {
    r.forEach((t, i) => {
      const ro = roleOf(t);
      if (!ro) return;
      const hasSeq = roles.some((x) => x?.role === 'name' && x.level === -1);
      if (full.length === 0) {
        if (!roles[i]) roles[i] = ro;
        return;
      }
      const j = width - r.length + i;
      // level words above a 名称|分值 row are captions; only data columns (得分, 指标说明…) are taken
      if (hasSeq && ro.role === 'name') return;
      if (!roles[j] && ro.role !== 'label' && ro.role !== 'name') roles[j] = ro;
    });
  }
  // 名称 columns in order are levels 1, 2, 3; a 分值 right after a 名称 is that level's weight
  const columns: Column[] = [];
  let seq = 0;
  let lastNameLevel = 0;
  const explicitLevels = roles.filter((r) => r?.role === 'name' && (r.level ?? 0) > 0).length;
  const weightCount = roles.filter((r) => r?.role === 'weight').length;
  roles.forEach((r, i) => {
    if (!r) {
      lastNameLevel = 0;
      return;
    }
    if (r.role === 'name') {
      let level = r.level ?? 0;
      if (level === -1) level = ++seq;
      else if (level === 0) level = explicitLevels + 1;
      lastNameLevel = level;
      columns.push({ index: i, role: 'name', level });
      return;
    }
    // 名称|分值 pairs: a weight right after a name column, when there are several, is that level's
    if (r.role === 'weight' && lastNameLevel && weightCount > 1) {
      columns.push({ index: i, role: 'weight', level: lastNameLevel });
      lastNameLevel = 0;
      return;
    }
    lastNameLevel = 0;
    columns.push({ index: i, role: r.role });
  });
  // a flat list captioned only "指标" / "评价指标": that column holds the names
  if (!columns.some((c) => c.role === 'name')) {
    const cap = columns.find((c) => c.role === 'label' && /^(指标|评价指标|绩效指标|考核内容|评价内容)$/.test(headerKey(full[0]?.[c.index] ?? header[0]?.[c.index] ?? '')));
    if (cap) {
      cap.role = 'name';
      cap.level = 1;
    }
  }
  const names = columns.filter((c) => c.role === 'name').map((c) => ({ index: c.index, level: c.level! }));
  if (!names.length) return null;
  // a form with no 得分 word over its indicators (四川's 区域绩效目标 form: the 自评得分 caption stands at the
  // top of the sheet) prints the block's score in the header row, over the column of the rows' scores
  if (!columns.some((c) => c.role === 'weight' || c.role === 'score' || c.role === 'convertedScore') && columns.some((c) => c.role === 'target' || c.role === 'actual')) {
    const at = roles.findIndex((r, i) => !r && i > Math.max(...names.map((n) => n.index)) && header.some((h) => /^\d{1,3}(\.\d{1,2})?分?$/.test(headerKey(h[i] ?? ''))));
    if (at >= 0) {
      columns.push({ index: at, role: 'score' });
      columns.sort((a, b) => a.index - b.index);
    }
  }
  const levelWeights = new Map<number, number>();
  for (const c of columns) if (c.role === 'weight' && c.level) levelWeights.set(c.level, c.index);
  const first = (role: Role) => columns.find((c) => c.role === role && !c.level)?.index ?? null;
  const deepest = Math.max(...names.map((n) => n.level));
  const weight = first('weight') ?? levelWeights.get(deepest) ?? null;
  // a 折算得分 column is the score that counts; 得分 beside it is on a 100-point scale
  const converted = first('convertedScore');
  // 分值 with an unlabelled column right after it (a rubric's "分值 | " over "3 | 3"): that column is the score
  let bare: number | null = null;
  if (weight != null && first('score') == null && converted == null && weight + 1 < width && !roles[weight + 1] && header.every((h) => isEmpty(h[weight + 1]))) {
    bare = weight + 1;
    columns.push({ index: bare, role: 'score' });
    columns.sort((a, b) => a.index - b.index);
  }
  const score = converted ?? first('score') ?? bare;
  const rawScore = converted != null ? first('score') : null;
  if (weight == null && score == null) return null;
  return {
    columns,
    names: names.sort((a, b) => a.level - b.level),
    levelWeights,
    weight,
    score,
    target: first('target'),
    actual: first('actual'),
    basis: first('basis'),
    deviation: first('deviation'),
    description: first('description'),
    rule: first('rule'),
    unitOfMeasure: first('unitOfMeasure'),
    valueType: first('valueType'),
    direction: first('direction'),
    operator: first('operator'),
    coefficient: first('coefficient'),
    core: first('core'),
    adjustedTarget: first('adjustedTarget'),
    reviewScore: first('reviewScore'),
    rawScore,
    width,
    headers: Array.from({ length: width }, (_, i) => {
      for (let h = header.length - 1; h >= 0; h--) {
        const t = headerKey(header[h][i] ?? '');
        if (t) return t;
      }
      return '';
    }),
    signature: columns.map((c) => `${c.index}:${c.role}${c.level ?? ''}`).join(','),
  };
}
