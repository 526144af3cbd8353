// .pdf (with a text layer) → Document. Lines are rebuilt from glyph positions. Where a table has
// cell borders, the borders give its rows, columns and merged cells; otherwise lines of several cells
// (big horizontal gaps) form tables whose columns come from the cells' left edges.
import type { Block, Cell, Document, Table } from '../document.ts';
import { ImportError, MESSAGES } from './limits.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | undefined;
function pdfjs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

/** Some PDF producers map CJK characters to the look-alike Kangxi/CJK radicals (⽬ for 目). */
export function normalizeRadicals(s: string): string {
  return s.replace(/[\u2E80-\u2FDF]/g, (c) => SUPPLEMENT[c] ?? c.normalize('NFKC')).replace(/[\u2E3A\u2E3B]/g, (c) => DASHES[c]);
}

// Chromium draws a run of em dashes (—— in an empty 分值 cell) as one two- or three-em dash glyph
const DASHES: Record<string, string> = { '\u2E3A': '——', '\u2E3B': '———' };

// CJK Radicals Supplement characters that stand for whole (mostly simplified) characters; NFKC leaves them alone
const SUPPLEMENT: Record<string, string> = {
  '\u2E81': '厂', '\u2E87': '几', '\u2E9D': '月', '\u2EA0': '民', '\u2EC4': '西', '\u2EC5': '见',
  '\u2EC6': '角', '\u2EC9': '贝', '\u2ECB': '车', '\u2ED1': '長', '\u2ED3': '长', '\u2ED4': '门',
  '\u2ED7': '雨', '\u2ED8': '青', '\u2ED9': '韦', '\u2EDA': '页', '\u2EDB': '风', '\u2EDC': '飞',
  '\u2EDD': '食', '\u2EE2': '马', '\u2EE3': '骨', '\u2EE4': '鬼', '\u2EE5': '鱼', '\u2EE6': '鸟',
  '\u2EE7': '卤', '\u2EE8': '麦', '\u2EE9': '黄', '\u2EEA': '黾', '\u2EEC': '齐', '\u2EEE': '齿',
  '\u2EF0': '龙',
  // Kangxi radicals whose NFKC form is the traditional variant of a character the simplified-Chinese
  // fonts draw with the radical's glyph (农户 printed by Chromium comes out as 农⼾)
  '\u2F3E': '户', '\u2FC8': '黄', '\u2FAD': '青',
};

const CJK_CHAR = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;

