// Tables that reached us without their cell structure (text copied from web pages and PDFs):
//  - one cell per paragraph (cells separated by blank lines);
//  - a whole table on one line, cells separated by spaces;
//  - no separator at all, so that adjacent numbers run together ("成本指标项目预算控制数10946.5万元901.14万元9").
// The header words give the columns; the cells that follow are cut into rows by a small dynamic
// programme over "which column does this token fill", where upper names may be left out (merged
// cells) and every column has a type (names are words, 分值/得分 are numbers …). Fused numbers are
// read every way they can be split, and the reading whose weights and scores add up to the table's
// total is kept, with a note on the indicator. Everything is linear in the number of tokens.
import type { Problem } from '@jixiao/core';
import type { Block, Cell, Paragraph, Table } from '../document.ts';
import { budgetHeader, budgetWord, fundSourceOf } from './budget.ts';
import { clean, ocrNumber } from './clean.ts';
import { isHeaderRow, layoutOf, roleOf, type Role } from './columns.ts';
import { headerKey } from './normalize.ts';
import { TOTAL_WORDS } from './indicators.ts';

/** Notes for rebuilt rows (inferred readings), looked up by row when the table is flattened. */
export const rowNotes = new WeakMap<Cell[], string[]>();

const LEVEL1 = /^(决策|过程|产出|效益|满意度|投入|效果|项目决策|项目过程|项目产出|项目效益|部门决策|部门管理|部门绩效|履职效能|管理效率)指标$/;
const LEVEL2 =
  /^((数量|质量|时效|成本|经济效益|社会效益|生态效益|环境效益|可持续影响|可持续发展|服务对象满意度|满意度|社会公众满意度|经济成本|社会成本|生态环境成本)指标|(项目立项|绩效目标|资金投入|资金管理|组织实施|业务管理|财务管理)(指标)?)$/;
const LEVEL_PREFIX =
  /^(?:决策|过程|产出|效益|满意度|项目决策|项目过程|项目产出|项目效益|数量|质量|时效|成本|经济效益|社会效益|生态效益|环境效益|可持续影响|可持续发展|服务对象满意度|社会公众满意度)指标/;
const QUALITATIVE = ['按时完成', '基本完成', '已完成', '完成', '达标', '合格', '合规', '规范', '健全', '有效', '充分', '合理', '明确', '科学', '及时', '明显', '较好', '良好', '提升', '提高', '是', '否', '有', '无', '好', '高', '优'];
const UNIT = /^(?:万|亿|千)?(%|％|‰|元|人次|人|个|次|场|天|日|月|年|家|户|件|份|篇|项|台|套|所|名|期|批|批次|册次|户次|场次|小时|分钟|公里|千米|米|平方米|亩|吨|册|本|条|处|座|辆|课时|学时|元\/人|人日)$/;
const OP = /^(≥|≤|>|<|=|＞|＜|不低于|不高于|不少于|不超过|大于等于|小于等于)$/;
const PAGE = /^(?:[-—–]\s?\d{1,4}\s?[-—–]|第\s?\d{1,4}\s?页(?:\s?[,，/／]?\s?共\s?\d{1,4}\s?页)?|\d{1,3}、)$/;
const NUM = /^[+-]?\d{1,3}(?:\.\d{1,3})?分?$/;
const CJK = /[\u4e00-\u9fff]/;
const HEADER_START = /指标|名称|^[\s\u3000]*(序号|编号|一级|二级|三级)/;

interface Tok {
  /** ways of reading this token as consecutive cells; plain tokens have one reading of one cell */
  splits: string[][];
  /** true when the token is digits that ran together */
  fused?: boolean;
  line?: number;
  /** first cell of its line (paragraph) */
  lineStart?: boolean;
}

type ColType = Role | 'seq';
interface Col {
  index: number;
  type: ColType;
  level?: number;
  deepest?: boolean;
  /** a prose column after the last value column: what it could take is the next row's first name */
  trailing?: boolean;
  /** an upper name column of a table whose names carry codes (A / A1 / 1.1): uncoded words are not names */
  coded?: boolean;
  /** the 一级 column of a table whose 一级 names are the national words (产出指标 …): other words are not */
  vocab?: RegExp;
}

/** Rebuild tables from runs of paragraphs that start with a header; other blocks pass through. */
export function rebuildLooseTables(input: Block[], file?: string): { blocks: Block[]; problems: Problem[] } {
  const problems: Problem[] = [];
  let blocks = input;
  if (!blocks.some((b) => b.kind === 'paragraph')) return { blocks, problems };
  const out: Block[] = [];
  let i = 0;
  while (i < blocks.length) {
    const b = blocks[i];
    if (b.kind !== 'paragraph' || b.text.length > 4000) {
      out.push(b);
      i++;
      continue;
    }
    const bt = tryBudget(blocks, i);
    if (bt) {
      out.push(bt.table);
      i = bt.next;
      continue;
    }
    const r = tryTable(blocks, i);
    if (!r) {
      out.push(b);
      i++;
      continue;
    }
    out.push(r.table);
    for (const l of r.leftover)
      problems.push({ message: '表格内容未能归入任何行，已忽略', severity: 'warning', source: { file, line: l.line, page: l.page }, text: l.text.slice(0, 200) });
    i = r.next;
    // a second table on the same line: read it from where the first one ended
    if (r.rest) {
      blocks = [...blocks.slice(0, i), r.rest, ...blocks.slice(i)];
    }
  }
  return { blocks: out, problems };
}

