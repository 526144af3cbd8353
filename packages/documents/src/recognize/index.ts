// Document → Evaluation[]. Knows nothing of file formats: works on paragraphs and table grids.
//
// 1. Flatten the document into a stream of paragraphs and table rows.
// 2. Find every indicator table by its header words; its rows run to a 总分/合计 row, a new form
//    (项目名称 …, a 资金 block) or the end of the table. Each one is an evaluation.
// 3. Everything between two indicator tables belongs to the later one, except prose before the
//    title of the next report (…报告 / …情况表 / …自评表), which ends the earlier one.
import type { Budget, Evaluation, Indicator, Problem, Section, SourceRef } from '@jixiao/core';
import type { Document, Table } from '../document.ts';
import { clean, cleanLine, hasTraditional, printedForm } from './clean.ts';
import { decodeDocument } from './stream.ts';
import { D as Decimal } from '@jixiao/core/decimal.ts';
import { rebuildLooseTables, rowNotes } from './loose.ts';
import { budgetHeader, readBudget } from './budget.ts';
import { isHeaderRow, layoutOf, type Layout } from './columns.ts';
import { buildIndicators, GRADE_LABEL, TOTAL_WORDS, type Row } from './indicators.ts';
import { firstNonSpace, isEmpty, leadChars, oneLine, value } from './normalize.ts';
import {
  factsOf,
  fieldInParagraph,
  fieldOf,
  sectionKey,
  sectionsOf,
  statedInProse,
  yearOf,
  type Field,
  type Para,
} from './prose.ts';

export interface RecognizeResult {
  evaluations: Evaluation[];
  /** problems of the document as a whole (those of one evaluation are in its `problems`) */
  problems: Problem[];
}

type Item = ({ kind: 'para' } & Para) | ({ kind: 'row'; tableIndex: number } & Row);

interface Region {
  start: number;
  end: number; // exclusive
  layout: Layout;
  rows: Row[];
}

const PAGE_NUMBER = /^[-—–\s]*(第\s?\d{1,4}\s?页(\s?[,，/／]?\s?共\s?\d{1,4}\s?页)?|\d{1,4})[-—–\s]*$/;
// rows that close a form: what follows them is no indicator
const FOOTER = /^(评价结论|自评结论|总体评价|填表说明|填报说明|备注|审核意见|单位负责人|填表人|填报人)/;
const BOUNDARY = /(报告|情况表|自评表|评分表|得分表|评价表)$/;
// what a government web page puts around its content: navigation, 来源/发布时间/浏览次数, print/close links
const BOILERPLATE =
  /^(首页|当前位置|您的位置|您现在的位置|来源|信息来源|文章来源|发布时间|发布日期|浏览次数|访问次数|点击数|阅读次数|作者|责任编辑|编辑|打印本页|打印|关闭窗口|关闭|【?字体|字号|分享到|扫一扫|上一篇|下一篇|相关链接|附件下载|索引号|分类|发文机关|成文日期|主题分类)[：:】\s]|^(打印本页|关闭窗口|【打印】|【关闭】|返回顶部|\[打印本页\]|\[关闭窗口\])|(打印本页|关闭窗口)\s*$|^(首页|网站首页)\s*[>＞›»]/;
const END_WORD_LEADS = leadChars(FOOTER, TOTAL_WORDS);
const TOTAL_LEADS = leadChars(TOTAL_WORDS);
const EXECUTION_NAME = /^(预算执行率|预算执行情况|资金执行率|预算资金执行率|预算执行)$/;

export function recognize(doc: Document, opts: { file?: string } = {}): RecognizeResult {
  const r = readBest(doc, opts);
  for (const e of r.evaluations) markIncomplete(e);
  printedNames(doc, r.evaluations);
  return r;
}

/**
 * Recognition folds Traditional characters to match its words; the names of the indicators, the title
 * and the unit stay as the source prints them (without the pinyin glosses of a web page).
 */