interface Glyph {
  s: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

interface Segment {
  text: string;
  x0: number;
  x1: number;
}

interface Line {
  /** the ruled table (connected cell borders) the line lies in, if any */
  region?: Region;
  page: number;
  y: number;
  size: number;
  segs: Segment[];
}

export async function readPdf(bytes: Uint8Array, path?: string, maxPages = 500): Promise<Document> {
  const lib = await pdfjs();
  // pdf.js takes ownership of (detaches) the buffer it is given
  const task = lib.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let pdf;
  try {
    pdf = await task.promise;
  } catch (e) {
    const name = (e as { name?: string })?.name;
    if (name === 'PasswordException') throw new ImportError('encrypted', MESSAGES.encrypted, { cause: e });
    throw new ImportError('corrupt', MESSAGES.corrupt, { cause: e });
  }
  const doc: Document = { format: 'pdf', path, blocks: [], warnings: [] };
  let chars = 0;
  const all: Line[] = [];
  const pages = pdf.numPages;
  if (pages > maxPages) {
    void pdf.destroy();
    throw new ImportError('too-many-pages', `PDF 页数过多（${pages} 页，上限 ${maxPages} 页），未读取`);
  }
  try {
    for (let p = 1; p <= pages; p++) {
      let page;
      let content;
      try {
        page = await pdf.getPage(p);
        content = await page.getTextContent();
      } catch {
        // one damaged page does not lose the others
        doc.warnings.push({ message: `第 ${p} 页已损坏，无法读取，已跳过`, page: p });
        continue;
      }
      const glyphs: Glyph[] = [];
      const rot = readingTurn(content.items);
      for (const it of content.items) {
        if (!('str' in it) || it.str === '') continue;
        const t = it.transform as number[];
        const size = Math.hypot(t[2], t[3]) || it.height || 10;
        const [x, y] = rot(t[4], t[5]);
        glyphs.push({ s: normalizeRadicals(it.str), x, y, w: it.width, size });
        chars += it.str.trim().length;
      }
      let ls = lines(glyphs, p).filter((l) => l.segs.length > 0);
      if (ls.some((l) => l.segs.length >= 2)) {
        const rules = await pageRules(page, lib.OPS, rot).catch(() => ({ h: [], v: [] }));
        const regions = ruledRegions(rules, p);
        if (regions.length) {
          // text of two cells may sit closer than a word gap: a cell border always ends a piece of text,
          // so that a value printed beside (or interleaved with) a wrapped label stays in its own cell
          const walls = regions.flatMap((r) => r.v);
          ls = lines(splitAtWalls(glyphs, walls), p, walls).filter((l) => l.segs.length > 0);
        }
        for (const r of regions) extendOverPageBreak(r, ls, regions);
        for (const l of ls) l.region = regions.find((r) => inRegion(r, l));
      }
      // page numbers at the foot or head of a page would cut a table running over the page break
      while (ls.length && isPageNumber(ls[ls.length - 1])) ls.pop();
      while (ls.length && isPageNumber(ls[0])) ls.shift();
      all.push(...ls);
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
  if (pages > 0 && doc.warnings.length === pages) throw new ImportError('corrupt', MESSAGES.corrupt);
  if (chars === 0) throw new ImportError('scanned-pdf', MESSAGES.scanned);
  // the lowest table bottom of the document: where a page filled to its bottom margin ends
  const floor = Math.min(...all.map((l) => l.region?.y0 ?? Infinity));
  doc.blocks.push(...documentBlocks(all, floor));
  return doc;
}

/**
 * Pages whose text runs up or down (a landscape table printed on a portrait page): coordinates turned
 * so that lines run left to right and stack downward, as on an upright page.
 */
function readingTurn(items: unknown[]): (x: number, y: number) => [number, number] {
  let up = 0;
  let down = 0;
  let flat = 0;
  for (const it of items as { str?: string; transform?: number[] }[]) {
    if (!it.str?.trim() || !it.transform) continue;
    const [a, b] = it.transform;
    const n = it.str.length;
    if (Math.abs(b) > Math.abs(a)) {
      if (b > 0) up += n;
      else down += n;
    } else flat += n;
  }
  if (up > flat && up >= down) return (x, y) => [y, -x];
  if (down > flat) return (x, y) => [-y, x];
  return (x, y) => [x, y];
}

function isPageNumber(l: Line): boolean {
  return l.segs.length === 1 && /^([-—–\s]*\d{1,4}[-—–\s]*|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/.test(l.segs[0].text);
}

/** Vertical distance between two lines; across a page break, that of an ordinary table row. */
function gapOf(prev: Line, l: Line): number {
  return prev.page === l.page ? prev.y - l.y : 2 * l.size;
}

/** Is there a cell border between x0 and x1 at the height of a glyph at y? */
function walled(walls: VRule[], y: number, size: number, x0: number, x1: number): boolean {
  const cy = y + 0.3 * size;
  for (const v of walls) if (v.x > x0 && v.x < x1 && cy >= v.y0 - TOL && cy <= v.y1 + TOL) return true;
  return false;
}

/** Glyph runs that cross a cell border cut into pieces on each side (widths shared out by characters). */
function splitAtWalls(glyphs: Glyph[], walls: VRule[]): Glyph[] {
  const out: Glyph[] = [];
  for (const g of glyphs) {
    const chars = [...g.s];
    if (chars.length < 2 || !walled(walls, g.y, g.size, g.x + 0.5, g.x + g.w - 0.5)) {
      out.push(g);
      continue;
    }
    const cw = g.w / chars.length;
    let cur: Glyph | undefined;
    chars.forEach((ch, k) => {
      const x = g.x + k * cw;
      if (cur && !walled(walls, g.y, g.size, cur.x + cur.w - 0.5 * cw, x + 0.5 * cw)) {
        cur.s += ch;
        cur.w += cw;
      } else {
        cur = { s: ch, x, y: g.y, w: cw, size: g.size };
        out.push(cur);
      }
    });
  }
  return out;
}

function lines(glyphs: Glyph[], page: number, walls: VRule[] = []): Line[] {
  const sorted = glyphs.filter((g) => g.s.trim() !== '' || g.w < g.size).sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: Glyph[][] = [];
  for (const g of sorted) {
    const last = groups[groups.length - 1];
    if (last && Math.abs(last[0].y - g.y) <= 0.3 * Math.min(last[0].size, g.size)) last.push(g);
    else groups.push([g]);
  }
  return groups.map((gs) => {
    gs.sort((a, b) => a.x - b.x);
    const size = median(gs.map((g) => g.size));
    const segs: Segment[] = [];
    let cur: Segment | undefined;
    // the middle of the last character placed: a full-width ）or 、 has its box run past the cell border
    let lastMid = -Infinity;
    const firstMid = (g: Glyph) => g.x + g.w / [...g.s].length / 2;
    for (const g of gs) {
      const blank = g.s.trim() === '';
      if (blank) {
        // pdf.js also inserts blanks of its own for gaps; next to CJK a space is noise
        if (cur && !CJK_CHAR.test(cur.text.slice(-1))) cur.text += ' ';
        continue;
      }
      const gap = cur ? g.x - cur.x1 : Infinity;
      // between two CJK characters (no word spaces there) a smaller gap already parts two cells
      const parts = cur && CJK_CHAR.test(cur.text.slice(-1)) && CJK_CHAR.test(g.s[0]) ? 0.45 : 0.6;
      if (!cur || gap > size * parts || (walls.length > 0 && walled(walls, g.y, g.size, lastMid, firstMid(g)))) {
        if (cur) cur.text = cur.text.trim();
        cur = { text: g.s, x0: g.x, x1: g.x + g.w };
        segs.push(cur);
      } else {
        if (/[A-Za-z0-9] $/.test(cur.text) && CJK_CHAR.test(g.s[0])) cur.text = cur.text.trimEnd();
        // a space drawn only by positioning: between Latin letters or digits, not next to CJK
        // (some producers leave small gaps between a CJK character and a digit or letter)
        if (gap > size * 0.15 && !cur.text.endsWith(' ') && !CJK_CHAR.test(cur.text.slice(-1)) && !CJK_CHAR.test(g.s[0])) cur.text += ' ';
        cur.text += g.s;
        cur.x1 = Math.max(cur.x1, g.x + g.w);
      }
      lastMid = g.x + g.w - g.w / [...g.s].length / 2;
    }
    if (cur) cur.text = cur.text.trim();
    return { page, y: gs[0].y, size, segs: segs.map((s) => ({ ...s, text: s.text.replace(/ {2,}/g, ' ') })) };
  });
}

/** Paragraphs and tables; a table may run over page breaks. */
function documentBlocks(ls: Line[], floor = -Infinity): Block[] {
  const blocks: Block[] = [];
  const margins = textMargins(ls);
  let ruled: { region: Region; lines: Line[]; index: number } | undefined;
  let i = 0;
  while (i < ls.length) {
    const region = ls[i].region;
    if (region) {
      let j = i + 1;
      while (j < ls.length && ls[j].region === region) j++;
      const tl = ls.slice(i, j);
      // a ruled table continued at the top of the next page: one table, the pages' borders stacked
      if (
        ruled &&
        ruled.index === blocks.length - 1 &&
        ruled.region.page === region.page - 1 &&
        i === firstOfPage(ls, i) &&
        sameTable(ruled.region, region) &&
        !anotherForm(ruled.region, ruled.lines, region, tl)
      ) {
        // a header row printed again at the top of the page is not a row of the table
        const rest = withoutRepeatedHeader(ruled.region, ruled.lines, region, tl);
        const joined = stack(ruled.region, ruled.lines, rest.region, rest.lines, floor);
        blocks[ruled.index] = { ...ruledTable(joined.lines, joined.region), page: blocks[ruled.index].page };
        ruled = { ...joined, index: ruled.index };
      } else {
        blocks.push({ ...ruledTable(tl, region), page: region.page });
        ruled = { region, lines: tl, index: blocks.length - 1 };
      }
      i = j;
      continue;
    }
    if (ls[i].segs.length < 2) {
      // the lines of one paragraph, wrapped at the right margin, are one text again (an amount cut
      // from its label by a line end, 实际支出数 / 18099.19万元, is not read from the next sentence)
      let text = ls[i].segs[0].text;
      let j = i + 1;
      while (j < ls.length && wrapsOn(ls[j - 1], ls[j], margins)) text = joinWrapped(text, ls[j++].segs[0].text);
      blocks.push({ kind: 'paragraph', text, page: ls[i].page });
      i = j;
      continue;
    }
    // a table: this line and what follows while lines have several cells, or a single cell right
    // below (wrapped text) or in an inner column (a row with one filled cell)
    let j = i + 1;
    const starts = ls[i].segs.map((s) => s.x0);
    let rowGap = Infinity;
    while (j < ls.length) {
      const prev = ls[j - 1];
      const l = ls[j];
      if (l.region) break;
      const gap = gapOf(prev, l);
      if (l.segs.length >= 2) {
        if (gap > 6 * l.size) break;
        // cells that start where no cell of this table started: another table (different columns)
        // after a wider gap than between this table's rows, or over a page break
        const fresh = l.segs.filter((s) => !starts.some((x) => Math.abs(x - s.x0) < 0.6 * l.size)).length;
        if (fresh >= 2 && j - i >= 3 && (prev.page !== l.page || gap > rowGap + 0.5 * l.size)) break;
        if (prev.page === l.page && gap > 1.6 * l.size) rowGap = Math.min(rowGap, gap);
        starts.push(...l.segs.map((s) => s.x0));
        j++;
        continue;
      }
      const tight = gap < 1.6 * l.size;
      // a row with one filled cell that is not the first column (paragraphs start at the left)
      const left = Math.min(...starts);
      const x = l.segs[0].x0;
      const inner = gap < 4 * l.size && x > left + l.size && starts.some((s) => Math.abs(s - x) < 0.6 * l.size);
      if (!tight && !inner) break;
      j++;
    }
    if (j === i + 1) {
      // one line of spaced-out parts and no row under it: a line of text (单位名称：…　填报日期：…), not a table
      blocks.push({ kind: 'paragraph', text: ls[i].segs.map((s) => s.text).join(' '), page: ls[i].page });
      i = j;
      continue;
    }
    blocks.push({ ...buildTable(withoutRepeatedHeadLines(ls.slice(i, j))), page: ls[i].page });
    i = j;
  }
  return blocks;
}

/** Left and right edges of the running text of each page (lines of one piece outside tables). */
function textMargins(ls: Line[]): Map<number, { left: number; right: number }> {
  const out = new Map<number, { left: number; right: number }>();
  for (const l of ls) {
    if (l.region || l.segs.length !== 1) continue;
    const m = out.get(l.page) ?? { left: Infinity, right: -Infinity };
    m.left = Math.min(m.left, l.segs[0].x0);
    m.right = Math.max(m.right, l.segs[0].x1);
    out.set(l.page, m);
  }
  return out;
}

/**
 * Does line b continue the paragraph of line a? a runs to the right margin, b starts at the left
 * margin (not indented as a new paragraph), one line below (or at the top of the next page), in the
 * same type size, and b does not open an item of its own (项目名称：, 一、, （二）, 1.).
 */
function wrapsOn(a: Line, b: Line, margins: Map<number, { left: number; right: number }>): boolean {
  if (b.region || a.region || b.segs.length !== 1 || a.segs.length !== 1) return false;
  if (Math.abs(a.size - b.size) > 0.1 * a.size) return false;
  const ma = margins.get(a.page);
  const mb = margins.get(b.page);
  if (!ma || !mb) return false;
  if (a.segs[0].x1 < ma.right - 1.5 * a.size) return false;
  if (Math.abs(b.segs[0].x0 - mb.left) > 0.5 * b.size) return false;
  if (b.page === a.page) {
    const gap = a.y - b.y;
    if (gap < 0.9 * a.size || gap > 2.2 * a.size) return false;
  } else if (b.page !== a.page + 1) return false;
  return !/^([\u4e00-\u9fa5]{2,10}\s*[:：]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d))/.test(b.segs[0].text);
}

/** A table without borders over a page break: the heading lines printed again at the top of the new page go. */
function withoutRepeatedHeadLines(tl: Line[]): Line[] {
  const text = (l: Line) => l.segs.map((s) => s.text).join('|');
  if (tl[0].segs.length < 2) return tl;
  const out: Line[] = [];
  for (let k = 0; k < tl.length; k++) {
    if (k > 0 && tl[k].page !== tl[k - 1].page) {
      let n = 0;
      while (n < 3 && k + n < tl.length && tl[k + n].page === tl[k].page && text(tl[k + n]) === text(tl[n])) n++;
      if (n > 0 && k + n < tl.length) {
        k += n - 1;
        continue;
      }
    }
    out.push(tl[k]);
  }
  return out;
}

function buildTable(tl: Line[]): Table {
  const size = median(tl.map((l) => l.size));
  const cols = borderlessColumns(tl, size);
  const colOf = (x: number) => {
    let k = 0;
    for (let c = 0; c < cols.length; c++) if (cols[c] <= x + 0.6 * size) k = c;
    return k;
  };
  const right = Math.max(...tl.flatMap((l) => l.segs.map((s) => s.x1)));
  type RowBuild = { texts: string[]; spans: number[]; lastY: number[]; lastPage: number[]; lastX0: number[]; lastX1: number[]; startX: number[] };
  const rows: RowBuild[] = [];
  for (const l of tl) {
    const placed = l.segs.map((s) => {
      const c = colOf(s.x0);
      let span = 1;
      while (c + span < cols.length && cols[c + span] < s.x1 - 0.5 * size) span++;
      return { s, c, span };
    });
    // a wrapped line of a row above (the last, or an earlier one whose cell is taller): each piece
    // sits one line below text in its column, and that text ran to the column's right edge in at
    // least one column (Word tables without cell padding still look like separate rows)
    const targets = placed.map(({ s, c }) => {
      for (let k = rows.length - 1; k >= Math.max(0, rows.length - 3); k--) {
        const r = rows[k];
        if (Number.isNaN(r.lastY[c])) continue;
        const dy = r.lastPage[c] === l.page ? r.lastY[c] - l.y : Infinity;
        // below the start of the text above, or centred under it (a centred heading)
        const under = Math.abs(s.x0 - r.startX[c]) < 0.6 * size || Math.abs((s.x0 + s.x1) / 2 - (r.lastX0[c] + r.lastX1[c]) / 2) < 0.6 * size;
        return dy > 0.8 * size && dy < 1.6 * size && under ? r : undefined;
      }
      return undefined;
    });
    const wrapped =
      targets.every((t) => t !== undefined) &&
      placed.some(({ s, c }, k) => {
        const t = targets[k]!;
        const edge = c + t.spans[c] < cols.length ? cols[c + t.spans[c]] : right;
        // the start of the new line would not have fitted after the text above it (in the column's width when centred)
        const start = Math.min(s.x1 - s.x0, 4 * size);
        return t.lastX1[c] + start >= edge - 1.2 * size || t.lastX1[c] - t.lastX0[c] + start >= edge - cols[c] - 1.2 * size;
      });
    if (wrapped) {
      placed.forEach(({ s, c }, k) => {
        const t = targets[k]!;
        t.texts[c] = joinWrapped(t.texts[c], s.text);
        t.lastY[c] = l.y;
        t.lastPage[c] = l.page;
        t.lastX0[c] = s.x0;
        t.lastX1[c] = s.x1;
      });
      continue;
    }
    const row: RowBuild = {
      texts: new Array(cols.length).fill(''),
      spans: new Array(cols.length).fill(1),
      lastY: new Array(cols.length).fill(NaN),
      lastPage: new Array(cols.length).fill(0),
      lastX0: new Array(cols.length).fill(Infinity),
      lastX1: new Array(cols.length).fill(-Infinity),
      startX: new Array(cols.length).fill(NaN),
    };
    for (const { s, c, span } of placed) {
      row.texts[c] = row.texts[c] ? `${row.texts[c]} ${s.text}` : s.text;
      row.spans[c] = Math.max(row.spans[c], span);
      row.lastY[c] = l.y;
      row.lastPage[c] = l.page;
      row.lastX0[c] = Math.min(row.lastX0[c], s.x0);
      row.lastX1[c] = Math.max(row.lastX1[c], s.x1);
      if (Number.isNaN(row.startX[c])) row.startX[c] = s.x0;
    }
    rows.push(row);
  }
  return {
    kind: 'table',
    rows: rows.map((r) => {
      const cells: Cell[] = [];
      for (let c = 0; c < cols.length; ) {
        const span = r.spans[c];
        const cell: Cell = { text: r.texts[c] };
        // a span only counts over columns that are empty in this row
        let s = 1;
        while (s < span && c + s < cols.length && r.texts[c + s] === '') s++;
        if (s > 1) cell.colSpan = s;
        cells.push(cell);
        c += s;
      }
      return cells;
    }),
  };
}

/**
 * Columns of a table without borders: the bands of the page's width that the cells of its rows cover,
 * separated by vertical strips of white. Centred headings and left-aligned values of one column
 * overlap, so they fall in one band (left edges alone would part them).
 */
function borderlessColumns(tl: Line[], size: number): number[] {
  const rows = tl.filter((l) => l.segs.length >= 2);
  const segs = (rows.length ? rows : tl).flatMap((l) => l.segs);
  // sweep the edges: a band starts where coverage rises from none, after a strip of white
  const edges = segs.flatMap((s) => [{ x: s.x0, d: 1 }, { x: s.x1, d: -1 }]).sort((a, b) => a.x - b.x || a.d - b.d);
  const cols: number[] = [];
  let depth = 0;
  let whiteFrom = -Infinity;
  for (const e of edges) {
    if (depth === 0 && e.d > 0 && (cols.length === 0 || e.x - whiteFrom > 0.4 * size)) cols.push(e.x);
    depth += e.d;
    if (depth === 0) whiteFrom = e.x;
  }
  return cols.length ? cols : [Math.min(...segs.map((s) => s.x0))];
}

function joinWrapped(a: string, b: string): string {
  if (!a) return b;
  return /[A-Za-z]$/.test(a) && /^[A-Za-z]/.test(b) ? `${a} ${b}` : a + b;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 10;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// ---------------------------------------------------------------- ruled tables
// Word, WPS and browsers draw cell borders as thin filled rectangles or stroked lines. Where a table
// has them, the borders give rows and columns exactly: text centred vertically in a merged cell
// (一级 over several rows) lands in the cell's first row with its rowSpan, wrapped text stays in its cell.

interface HRule {
  y: number;
  x0: number;
  x1: number;
}
interface VRule {
  x: number;
  y0: number;
  y1: number;
}
interface Region {
  page: number;
  h: HRule[];
  v: VRule[];
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** column borders (x, ascending) and row borders (y, descending) */
  xs: number[];
  ys: number[];
}

const TOL = 2;

async function pageRules(
  page: { getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }> },
  OPS: Record<string, number>,
  rot: (x: number, y: number) => [number, number] = (x, y) => [x, y],
): Promise<{ h: HRule[]; v: VRule[] }> {
  const h: HRule[] = [];
  const v: VRule[] = [];
  const ol = await page.getOperatorList();
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
  const strokes = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const at = (x: number, y: number): [number, number] => rot(ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]);
  const addBox = (ax: number, ay: number, bx: number, by: number) => {
    const w = Math.abs(bx - ax);
    const ht = Math.abs(by - ay);
    if (ht < 2.5 && w > 3) h.push({ y: (ay + by) / 2, x0: Math.min(ax, bx), x1: Math.max(ax, bx) });
    else if (w < 2.5 && ht > 3) v.push({ x: (ax + bx) / 2, y0: Math.min(ay, by), y1: Math.max(ay, by) });
  };
  for (let i = 0; i < ol.fnArray.length; i++) {
    const fn = ol.fnArray[i];
    const args = ol.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) {
      const [a, b, c, d, e, f] = args as number[];
      ctm = [a * ctm[0] + b * ctm[2], a * ctm[1] + b * ctm[3], c * ctm[0] + d * ctm[2], c * ctm[1] + d * ctm[3], e * ctm[0] + f * ctm[2] + ctm[4], e * ctm[1] + f * ctm[3] + ctm[5]];
    } else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data || paint === OPS.endPath) continue;
      const stroke = strokes.has(paint);
      // walk the path: stroked segments are rules; filled thin subpaths are rules
      let sx = 0;
      let sy = 0;
      let px = 0;
      let py = 0;
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      const flush = () => {
        if (!stroke && minX <= maxX) addBox(minX, minY, maxX, maxY);
        minX = minY = Infinity;
        maxX = maxY = -Infinity;
      };
      const point = (x: number, y: number) => {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      };
      for (let k = 0; k < data.length; ) {
        const op = data[k];
        if (op === 0) {
          flush();
          [px, py] = at(data[k + 1], data[k + 2]);
          sx = px;
          sy = py;
          point(px, py);
          k += 3;
        } else if (op === 1) {
          const [x, y] = at(data[k + 1], data[k + 2]);
          if (stroke) addBox(px, py, x, y);
          point(x, y);
          px = x;
          py = y;
          k += 3;
        } else if (op === 2) {
          const [x, y] = at(data[k + 5], data[k + 6]);
          point(x, y);
          px = x;
          py = y;
          k += 7;
        } else if (op === 3) {
          const [x, y] = at(data[k + 3], data[k + 4]);
          point(x, y);
          px = x;
          py = y;
          k += 5;
        } else if (op === 4) {
          if (stroke) addBox(px, py, sx, sy);
          px = sx;
          py = sy;
          k += 1;
        } else break;
      }
      flush();
    }
  }
  return { h, v };
}