const BUDGET_CAPTION = /^(项目资金|资金|预算资金|年度资金)[（(]?(万元|元)?[)）]?$|^(单位|金额单位)[:：](万元|元)$/;
const BUDGET_VALUE = /^([\d.,，]+(万元|元)?|[\d.]+[%％]|[\d.]+分|[—–\-－/／]+)$/;

/**
 * The 资金 block without its cell structure: a caption and the column words (年初预算数 …), then
 * each fund source's label followed by its amounts, in order. Rebuilt as a table whose rows have
 * the label first; the 资金 reader reads a row of another width in header order.
 */
function tryBudget(blocks: Block[], start: number): { table: Table; next: number } | null {
  const first = blocks[start] as Paragraph;
  const lead = first.text.length > 40 ? first.text.slice(0, 40) : first.text;
  if (lead.indexOf('预算') < 0 && lead.indexOf('资金') < 0) return null;
  // prose that mentions 预算 fails at its first word: told without folding and splitting all of it
  // (clean() works within a word, so the first word folded is the first part of the text folded)
  const w0 = /^[\s\u3000]*([^\s\u3000]+)/.exec(first.text);
  if (!w0) return null;
  const t0 = clean(w0[1]);
  if (!(BUDGET_CAPTION.test(t0) || budgetWord(t0))) return null;
  const words: string[] = [];
  let k = start;
  while (k < blocks.length && blocks[k].kind === 'paragraph' && words.length < 12) {
    const parts = clean((blocks[k] as Paragraph).text).trim().split(/[\s\u3000]+/).filter((x) => x);
    if (!parts.length || !parts.every((x) => BUDGET_CAPTION.test(x) || budgetWord(x))) break;
    words.push(...parts);
    k++;
  }
  const head = budgetHeader(words);
  if (!head || words.length < 3) return null;
  const caption = words.find((w) => BUDGET_CAPTION.test(w)) ?? '';
  const cols = words.filter((w) => !BUDGET_CAPTION.test(w));
  const rows: Cell[][] = [[caption, '', ...cols].map((w) => ({ text: w, line: first.line }))];
  let row: Cell[] | null = null;
  for (; k < blocks.length && blocks[k].kind === 'paragraph'; k++) {
    const b = blocks[k] as Paragraph;
    const parts = paragraphTokens(clean(b.text).trim()).flatMap((t) => t.splits[0]);
    if (!parts.length || PAGE.test(parts.join(''))) continue;
    let ok = true;
    for (const x of parts) {
      if (fundSourceOf(x)) {
        row = [{ text: '', line: b.line }, { text: x, line: b.line }];
        rows.push(row);
      } else if (row && BUDGET_VALUE.test(x)) row.push({ text: x, line: b.line });
      else {
        ok = false;
        break;
      }
    }
    if (!ok) break;
  }
  if (rows.length < 2) return null;
  return { table: { kind: 'table', rows, line: first.line, page: first.page }, next: k };
}

/** Header words at the start of a paragraph (space separated or run together); null when none. */
function headerWords(text: string): { words: string[]; rest: string } | null {
  const words: string[] = [];
  let s = text.replace(/^[\s\u3000]+/, '');
  let guard = 0;
  while (s && guard++ < 30) {
    const sp = /^[^\s\u3000]+/.exec(s)![0];
    if (roleOf(sp)) {
      words.push(sp);
      s = s.slice(sp.length).replace(/^[\s\u3000]+/, '');
      continue;
    }
    // run together: the longest header word at the start
    let hit = 0;
    for (let n = Math.min(12, sp.length); n >= 2; n--)
      if (roleOf(sp.slice(0, n))) {
        hit = n;
        break;
      }
    if (!hit) break;
    words.push(sp.slice(0, hit));
    s = s.slice(hit);
  }
  return words.length ? { words, rest: s } : null;
}

