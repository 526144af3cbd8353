// .docx → Document: paragraphs in order, tables with gridSpan/vMerge rebuilt as colSpan/rowSpan,
// text of nested tables and text boxes kept.
import type { Block, Cell, Document, Table } from '../document.ts';
import { ImportError, MESSAGES, resolveLimits, safeUnzip, utf8, type ReadLimits } from './limits.ts';
import { attr, kids, parseXml, rootElement, tagOf, textOf, child, XEl, XText, type XNode } from './xml.ts';
import { isMhtml, isZip } from './detect.ts';
import { readHtml, readMhtml } from './html.ts';

export function readDocx(bytes: Uint8Array, path?: string, limits: ReadLimits = resolveLimits(), depth = 0): Document {
  const xml = safeUnzip(bytes, limits, (n) => n === 'word/document.xml')['word/document.xml'];
  if (!xml) throw new ImportError('corrupt', MESSAGES.corrupt);
  const text = utf8(xml);
  // some systems export "Word" files whose body is an embedded web page or document (w:altChunk):
  // the relationships and the chunks are read when the walk meets the first w:altChunk
  let chunks: Record<string, Uint8Array> | undefined;
  const targets = new Map<string, string>();
  const loadChunks = (): Record<string, Uint8Array> => {
    // (unzipped only now: most files have no chunk, and inflating even a small part costs its tables)
    const relsXml = safeUnzip(bytes, limits, (n) => n === 'word/_rels/document.xml.rels')['word/_rels/document.xml.rels'];
    if (!relsXml) return {};
    const rels = rootElement(parseXml(utf8(relsXml)), 'Relationships');
    for (const r of rels ? kids(rels) : []) {
      const target = attr(r, 'Target') ?? '';
      targets.set(attr(r, 'Id') ?? '', target.startsWith('/') ? target.slice(1) : 'word/' + target);
    }
    const wanted = new Set(targets.values());
    return safeUnzip(bytes, limits, (n) => wanted.has(n));
  };
  const resolve = (id: string): Block[] => {
    chunks ??= loadChunks();
    const data = chunks[targets.get(id) ?? ''];
    if (!data || depth > 2) return [];
    if (isZip(data)) return readDocx(data, path, limits, depth + 1).blocks;
    return (isMhtml(data) ? readMhtml(data) : readHtml(data)).blocks;
  };
  return docxFromXml(text, path, resolve);
}

// formatting the reader never looks at; most of a document.xml by size
export const SKIP = new Set<string>(['w:rPr', 'w:pPr', 'w:sectPr', 'w:tblPr', 'w:tblGrid', 'w:tblPrEx', 'w:proofErr', 'w:bookmarkStart', 'w:bookmarkEnd', 'w:lastRenderedPageBreak']);

export function docxFromXml(xml: string, path?: string, altChunk: (id: string) => Block[] = () => []): Document {
  const doc = rootElement(parseXml(xml, SKIP), 'w:document');
  const body = doc && child(doc, 'w:body');
  if (!body) throw new ImportError('corrupt', MESSAGES.corrupt);
  const blocks: Block[] = [];
  chunkReader = altChunk;
  try {
    // the body's blocks one at a time, each let go once read: a garbage collection during the walk
    // then copies only the part of the parse tree still to read, not all of it
    const top = kids(body);
    const one: XNode[] = [RELEASED];
    for (let i = 0; i < top.length; i++) {
      one[0] = top[i];
      top[i] = RELEASED;
      walkBlocks(one, blocks);
    }
  } finally {
    chunkReader = () => [];
  }
  return { format: 'docx', path, blocks, warnings: [] };
}

const RELEASED = new XText('');

// the altChunk resolver of the docxFromXml call in progress (the walk is synchronous)
let chunkReader: (id: string) => Block[] = () => [];