/** Groups of touching rules with at least two rules each way: the ruled tables of a page. */
function ruledRegions(rules: { h: HRule[]; v: VRule[] }, page: number): Region[] {
  const all = [...rules.h.map((r) => ({ h: r })), ...rules.v.map((r) => ({ v: r }))] as { h?: HRule; v?: VRule }[];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const touch = (a: { h?: HRule; v?: VRule }, b: { h?: HRule; v?: VRule }) => {
    const hh = a.h ?? b.h;
    const vv = a.v ?? b.v;
    if (hh && vv && a.h !== b.h) return vv.x >= hh.x0 - TOL && vv.x <= hh.x1 + TOL && hh.y >= vv.y0 - TOL && hh.y <= vv.y1 + TOL;
    if (a.h && b.h) return Math.abs(a.h.y - b.h.y) < TOL && a.h.x0 <= b.h.x1 + TOL && b.h.x0 <= a.h.x1 + TOL;
    if (a.v && b.v) return Math.abs(a.v.x - b.v.x) < TOL && a.v.y0 <= b.v.y1 + TOL && b.v.y0 <= a.v.y1 + TOL;
    return false;
  };
  if (all.length > 4000) return []; // a drawing, not a table
  for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) if (touch(all[i], all[j])) parent[find(i)] = find(j);
  const groups = new Map<number, { h: HRule[]; v: VRule[] }>();
  all.forEach((r, i) => {
    const g = groups.get(find(i)) ?? { h: [], v: [] };
    if (r.h) g.h.push(r.h);
    if (r.v) g.v.push(r.v);
    groups.set(find(i), g);
  });
  const out: Region[] = [];
  for (const g of groups.values()) {
    const xs = cluster(g.v.map((r) => r.x)).sort((a, b) => a - b);
    const ys = cluster(g.h.map((r) => r.y)).sort((a, b) => b - a);
    if (xs.length < 2 || ys.length < 2) continue;
    closeOpenEnds(g, xs, ys);
    out.push({ page, h: g.h, v: g.v, xs, ys, x0: xs[0], x1: xs[xs.length - 1], y0: ys[ys.length - 1], y1: ys[0] });
  }
  return out;
}