function tryTable(
  blocks: Block[],
  start: number,
): { table: Table; leftover: { text: string; line?: number; page?: number }[]; next: number; rest?: Paragraph | null } | null {
  const first = blocks[start] as Paragraph;
  // a header starts with its name column (序号 or an 一级…/指标… word) within its first characters
  if (!HEADER_START.test(clean(first.text.slice(0, 16)))) return null;
  const firstText = clean(first.text);
  const hw = headerWords(firstText);
  if (!hw) return null;
  let header = hw.words;
  let k = start + 1;
  let restText = hw.rest;
  // one header word per paragraph
  if (!restText && header.length === 1) {
    while (k < blocks.length && blocks[k].kind === 'paragraph') {
      const t = clean((blocks[k] as Paragraph).text).trim();
      if (!roleOf(t)) break;
      header = [...header, t];
      k++;
    }
    // a two-row header read cell by cell: the level names of the second row go where the caption is
    const isName = (w: string) => roleOf(w)?.role === 'name';
    let tail = header.length;
    while (tail > 0 && isName(header[tail - 1])) tail--;
    const cap = header.findIndex((w) => roleOf(w)?.role === 'label' && !/^(序号|编号)$/.test(headerKey(w)));
    if (cap >= 0 && tail < header.length && tail > cap && !header.slice(0, tail).some(isName))
      header = [...header.slice(0, cap), ...header.slice(tail), ...header.slice(cap + 1, tail)];
  }
  // a header over two lines: "评价指标 年初指标值 … 得分" above "一级指标 二级指标 三级指标"
  if (!restText && k < blocks.length && blocks[k].kind === 'paragraph') {
    const below = headerWords(clean((blocks[k] as Paragraph).text));
    if (below && !below.rest && below.words.length >= 2 && isHeaderRow(below.words)) {
      const hasNames = (ws: string[]) => ws.some((w) => roleOf(w)?.role === 'name');
      const cap = header.findIndex((w) => roleOf(w)?.role === 'label');
      if (cap >= 0 && hasNames(below.words)) header = [...header.slice(0, cap), ...below.words, ...header.slice(cap + 1)];
      else if (!hasNames(header) && hasNames(below.words)) header = [...below.words, ...header];
      else header = [...header, ...below.words];
      k++;
    }
  }
  if (header.length < 3 || !isHeaderRow(header)) return null;
  const layout = layoutOf([header], header.length);
  if (!layout || (layout.weight == null && layout.score == null)) return null;
  const cols: Col[] = layout.columns
    .filter((c) => c.role !== 'label' || /^(序号|编号)$/.test(header[c.index]))
    .map((c) => ({
      index: c.index,
      type: c.role === 'label' ? 'seq' : c.index === layout.rawScore ? 'rawScore' : c.role,
      level: c.role === 'name' || c.role === 'weight' ? c.level : undefined,
    }));
  const deepest = Math.max(...layout.names.map((n) => n.level));
  for (const c of cols) if (c.level === deepest) c.deepest = true;
  const lastValue = Math.max(-1, ...cols.filter((c) => ['weight', 'score', 'convertedScore', 'target', 'actual'].includes(c.type)).map((c) => c.index));
  for (const c of cols) if (c.index > lastValue && c.type !== 'name') c.trailing = true;

  // tokens: the rest of the header paragraph, then following paragraphs (one cell each) up to prose
  const fused = !!restText && !/[\s\u3000]/.test(restText.trim()) && /\d/.test(restText);
  const toks: Tok[] = [];
  const paraOfTok: number[] = [];
  let restPara: Paragraph | null = null;
  if (restText) {
    const all = tokenize(restText, fused);
    let cut = headerIn(all, header);
    if (cut.skip && weighsFull(all.slice(0, cut.at), cols)) cut = { ...cut, skip: false };
    for (const t of all.slice(0, cut.at)) toks.push({ ...t, line: first.line }), paraOfTok.push(start);
    if (cut.at < all.length) {
      const rest = all.slice(cut.skip ? cut.end : cut.at).map((t) => t.splits[0].join(' ')).join(' ');
      if (cut.skip) for (const t of tokenize(rest, fused)) toks.push({ ...t, line: first.line }), paraOfTok.push(start);
      else restPara = { kind: 'paragraph', text: rest, line: first.line, page: first.page };
    }
  }
  const firstRest = k;
  if (!restText) {
    let afterPage = false;
    for (; k < blocks.length && k < firstRest + 5000; k++) {
      const b = blocks[k];
      if (b.kind !== 'paragraph') break;
      const t = clean(b.text).trim();
      if (PAGE.test(t)) {
        afterPage = toks.length > 0;
        continue;
      }
      // a page marker that landed inside a number ("10" / "0%"): read both as one cell and as two
      const prev = toks[toks.length - 1];
      const pieces = paragraphTokens(t);
      const head = pieces[0]?.splits.length === 1 && pieces[0].splits[0].length === 1 ? pieces[0].splits[0][0] : '';
      if (afterPage && prev && prev.splits.length === 1 && prev.splits[0].length === 1 && /\d$/.test(prev.splits[0][0]) && /^[\d.]+[%％]?$/.test(head)) {
        toks[toks.length - 1] = { splits: [[prev.splits[0][0] + head], [prev.splits[0][0], head]], line: prev.line };
        for (const tk of pieces.slice(1)) {
          toks.push({ ...tk, line: b.line });
          paraOfTok.push(k);
        }
        afterPage = false;
        continue;
      }
      afterPage = false;
      // the header again: repeated after a page break (skipped), or another table's (the end of ours)
      if (roleOf(t) || (headerWords(t)?.words.length ?? 0) >= 3) {
        const words: string[] = [];
        let m = k;
        while (m < blocks.length && blocks[m].kind === 'paragraph' && words.length < 30) {
          const hw = headerWords(clean((blocks[m] as Paragraph).text));
          if (!hw || hw.rest) break;
          words.push(...hw.words);
          m++;
        }
        if (words.length >= 3) {
          // the same header: a page break, unless the rows so far already weigh 100 (a new table)
          if (words.join('|') !== header.join('|') || weighsFull(toks, cols)) break;
          k = m - 1;
          continue;
        }
      }
      if (t.length > 200 || /^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])/.test(t) || /^(项目名称|填报单位|主管部门)[：:]/.test(t)) break;
      paragraphTokens(t).forEach((tk, q) => {
        toks.push({ ...tk, line: b.line, lineStart: q === 0 });
        paraOfTok.push(k);
      });
    }
  }
  const coded = toks.filter((t) => t.splits[0].some((x) => CODED_NAME.test(x))).length;
  if (coded >= 5) for (const c of cols) if (c.type === 'name') c.coded = true;
  const words = toks.flatMap((t) => t.splits[0]);
  const nameCols = cols.filter((c) => c.type === 'name' && !c.deepest);
  if (nameCols.length >= 1 && words.filter((w) => LEVEL1.test(w)).length >= 2) {
    for (const c of nameCols) if (c.level === 1) c.vocab = LEVEL1;
    // the national form: its 二级 names are a closed list too
    if (nameCols.length >= 2 && words.filter((w) => LEVEL2.test(w)).length >= 3) for (const c of nameCols) if (c.level === 2) c.vocab = LEVEL2;
  }
  const parsed = parseRows(toks, cols);
  if (!parsed || parsed.rows.length === 0) return null;
  const width = header.length;
  const rows: Cell[][] = [header.map((h) => ({ text: h, line: first.line }))];
  for (const r of parsed.rows) {
    const cells: Cell[] = new Array(width).fill(null).map(() => ({ text: '', line: r.line }));
    r.cells.forEach((v, ci) => {
      if (v != null) cells[ci] = { text: v, line: r.line };
    });
    if (r.notes.length) rowNotes.set(cells, r.notes);
    rows.push(cells);
  }
  const table: Table = { kind: 'table', rows, line: first.line, page: first.page };
  const used = parsed.used;
  if (restText) {
    const left = toks.slice(used).map((t) => t.splits[0].join(''));
    return { table, leftover: left.length ? [{ text: left.join(' '), line: first.line, page: first.page }] : [], next: start + 1, rest: restPara };
  }
  // cells after the last row that still look like cells (short, no sentence) are reported, not read as prose
  const leftover: { text: string; line?: number; page?: number }[] = [];
  let u = used;
  while (u < toks.length && u < used + 12) {
    const t = toks[u].splits[0].join('');
    if (t.length > 12 || /[。；：:]/.test(t) || /(报告|情况表|自评表|评分表)$/.test(t) || roleOf(t)) break;
    leftover.push({ text: t, line: toks[u].line });
    u++;
  }
  const next = u < toks.length ? paraOfTok[u] : k;
  return { table, leftover, next };
}

