// The indicator table decoded from a stream of cells, whatever the layout it reached us in.
//
// Every reader's output is flattened into one stream of cells in reading order: the cells of a
// grid row by row, the pieces of a text line split at pipes, tabs and spaces, and text that lost
// every separator cut where letters turn into digits. Each cell keeps what the source says about
// it (where a row starts, which grid column it stood in), as hints, not as facts.
//
// 1. The header is found by its words (the glossary in columns.ts), in one cell or several, wrapped
//    or run together; a two-row header read row by row ("绩效指标 … 一级指标 二级指标 三级指标")
//    is folded back into the column sequence of the form.
// 2. The cells after it are decoded against that sequence by one Viterbi pass: each cell fills the
//    next column of the current row or starts a new row; columns left empty cost a little, a cell in
//    a column of the wrong kind (a name in 得分) costs a lot, a name may take several pieces (a label
//    wrapped over lines). Upper names left out of a row are taken from the rows above (merged cells).
// 3. The decoded rows are written back as a plain table with merged upper names, which the grid
//    recognizer reads like any .docx table. Where this reading beats the reading of the document as
//    it came, recognize() keeps it.
import type { Block, Cell, Document, Table } from '../document.ts';
import { clean, ocrNumber } from './clean.ts';
import { L1_WORD, L2_WORD, roleOf, type Role } from './columns.ts';
import { budgetWord, fundSourceOf } from './budget.ts';
import { headerKey } from './normalize.ts';

export interface Tok {
  text: string;
  /** block index in the document */
  block: number;
  /** row inside a table block, or the line within a paragraph block */
  row: number;
  /** grid column of a table cell; -1 for text */
  col: number;
  /** the source starts a row (or a line) here */
  rowStart: boolean;
  line?: number;
  page?: number;
  /** a token cut from text run together: it may continue the cell before it */
  fused?: boolean;
}

// ---------------------------------------------------------------- tokens

const SPLIT = /[|｜\t]+|[\s\u3000]+/;

/** The document as one stream of non-empty cells. */
export function tokensOf(doc: Document): Tok[] {
  const out: Tok[] = [];
  const textLike = doc.format === 'text';
  // text with one cell per line: spaces inside a line are inside the cell
  let lines = 0;
  let multi = 0;
  for (const b of doc.blocks)
    if (b.kind === 'paragraph')
      for (const ln of b.text.split(/\r?\n/)) {
        const t = ln.trim();
        if (!t || /[|｜]/.test(t)) continue;
        lines++;
        if (/[^\s\u3000][\s\u3000]+[^\s\u3000]/.test(t)) multi++;
      }
  const cellPerLine = lines >= 20 && multi < lines * 0.25;
  const pushPieces = (text: string, bi: number, row: number, col: number, rowStart: boolean, line: number | undefined, page: number | undefined): boolean => {
    let first = rowStart;
    const c = clean(text);
    // cells between pipes keep their spaces (letter-spaced labels: "项目 决策 (20分)"); other text is cut at them
    const parts = /[|｜]/.test(c) || cellPerLine ? c.split(/[|｜\t]+/).map(unspace) : glueWeights(c.split(SPLIT));
    for (const p of parts) {
      if (!p || /^[_·.]{1,2}$/.test(p)) continue;
      for (const piece of unfuse(p)) {
        out.push({ text: piece.text, block: bi, row, col, rowStart: first, line, page, fused: piece.fused });
        first = false;
      }
    }
    return first;
  };
  doc.blocks.forEach((b, bi) => {
    if (b.kind === 'paragraph') {
      b.text.split(/\r?\n/).forEach((ln, li) => pushPieces(ln, bi, li, -1, true, b.line != null ? b.line + li : undefined, b.page));
      return;
    }
    b.rows.forEach((row, ri) => {
      let first = true;
      let c = 0;
      for (const cell of row) {
        const raw = cell.text ?? '';
        if (textLike) {
          // text the reader took for a table: each cell is a line or a piece of one, still to be split
          first = pushPieces(raw, bi, ri, -1, first || /^[\s\u3000]*[|｜]/.test(raw), cell.line ?? b.line, b.page) && first;
        } else {
          const t = unspace(clean(raw));
          if (t && t !== '|') {
            out.push({ text: t, block: bi, row: ri, col: c, rowStart: first, line: cell.line ?? b.line, page: b.page });
            first = false;
          }
        }
        c += Math.max(1, cell.colSpan ?? 1);
      }
    });
  });
  return out;
}

/** "决策程序 (4分)": a weight in brackets belongs to the label before it. */
function glueWeights(parts: string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    if (out.length && /^[（(]\d{1,3}(\.\d{1,2})?分?[)）]$/.test(p) && /[\u4e00-\u9fff]$/.test(out[out.length - 1])) out[out.length - 1] += p;
    else out.push(p);
  }
  return out;
}

/** Spaces inside one cell: dropped between Chinese characters, one kept elsewhere. */
function unspace(s: string): string {
  return s.replace(/[\s\u3000]+/g, (m, off: number, str: string) => (cjkAround(str, off, m.length) ? '' : ' ')).trim();
}

function cjkAround(s: string, off: number, len: number): boolean {
  return /[\u4e00-\u9fff（(）)：:、]/.test(s[off - 1] ?? '') && /[\u4e00-\u9fff（(）)：:、]/.test(s[off + len] ?? '');
}

/**
 * A long piece of text with no separators ("产出指标(70分)数量指标安装坡面水标尺10≥266米≥266米10…") is cut
 * where text turns into a number and back; a short piece is one cell.
 */
function unfuse(whole: string): { text: string; fused?: boolean }[] {
  const parts = splitVocab(whole);
  return parts.length > 1 ? parts.flatMap((x) => unfuseOne(x)) : unfuseOne(whole);
}