/**
 * A table whose top or bottom border is not drawn (Chromium leaves out the top border of a header row
 * it repeats on a new page): where the outer column borders both run on past the last row border, the
 * ends of the column borders close the table.
 */
function closeOpenEnds(g: { h: HRule[]; v: VRule[] }, xs: number[], ys: number[]): void {
  const x0 = xs[0];
  const x1 = xs[xs.length - 1];
  const outer = (x: number) => g.v.filter((v) => Math.abs(v.x - x) <= TOL);
  const top = Math.min(...[x0, x1].map((x) => Math.max(...outer(x).map((v) => v.y1))));
  const bottom = Math.max(...[x0, x1].map((x) => Math.min(...outer(x).map((v) => v.y0))));
  if (top > ys[0] + 3 * TOL) {
    g.h.push({ y: top, x0, x1 });
    ys.unshift(top);
  }
  if (bottom < ys[ys.length - 1] - 3 * TOL) {
    g.h.push({ y: bottom, x0, x1 });
    ys.push(bottom);
  }
}

/**
 * A row split by a page break loses the border on its cut side: lines just above (or below) a region,
 * inside its columns, belong to it — closed off by a border of our own.
 */
function extendOverPageBreak(r: Region, ls: Line[], regions: Region[]): void {
  // table-like: inside the columns, and several cells or one cell not in the first column (paragraphs start left)
  // (a title centred over the table crosses its column borders; text in a cell does not)
  const inner = r.xs.slice(1, -1);
  const inside = (l: Line) =>
    !regions.some((o) => inRegion(o, l)) &&
    l.segs.every((s) => s.x0 >= r.x0 - TOL && s.x1 <= r.x1 + TOL && !inner.some((x) => x > s.x0 + TOL && x < s.x1 - TOL)) &&
    (l.segs.length >= 2 || (r.xs.length > 2 && l.segs[0].x0 > r.xs[1] - TOL));
  // only the very first lines of the page (above) or the very last (below), close to the region
  const above = ls.filter((l) => l.y + 0.3 * l.size > r.y1);
  const below = ls.filter((l) => l.y + 0.3 * l.size < r.y0);
  let top = r.y1;
  if (r.page > 1 && above.length <= 3 && above.every(inside) && above.every((l) => l === ls[ls.indexOf(l)] && ls.indexOf(l) < above.length)) {
    for (const l of [...above].sort((x, y) => x.y - y.y)) {
      if (l.y - top > 2.5 * l.size) break;
      top = l.y + 1.2 * l.size;
    }
  }
  let bottom = r.y0;
  if (below.length <= 3 && below.every(inside) && below.every((l) => ls.indexOf(l) >= ls.length - below.length)) {
    for (const l of [...below].sort((x, y) => y.y - x.y)) {
      if (bottom - l.y > 2.5 * l.size) break;
      bottom = l.y - 0.5 * l.size;
    }
  }
  if (top > r.y1) {
    r.h.push({ y: top, x0: r.x0, x1: r.x1 });
    r.v.push(...r.xs.map((x) => ({ x, y0: r.y1, y1: top })));
    r.ys.unshift(top);
    r.y1 = top;
  }
  if (bottom < r.y0) {
    r.h.push({ y: bottom, x0: r.x0, x1: r.x1 });
    r.v.push(...r.xs.map((x) => ({ x, y0: bottom, y1: r.y0 })));
    r.ys.push(bottom);
    r.y0 = bottom;
  }
}