/**
 * One paragraph after the header: a cell (blank-line separated cells), or a whole row whose cells
 * are separated by runs of spaces (pdftotext -layout) or by single spaces between many short parts.
 */
function paragraphTokens(t: string): Tok[] {
  if (/[ \u00a0]{2,}|\t|\u3000/.test(t))
    return t
      .split(/[ \u00a0]{2,}|\t|\u3000+/)
      .map((p) => p.trim())
      .filter((p) => p)
      .flatMap((p): Tok[] => {
        // a real cell: kept whole ("决策 (12)"), a unit written apart joined ("300 人次")
        const cell = p.replace(/(\d)\s+(?=[^\s\d])/g, (m, d: string, off: number) => (UNIT.test(p.slice(off + m.length).split(/\s/)[0]) ? d : m));
        return CJK.test(cell) && !/[\d\s]/.test(cell) ? wordSplits(cell).map((sp) => ({ splits: [sp] })) : [{ splits: [[cell]] }];
      });
  const parts = t.split(' ');
  if (parts.length >= 4 && parts.every((p) => p.length <= 20)) return tokenize(t, false);
  return [{ splits: [[t]] }];
}

/** The rows read so far already weigh 100: a repeated header starts another table. */
function weighsFull(toks: Tok[], cols: Col[]): boolean {
  const parsed = parseRows(toks, cols);
  if (!parsed) return false;
  return dsum(parsed.rows.filter((r) => !r.total).map((r) => r.weight)) >= 100000;
}

/**
 * Where a header starts among one line's tokens: the same header again (skip it) or another
 * table's (cut there). Header words are tokens of their own or run together in one token.
 */
function headerIn(toks: Tok[], header: string[]): { at: number; end: number; skip: boolean } {
  for (let i = 0; i < toks.length; i++) {
    const words: string[] = [];
    let j = i;
    while (j < toks.length && words.length < 30) {
      const t = toks[j].splits[0].join('');
      const hw = roleOf(t) ? { words: [t], rest: '' } : headerWords(t);
      if (!hw || hw.rest) break;
      words.push(...hw.words);
      j++;
    }
    if (words.length >= 3 && isHeaderRow(words)) return { at: i, end: j, skip: words.join('|') === header.join('|') };
  }
  return { at: toks.length, end: toks.length, skip: false };
}