function printedNames(doc: Document, evs: Evaluation[]): void {
  const parts: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph') parts.push(b.text);
    else for (const row of b.rows) for (const c of row) parts.push(c.text ?? '');
  }
  const source = parts.join('\n');
  if (!hasTraditional(source)) return;
  const memo = new Map<string, string>();
  const printed = (n: string): string => {
    let p = memo.get(n);
    if (p === undefined) {
      p = printedForm(n, source) ?? n;
      memo.set(n, p);
    }
    return p;
  };
  for (const e of evs) {
    if (e.title) e.title = printed(e.title);
    if (e.unit) e.unit = printed(e.unit);
    for (const i of e.indicators) {
      i.name = printed(i.name);
      i.path = i.path.map(printed);
    }
  }
}

/**
 * A table with no 总分 row whose weights do not add up to 100 was most likely cut off (a page, an
 * excerpt): it is marked incomplete, said so, and its sums are not checked.
 */
function markIncomplete(e: Evaluation): void {
  if (e.statedTotal != null || !e.indicators.length) return;
  const top = topWith(e.indicators, 'weight');
  let w = Decimal(0);
  let any = false;
  for (const i of e.indicators) {
    if (!top(i)) continue;
    w = w.plus(Decimal(i.weight!));
    any = true;
  }
  if (e.budget?.weight) w = w.plus(Decimal(e.budget.weight));
  if (!any || w.eq(100)) return;
  e.incomplete = true;
  e.problems.push({
    message: `指标表未见总分行，已读到的分值合计为 ${w.toString()} 分：按不完整的表处理，不做分值与得分合计检查`,
    severity: 'info',
    source: e.indicators[e.indicators.length - 1].source ?? e.source,
  });
}

/** Whether a node carries `field` while no node above it does: the nodes whose figures make up the total. */
function topWith(indicators: Indicator[], field: 'weight' | 'statedScore'): (i: Indicator) => boolean {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  return (i) => {
    if (i[field] == null) return false;
    for (let p = i.parentId ? byId.get(i.parentId) : undefined; p; p = p.parentId ? byId.get(p.parentId) : undefined) if (p[field] != null) return false;
    return true;
  };
}

function readBest(doc: Document, opts: { file?: string }): RecognizeResult {
  const asIs = recognizeGrid(doc, opts);
  const q0 = quality(asIs.evaluations);
  // a reading whose sums hold is kept; otherwise the stream decoder reads what the layout as it came
  // hides, and its reading is kept where it holds together better
  if (q0.consistent) return asIs;
  const decoded = decodeDocument(doc);
  if (!decoded) return asIs;
  const alt = recognizeGrid(decoded.doc, { ...opts, decoded: true });
  const q1 = quality(alt.evaluations);
  if (!(q1.score > q0.score || (q1.consistent && q1.score >= q0.score))) return asIs;
  const file = opts.file ?? doc.path;
  for (const t of decoded.dropped)
    (alt.evaluations[0]?.problems ?? alt.problems).push({ message: '表格内容未能归入任何行，已忽略', severity: 'warning', source: { file, line: t.line, page: t.page }, text: t.text.slice(0, 200) });
  return alt;
}

/**
 * How well a reading holds together: rows with a weight or score, and the sums the form carries
 * (the weights of the top weighted nodes add up to 100, the scores to the stated total).
 */
export function quality(evs: Evaluation[]): { score: number; consistent: boolean } {
  let q = 0;
  let consistent = evs.length > 0;
  for (const e of evs) {
    const parents = new Set(e.indicators.map((i) => i.parentId).filter((x) => x));
    const topWeight = topWith(e.indicators, 'weight');
    const topScore = topWith(e.indicators, 'statedScore');
    let w = Decimal(0);
    let s = Decimal(0);
    let nw = 0;
    let ns = 0;
    for (const i of e.indicators) {
      if (topWeight(i)) (w = w.plus(Decimal(i.weight!))), nw++;
      if (topScore(i)) (s = s.plus(Decimal(i.statedScore!))), ns++;
      q += 0.3;
      if (parents.has(i.id)) continue;
      if (i.weight != null || i.statedScore != null) q += 1;
      if (i.weight != null && i.statedScore != null) q += Decimal(i.statedScore).gt(Decimal(i.weight)) ? -1.5 : 0.5;
      // a sentence read as a name: a criterion or a description in the name column
      if (i.name.length > 30 || /[;；。]/.test(i.name)) q -= 1;
    }
    const bw = e.budget?.weight ? Decimal(e.budget.weight) : Decimal(0);
    const bs = e.budget?.statedScore ? Decimal(e.budget.statedScore) : Decimal(0);
    const weightsHold = nw > 0 && (w.plus(bw).eq(100) || w.eq(100));
    const totalHolds = ns > 0 && e.statedTotal != null && (s.plus(bs).eq(e.statedTotal) || s.eq(e.statedTotal));
    if (weightsHold) q += 3;
    if (totalHolds) q += 3;
    if (!(weightsHold || totalHolds)) consistent = false;
  }
  return { score: q, consistent };
}