function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of sorted) if (!out.length || x - out[out.length - 1] > TOL) out.push(x);
  return out;
}

function inRegion(r: Region, l: Line): boolean {
  const mid = l.y + 0.3 * l.size;
  return mid > r.y0 && mid < r.y1 && l.segs.some((s) => s.x1 > r.x0 && s.x0 < r.x1);
}

function firstOfPage(ls: Line[], i: number): number {
  let k = i;
  while (k > 0 && ls[k - 1].page === ls[i].page) k--;
  return k;
}

/** Same outer borders, and one page's column borders a subset of the other's (a header row may span columns). */
function sameTable(a: Region, b: Region): boolean {
  const within = (xs: number[], ys: number[]) => xs.every((x) => ys.some((y) => Math.abs(x - y) < 3));
  return Math.abs(a.x0 - b.x0) < 3 && Math.abs(a.x1 - b.x1) < 3 && (within(a.xs, b.xs) || within(b.xs, a.xs));
}

/**
 * Word and LibreOffice let a row break across pages: its first part closes page p, the rest opens
 * page p+1, each with borders. Taken as one row when the part on p+1 only continues cells that have
 * text above, leaves some of them empty, and holds no number (a new row has its 分值/得分).
 */
function rowSplitAtBreak(a: Region, al: Line[], b: Region, bl: Line[]): boolean {
  if (a.ys.length < 2 || b.ys.length < 2) return false;
  const band = (ls: Line[], top: number, bottom: number) => {
    const cols: string[] = new Array(a.xs.length).fill('');
    const lowest: { y: number; x1: number; size: number }[] = new Array(a.xs.length).fill(null).map(() => ({ y: Infinity, x1: 0, size: 10 }));
    for (const l of ls) {
      const cy = l.y + 0.3 * l.size;
      if (cy > top || cy < bottom) continue;
      for (const s of l.segs) {
        let c = 0;
        for (let k = 0; k < a.xs.length; k++) if (a.xs[k] <= s.x0 + TOL) c = k;
        cols[c] += s.text;
        if (l.y < lowest[c].y) lowest[c] = { y: l.y, x1: s.x1, size: l.size };
        else if (l.y === lowest[c].y) lowest[c].x1 = Math.max(lowest[c].x1, s.x1);
      }
    }
    return { cols, lowest };
  };
  const last = band(al, a.ys[a.ys.length - 2], a.y0);
  const first = band(bl, b.y1, b.ys[1]);
  const short = (t: string) => /^[-—\d.%％分]{1,8}$/.test(t);
  // each piece on p+1 continues a cell with text on p, and one of them a text cut at the right border
  const continues =
    first.cols.every((t, c) => t === '' || last.cols[c] !== '') &&
    first.cols.some((t, c) => t !== '' && last.lowest[c].x1 >= (a.xs[c + 1] ?? a.x1) - 2 * last.lowest[c].size);
  const partial = first.cols.some((t) => t !== '') && first.cols.some((t, c) => t === '' && last.cols[c] !== '');
  // one lone piece must look like a wrapped tail (性, 指标), not a name of its own
  const filled = first.cols.filter((t) => t !== '');
  const tail = filled.length >= 2 || (filled.length === 1 && [...filled[0]].length <= 4);
  return continues && partial && tail && !first.cols.some(short);
}