function unfuseOne(p: string): { text: string; fused?: boolean }[] {
  if (p.length >= 4 && !/\d/.test(p)) {
    const w = cutWords(p);
    if (w) return w.map((text) => ({ text, fused: true }));
    return headerCut(p);
  }
  if (p.length < 24 || !/\d/.test(p) || !/[\u4e00-\u9fff]{4}/.test(p)) return [{ text: p }];
  const out: { text: string; fused?: boolean }[] = [];
  // header words run together are cut at each word
  const re = /([≥≤<>=＞＜]?\d+(?:\.\d+)?(?:%|‰|万元|亿元|万亩|万人|元\/[\u4e00-\u9fff]{1,2}|元|人次|人|个|次|户|家|件|项|年(?!度)|月|日|天|米|厘米|公里|平方米|亩|吨|小时|分钟|册|所|台|套|辆|座|处|期|批|场|本|条|名|篇|份|分)?)/g;
  let last = 0;
  for (const m of p.matchAll(re)) {
    const at = m.index!;
    // a number inside a name ("指标1:", "2022年度", "(50分)") stays in the name
    const before = p.slice(Math.max(0, at - 1), at);
    const after = p[at + m[0].length] ?? '';
    if (/[指标第（(:：.、]$/.test(before) || /^[)）:：.、]/.test(after) || /^\d{4}年/.test(m[0])) continue;
    if (at > last) out.push(...textPieces(p.slice(last, at)));
    out.push({ text: m[0], fused: true });
    last = at + m[0].length;
  }
  if (last < p.length) out.push(...textPieces(p.slice(last)));
  return out.length ? out : [{ text: p }];
}

/** Text between two figures of fused text: level names at its start ("质量指标创业担保贷款回收率") are cells of their own. */
function textPieces(s: string): { text: string; fused?: boolean }[] {
  const parts = splitVocab(s);
  return parts.length > 1 ? parts.map((text) => ({ text, fused: true })) : headerCut(s);
}

const HEADER_RUN = /(一级指标|二级指标|三级指标|一级$|二级$|三级$|绩效指标|指标名称|年度指标值|年初指标值|全年指标值|实际完成值|全年实际值|指标性质|度量单位|计量单位|实际完成情况|完成值|分值|权重|得分|自评得分|偏差原因分析及改进措施|偏差原因分析|未完成原因及拟采取的改进措施|未完成原因分析及改进措施|未完成原因分析|指标值)/g;

// the column words of the forms, longest first (a text made only of them is cut into them)
const COLUMN_WORDS = [
  '偏差原因分析及改进措施', '未完成原因及拟采取的改进措施', '未完成原因分析及改进措施', '调整后预算数', '年度资金总额',
  '年初预算数', '全年预算数', '全年执行数', '预算执行数', '预算执行率', '实际完成值', '全年实际值', '年度指标值',
  '年初指标值', '一级指标', '二级指标', '三级指标', '指标性质', '度量单位', '计量单位', '绩效指标', '项目资金', '资金情况',
  '预算数', '执行数', '执行率', '指标值', '完成值', '分值', '权重', '得分',
].sort((a, b) => b.length - a.length);

/** "年初预算数全年预算数(A)" → 年初预算数 | 全年预算数(A); null unless the whole text is such words. */
function cutWords(s: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const w = COLUMN_WORDS.find((x) => s.startsWith(x, i));
    if (w) {
      out.push(w);
      i += w.length;
      continue;
    }
    const par = /^[（(][^（()）]{1,8}[)）]/.exec(s.slice(i));
    if (par && out.length) {
      out[out.length - 1] += par[0];
      i += par[0].length;
      continue;
    }
    return null;
  }
  return out.length >= 2 ? out : null;
}

/**
 * Names of the forms' vocabulary at the start of a cell whose spaces were lost
 * ("数量指标指标1:完成中型灌区节水改造项目数量"): the 一级/二级 name is a cell of its own.
 */