export function recognizeGrid(doc: Document, opts: { file?: string; decoded?: boolean } = {}): RecognizeResult {
  const file = opts.file ?? doc.path;
  const sheets = new Map<number, string>();
  // a document the stream decoder rebuilt has its tables already: the rest is prose
  const loose = opts.decoded ? { blocks: doc.blocks, problems: [] } : rebuildLooseTables(doc.blocks, file);
  const items = flatten({ ...doc, blocks: loose.blocks }, file, sheets);
  const regions = findRegions(items);
  const problems: Problem[] = [];
  if (!regions.length) {
    problems.push({ message: '未找到绩效指标表', severity: 'error', source: { file } }, ...loose.problems);
    return { evaluations: [], problems };
  }
  const firstParas: string[] = [];
  for (let i = 0; i < items.length && firstParas.length < 30; i++) {
    const it = items[i];
    if (it.kind === 'para') firstParas.push(it.text);
  }
  const docYear = yearOf(firstParas);
  const used = new Set<number>();
  const evaluations: Evaluation[] = [];
  regions.forEach((reg, k) => {
    const prevEnd = k === 0 ? 0 : regions[k - 1].end;
    const nextStart = k + 1 < regions.length ? regions[k + 1].start : items.length;
    const leadFrom = k === 0 ? 0 : boundaryIn(items, prevEnd, reg.start) ?? prevEnd;
    const next = k + 1 < regions.length ? boundaryIn(items, reg.end, nextStart) : null;
    const trailTo = k + 1 < regions.length ? (next ?? reg.end) : items.length;
    // after the table only prose belongs to it; a form's rows (资金, 项目名称) precede its own table
    const context = [...range(leadFrom, reg.start), ...range(reg.end, trailTo).filter((i) => items[i].kind === 'para' || textRow(items[i]))];
    evaluations.push(assemble(items, reg, context, used, file, docYear, sheets));
  });
  // cells left over after a table rebuilt from loose text belong to the evaluation of that table
  for (const lp of loose.problems) {
    const line = lp.source?.line;
    const owner = line == null ? undefined : [...evaluations].reverse().find((e) => (e.source?.line ?? Infinity) <= line);
    (owner ? owner.problems : problems).push(lp);
  }
  // table rows that are part of no evaluation and were not understood
  const inRegion = new Uint8Array(items.length);
  for (const r of regions) inRegion.fill(1, r.start, r.end);
  items.forEach((it, i) => {
    if (it.kind !== 'row' || used.has(i) || inRegion[i]) return;
    const filled = it.cells.filter((c) => !isEmpty(c));
    if (filled.length >= 2)
      problems.push({ message: '表格行未能识别，已忽略', severity: 'info', source: it.source, text: filled.join(' | ').slice(0, 200) });
  });
  return { evaluations, problems };
}

// the form's own text rows after the indicator table (湖北 20/80 form, 四川 2023 footer)
const TEXT_ROW = /^(偏差大或目标未完成原因分析|偏差原因分析|目标未完成原因分析|改进措施及结果应用方案|改进措施|存在问题)$/;

/** A row `label | text` whose label is one of the form's text rows, else null. */
function textRow(it: Item): { heading: string; text: string } | null {
  if (it.kind !== 'row') return null;
  const filled = it.cells.filter((c) => !isEmpty(c));
  if (filled.length !== 2) return null;
  const heading = oneLine(filled[0]).replace(/\s/g, '');
  return TEXT_ROW.test(heading) ? { heading, text: value(filled[1]) ?? '' } : null;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i < b; i++) out.push(i);
  return out;
}