/**
 * Forms printed back to back (one 自评表 per project) have the same borders; the next one starts with
 * the same first label (项目名称) followed by other text. A repeated header row repeats all of it.
 */
function anotherForm(a: Region, al: Line[], b: Region, bl: Line[]): boolean {
  const firstBand = (r: Region, ls: Line[]) =>
    ls
      .filter((l) => l.y + 0.3 * l.size <= r.ys[0] && l.y + 0.3 * l.size >= r.ys[1])
      .map((l) => l.segs.map((s) => s.text))
      .flat();
  const x = firstBand(a, al);
  const y = firstBand(b, bl);
  return x.length > 0 && y.length > 0 && x[0] === y[0] && x.join('|') !== y.join('|');
}

/**
 * Columns (x ranges) where a merged cell goes on over the page break from region a to region b (the
 * next page): the cell at the top of b in that column is empty (however many rows it spans: a new
 * merged label has its text centred in it), and the cell at the foot of a has text and either spans
 * rows there already or is one of the leading label columns (一级/二级指标) left empty at the top of
 * b while the row's other cells have text. An empty value cell (其中 rows have no 分值) stays empty.
 */
function mergedThroughBreak(a: Region, al: Line[], b: Region, bl: Line[]): [number, number][] {
  if (a.ys.length < 2 || b.ys.length < 2) return [];
  const textIn = (ls: Line[], top: number, bottom: number, x0: number, x1: number) =>
    ls.some((l) => l.y + 0.3 * l.size < top && l.y + 0.3 * l.size > bottom && l.segs.some((s) => s.x0 >= x0 - TOL && s.x1 <= x1 + TOL));
  const ruleAt = (r: Region, y: number, x: number) => r.h.some((h) => Math.abs(h.y - y) <= TOL && h.x0 <= x && h.x1 >= x);
  const cols = a.xs.slice(0, -1).map((x0, c) => {
    const x1 = a.xs[c + 1];
    const mid = (x0 + x1) / 2;
    // the extent of the cell at the top of b and of the one at the foot of a in this column
    const floor = Math.max(b.y0, ...b.h.filter((r) => r.y < b.y1 - TOL && r.x0 <= mid && r.x1 >= mid).map((r) => r.y));
    const ceiling = Math.min(a.y1, ...a.h.filter((r) => r.y > a.y0 + TOL && r.x0 <= mid && r.x1 >= mid).map((r) => r.y));
    return {
      x0,
      x1,
      emptyOnB: !textIn(bl, b.y1, floor, x0, x1),
      textOnA: textIn(al, ceiling, a.y0, x0, x1),
      spansOnA: a.ys.length >= 3 && !ruleAt(a, a.ys[a.ys.length - 2], mid),
    };
  });
  const lead = cols.findIndex((c) => !c.emptyOnB);
  const out: [number, number][] = [];
  cols.forEach((c, k) => {
    // with a spanning cell on a, its text may lie rows above: look over the whole of a
    const spanning = c.spansOnA && textIn(al, a.y1, a.y0, c.x0, c.x1);
    if (c.emptyOnB && (spanning || (lead > 0 && k < lead && c.textOnA))) out.push([c.x0, c.x1]);
  });
  return out;
}

