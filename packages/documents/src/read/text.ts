// Plain text (.txt) → Document. Reports reach us as text in three layouts:
//  - tab-separated rows: one table row per line, cells split by tabs;
//  - one cell per line: each cell is a line starting with a tab, a line without a leading tab
//    continues the cell, blank lines separate rows (Word tables saved as text);
//  - flattened PDF text with spaces inside Chinese words ("年初指 标值").
import type { Block, Cell, Document, Table } from '../document.ts';
import { decodeText } from './encoding.ts';

const CJK = '\\u2018-\\u201d\\u3001-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff01-\\uff60';
const SPACE_IN_CJK = new RegExp(`([${CJK}])[ \\u00a0]+(?=[${CJK}])`, 'g');

/** Remove spaces a PDF extraction put between Chinese characters; keep them around digits and Latin. */
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

export function readText(bytes: Uint8Array, path?: string): Document {
  const { text } = decodeText(bytes);
  return parseText(text, path);
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
    if (raw.includes('\t')) {
      const allLeading = /^\t+[^\t]*$/.test(raw);
      const r = allLeading ? readCellTable(lines, i) : readTsvTable(lines, i);
      if (r.table.rows.some((row) => row.some((c) => c.text !== ''))) blocks.push(r.table);
      i = r.next;
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

/** Consecutive tab-separated lines, blank lines in between allowed (page breaks). */
function readTsvTable(lines: string[], start: number): { table: Table; next: number } {
  const rows: Cell[][] = [];
  let i = start;
  let end = start;
  while (i < lines.length) {
    const raw = lines[i];
    if (isBlank(raw)) {
      i++;
      continue;
    }
    if (!raw.includes('\t')) break;
    rows.push(cleanLine(raw).split('\t').map((t) => cell(t, i + 1)));
    i++;
    end = i;
  }
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

  for (; i < lines.length; i++) {
    const raw = lines[i];
    if (isBlank(raw)) {
      blanks++;
      continue;
    }
    const line = cleanLine(raw);
    const parts = line.split('\t');
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