/** Cut a run of text into tokens: by spaces, or (fused) at every change between words and numbers. */
function tokenize(text: string, fused: boolean): Tok[] {
  const out: Tok[] = [];
  if (!fused) {
    const parts = text.split(/[\s\u3000]+/).filter((p) => p && !PAGE.test(p));
    for (let i = 0; i < parts.length; i++) {
      let p = parts[i];
      // "300 人次", "≥ 95%": a unit or operator written apart from its number
      if (OP.test(p) && i + 1 < parts.length && /^\d/.test(parts[i + 1])) p += parts[++i];
      while (i + 1 < parts.length && /\d$/.test(p) && UNIT.test(parts[i + 1])) p += parts[++i];
      // Chinese words lose the spaces between them in PDF text ("产出指标数量指标培训人次")
      if (CJK.test(p) && !/\d/.test(p)) for (const sp of wordSplits(p)) out.push({ splits: [sp] });
      else out.push({ splits: [[p]] });
    }
    return out;
  }
  // words, and numbers with their operator and unit
  const re = /([≥≤><=＞＜]?\d[\d.]*(?:%|％|‰|万元|元|人次|个|次|场|天|家|户|件|份|篇|项|台|套|小时|分钟|人|分|起|所|名|座|辆|册|本|条|处|亩|吨|期|批|课时|公里|平方米|年|月|日|周)?)|([^\d≥≤><=＞＜]+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1]) out.push({ splits: numberSplits(m[1]), fused: true });
    else for (const w of wordSplits(m[2].trim())) if (w) out.push({ splits: [w] });
  }
  // a unit we do not know ("批次", "万人"): a short word between two numbers belongs to the first
  const merged: Tok[] = [];
  for (let i = 0; i < out.length; i++) {
    const a = out[i];
    const w = out[i + 1];
    const after = out[i + 2];
    const word = w && w.splits.length === 1 && w.splits[0].length === 1 ? w.splits[0][0] : '';
    if (a.fused && /\d$/.test(a.splits[0][0]) && word && word.length <= 3 && !roleOf(word) && !TOTAL_WORDS.test(word) && (!after || after.fused)) {
      merged.push({ splits: a.splits.map((sp) => [...sp.slice(0, -1), sp[sp.length - 1] + word]), fused: true });
      i++;
    } else merged.push(a);
  }
  return merged;
}

/** A text run: known level names stripped from the front, a doubled qualitative word ("否否") from the end. */
function wordSplits(s: string): string[][] {
  const parts: string[] = [];
  let rest = s;
  for (let n = 0; n < 3; n++) {
    const m = LEVEL_PREFIX.exec(rest);
    if (!m || m[0].length === rest.length) break;
    parts.push(m[0]);
    rest = rest.slice(m[0].length);
  }
  const tail: string[] = [];
  for (const q of QUALITATIVE) {
    if (rest.length > 2 * q.length && rest.endsWith(q + q)) {
      rest = rest.slice(0, rest.length - 2 * q.length);
      tail.push(q, q);
      break;
    }
  }
  if (rest) parts.push(rest);
  return [[...parts, ...tail]];
}

/** Every way a run of digits can be 1–3 numbers: "10946.5万元" → [10946.5万元], [10, 946.5万元] … */
function numberSplits(s: string): string[][] {
  const out: string[][] = [[s]];
  const m = /^([≥≤><=＞＜]?)(\d[\d.]*)(.*)$/.exec(s)!;
  const [, op, digits, unit] = m;
  if (op || digits.length < 2 || digits.length > 14) return out;
  const ok = (d: string) => /^(0|[1-9]\d*)(\.\d+)?$/.test(d);
  for (let a = 1; a < digits.length; a++) {
    const x = digits.slice(0, a);
    const y = digits.slice(a);
    if (ok(x) && ok(y) && !x.includes('.') ) out.push([x, y + unit]);
    for (let b = a + 1; b < digits.length && b - a <= 6; b++) {
      const y2 = digits.slice(a, b);
      const z = digits.slice(b);
      if (ok(x) && ok(y2) && ok(z) && !x.includes('.')) out.push([x, y2, z + unit]);
    }
  }
  return out.slice(0, 40);
}

interface ParsedRow {
  cells: (string | null)[];
  line?: number;
  notes: string[];
  weight: string | null;
  score: string | null;
  fusedSplit: boolean;
  splitCols: number[];
  alternatives: Alt[];
  total?: boolean;
}
interface Alt {
  cost: number;
  cells: (string | null)[];
  weight: string | null;
  score: string | null;
  split: boolean;
  /** columns filled from one token whose digits ran together */
  splitCols: number[];
}