/** A horizontal rule with the given x ranges taken out. */
function cutOut(r: HRule, gaps: [number, number][]): HRule[] {
  let parts = [r];
  for (const [g0, g1] of gaps) {
    parts = parts.flatMap((p) => {
      if (g1 <= p.x0 + TOL || g0 >= p.x1 - TOL) return [p];
      const keep: HRule[] = [];
      if (g0 - p.x0 > TOL) keep.push({ ...p, x1: g0 + TOL / 2 });
      if (p.x1 - g1 > TOL) keep.push({ ...p, x0: g1 - TOL / 2 });
      return keep;
    });
  }
  return parts;
}

/** The text of each band between two row borders of a region, cells in reading order. */
function bandTexts(r: Region, ls: Line[], n: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < Math.min(n, r.ys.length - 1); k++) {
    const top = r.ys[k];
    const bottom = r.ys[k + 1];
    out.push(
      ls
        .filter((l) => l.y + 0.3 * l.size < top && l.y + 0.3 * l.size > bottom)
        .flatMap((l) => l.segs.map((s) => s.text))
        .join('|'),
    );
  }
  return out;
}

/**
 * Region b (the next page) without the header rows it repeats from region a: the first bands of b
 * that read exactly as consecutive bands near the top of a (one of them with several cells).
 */
function withoutRepeatedHeader(a: Region, al: Line[], b: Region, bl: Line[]): { region: Region; lines: Line[] } {
  const head = bandTexts(b, bl, 4);
  const top = bandTexts(a, al, 12);
  let k = 0;
  for (let j = 0; j < top.length && k === 0; j++) {
    let n = 0;
    while (n < head.length - 1 && j + n < top.length && head[n] !== '' && head[n] === top[j + n]) n++;
    if (n > 0 && head.slice(0, n).some((t) => t.includes('|'))) k = n;
  }
  if (k === 0 || b.ys.length - k < 2) return { region: b, lines: bl };
  const cut = b.ys[k];
  const region: Region = {
    ...b,
    h: b.h.filter((h) => h.y <= cut + TOL),
    v: b.v.filter((v) => v.y0 < cut - TOL).map((v) => ({ ...v, y1: Math.min(v.y1, cut) })),
    ys: b.ys.slice(k),
    y1: cut,
  };
  return { region, lines: bl.filter((l) => l.y + 0.3 * l.size < cut) };
}