function boundaryIn(items: Item[], from: number, to: number): number | null {
  for (let i = from; i < to; i++) {
    const it = items[i];
    if (it.kind === 'para' && it.text.length <= 60 && BOUNDARY.test(it.text.replace(/[\s）)]+$/, ''))) return i;
  }
  return null;
}

function flatten(doc: Document, file: string | undefined, sheets: Map<number, string>): Item[] {
  const items: Item[] = [];
  let tableIndex = 0;
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph') {
      const text = cleanLine(b.text);
      if (text && !(text.length <= 80 && BOILERPLATE.test(text))) items.push({ kind: 'para', text, source: { file, line: b.line, page: b.page } });
      continue;
    }
    tableIndex++;
    if (b.sheet) sheets.set(tableIndex, b.sheet);
    const g = gridOf(b);
    for (let r = 0; r < g.rows; r++) {
      const text = g.text[r];
      const merged = g.merged[r];
      const origin = g.originRow[r];
      let cells: string[] = [];
      let covered: boolean[] = [];
      let spans: number[] = [];
      let nCovered = 0;
      for (let ci = 0; ci < g.width; ci++) {
        if (merged[ci]) {
          cells.push('');
          const cov = origin[ci] < r;
          covered.push(cov);
          if (cov) nCovered++;
          spans.push(1);
          continue;
        }
        cells.push(clean(text[ci]));
        covered.push(false);
        let n = 1;
        while (r + n < g.rows && g.merged[r + n][ci] && g.originRow[r + n][ci] === r && g.originCol[r + n][ci] === ci) n++;
        spans.push(n);
      }
      // the grid pads ragged rows to the widest one; keep each row as wide as it was written
      const raw = b.rows[r] ?? [];
      let width = nCovered;
      for (const c of raw) width += Math.max(1, c.colSpan ?? 1);
      if (width < cells.length && cells.slice(width).every((c) => isEmpty(c))) {
        cells = cells.slice(0, width);
        covered = covered.slice(0, width);
        spans = spans.slice(0, width);
      }
      let line: number | undefined;
      for (const l of g.line[r])
        if (l != null) {
          line = l;
          break;
        }
      line ??= b.line;
      const notes = b.rows[r] ? rowNotes.get(b.rows[r]) : undefined;
      const item: Item = {
        kind: 'row',
        tableIndex,
        cells,
        covered,
        spans,
        source: { file, table: tableIndex, row: r + 1, line, page: b.page },
      };
      // set after rather than spread in: a spread per row is slow
      if (notes) item.notes = notes;
      items.push(item);
    }
  }
  return items;
}

/**
 * grid() of document.ts as parallel arrays (row by row: text, merged, origin row/column, line) instead
 * of an object per position: the same expansion of spans, the same padding of ragged rows.
 */
function gridOf(table: Table): {
  rows: number;
  width: number;
  text: string[][];
  merged: boolean[][];
  originRow: number[][];
  originCol: number[][];
  line: (number | undefined)[][];
} {
  const text: string[][] = [];
  const merged: boolean[][] = [];
  const originRow: number[][] = [];
  const originCol: number[][] = [];
  const line: (number | undefined)[][] = [];
  const src = table.rows;
  for (let r = 0; r < src.length; r++) {
    while (text.length <= r) addGridRow(text, merged, originRow, originCol, line);
    let c = 0;
    for (const cell of src[r]) {
      while (originRow[r][c] !== undefined) c++;
      const rs = Math.max(1, cell.rowSpan ?? 1);
      const cs = Math.max(1, cell.colSpan ?? 1);
      for (let dr = 0; dr < rs; dr++) {
        const rr = r + dr;
        while (text.length <= rr) addGridRow(text, merged, originRow, originCol, line);
        for (let dc = 0; dc < cs; dc++) {
          text[rr][c + dc] = cell.text;
          merged[rr][c + dc] = dr > 0 || dc > 0;
          originRow[rr][c + dc] = r;
          originCol[rr][c + dc] = c;
          line[rr][c + dc] = cell.line;
        }
      }
      c += cs;
    }
  }
  let width = 0;
  for (const row of originRow) if (row.length > width) width = row.length;
  for (let r = 0; r < text.length; r++)
    for (let c = 0; c < width; c++)
      if (originRow[r][c] === undefined) {
        text[r][c] = '';
        merged[r][c] = false;
        originRow[r][c] = r;
        originCol[r][c] = c;
        line[r][c] = undefined;
      }
  return { rows: text.length, width, text, merged, originRow, originCol, line };
}

