// .pdf (with a text layer) → Document. Lines are rebuilt from glyph positions; lines of several
// cells (big horizontal gaps) form tables whose columns come from the cells' left edges.
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
  return s.replace(/[\u2E80-\u2FDF]/g, (c) => SUPPLEMENT[c] ?? c.normalize('NFKC'));
}

// CJK Radicals Supplement characters that stand for whole (mostly simplified) characters; NFKC leaves them alone
const SUPPLEMENT: Record<string, string> = {
  '\u2E81': '厂', '\u2E87': '几', '\u2E9D': '月', '\u2EA0': '民', '\u2EC4': '西', '\u2EC5': '见',
  '\u2EC6': '角', '\u2EC9': '贝', '\u2ECB': '车', '\u2ED1': '長', '\u2ED3': '长', '\u2ED4': '门',
  '\u2ED7': '雨', '\u2ED8': '青', '\u2ED9': '韦', '\u2EDA': '页', '\u2EDB': '风', '\u2EDC': '飞',
  '\u2EDD': '食', '\u2EE2': '马', '\u2EE3': '骨', '\u2EE4': '鬼', '\u2EE5': '鱼', '\u2EE6': '鸟',
  '\u2EE7': '卤', '\u2EE8': '麦', '\u2EE9': '黄', '\u2EEA': '黾', '\u2EEC': '齐', '\u2EEE': '齿',
  '\u2EF0': '龙',
};

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
  page: number;
  y: number;
  size: number;
  segs: Segment[];
}

export async function readPdf(bytes: Uint8Array, path?: string): Promise<Document> {
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
  try {
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const glyphs: Glyph[] = [];
      for (const it of content.items) {
        if (!('str' in it) || it.str === '') continue;
        const t = it.transform as number[];
        const size = Math.abs(t[3]) || Math.hypot(t[2], t[3]) || it.height || 10;
        glyphs.push({ s: normalizeRadicals(it.str), x: t[4], y: t[5], w: it.width, size });
        chars += it.str.trim().length;
      }
      const ls = lines(glyphs, p).filter((l) => l.segs.length > 0);
      // page numbers at the foot or head of a page would cut a table running over the page break
      while (ls.length && isPageNumber(ls[ls.length - 1])) ls.pop();
      while (ls.length && isPageNumber(ls[0])) ls.shift();
      all.push(...ls);
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
  if (chars === 0) throw new ImportError('scanned-pdf', MESSAGES.scanned);
  doc.blocks.push(...documentBlocks(all));
  return doc;
}

function isPageNumber(l: Line): boolean {
  return l.segs.length === 1 && /^([-—–\s]*\d{1,4}[-—–\s]*|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/.test(l.segs[0].text);
}

/** Vertical distance between two lines; across a page break, that of an ordinary table row. */
function gapOf(prev: Line, l: Line): number {
  return prev.page === l.page ? prev.y - l.y : 2 * l.size;
}

function lines(glyphs: Glyph[], page: number): Line[] {
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
    for (const g of gs) {
      const blank = g.s.trim() === '';
      if (blank) {
        if (cur) cur.text += ' ';
        continue;
      }
      const gap = cur ? g.x - cur.x1 : Infinity;
      if (!cur || gap > size * 0.6) {
        if (cur) cur.text = cur.text.trim();
        cur = { text: g.s, x0: g.x, x1: g.x + g.w };
        segs.push(cur);
      } else {
        if (gap > size * 0.15 && !cur.text.endsWith(' ')) cur.text += ' ';
        cur.text += g.s;
        cur.x1 = Math.max(cur.x1, g.x + g.w);
      }
    }
    if (cur) cur.text = cur.text.trim();
    return { page, y: gs[0].y, size, segs: segs.map((s) => ({ ...s, text: s.text.replace(/ {2,}/g, ' ') })) };
  });
}

/** Paragraphs and tables; a table may run over page breaks. */
function documentBlocks(ls: Line[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < ls.length) {
    if (ls[i].segs.length < 2) {
      blocks.push({ kind: 'paragraph', text: ls[i].segs[0].text, page: ls[i].page });
      i++;
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
    blocks.push({ ...buildTable(ls.slice(i, j)), page: ls[i].page });
    i = j;
  }
  return blocks;
}

function buildTable(tl: Line[]): Table {
  const size = median(tl.map((l) => l.size));
  // columns: clusters of cell left edges
  const starts = tl.flatMap((l) => l.segs.map((s) => s.x0)).sort((a, b) => a - b);
  const cols: number[] = [];
  let clusterMax = -Infinity;
  for (const x of starts) {
    if (x - clusterMax > 0.6 * size) cols.push(x);
    clusterMax = x;
  }
  const colOf = (x: number) => {
    let k = 0;
    for (let c = 0; c < cols.length; c++) if (cols[c] <= x + 0.6 * size) k = c;
    return k;
  };
  const right = Math.max(...tl.flatMap((l) => l.segs.map((s) => s.x1)));
  type RowBuild = { texts: string[]; spans: number[]; lastY: number[]; lastPage: number[]; lastX1: number[]; startX: number[] };
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
        return dy > 0.8 * size && dy < 1.6 * size && Math.abs(s.x0 - r.startX[c]) < 0.6 * size ? r : undefined;
      }
      return undefined;
    });
    const wrapped =
      targets.every((t) => t !== undefined) &&
      placed.some(({ s, c }, k) => {
        const t = targets[k]!;
        const edge = c + t.spans[c] < cols.length ? cols[c + t.spans[c]] : right;
        // the start of the new line would not have fitted after the text above it
        return t.lastX1[c] + Math.min(s.x1 - s.x0, 4 * size) >= edge - 1.2 * size;
      });
    if (wrapped) {
      placed.forEach(({ s, c }, k) => {
        const t = targets[k]!;
        t.texts[c] = joinWrapped(t.texts[c], s.text);
        t.lastY[c] = l.y;
        t.lastPage[c] = l.page;
        t.lastX1[c] = s.x1;
      });
      continue;
    }
    const row: RowBuild = {
      texts: new Array(cols.length).fill(''),
      spans: new Array(cols.length).fill(1),
      lastY: new Array(cols.length).fill(NaN),
      lastPage: new Array(cols.length).fill(0),
      lastX1: new Array(cols.length).fill(-Infinity),
      startX: new Array(cols.length).fill(NaN),
    };
    for (const { s, c, span } of placed) {
      row.texts[c] = row.texts[c] ? `${row.texts[c]} ${s.text}` : s.text;
      row.spans[c] = Math.max(row.spans[c], span);
      row.lastY[c] = l.y;
      row.lastPage[c] = l.page;
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

function joinWrapped(a: string, b: string): string {
  if (!a) return b;
  return /[A-Za-z]$/.test(a) && /^[A-Za-z]/.test(b) ? `${a} ${b}` : a + b;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 10;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
