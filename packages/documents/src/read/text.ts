// Plain text (.txt) → Document. Reports reach us as text in three layouts:
//  - tab-separated rows: one table row per line, cells split by tabs;
//  - one cell per line: each cell is a line starting with a tab, a line without a leading tab
//    continues the cell, blank lines separate rows (Word tables saved as text);
//  - flattened PDF text with spaces inside Chinese words ("年初指 标值");
//  - text copied from web pages: markdown-like pipe rows ("| a | b |", "|---|" separators), or one
//    cell per line ending in " |" with lines of bare "|||" between rows.
// A page marker ("- 2 -", "第 2 页", "2、") inside a tab-separated table splits it into one Table per
// page; a row the page break cut in two (even inside a number: "10" / "0%") is joined again.
// Tables without any separator (cells on blank-line separated lines, a whole table on one line) stay
// paragraphs here; recognition rebuilds them from their header words (recognize/loose.ts).
import type { Block, Cell, Document, Table } from '../document.ts';
import { decodeText } from './encoding.ts';

const CJK = '\\u2018-\\u201d\\u3001-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff01-\\uff60';
// one space only: a run of two or more separates columns (pdftotext -layout) and is kept
const SPACE_IN_CJK = new RegExp(`([${CJK}])[ \\u00a0](?=[${CJK}])`, 'g');

/** Remove single spaces a PDF extraction put between Chinese characters; keep them around digits and Latin. */
export function joinCjkSpaces(s: string): string {
  return s.replace(SPACE_IN_CJK, '$1');
}

/** Trim ASCII and full-width spaces. */
function trimAll(s: string): string {
  return s.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

const isBlank = (line: string) => /^[ \u00a0\f\v]*$/.test(line);
// a report heading never continues a table cell (一、… （一）… 第四部分)
const HEADING = /^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])/;

/** A page number line: "- 2 -", "第 2 页", "第2页 共5页", "2、" alone; returns the number. */
export function pageMarker(line: string): number | null {
  const m = /^[\s\u3000]*(?:[-—–]\s?(\d{1,4})\s?[-—–]|第\s?(\d{1,4})\s?页(?:\s?[,，/／]?\s?共\s?\d{1,4}\s?页)?|(\d{1,3})、)[\s\u3000]*$/.exec(line);
  return m ? Number(m[1] ?? m[2] ?? m[3]) : null;
}

const PIPE_ROW = /^[ \u3000]*\|.*\|[ \u3000]*$/;
const PIPE_RULE = /^[ \u3000]*\|?[ \u3000:|-]*-[ \u3000:|-]*\|?[ \u3000]*$/;
// the rule under a markdown header row, with or without outer pipes: "---|:---:|---"
const GFM_RULE = /^[ \u3000]*\|?[ \u3000]*:?-{2,}:?[ \u3000]*(\|[ \u3000]*:?-{2,}:?[ \u3000]*)+\|?[ \u3000]*$/;
const BARE_PIPES = /^[ \u3000]*\|[ \u3000|]*$/;
const CELL_PIPE = /[ \u3000\t]\|[ \u3000]*$/;

export function readText(bytes: Uint8Array, path?: string): Document {
  const { text, warning } = decodeText(bytes);
  const doc = path && /\.csv$/i.test(path) ? parseCsv(text, path) : parseText(text, path);
  if (warning) doc.warnings.unshift({ message: warning });
  return doc;
}

/**
 * A spreadsheet saved as CSV: quoted fields may hold commas, quotes ("") and line breaks. Records with
 * two or more filled fields are table rows (consecutive ones one table), a record with one is a paragraph.
 */
