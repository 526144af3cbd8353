// The neutral document every reader produces and recognition consumes.
// A reader knows nothing of indicators; recognition knows nothing of file formats.

export type DocumentFormat = 'text' | 'docx' | 'xlsx' | 'pdf' | 'html' | 'doc' | 'xls' | 'json';

export interface Cell {
  text: string;
  /** rows this cell spans downward (merged), default 1 */
  rowSpan?: number;
  /** columns this cell spans rightward (merged), default 1 */
  colSpan?: number;
  /** line of a text file where the cell starts, 1-based */
  line?: number;
}

export interface Table {
  kind: 'table';
  /** rows of cells as laid out (spans not expanded); use grid() to get a rectangle */
  rows: Cell[][];
  /** 1-based line (text) of the first row */
  line?: number;
  page?: number;
  /** sheet name of a workbook */
  sheet?: string;
}

export interface Paragraph {
  kind: 'paragraph';
  text: string;
  line?: number;
  page?: number;
}

export type Block = Paragraph | Table;

export interface Document {
  format: DocumentFormat;
  path?: string;
  blocks: Block[];
  /** problems the reader met (unreadable parts, truncated text …), in Chinese */
  warnings: { message: string; line?: number; page?: number }[];
}

/** A cell of an expanded grid: merged areas repeat the origin cell's text with `merged` set. */
export interface GridCell {
  text: string;
  /** true when this position is covered by a span from another cell */
  merged: boolean;
  /** row/column (0-based) of the cell that owns this position */
  originRow: number;
  originCol: number;
  line?: number;
}

/** Expand row/column spans into a rectangular grid. */
export function grid(table: Table): GridCell[][] {
  const out: GridCell[][] = [];
  table.rows.forEach((row, r) => {
    out[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (out[r][c]) c++;
      const rs = Math.max(1, cell.rowSpan ?? 1);
      const cs = Math.max(1, cell.colSpan ?? 1);
      for (let dr = 0; dr < rs; dr++) {
        const rr = r + dr;
        out[rr] ??= [];
        for (let dc = 0; dc < cs; dc++) {
          out[rr][c + dc] = {
            text: cell.text,
            merged: dr > 0 || dc > 0,
            originRow: r,
            originCol: c,
            line: cell.line,
          };
        }
      }
      c += cs;
    }
  });
  const width = Math.max(0, ...out.map((r) => r.length));
  for (let r = 0; r < out.length; r++) {
    out[r] ??= [];
    for (let c = 0; c < width; c++) {
      out[r][c] ??= { text: '', merged: false, originRow: r, originCol: c };
    }
  }
  return out;
}