function addGridRow(text: string[][], merged: boolean[][], originRow: number[][], originCol: number[][], line: (number | undefined)[][]): void {
  text.push([]);
  merged.push([]);
  originRow.push([]);
  originCol.push([]);
  line.push([]);
}

function isPageNoise(text: string, items: Item[], counts: { repeated?: Map<string, number> }): boolean {
  if (PAGE_NUMBER.test(text)) return true;
  if (text.length > 60) return false;
  // how often each short paragraph occurs, counted the first time a table is followed by one
  let repeated = counts.repeated;
  if (!repeated) {
    repeated = counts.repeated = new Map<string, number>();
    for (const it of items) if (it.kind === 'para' && it.text.length <= 60) repeated.set(it.text, (repeated.get(it.text) ?? 0) + 1);
  }
  return (repeated.get(text) ?? 0) >= 2 && !fieldInParagraph(text);
}

function findRegions(items: Item[]): Region[] {
  const regions: Region[] = [];
  const counts: { repeated?: Map<string, number> } = {};
  let i = 0;
  while (i < items.length) {
    const it = items[i];
    if (it.kind !== 'row') {
      i++;
      continue;
    }
    const stacked = isHeaderRow(it.cells) ? null : stackedHeader(it, items[i + 1]);
    if (!stacked && !isHeaderRow(it.cells)) {
      i++;
      continue;
    }
    // the header block: consecutive header rows of one table
    let j = stacked ? i + 2 : i;
    const header: string[][] = stacked ? [stacked] : [];
    while (j < items.length) {
      const h = items[j];
      if (h.kind !== 'row' || h.tableIndex !== it.tableIndex || !isHeaderRow(h.cells)) break;
      header.push(h.cells);
      j++;
    }
    const firstData = items[j];
    const layout = layoutOf(header, firstData?.kind === 'row' ? firstData.cells.length : 0);
    if (!layout) {
      i = j;
      continue;
    }
    const rows: Row[] = [];
    let table = it.tableIndex;
    while (j < items.length) {
      const r = items[j];
      if (r.kind !== 'row') {
        // a page number, or a running page header/footer (the same short line on several pages),
        // between two parts of a table split across pages
        let k = j;
        while (k < items.length && k < j + 3 && items[k].kind === 'para' && isPageNoise((items[k] as Para).text, items, counts)) k++;
        const nx = items[k];
        if (k > j && nx?.kind === 'row' && nx.tableIndex !== table) {
          j = k;
          continue;
        }
        break;
      }
      if (r.tableIndex !== table) {
        // a table split by a page break continues when it repeats the same header
        let k = j;
        const h2: string[][] = [];
        while (k < items.length && items[k].kind === 'row' && (items[k] as Row & { tableIndex: number }).tableIndex === r.tableIndex && isHeaderRow((items[k] as Row).cells)) {
          h2.push((items[k] as Row).cells);
          k++;
        }
        if (h2.length) {
          const l2 = layoutOf(h2, layout.width);
          if (!l2 || l2.signature !== layout.signature || startsAnother(items, k, rows, layout)) break;
          table = r.tableIndex;
          j = k;
          continue;
        }
        // no header repeated: the same table goes on when its rows are as wide as ours
        const prev = rows[rows.length - 1];
        const first2 = r.cells.find((c) => !isEmpty(c)) ?? '';
        if (!prev || r.cells.length !== prev.cells.length || fieldOf(first2) || budgetHeader(r.cells)) break;
        table = r.tableIndex;
        continue;
      }
      if (isHeaderRow(r.cells)) {
        // the header repeated after a page break, unless a second table starts right after the first
        // (another header, or the same one after rows that already weigh 100)
        const h2: string[][] = [];
        let k = j;
        while (k < items.length && items[k].kind === 'row' && (items[k] as Row & { tableIndex: number }).tableIndex === table && isHeaderRow((items[k] as Row).cells)) {
          h2.push((items[k] as Row).cells);
          k++;
        }
        const again = layoutOf(h2, layout.width);
        if (!again || again.signature !== layout.signature || startsAnother(items, k, rows, layout)) break;
        j = k;
        continue;
      }
      const first = r.cells.find((c) => !isEmpty(c)) ?? '';
      // most rows start with a name neither kind of word starts with
      const firstKey = END_WORD_LEADS.has(firstNonSpace(first)) ? oneLine(first).replace(/\s/g, '') : '';
      if (fieldOf(first) || budgetHeader(r.cells) || FOOTER.test(firstKey)) break;
      rows.push(r);
      j++;
      if (TOTAL_WORDS.test(firstKey)) {
        // a 评价等级 row right under the total still belongs to the table
        const g = items[j];
        if (g?.kind === 'row' && g.tableIndex === table && GRADE_LABEL.test(oneLine(g.cells.find((c) => !isEmpty(c)) ?? '').replace(/\s/g, ''))) {
          rows.push(g);
          j++;
        }
        break;
      }
    }
    regions.push({ start: i, end: j, layout, rows });
    i = j;
  }
  return regions;
}