export function parseCsv(text: string, path?: string): Document {
  const blocks: Block[] = [];
  let rows: Cell[][] | null = null;
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (; i < n; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else quoted = false;
        } else {
          if (c === '\n') line++;
          if (c !== '\r') field += c;
        }
        continue;
      }
      if (c === '"' && field.trim() === '') quoted = true;
      else if (c === ',') {
        fields.push(field);
        field = '';
      } else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        break;
      } else field += c;
    }
    fields.push(field);
    const cells = fields.map((f) => cell(joinCjkSpaces(f), start));
    const filled = cells.filter((c) => c.text !== '');
    if (filled.length >= 2) {
      if (!rows) {
        rows = [];
        blocks.push({ kind: 'table', rows, line: start });
      }
      rows.push(cells);
    } else if (filled.length === 1) {
      rows = null;
      blocks.push({ kind: 'paragraph', text: filled[0].text, line: start });
    }
  }
  return { format: 'text', path, blocks, warnings: [] };
}

/** Parse already-decoded text (exported for tests and other readers that produce text). */
export function parseText(text: string, path?: string): Document {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i];
    if (isBlank(raw)) {
      i++;
      continue;
    }
    const gfm = raw.includes('|') && !BARE_PIPES.test(raw) && i + 1 < lines.length && GFM_RULE.test(lines[i + 1]);
    if (gfm || (PIPE_ROW.test(raw) && raw.indexOf('|') !== raw.lastIndexOf('|') && !BARE_PIPES.test(raw))) {
      const r = readPipeTable(lines, i);
      if (r.table.rows.length) blocks.push(r.table);
      i = r.next;
      continue;
    }
    if (CELL_PIPE.test(raw) && i + 1 < lines.length && (CELL_PIPE.test(lines[i + 1]) || BARE_PIPES.test(lines[i + 1]))) {
      const r = readCellPipeTable(lines, i);
      if (r.table.rows.length) {
        blocks.push(r.table);
        i = r.next;
        continue;
      }
    }
    if (raw.includes('\t')) {
      const allLeading = /^\t+[^\t]*$/.test(raw);
      if (allLeading) {
        const r = readCellTable(lines, i);
        if (r.table.rows.some((row) => row.some((c) => c.text !== ''))) blocks.push(r.table);
        i = r.next;
      } else {
        const r = readTsvTable(lines, i);
        for (const t of r.tables) if (t.rows.some((row) => row.some((c) => c.text !== ''))) blocks.push(t);
        i = r.next;
      }
      continue;
    }
    const t = trimAll(cleanLine(raw));
    if (t) blocks.push({ kind: 'paragraph', text: t, line: i + 1 });
    i++;
  }
  return { format: 'text', path, blocks, warnings: [] };
}

function cleanLine(line: string): string {
  return joinCjkSpaces(line.replace(/\[bookmark: [^\]]*\]/g, ''));
}

function cell(text: string, line: number): Cell {
  return { text: trimAll(text), line };
}

/**
 * Consecutive tab-separated lines, blank lines in between allowed (page breaks). A page marker line
 * starts a new Table (with its page); a row cut by the marker is joined when its two pieces add up
 * to the table's width.
 */
function readTsvTable(lines: string[], start: number): { tables: Table[]; next: number } {
  const tables: Table[] = [];
  let rows: Cell[][] = [];
  let table: Table = { kind: 'table', rows, line: start + 1 };
  let width = 0;
  let i = start;
  let end = start;
  let cut = false;
  while (i < lines.length) {
    const raw = lines[i];
    if (isBlank(raw)) {
      i++;
      continue;
    }
    if (!raw.includes('\t')) {
      const page = pageMarker(raw);
      if (page == null || !nextHasTab(lines, i + 1)) break;
      tables.push(table);
      rows = [];
      table = { kind: 'table', rows, line: i + 2, page: page + 1 };
      if (tables.length === 1) tables[0].page = page;
      cut = true;
      i++;
      continue;
    }
    const cells = cleanLine(raw).split('\t').map((t) => cell(t, i + 1));
    const prevTable = tables[tables.length - 1];
    const prev = cut ? prevTable?.rows[prevTable.rows.length - 1] : undefined;
    cut = false;
    if (prev && rows.length === 0 && prev.length < width) {
      const n = lastFilled(prev);
      if (n + cells.length - 1 === width) {
        // the marker landed inside a cell: "10" + "0%"
        prev[n - 1] = { ...prev[n - 1], text: prev[n - 1].text + cells[0].text };
        prev.splice(n, prev.length - n, ...cells.slice(1));
        i++;
        end = i;
        continue;
      }
      if (n + cells.length === width) {
        prev.splice(n, prev.length - n, ...cells);
        i++;
        end = i;
        continue;
      }
    }
    rows.push(cells);
    width = Math.max(width, cells.length);
    i++;
    end = i;
  }
  tables.push(table);
  return { tables: tables.filter((t) => t.rows.length), next: end };
}