/** Block-level content: paragraphs, tables, and containers that hold them (content controls, revisions). */
function walkBlocks(nodes: XNode[], out: Block[]): void {
  for (const n of nodes) {
    const t = tagOf(n);
    if (t === 'w:p') {
      const boxes: Block[] = [];
      const text = paragraphText(n, boxes);
      if (text.trim() !== '') out.push({ kind: 'paragraph', text });
      out.push(...boxes);
    } else if (t === 'w:tbl') {
      out.push(readTable(n));
    } else if (t === 'w:altChunk') {
      out.push(...chunkReader(attr(n, 'r:id') ?? ''));
    } else if (t === 'w:sdt') {
      const content = child(n, 'w:sdtContent');
      if (content) walkBlocks(kids(content), out);
    } else if (t === 'w:customXml' || t === 'w:ins' || t === 'w:moveTo' || t === 'w:smartTag') {
      walkBlocks(kids(n), out);
    } else if (t === 'mc:AlternateContent') {
      const choice = child(n, 'mc:Choice') ?? child(n, 'mc:Fallback');
      if (choice) walkBlocks(kids(choice), out);
    }
  }
}

/**
 * Text of a paragraph: w:t runs joined, w:tab → tab, w:br/w:cr → newline.
 * Text boxes met inside it are read as blocks of their own into `boxes`.
 */
function paragraphText(p: XNode, boxes: Block[]): string {
  const acc = { s: '', boxes };
  runText(kids(p), acc);
  return acc.s;
}

function runText(nodes: XNode[], acc: { s: string; boxes: Block[] }): void {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    // text between elements (indentation) carries nothing here
    if (!(n instanceof XEl)) continue;
    // runs and their text first: nearly every element of a paragraph is one
    switch (n.tag) {
      case 'w:r':
        runText(n.kids, acc);
        break;
      case 'w:t':
        for (let k = 0; k < n.kids.length; k++) acc.s += textOf(n.kids[k]);
        break;
      case 'w:tab':
      case 'w:ptab':
        acc.s += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        acc.s += '\n';
        break;
      case 'w:noBreakHyphen':
        acc.s += '-';
        break;
      case 'w:sym': {
        const ch = attr(n, 'w:char');
        // symbol fonts map to the private use area; keep only real characters
        if (ch && /^[0-9A-Fa-f]{4}$/.test(ch) && !/^F/i.test(ch)) acc.s += String.fromCharCode(parseInt(ch, 16));
        break;
      }
      case 'w:txbxContent':
        walkBlocks(kids(n), acc.boxes);
        break;
      case 'mc:AlternateContent': {
        // the same drawing is written twice (Choice for new Word, Fallback VML for old); read one
        const choice = child(n, 'mc:Choice') ?? child(n, 'mc:Fallback');
        if (choice) runText(kids(choice), acc);
        break;
      }
      case 'w:del':
      case 'w:moveFrom':
      case 'w:delText':
      case 'w:instrText':
      case 'w:rPr':
      case 'w:pPr':
      case 'w:fldData':
      case '#text':
        break;
      default:
        runText(kids(n), acc);
    }
  }
}

interface RawCell {
  cell: Cell;
  col: number;
  span: number;
  vMerge: 'restart' | 'continue' | undefined;
  /** a vMerge continuation taken into the cell above */
  dropped: boolean;
}