/**
 * A header whose words are stacked over two rows of their own cells ("指标" over "分值", "县级" over
 * "评分"): the two rows read as one, each column's words joined top to bottom. Null unless neither
 * row is a header alone and together they are one.
 */
function stackedHeader(upper: Item, lower: Item | undefined): string[] | null {
  if (upper.kind !== 'row' || lower?.kind !== 'row' || lower.tableIndex !== upper.tableIndex || isHeaderRow(lower.cells)) return null;
  let joined = 0;
  const cells = upper.cells.map((u, c) => {
    const l = lower.covered[c] ? '' : (lower.cells[c] ?? '');
    if (isEmpty(l)) return u;
    if (isEmpty(u)) return l;
    joined++;
    return oneLine(u).replace(/\s/g, '') + oneLine(l).replace(/\s/g, '');
  });
  return joined && isHeaderRow(cells) ? cells : null;
}

/**
 * After a repeated header: a new table rather than the same one continued on the next page, when
 * the rows so far already weigh 100 or the next row goes back to a 一级 name the table had left.
 */
function startsAnother(items: Item[], next: number, rows: Row[], layout: Layout): boolean {
  let k = next;
  while (k < items.length && items[k].kind === 'row' && isHeaderRow((items[k] as Row).cells)) k++;
  const nx = items[k];
  if (!nx || nx.kind !== 'row') return false;
  let weights = 0;
  const seen: string[] = [];
  for (const r of rows) {
    // (only a text starting with the first character of a total word is folded and tested)
    const first = r.cells.find((c) => !isEmpty(c)) ?? '';
    if (TOTAL_LEADS.has(firstNonSpace(first)) && TOTAL_WORDS.test(oneLine(first).replace(/\s/g, ''))) continue;
    const wc = layout.weight != null ? (r.cells[layout.weight] ?? '') : '';
    const w = layout.weight != null ? Number(wc.indexOf('分') >= 0 ? wc.replace(/分\s*$/, '') : wc) : NaN;
    if (Number.isFinite(w) && w > 0 && w <= 100) weights += w;
    const top = oneLine(r.cells[layout.names[0].index] ?? '');
    if (top && seen[seen.length - 1] !== top) seen.push(top);
  }
  if (weights >= 100 - 1e-9) return true;
  const top = oneLine(nx.cells[layout.names[0].index] ?? '');
  return !!top && seen.length >= 2 && seen.slice(0, -1).includes(top) && top !== seen[seen.length - 1];
}