// a name with its code: "A13决策执行…", "B部门管理", "1.2 项目立项"
const CODED_NAME = /^([A-Z]\d{0,3}|\d{1,2}(?:[.．]\d{1,2})+\s?)[\u4e00-\u9fff“"「]/;
const VALUE_TYPES = new Set<ColType>(['weight', 'score', 'convertedScore', 'rawScore', 'target', 'actual', 'coefficient', 'operator', 'unitOfMeasure', 'core', 'seq']);
const isNum = (s: string) => NUM.test(s) && Number(s.replace('分', '')) <= 100;

function fit(type: ColType, v: string, c: Col, cols: Col[]): number {
  const text = CJK.test(v) && !/^\d/.test(v);
  switch (type) {
    case 'name': {
      if (isNum(v) || /^[≥≤><=]/.test(v) || !CJK.test(v)) return Infinity;
      let cost = (/\d/.test(v) ? 0.6 : 0) + (v.length > 24 || /[。；]/.test(v) ? 0.5 : 0);
      // a code gives the level: A / A1 / A11, 1 / 1.1 / 1.1.1
      const code = /^([A-Z])(\d{0,3})(?=[\u4e00-\u9fff“"「])/.exec(v) ?? /^(\d{1,2})((?:[.．]\d{1,2}){0,3})[、.．\s]?(?=[\u4e00-\u9fff])/.exec(v);
      if (c.coded && !c.deepest && !CODED_NAME.test(v)) cost += 1.5;
      if (c.vocab && !c.vocab.test(v)) cost += 1.5;
      if (code && c.level) {
        const lv = /^[A-Z]$/.test(code[1]) ? 1 + code[2].length : 1 + (code[2].match(/[.．]/g)?.length ?? 0);
        const names = cols.filter((x) => x.type === 'name').map((x) => x.level ?? 0);
        if (names.includes(lv) && lv !== c.level) cost += 2;
      }
      const levels = cols.filter((x) => x.type === 'name').length;
      if (levels > 1 && LEVEL1.test(v) && c.level !== 1) cost += 2;
      if (levels > 2 && LEVEL2.test(v) && !LEVEL1.test(v) && c.level !== 2) cost += 2;
      if (levels > 1 && c.deepest && LEVEL2.test(v)) cost += 2;
      if (TOTAL_WORDS.test(v)) return Infinity;
      return cost;
    }
    case 'weight':
      return isNum(ocrNumber(v)) || isNum(v.replace(/[%％]$/, '')) ? 0 : Infinity;
    case 'score':
    case 'convertedScore':
    case 'rawScore':
      return isNum(ocrNumber(v)) ? 0 : Infinity;
    case 'coefficient':
      return /^\d(\.\d{1,4})?$/.test(v) ? 0 : Infinity;
    case 'seq':
      return /^\d{1,3}$/.test(v) ? 0 : Infinity;
    case 'target':
    case 'actual':
      if (TOTAL_WORDS.test(v) || LEVEL1.test(v) || LEVEL2.test(v)) return Infinity;
      return /\d/.test(v) || QUALITATIVE.includes(v) || v.length <= 6 ? 0 : 0.8;
    case 'unitOfMeasure':
      return UNIT.test(v) || (text && v.length <= 3) ? 0 : Infinity;
    case 'operator':
      return OP.test(v) || v === '定性' || v === '定量' ? 0 : Infinity;
    case 'core':
      return /^(是|否|√|★)$/.test(v) ? 0 : Infinity;
    default:
      // description, rule, basis, deviation: prose, never a level name or a total
      // (a short word is more likely the next row's name than this row's remark)
      if (TOTAL_WORDS.test(v) || isNum(v) || LEVEL1.test(v) || LEVEL2.test(v) || CODED_NAME.test(v) || /[（(]\d{1,3}分[)）]$/.test(v)) return Infinity;
      // prose is long or punctuated; a short plain word is more likely a name of another row
      if (v.length >= 13 || /[，。；、,;：:（(\d“"]|是否/.test(v)) return 0.1;
      return c.trailing ? 0.8 : 0.1;
  }
}

function omitCost(c: Col): number {
  switch (c.type) {
    // upper names left out are the usual merged cells
    case 'name':
      return c.deepest ? Infinity : 0.05;
    // the weight of an upper level (名称|分值 pairs) is merged like its name
    case 'weight':
      return c.level && !c.deepest ? 0.05 : 3;
    case 'score':
    case 'rawScore':
      return 1.5;
    // a lone value is the target rather than the actual (forms filled in before the year ends)
    case 'target':
      return 1.25;
    case 'actual':
      return 1.2;
    default:
      return 0.3;
  }
}

/** All ways one row can start at token t: end token → cheapest assignments (a few kept per end). */
function rowOptions(toks: Tok[], t0: number, cols: Col[]): Map<number, Alt[]> {
  const res = new Map<number, Alt[]>();
  const cells: (string | null)[] = [];
  const splitCols: number[] = [];
  // vo: the part of the cost that comes from value columns left out
  const walk = (c: number, t: number, cost: number, split: boolean, namesStarted: boolean, vo: number) => {
    if (cost > 20) return;
    if (c === cols.length) {
      if (t === t0) return;
      // a row of names only (weights stated at an upper level, seed 002): one flat cost, not the
      // sum of every value column left out
      if (cols.every((x) => !VALUE_TYPES.has(x.type) || cells[x.index] == null)) {
        const list = res.get(t) ?? [];
        list.push({ cost: cost - vo + 0.6, cells: cells.slice(), weight: null, score: null, split, splitCols: splitCols.slice() });
        res.set(t, list);
        return;
      }
      const w = cols.find((x) => x.type === 'weight');
      const s = cols.find((x) => x.type === 'score' || x.type === 'convertedScore');
      const wv = w ? (cells[w.index] ?? null) : null;
      const sv = s ? (cells[s.index] ?? null) : null;
      let extra = 0.1;
      // a row adds up: its score is not above its weight
      if (wv && sv && Number(sv.replace('分', '')) > Number(wv.replace('分', ''))) extra += 2;
      const list = res.get(t) ?? [];
      list.push({ cost: cost + extra, cells: cells.slice(), weight: wv, score: sv, split, splitCols: splitCols.slice() });
      res.set(t, list);
      return;
    }
    const col = cols[c];
    // omit this column (upper names only as a prefix: merged cells above)
    const oc = col.type === 'name' && namesStarted && !col.deepest ? 1.5 : omitCost(col);
    if (oc < Infinity) {
      cells[col.index] = null;
      walk(c + 1, t, cost + oc, split, namesStarted, VALUE_TYPES.has(col.type) ? vo + oc : vo);
    }
    if (t >= toks.length) return;
    for (const sp of toks[t].splits) {
      if (c + sp.length > cols.length) continue;
      let f = 0;
      for (let q = 0; q < sp.length && f < Infinity; q++) f += fit(cols[c + q].type, sp[q], cols[c + q], cols);
      if (f === Infinity) continue;
      for (let q = 0; q < sp.length; q++) cells[cols[c + q].index] = sp[q];
      const started = namesStarted || cols.slice(c, c + sp.length).some((x) => x.type === 'name');
      const fusedHere = sp.length > 1 && toks[t].fused === true;
      if (fusedHere) for (let q = 0; q < sp.length; q++) splitCols.push(cols[c + q].index);
      walk(c + sp.length, t + 1, cost + f + (sp.length > 1 ? 0.05 : 0), split || fusedHere, started, vo);
      if (fusedHere) splitCols.length -= sp.length;
      for (let q = 0; q < sp.length; q++) cells[cols[c + q].index] = null;
    }
  };
  walk(0, t0, 0, false, false, 0);
  for (const [k, list] of res) res.set(k, list.sort((a, b) => a.cost - b.cost).slice(0, 6));
  return res;
}

function parseRows(toks: Tok[], cols: Col[]): { rows: ParsedRow[]; used: number } | null {
  const n = toks.length;
  // one row per line when lines hold whole rows (pdftotext -layout): a row starts where a line does,
  // and a line with a single cell is a row of its own (a wrapped label, joined later)
  const starts = toks.filter((t) => t.lineStart).length;
  const byLine = starts >= 3 && n >= starts * 2.5;
  const lineEnd = (t: number) => {
    let e = t + 1;
    while (e < n && !toks[e].lineStart) e++;
    return e;
  };
  const best: { cost: number; prev: number; alt: Alt[] | null; total?: boolean; cont?: boolean }[] = new Array(n + 1);
  const prose = cols.find((c) => c.type === 'rule') ?? cols.find((c) => c.type === 'basis') ?? cols.find((c) => c.type === 'description') ?? cols.find((c) => c.type === 'deviation');
  best[0] = { cost: 0, prev: -1, alt: null };
  let furthest = 0;
  for (let t = 0; t < n; t++) {
    // nothing follows a 总分 row in the same table
    if (!best[t] || best[t].total) continue;
    if (byLine && t > 0 && !toks[t].lineStart) continue;
    if (t > furthest + 0) furthest = Math.max(furthest, t);
    // a 总分 / 合计 row: the word and the numbers after it, then the table ends
    const w = toks[t].splits[0][0];
    if (toks[t].splits[0].length === 1 && TOTAL_WORDS.test(w.replace(/[\s:：]/g, ''))) {
      let e = t + 1;
      const nums: string[] = [];
      const isTotalNum = (v: string) => isNum(ocrNumber(v)) || isNum(v.replace(/[%％]$/, ''));
      while (e < n && nums.length < 2 && toks[e].splits.some((s) => s.every(isTotalNum))) {
        const sp = toks[e].splits.find((s) => s.length === Math.min(2 - nums.length, s.length) && s.every(isTotalNum)) ?? toks[e].splits.find((s) => s.every(isTotalNum))!;
        nums.push(...sp);
        e++;
      }
      const cost = best[t].cost;
      if (!best[e] || best[e].cost > cost) best[e] = { cost, prev: t, alt: [{ cost: 0, cells: [w, ...nums], weight: null, score: null, split: false, splitCols: [] }], total: true };
      continue;
    }
    // a sentence between two rows continues the prose cell of the row above (cut by a page break)
    const one = toks[t].splits.length === 1 && toks[t].splits[0].length === 1 ? toks[t].splits[0][0] : '';
    if (prose && t > 0 && one && (/[。；]$/.test(one) || (one.length > 15 && /，/.test(one)))) {
      const cost = best[t].cost + 0.3;
      if (!best[t + 1] || best[t + 1].cost > cost) best[t + 1] = { cost, prev: t, alt: [{ cost: 0, cells: [one], weight: null, score: null, split: false, splitCols: [] }], cont: true };
    }
    const opts = rowOptions(toks, t, cols);
    for (const [e, alts] of opts) {
      if (byLine && ((e < n && !toks[e].lineStart) || e > lineEnd(t))) continue;
      const cost = best[t].cost + alts[0].cost;
      if (!best[e] || best[e].cost > cost || (best[e].total && e === n)) best[e] = { cost, prev: t, alt: alts };
    }
  }
  // the furthest token reached by a parse; the table ends there
  let end = n;
  while (end > 0 && !best[end]) end--;
  if (end === 0) return null;
  const chain: { alt: Alt[]; total?: boolean; cont?: boolean; t: number }[] = [];
  for (let e = end; e > 0; e = best[e].prev) chain.unshift({ alt: best[e].alt!, total: best[e].total, cont: best[e].cont, t: best[e].prev });
  const rows: ParsedRow[] = [];
  const width = Math.max(...cols.map((c) => c.index)) + 1;
  let statedWeight: string | null = null;
  let statedScore: string | null = null;
  for (const c of chain) {
    if (c.cont) {
      const last = [...rows].reverse().find((r) => !r.total);
      if (last && prose) last.cells[prose.index] = `${last.cells[prose.index] ?? ''}${c.alt[0].cells[0]}`;
      continue;
    }
    if (c.total) {
      const [word, ...nums] = c.alt[0].cells as string[];
      const cells: (string | null)[] = new Array(width).fill(null);
      cells[cols[0].index] = word;
      const wc = cols.find((x) => x.type === 'weight');
      const sc = cols.find((x) => x.type === 'score' || x.type === 'convertedScore');
      if (nums.length >= 2) {
        if (wc) cells[wc.index] = nums[0];
        if (sc) cells[sc.index] = nums[1];
        statedWeight = nums[0];
        statedScore = nums[1];
      } else if (nums.length === 1) {
        // one number: the weights' total when it is what the rows' weights add up to, else the score
        const weights = dsum(rows.map((r) => r.weight));
        const isWeight = wc && (!sc || weights === Math.round(Number(nums[0].replace(/[%％分]$/, '')) * 1000));
        if (isWeight && wc) {
          cells[wc.index] = nums[0];
          statedWeight = nums[0];
        } else if (sc) {
          cells[sc.index] = nums[0];
          statedScore = nums[0];
        }
      }
      rows.push({ cells, line: toks[c.t]?.line, notes: [], weight: null, score: null, fusedSplit: false, splitCols: [], alternatives: [], total: true });
      continue;
    }
    const a = c.alt[0];
    const cells = new Array(width).fill(null).map((_, i) => a.cells[i] ?? null);
    rows.push({ cells, line: toks[c.t]?.line, notes: [], weight: a.weight, score: a.score, fusedSplit: a.split, splitCols: a.splitCols, alternatives: c.alt, total: false });
  }
  settleFused(rows, cols, statedWeight, statedScore);
  return { rows, used: end };
}

const dsum = (xs: (string | null)[]) => xs.reduce((s, x) => s + (x ? Math.round(Number(x.replace('分', '')) * 1000) : 0), 0);

/**
 * Rows whose numbers ran together: keep the readings whose weights add up to the stated total
 * weight (100 when not stated) and scores to the stated total score, changing as few rows as possible.
 */
function settleFused(rows: ParsedRow[], cols: Col[], statedWeight: string | null, statedScore: string | null): void {
  const data = rows.filter((r) => !r.total);
  const ambiguous = data.filter((r) => r.fusedSplit || r.alternatives.some((a) => a.split));
  if (!ambiguous.length) return;
  const wantW = Math.round(Number(statedWeight ?? '100') * 1000);
  const wantS = statedScore != null ? Math.round(Number(statedScore) * 1000) : null;
  const adds = () => dsum(data.map((r) => r.weight)) === wantW && (wantS == null || dsum(data.map((r) => r.score)) === wantS);
  const apply = (r: ParsedRow, a: Alt) => {
    r.cells = r.cells.map((_, i) => a.cells[i] ?? null);
    r.weight = a.weight;
    r.score = a.score;
    r.fusedSplit = a.split;
    r.splitCols = a.splitCols;
  };
  let confirmed = adds();
  if (!confirmed) {
    // one row at a time, then pairs (bounded)
    outer: for (const r of ambiguous) {
      const keep = r.alternatives[0];
      for (const a of r.alternatives) {
        apply(r, a);
        if (adds()) {
          confirmed = true;
          break outer;
        }
      }
      apply(r, keep);
    }
  }
  const label = (c: Col) => (c.type === 'weight' ? '分值' : c.type === 'score' ? '得分' : c.type === 'target' ? '指标值' : c.type === 'actual' ? '完成值' : '');
  for (const r of ambiguous) {
    if (!r.fusedSplit) continue;
    const shown = cols.filter((c) => r.splitCols.includes(c.index));
    const words = shown.map(label).join('与');
    r.notes.push(`${words}连写，${confirmed ? '按合计推断为' : '推断为（合计未能验证）'} ${shown.map((c) => r.cells[c.index]).join(' / ')}`);
  }
}