function readTable(tbl: XNode): Table {
  const raw: RawCell[][] = [];
  for (const tr of rowsOf(tbl)) {
    const trPr = child(tr, 'w:trPr');
    const before = numVal(trPr && child(trPr, 'w:gridBefore')) ?? 0;
    let col = 0;
    const row: RawCell[] = [];
    if (before > 0) {
      row.push({ cell: { text: '', colSpan: before }, col, span: before, vMerge: undefined, dropped: false });
      col += before;
    }
    for (const tc of cellsOf(tr)) {
      // the cell properties read in one pass (the first of each, as child() would find it)
      let gridSpan: XEl | undefined;
      let hm: XEl | undefined;
      let vm: XEl | undefined;
      const tcPr = child(tc, 'w:tcPr');
      if (tcPr)
        for (const k of tcPr.kids) {
          if (!(k instanceof XEl)) continue;
          if (k.tag === 'w:gridSpan') gridSpan ??= k;
          else if (k.tag === 'w:hMerge') hm ??= k;
          else if (k.tag === 'w:vMerge') vm ??= k;
        }
      const span = Math.max(1, numVal(gridSpan) ?? 1);
      const vMerge = vm ? (attr(vm, 'w:val') === 'restart' ? 'restart' : 'continue') : undefined;
      // legacy horizontal merge: continuation cells widen the cell before them
      if (hm && attr(hm, 'w:val') !== 'restart' && row.length > 0) {
        const prev = row[row.length - 1];
        prev.span += span;
        prev.cell.colSpan = prev.span;
        col += span;
        continue;
      }
      const cell: Cell = { text: cellText(tc) };
      if (span > 1) cell.colSpan = span;
      row.push({ cell, col, span, vMerge, dropped: false });
      col += span;
    }
    raw.push(row);
  }
  // vMerge: a restart cell spans down over the continue cells that start at the same grid column
  let anyDropped = false;
  for (let r = 0; r < raw.length; r++) {
    for (const rc of raw[r]) {
      if (rc.vMerge === undefined || rc.dropped) continue;
      let span = 1;
      for (let rr = r + 1; rr < raw.length; rr++) {
        const below = raw[rr].find((x) => x.col === rc.col);
        if (!below || below.vMerge !== 'continue') break;
        below.dropped = anyDropped = true;
        if (below.cell.text.trim() !== '' && rc.cell.text.trim() === '') rc.cell.text = below.cell.text;
        span++;
      }
      if (span > 1) rc.cell.rowSpan = span;
    }
  }
  const rows: Cell[][] = new Array(raw.length);
  for (let r = 0; r < raw.length; r++) {
    const cells: Cell[] = [];
    for (const rc of raw[r]) if (!anyDropped || !rc.dropped) cells.push(rc.cell);
    rows[r] = cells;
  }
  return { kind: 'table', rows };
}

function rowsOf(tbl: XNode): XNode[] {
  return collect(kids(tbl), 'w:tr', []);
}

function cellsOf(tr: XNode): XNode[] {
  return collect(kids(tr), 'w:tc', []);
}

/** Elements named `tag` among nodes, looking through content controls and revision marks. */
function collect(nodes: XNode[], tag: string, out: XNode[]): XNode[] {
  for (const n of nodes) {
    const t = tagOf(n);
    if (t === tag) out.push(n);
    else if (t === 'w:sdt') collect(kids(child(n, 'w:sdtContent')), tag, out);
    else if (t === 'w:customXml' || t === 'w:ins') collect(kids(n), tag, out);
  }
  return out;
}

/** A cell's paragraphs joined by newlines; a nested table becomes lines of tab-separated cells. */
function cellText(tc: XNode): string {
  // most cells hold paragraphs only: their texts joined without building blocks
  let first: string | undefined;
  let lines: string[] | undefined;
  for (const n of kids(tc)) {
    if (!(n instanceof XEl) || n.tag === 'w:tcPr') continue;
    if (n.tag !== 'w:p') return cellBlocksText(tc);
    const boxes: Block[] = [];
    const text = paragraphText(n, boxes);
    if (boxes.length) return cellBlocksText(tc);
    if (text.trim() === '') continue;
    if (first === undefined) first = text;
    else (lines ??= [first]).push(text);
  }
  return lines ? lines.join('\n').trim() : first === undefined ? '' : first.trim();
}

function cellBlocksText(tc: XNode): string {
  const blocks: Block[] = [];
  walkBlocks(kids(tc), blocks);
  const lines: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph') lines.push(b.text);
    else for (const row of b.rows) lines.push(row.map((c) => c.text.replace(/[\t\n]+/g, ' ')).join('\t'));
  }
  return lines.join('\n').trim();
}

function numVal(n: XNode | undefined): number | undefined {
  if (!n) return undefined;
  const v = Number(attr(n, 'w:val'));
  return Number.isFinite(v) ? v : undefined;
}
