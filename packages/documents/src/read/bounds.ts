// What every reader's Document goes through before anything builds a grid from it: spans are cut to
// the table's real extent, and a table, cell or paragraph over the limits refuses the file with a
// message naming the limit. A 1.8 KB page of <td colspan=1000 rowspan=65534> cells would otherwise
// expand into billions of grid positions.
import type { Cell, Document } from '../document.ts';
import { ImportError, MAX_COLSPAN, type ReadLimits } from './limits.ts';

/** Cut each cell's spans to what the table can hold, in place, and refuse what is over the limits. */
export function boundDocument(doc: Document, limits: ReadLimits): Document {
  let tableNo = 0;
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph') {
      if (b.text.length > limits.maxTextChars) throw tooLong('段落', limits);
      continue;
    }
    tableNo++;
    const rows = b.rows;
    for (let r = 0; r < rows.length; r++) {
      for (const cell of rows[r]) {
        if (cell.text.length > limits.maxTextChars) throw tooLong('单元格', limits);
        clampSpans(cell, rows.length - r);
      }
    }
    const cells = rows.length * gridWidth(rows);
    if (cells > limits.maxTableCells) {
      throw new ImportError(
        'too-many-cells',
        `表格过大：第 ${tableNo} 个表格合并单元格展开后有 ${cells.toLocaleString('en-US')} 个单元格，超过上限 ${limits.maxTableCells.toLocaleString('en-US')} 个，未读取`,
      );
    }
  }
  return doc;
}

function tooLong(what: string, limits: ReadLimits): ImportError {
  return new ImportError('too-long', `${what}内容过长（超过 ${limits.maxTextChars.toLocaleString('en-US')} 个字符），未读取`);
}

/** A rowspan ends at the table's last row (as in a browser); a colspan is at most MAX_COLSPAN. */
function clampSpans(cell: Cell, rowsLeft: number): void {
  if (cell.rowSpan !== undefined) {
    const rs = Math.min(Number.isFinite(cell.rowSpan) ? Math.floor(cell.rowSpan) : 1, rowsLeft);
    if (rs > 1) cell.rowSpan = rs;
    else delete cell.rowSpan;
  }
  if (cell.colSpan !== undefined) {
    const cs = Math.min(Number.isFinite(cell.colSpan) ? Math.floor(cell.colSpan) : 1, MAX_COLSPAN);
    if (cs > 1) cell.colSpan = cs;
    else delete cell.colSpan;
  }
}

/**
 * The width grid() would give the table, found without building it: cells spanning down from the
 * rows above are kept as column intervals, and each row's cells are placed around them as grid() does
 * (a cell starts at the first position not taken from above, the next one right after it).
 */
export function gridWidth(rows: Cell[][]): number {
  let above: { start: number; end: number; until: number }[] = [];
  let width = 0;
  for (let r = 0; r < rows.length; r++) {
    above = above.filter((a) => a.until > r).sort((a, b) => a.start - b.start);
    const added: { start: number; end: number; until: number }[] = [];
    let c = 0;
    let k = 0;
    for (const cell of rows[r]) {
      for (; k < above.length && above[k].start <= c; k++) if (above[k].end > c) c = above[k].end;
      const cs = Math.max(1, cell.colSpan ?? 1);
      const rs = Math.max(1, cell.rowSpan ?? 1);
      if (rs > 1) added.push({ start: c, end: c + cs, until: r + rs });
      c += cs;
      if (c > width) width = c;
    }
    for (const a of above) if (a.end > width) width = a.end;
    above.push(...added);
  }
  return width;
}