function assemble(
  items: Item[],
  reg: Region,
  context: number[],
  used: Set<number>,
  file: string | undefined,
  docYear: number | null,
  sheets: Map<number, string>,
): Evaluation {
  const paras: Para[] = [];
  const fields = new Map<Field, string>();
  let budget: Budget | null = null;
  let goals: { expected: string | null; actual: string | null } | null = null;
  const titleTexts: string[] = [];
  const rowSections: Section[] = [];
  for (let n = 0; n < context.length; n++) {
    const i = context[n];
    const it = items[i];
    if (it.kind === 'para') {
      paras.push(it);
      const f = fieldInParagraph(it.text);
      if (f && !fields.has(f[0])) fields.set(f[0], f[1]);
      continue;
    }
    const bh = budgetHeader(it.cells);
    if (bh && !budget) {
      const following: Row[] = [];
      for (let m = n + 1; m < context.length && items[context[m]].kind === 'row'; m++) following.push(items[context[m]] as Row);
      const { budget: b, used: u } = readBudget(bh, following);
      // a 资金 block printed blank (the form without its figures) says nothing of the budget: read as no block,
      // so that the checks do not take the form's 偏差原因 column from it
      const figures = [b.weight, b.statedRate, b.statedScore, b.received, ...b.lines.flatMap((l) => [l.initialBudget, l.adjustedBudget, l.executed])];
      if (figures.some((x) => x != null)) budget = b;
      used.add(i);
      for (let m = 1; m <= u; m++) used.add(context[n + m]);
      n += u;
      continue;
    }
    // a text row of the form (湖北 20/80: 偏差大或目标未完成原因分析 | …): a section under its label
    const tr = textRow(it);
    if (tr) {
      rowSections.push({ heading: tr.heading, key: sectionKey(tr.heading), text: tr.text });
      used.add(i);
      continue;
    }
    // folding only drops spaces: a row with no 总 or 际 in any cell can be neither kind of goals row
    const keys = it.cells.some((c) => c.includes('总') || c.includes('际')) ? it.cells.map((c) => oneLine(c).replace(/\s/g, '')) : [];
    if (keys.includes('年度总体目标') || ((keys.includes('预期目标') || keys.includes('年初绩效目标')) && keys.some((k) => /实际完成情况/.test(k)))) {
      used.add(i);
      const own = it.cells.filter((c, ci) => !isEmpty(c) && !/年度总体目标|预期目标|实际完成情况|总体目标|绩效目标$/.test(keys[ci]));
      if (own.length) {
        // 年度总体目标 | expected | actual on one row
        goals = { expected: value(own[0]), actual: value(own[1] ?? null) };
        continue;
      }
      const nx = context[n + 1];
      const nr = nx != null ? items[nx] : null;
      if (nr && nr.kind === 'row') {
        const vals = nr.cells.map(value).filter((v): v is string => v != null);
        // 年初 | 全年(调整) | 实际完成情况 (重庆): the adjusted goal is the one the year is judged by
        goals = vals.length >= 3 ? { expected: vals[vals.length - 2], actual: vals[vals.length - 1] } : { expected: vals[0] ?? null, actual: vals[1] ?? null };
        used.add(nx);
        n++;
      }
      continue;
    }
    let any = false;
    it.cells.forEach((c, ci) => {
      const f = fieldOf(c);
      if (!f) return;
      const v = it.cells.slice(ci + 1).find((x) => !isEmpty(x) && !fieldOf(x));
      if (v && !fields.has(f)) fields.set(f, oneLine(v));
      any = true;
    });
    if (any) used.add(i);
    else {
      const filled = it.cells.filter((c) => !isEmpty(c));
      if (filled.length === 1) {
        titleTexts.push(oneLine(filled[0]));
        used.add(i);
      }
    }
  }

  const { indicators, statedTotal: tableTotal, statedGrade: tableGrade, problems: rowProblems } = buildIndicators(reg.layout, reg.rows, file);
  // budget execution scored as a row of the table with the 资金 block's own 分值: the same points
  // stated twice, counted once (core leaves the block's weight out when a row is kind 'execution')
  if (budget?.weight != null)
    for (const ind of indicators)
      if (EXECUTION_NAME.test(ind.name) && ind.weight === budget.weight && !indicators.some((c) => c.parentId === ind.id)) {
        ind.kind = 'execution';
        ind.notes = [...(ind.notes ?? []), '预算执行率作为指标计分，与资金表分值为同一分值，只计一次'];
      }
  const prose = statedInProse(paras);
  const problems: Problem[] = [...rowProblems];
  if (!indicators.length) problems.push({ message: '绩效指标表没有指标行', severity: 'warning', source: items[reg.start].source });
  const statedTotal = tableTotal ?? prose.total;
  if (tableTotal != null && prose.total != null && tableTotal !== prose.total)
    problems.push({
      message: `正文所述总分 ${prose.total} 分与评分表总分 ${tableTotal} 分不一致`,
      severity: 'warning',
      source: prose.source,
    });

  const allTexts = [...titleTexts, ...paras.map((p) => p.text)];
  const project = fields.get('project') ?? null;
  const isDept = !project && allTexts.some((t) => t.indexOf('整体') >= 0 && /(部门|单位)整体|整体支出|整体绩效/.test(t));
  let title: string;
  let unit = fields.get('unit') ?? fields.get('reportingUnit') ?? null;
  if (isDept) {
    const u = unitFromTitles(allTexts);
    unit = unit ?? u;
    title = `${u ?? unit ?? ''}整体支出`;
    if (!u && !unit) problems.push({ message: '未找到单位名称', severity: 'warning', source: reg.rows[0]?.source });
  } else {
    title = project ?? projectFromProse(paras) ?? sheetTitle(sheets.get(reg.rows[0]?.source.table ?? 0)) ?? '';
    if (!title) problems.push({ message: '未找到项目名称', severity: 'warning', source: reg.rows[0]?.source });
  }
  const first = reg.rows[0]?.source ?? {};
  const source: SourceRef = { file, table: first.table, line: first.line, page: first.page };
  return {
    subject: isDept ? 'department' : 'project',
    title,
    unit,
    parentUnit: fields.get('parentUnit') ?? null,
    fiscalYear: yearOf(allTexts) ?? docYear,
    framework: null,
    manager: fields.get('manager') ?? null,
    phone: fields.get('phone') ?? null,
    budget,
    goals,
    indicators,
    statedTotal,
    statedGrade: tableGrade ?? prose.grade,
    sections: [...sectionsOf(paras), ...rowSections],
    facts: factsOf(paras),
    problems,
    source,
  };
}