function splitVocab(p: string): string[] {
  const out: string[] = [];
  let rest = p;
  for (let guard = 0; guard < 3; guard++) {
    const m = VOCAB_LEAD.exec(rest);
    if (!m || rest.length - m[0].length < 2 || /^(指标(?![\d一二三四五六七八九十])|等|[（(])/.test(rest.slice(m[0].length))) break;
    out.push(m[0]);
    rest = rest.slice(m[0].length);
  }
  // a total word run onto the last name ("服务对象满意度指标总分" before "99.6") is the total row's label
  const tail = out.length && rest.length > 2 ? /(总分|得分合计|合计|总计)$/.exec(rest) : null;
  if (tail) out.push(rest.slice(0, tail.index), tail[0]);
  else out.push(rest);
  return out;
}
const VOCAB_LEAD =
  /^(产出指标|效益指标|满意度指标|(数量|质量|时效|进度|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|社会公众满意度)指标)([（(]\d{1,3}分?[)）])?/;

/** Text run together that holds header words: each header word its own cell. */
function headerCut(s: string): { text: string; fused?: boolean }[] {
  if (s.length < 6) return [{ text: s, fused: true }];
  const out: { text: string; fused?: boolean }[] = [];
  let last = 0;
  let hits = 0;
  for (const m of s.matchAll(HEADER_RUN)) hits++;
  // a header cut at a line break: "年度绩效指标完成情况一级" / "指标"
  if (hits < 3 && !(hits >= 2 && /(一级|二级|三级)$/.test(s))) return [{ text: s, fused: true }];
  for (const m of s.matchAll(HEADER_RUN)) {
    if (m.index! > last) out.push({ text: s.slice(last, m.index), fused: true });
    out.push({ text: m[0], fused: true });
    last = m.index! + m[0].length;
  }
  if (last < s.length) for (const text of splitVocab(s.slice(last))) out.push({ text, fused: true });
  return out;
}

// ---------------------------------------------------------------- header

type ColRole = Role | 'l1' | 'l2' | 'l3' | 'review';
interface Col {
  role: ColRole;
  word: string;
  /** grid column in the source, when the header came from a grid */
  gridCol: number;
}

interface Header {
  start: number; // token index of the first header word
  end: number; // token index after the last one
  cols: Col[];
  /** the header starts with 序号: each row may begin with its number */
  seq?: boolean;
}

const REVIEW = /^(复核分|复核得分|评审得分|审核得分|财政审核评分|市级评分|主管部门评分|复评得分|核定得分)$/;

function roleOfWord(w: string): { role: Role; level?: number } | null {
  const k = headerKey(w);
  if (REVIEW.test(k)) return { role: 'rawScore' };
  if (/^(县级评分|单位自评分|自评分值|自评得分)$/.test(k)) return { role: 'score' };
  return roleOf(w);
}

/** Header words starting at token i, joining pieces of a wrapped word; null when none. */
export function headerAt(toks: Tok[], i: number): Header | null {
  const words: { w: string; role: Role; level?: number; col: number }[] = [];
  let k = i;
  let misses = 0;
  while (k < toks.length && words.length < 30) {
    let hit: { n: number; w: string; r: { role: Role; level?: number } } | null = null;
    let joined = '';
    for (let n = 1; n <= 4 && k + n - 1 < toks.length; n++) {
      joined += toks[k + n - 1].text;
      if (joined.length > 24) break;
      const r = roleOfWord(joined);
      // pieces of one wrapped word ("一级" "指标"), never two words read as a third ("权重" "得分")
      if (r && (!hit || hit.n > 1 || hit.r.role === r.role)) hit = { n, w: joined, r };
    }
    if (!hit) {
      // one stray piece inside a header (a caption cut by a line break, "(%)" …) is tolerated
      const t = toks[k].text;
      if (words.length >= 2 && misses === 0 && t.length <= 6 && !/\d{2}/.test(t) && k + 1 < toks.length && roleOfWord(toks[k + 1].text)) {
        misses++;
        k++;
        continue;
      }
      break;
    }
    words.push({ w: hit.w, role: hit.r.role, level: hit.r.level, col: toks[k].col });
    k += hit.n;
  }
  if (words.length < 3) return null;
  // the header goes on in words we do not know ("单项指标实际完成值", "单项指标折算得分"): its column
  // sequence is not known, and a guess would put figures in the wrong columns
  let unknown = 0;
  for (let u = k; u < toks.length && u < k + 4; u++) if (/指标|得分|分值|权重/.test(toks[u].text) && !/\d/.test(toks[u].text) && toks[u].text.length <= 12 && !L1_WORD.test(toks[u].text) && !L2_WORD.test(toks[u].text)) unknown++;
  if (unknown >= 2) return null;
  const roles = new Set(words.map((w) => w.role));
  if (!roles.has('name')) return null;
  if (!roles.has('weight') && !roles.has('score')) {
    // a form with no 得分 word over its indicators prints the block's score where the word would stand
    // (四川's 区域绩效目标 form: "… 年度指标值 实际完成指标值 50"): the rows' scores are in that column
    if (!(roles.has('target') || roles.has('actual')) || k >= toks.length || !/^\d{1,3}(\.\d{1,2})?分?$/.test(toks[k].text)) return null;
    words.push({ w: '得分', role: 'score', col: toks[k].col });
    k++;
  }
  return { start: i, end: k, cols: foldHeader(words), seq: words.some((w) => /^(序号|编号)$/.test(headerKey(w.w))) };
}

/**
 * A header of two rows read row by row puts the level names (and the parts of a split 指标值) after
 * the words of the first row; they belong where their caption stands.
 */
function foldHeader(words: { w: string; role: Role; level?: number; col: number }[]): Col[] {
  const isName = (x: { role: Role }) => x.role === 'name';
  // a stray word before the header proper ("完成情况" of a caption) gives a role twice: the later one counts
  const nameAt = words.findIndex(isName);
  // (a 年度指标值 over 指标性质 | 指标值 | 度量单位 is a caption, folded below)
  const split = words.some((x) => x.role === 'operator' || x.role === 'unitOfMeasure');
  let ws = words.filter(
    (x, j) => j > nameAt || x.role === 'name' || x.role === 'label' || (split && x.role === 'target') || !words.slice(j + 1).some((y) => y.role === x.role),
  );
  const firstName = ws.findIndex(isName);
  const label = ws.findIndex((x) => x.role === 'label' && !/^(序号|编号|备注)$/.test(headerKey(x.w)));
  if (firstName > 0 && label >= 0 && label < firstName && ws.slice(label + 1, firstName).some((x) => x.role !== 'label')) {
    let endNames = firstName;
    while (endNames < ws.length && isName(ws[endNames])) endNames++;
    const names = ws.slice(firstName, endNames);
    ws = [...ws.slice(0, label), ...names, ...ws.slice(label + 1, firstName), ...ws.slice(endNames)];
  } else if (label >= 0 && firstName > label) {
    ws.splice(label, 1);
  }
  // 年度指标值 above 指标性质 | 指标值 | 度量单位
  const op = ws.findIndex((x) => x.role === 'operator' || x.role === 'unitOfMeasure');
  if (op > 0) {
    let a = op;
    while (a > 0 && ['operator', 'unitOfMeasure', 'target'].includes(ws[a - 1].role)) a--;
    let b = op;
    while (b < ws.length && ['operator', 'unitOfMeasure', 'target'].includes(ws[b].role)) b++;
    const run = ws.slice(a, b);
    const cap = ws.findIndex((x, j) => j < a && x.role === 'target');
    if (cap >= 0 && run.some((x) => x.role === 'target') && ws.slice(cap + 1, a).some((x) => x.role !== 'target')) {
      ws = [...ws.slice(0, cap), ...run, ...ws.slice(cap + 1, a), ...ws.slice(b)];
    }
  }
  // a stray word before the header proper ("完成情况" of a caption) gives a role twice: the later one counts
  const cols: Col[] = [];
  // 具体指标 / 指标名称 beside 一级/二级/三级 columns describes the indicator; alone it is its name
  if (ws.some((x) => isName(x) && (x.level ?? 0) >= 1) && ws.some((x) => isName(x) && (x.level ?? 0) <= 0))
    ws = ws.map((x) => (isName(x) && (x.level ?? 0) <= 0 ? { ...x, role: 'description' as Role } : x));
  const levels = [...new Set(ws.filter(isName).map((x) => x.level ?? 0))].sort((a, b) => a - b);
  for (const x of ws) {
    if (x.role === 'label') continue;
    let role: ColRole = x.role;
    if (x.role === 'name') {
      const pos = levels.indexOf(x.level ?? 0);
      const depth = levels.length;
      role = pos === depth - 1 ? 'l3' : pos === depth - 2 ? 'l2' : 'l1';
      if (cols.some((c) => c.role === role)) continue;
    }
    if (REVIEW.test(headerKey(x.w))) role = 'review';
    cols.push({ role, word: x.w, gridCol: x.col });
  }
  return cols;
}

// ---------------------------------------------------------------- cell kinds

type Kind = 'num' | 'value' | 'op' | 'unit' | 'fill' | 'l1' | 'l2' | 'text' | 'total' | 'grade';

const WEIGHTED_LABEL = /[\u4e00-\u9fff][（(]\d{1,3}(\.\d{1,2})?分[)）]$/;
/** a weight printed as a share of the total ("20%" in a 权重 column) */
const PERCENT_WEIGHT = /^\d{1,3}(\.\d{1,2})?[%％]$/;
const SECTION_ONLY = /^[（(]\d{1,3}分?[)）]$/;
const NUM = /^[+-]?\d{1,3}(\.\d{1,3})?分?$/;
const OP = /^(≥|≤|>|<|=|＞|＜|≧|≦|不低于|不高于|不少于|不超过|大于等于|小于等于|定性|定量|正向|反向)$/;
const UNIT = /^(%|％|‰|元|万元|亿元|人次|人|个|次|场|天|日|月|年|家|户|件|份|篇|项|台|套|所|名|期|批|公里|米|平方米|亩|万亩|吨|册|本|条|处|座|辆|小时|分钟|元\/人|元\/亩|%\(百分比\)|百分比)$/;
const FILL = /^(—+|–+|-+|－+|\/|／|无|\\|……|…+|\.{3,}|——|x|X|\*+)$/;
const TOTAL = /^(总分|合计|总计|总得分|综合得分|自评总分|得分合计|分值合计|合计得分|总分值|评价总分|总评分|自评得分合计|最终得分|总体得分)[:：]?$/;
const GRADE = /^(优秀|良好|合格|不合格|优|良|中|差|一般)$/;
const VALUEISH = /\d|[≥≤><=％%]|^(是|否|有|无|达标|合格|完成|已完成|按时完成|及时|显著|明显|良好|较好|有效|提升|提高|降低|满意|基本满意|优|良|好|高|全覆盖|符合|规范|健全|完善)$|^(逐步|稳步|有所|持续|明显|显著|进一步|不断|大幅|有效)(提高|提升|改善|增强|降低|减少|下降|增加|好转)$/;

function kindOf(t: string): Kind {
  if (FILL.test(t)) return 'fill';
  if (NUM.test(ocrNumber(t))) return 'num';
  if (OP.test(t)) return 'op';
  if (UNIT.test(t)) return 'unit';
  if (TOTAL.test(t)) return 'total';
  if (GRADE.test(t)) return 'grade';
  if (L1_WORD.test(t) || SECTION_ONLY.test(t)) return 'l1';
  if (L2_WORD.test(t)) return 'l2';
  if (WEIGHTED_LABEL.test(t)) return 'text';
  const cjk = (t.match(/[\u4e00-\u9fff]/g) ?? []).length;
  if (VALUEISH.test(t) && (cjk <= 6 || t.length <= 12)) return 'value';
  return 'text';
}

// ---------------------------------------------------------------- decoding

const INF = 1e9;

/** Cost of a cell of this kind in a column of this role; INF where it cannot stand. */
function fit(role: ColRole, k: Kind, t: string, tok: Tok, col: Col): number {
  let c: number;
  switch (role) {
    case 'l1':
      c = k === 'l1' ? 0 : k === 'text' ? (WEIGHTED_LABEL.test(t) ? 0.8 : 2.5) : k === 'l2' ? 6 : INF;
      break;
    case 'l2':
      c = k === 'l2' ? 0 : k === 'text' ? (WEIGHTED_LABEL.test(t) ? 0.6 : 2.2) : INF;
      break;
    case 'l3':
    case 'name':
      c = k === 'text' ? (t.length >= 2 ? 0 : 1.5) : k === 'value' ? (/^[≥≤<>=]?\d/.test(t) ? INF : 2.5) : k === 'l2' ? 3.5 : k === 'l1' ? 5 : k === 'grade' || k === 'unit' ? 4 : INF;
      break;
    case 'target':
    case 'actual':
      c = k === 'value' || k === 'num' ? 0.2 : k === 'fill' ? 0.3 : k === 'op' ? 0.8 : k === 'grade' ? 0.5 : k === 'text' ? (t.length <= 14 ? 1.2 : 2.5) : k === 'unit' ? 1.5 : INF;
      break;
    case 'operator':
      c = k === 'op' ? 0 : k === 'fill' ? 0.5 : INF;
      break;
    case 'unitOfMeasure':
      c = k === 'unit' ? 0 : k === 'fill' ? 0.5 : k === 'text' && t.length <= 4 ? 1 : INF;
      break;
    case 'weight':
    case 'score':
    case 'review':
    case 'rawScore':
    case 'convertedScore':
    case 'coefficient':
      c = k === 'num' ? (Number(ocrNumber(t).replace('分', '')) <= 100 ? 0 : 3) : k === 'fill' ? 0.6 : role === 'weight' && PERCENT_WEIGHT.test(t) ? 0.5 : INF;
      break;
    case 'deviation':
    case 'basis':
    case 'rule':
    case 'description':
      c = k === 'text' ? (WEIGHTED_LABEL.test(t) ? 1.2 : 0.6) : k === 'fill' ? 0.2 : k === 'value' || k === 'grade' ? 1.2 : k === 'num' ? 2.5 : INF;
      break;
    default:
      c = k === 'fill' ? 0.3 : 1.5;
  }
  if (c >= INF) return INF;
  // a grid says where a cell stood
  if (tok.col >= 0 && col.gridCol >= 0 && tok.col !== col.gridCol) c += 0.6;
  return c;
}

/** Cost of leaving a column of a row empty. */
function skipCost(role: ColRole): number {
  switch (role) {
    case 'l1':
    case 'l2':
      return 0;
    case 'l3':
    case 'name':
      return 4;
    case 'weight':
    case 'score':
      return 1.2;
    case 'target':
    case 'actual':
      return 0.7;
    case 'operator':
    case 'unitOfMeasure':
      return 0.4;
    default:
      return 0.1;
  }
}

export interface DecodedRow {
  cells: (string | null)[];
  line?: number;
  page?: number;
}

export interface Decoded {
  header: Header;
  rows: DecodedRow[];
  total: { weight: string | null; score: string | null; grade: string | null } | null;
  /** token index after the table */
  end: number;
  /** cells the decoding could place in no row */
  dropped: Tok[];
}

const STOP = /^(评价结论|自评结论|总体评价|其他需要说明|其他需说明|填表说明|填报说明|备注|审核意见|单位负责人|填表人|填报人|项目负责人[:：]|财务负责人|注[:：]|说明[:：]|存在问题|改进措施|[一二三四五六七八九十]+、)/;

/**
 * Decode the rows after a header: Viterbi over (column just filled, row has its name). A cell fills
 * a later column of the same row, continues the column it is in (a name or text wrapped), or starts
 * the next row at one of its name columns.
 */
export function decode(toks: Tok[], h: Header): Decoded | null {
  const cols = h.cols;
  const C = cols.length;
  const deepest = cols.findIndex((c) => c.role === 'l3' || c.role === 'name');
  if (deepest < 0) return null;
  // a row number (序号) or a blank cell before the first name belongs to no column of the rows
  if (h.end < toks.length && ['num', 'fill'].includes(kindOf(toks[h.end].text))) {
    let lead = 1;
    while (lead < 2 && h.end + lead < toks.length && ['num', 'fill'].includes(kindOf(toks[h.end + lead].text))) lead++;
    const d = decode(toks, { ...h, end: h.end + lead });
    return d && { ...d, header: h };
  }
  // where the table ends: a total row, a closing word, a long sentence or another header
  let end = h.end;
  let total: Decoded['total'] = null;
  let stopAt = toks.length;
  for (let i = h.end; i < toks.length; i++) {
    const t = toks[i].text;
    if (TOTAL.test(t)) {
      const nums: string[] = [];
      let grade: string | null = null;
      let j = i + 1;
      while (j < toks.length && j < i + 6) {
        const k = kindOf(toks[j].text);
        if (k === 'num') nums.push(ocrNumber(toks[j].text).replace('分', ''));
        else if (k === 'grade') grade = toks[j].text;
        else if (k !== 'fill') break;
        j++;
      }
      const hasW = cols.some((c) => c.role === 'weight');
      const hasS = cols.some((c) => c.role === 'score');
      total = {
        weight: hasW && nums.length >= 2 ? nums[0] : hasW && !hasS ? (nums[0] ?? null) : null,
        score: hasS ? (nums.length >= 2 ? nums[1] : (nums[0] ?? null)) : null,
        grade,
      };
      if (stopAt === toks.length) stopAt = i;
      end = j;
      break;
    }
    if (STOP.test(t) || (t.length > 120 && /[。；]/.test(t))) {
      // "其他需要说明事项 | 无 | 总分 | 100 | 96": the total after a closing line still counts
      let tj = i + 1;
      while (tj < toks.length && tj < i + 4 && !TOTAL.test(toks[tj].text)) tj++;
      if (tj < toks.length && TOTAL.test(toks[tj].text) && tj < i + 4) {
        stopAt = i;
        i = tj - 1;
        continue;
      }
      stopAt = i;
      end = i;
      break;
    }
    if (i > h.end + 2 && headerAt(toks, i)) {
      stopAt = i;
      end = i;
      break;
    }
  }
  if (stopAt === toks.length) end = toks.length;
  const n = stopAt - h.end;
  if (n <= 0) return null;
  const kinds = new Array<Kind>(n);
  for (let i = 0; i < n; i++) kinds[i] = kindOf(toks[h.end + i].text);
  // a row's number under 序号: a whole number right before a name
  const seqNo = (i: number) =>
    !!h.seq && kinds[i] === 'num' && /^\d{1,3}$/.test(toks[h.end + i].text) && i + 1 < n && ['text', 'l1', 'l2'].includes(kinds[i + 1]);
  // states: s = col * 2 + hasName; value = cost; back pointers per token
  const S = C * 2;
  let prev = new Float64Array(S).fill(INF);
  const back: Int32Array[] = [];
  const how: Uint8Array[] = []; // 0 = same row later column, 1 = continue column, 2 = new row
  const nameCols = cols.map((c, i) => (['l1', 'l2', 'l3', 'name'].includes(c.role) ? i : -1)).filter((i) => i >= 0 && i <= deepest);
  const skipPrefix = new Float64Array(C + 1);
  for (let c = 0; c < C; c++) skipPrefix[c + 1] = skipPrefix[c] + skipCost(cols[c].role);
  const skipBetween = (a: number, b: number) => skipPrefix[b] - skipPrefix[a + 1]; // columns strictly between a and b
  const hasNameAfter = (hasName: number, from: number, to: number) => (hasName || (deepest > from && deepest <= to) ? 1 : 0);
  for (let i = 0; i < n; i++) {
    const tok = toks[h.end + i];
    const k = kinds[i];
    const t = tok.text;
    const cur = new Float64Array(S).fill(INF);
    const bp = new Int32Array(S).fill(-1);
    const hw = new Uint8Array(S);
    const rowStartBonus = tok.rowStart ? -0.4 : 0.3;
    for (let c = 0; c < C; c++) {
      const f = fit(cols[c].role, k, t, tok, cols[c]);
      if (f >= INF) continue;
      // a new row (or the first one) starting at a name column c, upper names left to the rows above
      if (nameCols.includes(c)) {
        const startCost = 1 + rowStartBonus + (c > 0 ? skipBetween(-1, c) : 0);
        if (i === 0) {
          const s = c * 2 + (c === deepest ? 1 : 0);
          const v = f + startCost;
          if (v < cur[s]) {
            cur[s] = v;
            bp[s] = -1;
            hw[s] = 2;
          }
        } else {
          for (let ps = 0; ps < S; ps++) {
            const pv = prev[ps];
            if (pv >= INF) continue;
            const pc = ps >> 1;
            const ph = ps & 1;
            // the row that ends: the columns after pc are empty; a row without its name is a parent row
            const close = skipPrefix[C] - skipPrefix[pc + 1] + (ph ? 0 : 2.5);
            const s = c * 2 + (c === deepest ? 1 : 0);
            const v = pv + close + startCost + f;
            if (v < cur[s]) {
              cur[s] = v;
              bp[s] = ps;
              hw[s] = 2;
            }
          }
        }
      }
      if (i === 0) continue;
      for (let pc = 0; pc < c; pc++) {
        for (let ph = 0; ph < 2; ph++) {
          const ps = pc * 2 + ph;
          const pv = prev[ps];
          if (pv >= INF) continue;
          const nh = hasNameAfter(ph, pc, c);
          // leaving the name column empty on the way is a parent row, dearer than an empty cell
          const v = pv + skipBetween(pc, c) + f + (tok.rowStart && tok.col < 0 ? 0.25 : 0);
          const s = c * 2 + nh;
          if (v < cur[s]) {
            cur[s] = v;
            bp[s] = ps;
            hw[s] = 0;
          }
        }
      }
      // the same column goes on: a wrapped name or text
      const role = cols[c].role;
      if (['l1', 'l2', 'l3', 'name', 'deviation', 'basis', 'rule', 'description', 'target', 'actual'].includes(role) && (k === 'text' || k === 'l1' || k === 'l2' || k === 'value' || k === 'unit' || k === 'num')) {
        let jc = role === 'target' || role === 'actual' ? (k === 'unit' ? 0.3 : 2) : role === 'l3' || role === 'name' ? (k === 'num' ? 3 : 0.8) : k === 'num' ? 2 : 0.5;
        // a word of the forms' vocabulary is a whole name: it neither continues a name nor is continued
        const pk = kinds[i - 1];
        const wrapped = toks[h.end + i - 1].text + t;
        if (L1_WORD.test(wrapped) || L2_WORD.test(wrapped)) jc = 0.1; // "经济效益" / "指标"
        else if (k === 'l1' || k === 'l2' || ((role === 'l1' || role === 'l2' || role === 'l3') && (pk === 'l1' || pk === 'l2'))) jc += 4;
        // so is a label that ends in its weight ("项目目标(4分)")
        if (WEIGHTED_LABEL.test(toks[h.end + i - 1].text)) jc += 3;
        for (let ph = 0; ph < 2; ph++) {
          const ps = c * 2 + ph;
          const pv = prev[ps];
          if (pv >= INF) continue;
          const v = pv + jc + (tok.rowStart && tok.col >= 0 ? 1.5 : 0);
          if (v < cur[ps]) {
            cur[ps] = v;
            bp[ps] = ps;
            hw[ps] = 1;
          }
        }
      }
    }
    // a cell that is no cell of the table (noise, a page number) may be dropped at a price
    for (let ps = 0; ps < S; ps++) {
      if (i === 0) break;
      const v = prev[ps] + (k === 'fill' ? 0.3 : seqNo(i) ? 0.2 : 3.5);
      if (v < cur[ps]) {
        cur[ps] = v;
        bp[ps] = ps;
        hw[ps] = 3;
      }
    }
    back.push(bp);
    how.push(hw);
    prev = cur;
  }
  // best end state
  let best = INF;
  let bs = -1;
  for (let s = 0; s < S; s++) {
    const v = prev[s] + skipPrefix[C] - skipPrefix[(s >> 1) + 1] + ((s & 1) ? 0 : 2.5);
    if (v < best) {
      best = v;
      bs = s;
    }
  }
  if (bs < 0 || best >= INF) return null;
  // walk back
  const assign: { col: number; how: number }[] = new Array(n);
  let s = bs;
  for (let i = n - 1; i >= 0; i--) {
    assign[i] = { col: s >> 1, how: how[i][s] };
    s = back[i][s];
  }
  const rows: DecodedRow[] = [];
  const dropped: Tok[] = [];
  let row: DecodedRow | null = null;
  for (let i = 0; i < n; i++) {
    const a = assign[i];
    const tok = toks[h.end + i];
    if (a.how === 3) {
      if (kinds[i] !== 'fill') dropped.push(tok);
      continue;
    }
    if (a.how === 2 || !row) {
      row = { cells: new Array(C).fill(null), line: tok.line, page: tok.page };
      rows.push(row);
    }
    const prevText = row.cells[a.col];
    row.cells[a.col] = prevText == null ? tok.text : joinText(prevText, tok.text);
  }
  return { header: h, rows, total, end, dropped };
}

function joinText(a: string, b: string): string {
  return /[\u4e00-\u9fff（(]$/.test(a) || /^[\u4e00-\u9fff）)]/.test(b) ? a + b : a + ' ' + b;
}

// ---------------------------------------------------------------- tables back

/** Placeholder rows of the national form ("指标2:", "……") carry nothing. */
const PLACEHOLDER = /^(指标\d+[:：]?|……|…|\.\.\.)$/;

/** The decoded rows as a table the grid recognizer reads: header, rows with merged upper names, total. */
export function tableOf(d: Decoded): Table {
  const cols = d.header.cols;
  const header: Cell[] = cols.map((c) => ({ text: canonicalWord(c) }));
  const kept = d.rows.filter((r) => {
    const filled = r.cells.map((c, i) => (c != null && !FILL.test(c) ? i : -1)).filter((i) => i >= 0);
    if (!filled.length) return false;
    const deep = cols.findIndex((c) => c.role === 'l3' || c.role === 'name');
    const name = r.cells[deep];
    if (name && PLACEHOLDER.test(name) && filled.length === 1) return false;
    return true;
  });
  const rows: Cell[][] = [header];
  const nameIdx = cols.map((c, i) => (c.role === 'l1' || c.role === 'l2' ? i : -1)).filter((i) => i >= 0);
  // an upper name spans the rows below it that leave it empty
  const spanOwner = new Map<number, { row: Cell[]; cell: Cell }>();
  kept.forEach((r) => {
    const out: Cell[] = [];
    for (let c = 0; c < cols.length; c++) {
      const v = r.cells[c];
      if (nameIdx.includes(c)) {
        if (v != null) {
          const cell: Cell = { text: v, line: r.line, rowSpan: 1 };
          out.push(cell);
          spanOwner.set(c, { row: out, cell });
          // a new upper name closes the spans of the names below it
          for (const d2 of nameIdx) if (d2 > c) spanOwner.delete(d2);
        } else {
          const owner = spanOwner.get(c);
          if (owner) owner.cell.rowSpan = (owner.cell.rowSpan ?? 1) + 1;
          else out.push({ text: '', line: r.line });
        }
        continue;
      }
      out.push({ text: v ?? '', line: r.line });
    }
    rows.push(out);
  });
  if (d.total) {
    const t: Cell[] = cols.map(() => ({ text: '' }));
    t[0] = { text: '总分' };
    const wi = cols.findIndex((c) => c.role === 'weight');
    const si = cols.findIndex((c) => c.role === 'score');
    if (wi >= 0 && d.total.weight) t[wi] = { text: d.total.weight };
    if (si >= 0 && d.total.score) t[si] = { text: d.total.score };
    if (d.total.grade) {
      const gi = cols.findIndex((c, i) => i > Math.max(wi, si) && t[i].text === '');
      if (gi >= 0) t[gi] = { text: d.total.grade };
    }
    rows.push(t);
  }
  return { kind: 'table', rows, line: d.rows[0]?.line, page: d.rows[0]?.page };
}

function canonicalWord(c: Col): string {
  switch (c.role) {
    case 'l1':
      return '一级指标';
    case 'l2':
      return '二级指标';
    case 'l3':
      return '三级指标';
    case 'review':
      return '复核得分';
    case 'target':
      return headerKey(c.word) === '指标值' ? '指标值' : '年度指标值';
    case 'actual':
      return '实际完成值';
    case 'weight':
      return '分值';
    case 'score':
      return '得分';
    case 'deviation':
      return '偏差原因分析及改进措施';
    case 'description':
      return '指标说明';
    case 'rule':
      return '评分标准';
    case 'basis':
      return '评分依据';
    case 'operator':
      return '指标性质';
    case 'unitOfMeasure':
      return '度量单位';
    default:
      return headerKey(c.word);
  }
}

// ---------------------------------------------------------------- the 资金 block

const BUDGET_NUM = /^[+-]?[\d,，]+(\.\d+)?(万元|元)?$/;
const RATE = /^[+-]?\d+(\.\d+)?[%％]$/;

/**
 * The 资金 block among the cells before an indicator table: its column words (年初预算数 …), then per
 * fund source its label and its figures. A figure of a column left blank is simply missing from the
 * stream, so the figures are placed around the 执行率 (a percentage): the ones before it right-aligned
 * on the columns before it (年初预算数 is the one most often blank), the ones after it on the columns
 * after it. Returns the block as a plain table, or null.
 */
export function decodeBudget(toks: Tok[], from: number, to: number): Table | null {
  let i = from;
  let cols: string[] = [];
  let caption = '';
  for (; i < to; i++) {
    const t = toks[i].text;
    if (/[（(](万元|元)[)）]/.test(t) || /^(单位|金额单位)[:：](万元|元)/.test(t)) caption = t;
    if (!budgetWord(t)) continue;
    const words: string[] = [];
    let k = i;
    while (k < to && words.length < 10) {
      const w = toks[k].text;
      if (budgetWord(w) || /^(执行率|预算执行率|权重|分值|得分)([（(].*[)）])?$/.test(w)) words.push(headerKey(w));
      else if (/^[（(](万元|元)[)）]$/.test(w)) caption = w;
      else break;
      k++;
    }
    if (words.filter((w) => /预算|执行数|支出/.test(w)).length >= 2 && words.length >= 3) {
      cols = words;
      i = k;
      break;
    }
  }
  if (!cols.length) return null;
  const rateAt = cols.findIndex((c) => /率/.test(c));
  const rows: Cell[][] = [[{ text: caption || '项目资金' }, ...cols.map((c) => ({ text: c }))]];
  let row: { label: string; vals: string[] } | null = null;
  const flush = () => {
    if (!row) return;
    const cells: Cell[] = cols.map(() => ({ text: '' }));
    const rate = row.vals.findIndex((v) => RATE.test(v));
    if (rate < 0) {
      // no 执行率 printed: the small figures at the end are 分值 and 得分, the others the amounts
      const amountCols = cols.map((c, j) => (/预算|执行数|支出|到位/.test(c) ? j : -1)).filter((j) => j >= 0);
      const small = cols.map((c, j) => (/分值|权重|得分/.test(c) ? j : -1)).filter((j) => j >= 0);
      let k = 0;
      while (k < small.length && k < row.vals.length - 1) {
        const v = row.vals[row.vals.length - 1 - k];
        if (v !== '' && !(Number(v) <= 100)) break;
        k++;
      }
      const amounts = row.vals.slice(0, row.vals.length - k).slice(-amountCols.length);
      amounts.forEach((v, j) => (cells[amountCols[amountCols.length - amounts.length + j]] = { text: v }));
      row.vals.slice(row.vals.length - k).forEach((v, j) => (cells[small[small.length - k + j]] = { text: v }));
      rows.push([{ text: row.label }, ...cells]);
      row = null;
      return;
    }
    const before = row.vals.slice(0, rate);
    const after = row.vals.slice(rate + 1);
    const lim = rateAt >= 0 ? rateAt : cols.length;
    // right-aligned before the rate: blank leading columns are the ones missing
    before.slice(-lim).forEach((v, j, arr) => (cells[lim - arr.length + j] = { text: v }));
    if (rateAt >= 0) {
      cells[rateAt] = { text: row.vals[rate] };
      after.slice(0, cols.length - rateAt - 1).forEach((v, j) => (cells[rateAt + 1 + j] = { text: v }));
    }
    rows.push([{ text: row.label }, ...cells]);
    row = null;
  };
  for (; i < to; i++) {
    const t = toks[i].text;
    if (fundSourceOf(t) && !BUDGET_NUM.test(t)) {
      flush();
      if (rows.length > 1 && fundSourceOf(t) === 'total') break;
      row = { label: t, vals: [] };
      continue;
    }
    if (!row) {
      if (/^(按收入性质分|按支出性质分)/.test(t)) continue;
      break;
    }
    if (BUDGET_NUM.test(t) || RATE.test(t)) row.vals.push(t.replace(/[，,]/g, ''));
    else if (FILL.test(t)) row.vals.push('');
    else if (/[:：]$/.test(t) || /^(其中|按)/.test(t)) continue;
    else break;
  }
  flush();
  if (rows.length < 2 || !rows[1].slice(1).some((c) => c.text)) return null;
  return { kind: 'table', rows, line: toks[from]?.line, page: toks[from]?.page };
}

// ---------------------------------------------------------------- the document rebuilt

/**
 * The document with each indicator table found in the stream replaced by its decoded table; the
 * blocks before and after it as they were (the part of a block before the header stays).
 */
export function decodeDocument(doc: Document): { doc: Document; dropped: Tok[] } | null {
  const toks = tokensOf(doc);
  const tables: { d: Decoded }[] = [];
  let i = 0;
  while (i < toks.length) {
    const h = headerAt(toks, i);
    if (!h) {
      i++;
      continue;
    }
    const d = decode(toks, h);
    if (!d || !d.rows.length) {
      i = h.end;
      continue;
    }
    tables.push({ d });
    i = Math.max(d.end, h.end + 1);
  }
  if (!tables.length) return null;
  const blocks: Block[] = [];
  let at = 0; // token index
  let blockDone = -1; // blocks fully emitted
  for (const { d } of tables) {
    // blocks before the header's block, then what its block holds before the header
    const budget = decodeBudget(toks, at, d.header.start);
    const mark = blocks.length;
    emitBefore(doc, toks, at, d.header.start, blocks, blockDone);
    // first in its region, so that it is the 资金 block the region's evaluation takes
    if (budget) blocks.splice(Math.min(mark + leadParagraphs(blocks, mark), blocks.length), 0, budget);
    blocks.push(tableOf(d));
    at = d.end;
    blockDone = toks[Math.max(d.end - 1, d.header.start)].block;
  }
  // what follows the last table
  const last = toks[Math.min(at, toks.length) - 1];
  const lastBlock = last ? last.block : -1;
  // the rest of the last table's block, as text
  const restToks = toks.slice(at).filter((t) => t.block === lastBlock);
  if (restToks.length) blocks.push({ kind: 'paragraph', text: restToks.map((t) => t.text).join(' '), line: restToks[0].line, page: restToks[0].page });
  for (let b = lastBlock + 1; b < doc.blocks.length; b++) blocks.push(doc.blocks[b]);
  return { doc: { ...doc, blocks }, dropped: tables.flatMap((t) => t.d.dropped) };
}

/** Paragraphs at the start of a region (title, unit) stay before the 资金 block. */
function leadParagraphs(blocks: Block[], from: number): number {
  let n = 0;
  while (from + n < blocks.length && blocks[from + n].kind === 'paragraph') n++;
  return n;
}

/** Blocks from token `from` up to token `to` (exclusive): whole blocks as they were, cut blocks in part. */
function emitBefore(doc: Document, toks: Tok[], from: number, to: number, out: Block[], blockDone: number): void {
  const startBlock = from < toks.length ? toks[from].block : doc.blocks.length;
  const endTok = toks[to];
  // the part of the block the previous table ended in
  if (from < to && startBlock === blockDone) {
    const part = toks.slice(from, to).filter((t) => t.block === startBlock);
    if (part.length) out.push({ kind: 'paragraph', text: part.map((t) => t.text).join(' '), line: part[0].line, page: part[0].page });
  }
  for (let b = blockDone + 1; b < endTok.block; b++) out.push(doc.blocks[b]);
  if (endTok.block > blockDone) {
    const blk = doc.blocks[endTok.block];
    const part = toks.slice(from, to).filter((t) => t.block === endTok.block);
    if (blk.kind === 'table') {
      // the rows above the header's row stay a table (a 资金 block), the header row's first cells too
      const rows = blk.rows.slice(0, endTok.row);
      const lead = part.filter((t) => t.row === endTok.row);
      if (lead.length) rows.push(lead.map((t) => ({ text: t.text, line: t.line })));
      if (rows.length) out.push({ ...blk, rows });
    } else if (part.length) {
      // text lines before the header keep their lines
      const byLine = new Map<number, Tok[]>();
      for (const t of part) {
        const l = byLine.get(t.row) ?? [];
        l.push(t);
        byLine.set(t.row, l);
      }
      for (const ts of byLine.values()) out.push({ kind: 'paragraph', text: ts.map((t) => t.text).join(' '), line: ts[0].line, page: ts[0].page });
    }
  }
}