function lastFilled(row: Cell[]): number {
  let n = row.length;
  while (n > 1 && row[n - 1].text === '') n--;
  return n;
}

function nextHasTab(lines: string[], from: number): boolean {
  for (let k = from; k < lines.length && k < from + 4; k++) {
    if (isBlank(lines[k])) continue;
    return lines[k].includes('\t');
  }
  return false;
}

/** "| a | b |" rows; "|---|:--|" rules skipped; blank lines inside the table allowed. */
function readPipeTable(lines: string[], start: number): { table: Table; next: number } {
  const rows: Cell[][] = [];
  let i = start;
  let end = start;
  while (i < lines.length) {
    const raw = lines[i];
    if (isBlank(raw)) {
      i++;
      continue;
    }
    if (!PIPE_ROW.test(raw) && !raw.includes('|')) break;
    if (!PIPE_RULE.test(raw)) {
      const inner = raw.replace(/^[ \u3000]*\|/, '').replace(/\|[ \u3000]*$/, '');
      rows.push(cleanLine(inner).split('|').map((t) => cell(t, i + 1)));
    }
    i++;
    end = i;
  }
  return { table: { kind: 'table', rows, line: start + 1 }, next: end };
}

/**
 * One cell per line ending in " |" (text copied from a web page): a line of bare pipes ("|||") or a
 * blank line ends a row; lines without the closing pipe continue the cell.
 */
function readCellPipeTable(lines: string[], start: number): { table: Table; next: number } {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let open: { parts: string[]; line: number } | null = null;
  let i = start;
  let end = start;
  const endRow = () => {
    if (row.length) rows.push(row);
    row = [];
  };
  for (; i < lines.length; i++) {
    const raw = lines[i];
    if (isBlank(raw)) {
      if (!open) endRow();
      continue;
    }
    if (BARE_PIPES.test(raw)) {
      if (raw.replace(/[^|]/g, '').length === 1 && !open) row.push(cell('', i + 1));
      else endRow();
      end = i + 1;
      continue;
    }
    if (CELL_PIPE.test(raw)) {
      const text = raw.replace(/[ \u3000\t]\|[ \u3000]*$/, '');
      const parts: string[] = open ? [...open.parts, text] : [text];
      row.push({ text: parts.map((p) => trimAll(cleanLine(p))).filter((p) => p).join('\n'), line: open?.line ?? i + 1 });
      open = null;
      end = i + 1;
      continue;
    }
    // a wrapped cell goes on until a line that closes it, at most a few lines away
    let k = i + 1;
    while (k < lines.length && k < i + 4 && !CELL_PIPE.test(lines[k]) && !BARE_PIPES.test(lines[k])) k++;
    if (k >= lines.length || !CELL_PIPE.test(lines[k])) break;
    open = open ? { parts: [...open.parts, raw], line: open.line } : { parts: [raw], line: i + 1 };
  }
  endRow();
  return { table: { kind: 'table', rows, line: start + 1 }, next: end };
}

interface OpenCell {
  parts: string[];
  line: number;
}