/** "2024 年度南京市国际人才交流中心整体绩效自我评价报告" → 南京市国际人才交流中心. */
function unitFromTitles(texts: string[]): string | null {
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i].replace(/\s/g, '').replace(/^20\d{2}年度?/, '');
    const m = /^(.{2,40}?)(?:20\d{2}年度?)?(?:部门|单位)?整体/.exec(t);
    if (m && /^[\u4e00-\u9fff（）()]{4,40}$/.test(m[1])) return m[1];
    // the unit's name on the line above a title that has none ("2024年度部门整体支出绩效自评报告")
    if (m === null && /^(部门|单位)?整体/.test(t) && i > 0 && /^[\u4e00-\u9fff（）()]{4,40}$/.test(texts[i - 1])) return texts[i - 1];
    if (m && !/^[\u4e00-\u9fff（）()]{4,40}$/.test(m[1]) && /^(部门|单位)整体/.test(t) && i > 0 && /^[\u4e00-\u9fff（）()]{4,40}$/.test(texts[i - 1]))
      return texts[i - 1];
  }
  return null;
}

/** A workbook sheet named after its project ("海创扶持资金"), not a default name ("Sheet1", "表2"). */
function sheetTitle(sheet: string | undefined): string | null {
  if (!sheet || /^(sheet|工作表|表)\s*\d*$/i.test(sheet.trim())) return null;
  return sheet.trim();
}

function projectFromProse(paras: Para[]): string | null {
  for (const p of paras) {
    const m = /评价(?:20\d{2}年度?)?([\u4e00-\u9fff“”]{2,20}?项目)的/.exec(p.text);
    if (m) return m[1];
  }
  return null;
}