/** Put region b (next page) right under region a, as one region with the lines of both. */
function stack(a: Region, al: Line[], b: Region, bl: Line[], floor: number): { region: Region; lines: Line[] } {
  const dy = a.y0 - b.y1;
  // only a page filled down to the bottom margin can have cut a row
  const size = al.length ? al[al.length - 1].size : 10;
  const split = a.y0 - floor < 1.5 * size && rowSplitAtBreak(a, al, b, bl);
  // a merged cell (一级指标 over several rows) cut by the page break goes on at the top of the next
  // page with no text of its own: there the borders of the break are dropped, the cell is one
  const through = split ? [] : mergedThroughBreak(a, al, b, bl);
  const open = (r: HRule, y: number) => (Math.abs(r.y - y) > TOL ? [r] : cutOut(r, through));
  const h = [
    ...a.h.filter((r) => !split || Math.abs(r.y - a.y0) > TOL).flatMap((r) => open(r, a.y0)),
    ...b.h
      .filter((r) => !split || Math.abs(r.y - b.y1) > TOL)
      .flatMap((r) => open(r, b.y1))
      .map((r) => ({ ...r, y: r.y + dy })),
  ];
  const v = [...a.v, ...b.v.map((r) => ({ ...r, y0: r.y0 + dy, y1: r.y1 + dy }))];
  const xs = cluster(v.map((r) => r.x)).sort((p, q) => p - q);
  const ys = cluster(h.map((r) => r.y)).sort((p, q) => q - p);
  const region: Region = { page: b.page, h, v, xs, ys, x0: xs[0], x1: xs[xs.length - 1], y0: ys[ys.length - 1], y1: ys[0] };
  return { region, lines: [...al, ...bl.map((l) => ({ ...l, y: l.y + dy }))] };
}

function ruledTable(tl: Line[], r: Region): Table {
  const nearest = (xs: number[], x: number) => {
    let best = 0;
    for (let k = 1; k < xs.length; k++) if (Math.abs(xs[k] - x) < Math.abs(xs[best] - x)) best = k;
    return best;
  };
  type Piece = { y: number; x: number; text: string };
  const cells = new Map<string, { row: number; col: number; rs: number; cs: number; pieces: Piece[] }>();
  for (const l of tl) {
    const cy = l.y + 0.3 * l.size;
    for (const s of l.segs) {
      // the borders around this piece of text that actually cross its height / width
      const lefts = r.v.filter((v) => v.x <= s.x0 + TOL && cy >= v.y0 - TOL && cy <= v.y1 + TOL).map((v) => v.x);
      const rights = r.v.filter((v) => v.x >= s.x1 - TOL && cy >= v.y0 - TOL && cy <= v.y1 + TOL).map((v) => v.x);
      const left = lefts.length ? Math.max(...lefts) : r.x0;
      const right = rights.length ? Math.min(...rights) : r.x1;
      const hx = (left + right) / 2;
      const tops = r.h.filter((h) => h.y >= cy && hx >= h.x0 - TOL && hx <= h.x1 + TOL).map((h) => h.y);
      const bottoms = r.h.filter((h) => h.y <= cy && hx >= h.x0 - TOL && hx <= h.x1 + TOL).map((h) => h.y);
      const top = tops.length ? Math.min(...tops) : r.y1;
      const bottom = bottoms.length ? Math.max(...bottoms) : r.y0;
      const col = Math.min(nearest(r.xs, left), r.xs.length - 2);
      const row = Math.min(nearest(r.ys, top), r.ys.length - 2);
      const cs = Math.max(1, nearest(r.xs, right) - col);
      const rs = Math.max(1, nearest(r.ys, bottom) - row);
      const key = `${row},${col}`;
      const cell = cells.get(key) ?? { row, col, rs, cs, pieces: [] };
      cell.rs = Math.max(cell.rs, rs);
      cell.cs = Math.max(cell.cs, cs);
      cell.pieces.push({ y: l.y, x: s.x0, text: s.text });
      cells.set(key, cell);
    }
  }
  const nRows = r.ys.length - 1;
  const nCols = r.xs.length - 1;
  const covered = new Set<string>();
  const byRow: Cell[][] = [];
  const origins: { r: number; cell: Cell; rs: number }[] = [];
  for (let row = 0; row < nRows; row++) {
    const out: Cell[] = [];
    for (let col = 0; col < nCols; col++) {
      if (covered.has(`${row},${col}`)) continue;
      const c = cells.get(`${row},${col}`);
      if (!c) {
        out.push({ text: '' });
        continue;
      }
      const rs = Math.min(c.rs, nRows - row);
      const cs = Math.min(c.cs, nCols - col);
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) if (dr || dc) covered.add(`${row + dr},${col + dc}`);
      const cell: Cell = { text: cellText(c.pieces) };
      if (cs > 1) cell.colSpan = cs;
      origins.push({ r: row, cell, rs });
      out.push(cell);
      col += cs - 1;
    }
    byRow.push(out);
  }
  // bands without text of their own (double borders, empty spacer rows) are dropped, spans shrunk over them
  const keep = byRow.map((cs) => cs.some((c) => c.text !== ''));
  for (const o of origins) {
    let n = 0;
    for (let k = o.r; k < o.r + o.rs; k++) if (keep[k]) n++;
    if (n > 1) o.cell.rowSpan = n;
  }
  return { kind: 'table', rows: byRow.filter((_, k) => keep[k]) };
}

function cellText(pieces: { y: number; x: number; text: string }[]): string {
  pieces.sort((a, b) => b.y - a.y || a.x - b.x);
  let out = '';
  let lastY = NaN;
  for (const p of pieces) {
    if (!out) out = p.text;
    else if (Math.abs(p.y - lastY) < 1) out += CJK_CHAR.test(out.slice(-1)) || CJK_CHAR.test(p.text[0]) ? p.text : ` ${p.text}`;
    else out = joinWrapped(out, p.text);
    lastY = p.y;
  }
  return out;
}