/** One cell per line: a tab starts a cell, a blank line ends a row. */
function readCellTable(lines: string[], start: number): { table: Table; next: number } {
  const rows: OpenCell[][] = [];
  let row: OpenCell[] = [];
  let blanks = 0;
  let maxWidth = 0;
  let i = start;
  let end = start;

  // kept up to date as text arrives, so long cells stay linear
  let rowHasText = false;
  let cellHasText = false;
  const finishRow = () => {
    if (row.length) {
      rows.push(row);
      maxWidth = Math.max(maxWidth, row.length);
    }
    row = [];
    rowHasText = false;
    cellHasText = false;
  };
  const current = () => row[row.length - 1];

  // a page marker inside the table: the blank lines around it do not count, and text right after
  // it continues the cell it interrupted ("10" / "0%")
  let afterMarker = -1;
  for (; i < lines.length; i++) {
    const raw = lines[i];
    if (isBlank(raw)) {
      if (afterMarker < 0) blanks++;
      continue;
    }
    if (!raw.includes('\t') && row.length && pageMarker(raw) != null) {
      afterMarker = blanks;
      continue;
    }
    const line = cleanLine(raw);
    const parts = line.split('\t');
    if (afterMarker >= 0) {
      blanks = afterMarker;
      afterMarker = -1;
      if (parts[0] !== '' && row.length) {
        const cur = current().parts;
        cur[cur.length - 1] = trimAll(cur[cur.length - 1]) + trimAll(parts[0]);
        parts[0] = '';
        if (parts.length === 1) {
          blanks = 0;
          end = i + 1;
          continue;
        }
        blanks = 0;
      }
    }
    if (parts[0] === '') {
      // a line starting with a tab: new cells (after a blank line, in a new row)
      if (blanks > 0) finishRow();
    } else {
      // a line continuing the current cell
      if (!row.length) break;
      if (blanks > 0) {
        const incomplete = row.length < maxWidth || !cellHasText;
        if (!rowHasText || !incomplete || HEADING.test(trimAll(parts[0]))) break;
      }
      current().parts.push(parts[0]);
      if (trimAll(parts[0]) !== '') rowHasText = cellHasText = true;
    }
    for (let k = 1; k < parts.length; k++) {
      row.push({ parts: [parts[k]], line: i + 1 });
      cellHasText = trimAll(parts[k]) !== '';
      if (cellHasText) rowHasText = true;
    }
    blanks = 0;
    end = i + 1;
  }
  finishRow();
  const merged = splitRunTogetherRows(repairSplitRows(rows));
  const out: Cell[][] = merged.map((r) =>
    r.map((c) => ({
      text: c.parts
        .map(trimAll)
        .filter((p) => p !== '')
        .join('\n'),
      line: c.line,
    })),
  );
  return { table: { kind: 'table', rows: out, line: start + 1 }, next: end };
}

/**
 * A missing blank line runs several rows together (a header row and the first data row).
 * When a row is longer than the rows that follow it, all of one width, cut that width off its end.
 */
function splitRunTogetherRows<T>(rows: T[][]): T[][] {
  const out: T[][] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const next = rows.slice(r + 1, r + 4);
    const w = next[0]?.length ?? 0;
    if (next.length === 3 && w > 1 && next.every((n) => n.length === w) && row.length > w + 1) {
      const pieces: T[][] = [];
      let end = row.length;
      while (end - w > 0) {
        pieces.unshift(row.slice(end - w, end));
        end -= w;
      }
      pieces.unshift(row.slice(0, end));
      out.push(...pieces.filter((p) => p.length));
    } else out.push(row);
  }
  return out;
}

/**
 * A stray blank line inside a row splits it in two (or more) pieces. When pieces that follow a
 * short row add up exactly to the width of the widest row so far, they were one row.
 */
function repairSplitRows<T>(rows: T[][]): T[][] {
  const out: T[][] = [];
  let width = 0;
  for (let r = 0; r < rows.length; r++) {
    let row = rows[r];
    if (width > 0 && row.length < width) {
      let total = row.length;
      let j = r + 1;
      while (j < rows.length && total < width && rows[j].length < width) total += rows[j++].length;
      if (total === width && j > r + 1) {
        row = rows.slice(r, j).flat();
        r = j - 1;
      }
    }
    width = Math.max(width, row.length);
    out.push(row);
  }
  return out;
}
