// Spreadsheet-like movement between the cells of a table: Tab / Shift+Tab, Enter / Shift+Enter, arrows.
export interface Pos {
  row: number;
  col: number;
}

export interface KeyInfo {
  key: string;
  shiftKey?: boolean;
  /** caret at the start / end of the text being edited (arrows left/right move the caret otherwise) */
  caretAtStart?: boolean;
  caretAtEnd?: boolean;
}

/**
 * Where the focus goes. `isCell(row, col)` says whether a focusable cell exists there (rows can have
 * gaps, e.g. read-only columns). Returns null when the key is not a movement or nothing lies that way.
 */
export function nextCell(
  pos: Pos,
  k: KeyInfo,
  rows: number,
  cols: number,
  isCell: (row: number, col: number) => boolean = () => true,
): Pos | null {
  const inBounds = (p: Pos) => p.row >= 0 && p.row < rows && p.col >= 0 && p.col < cols;
  const step = (dr: number, dc: number, wrap: boolean): Pos | null => {
    let p = { ...pos };
    for (let guard = 0; guard < rows * cols + 1; guard++) {
      p = { row: p.row + dr, col: p.col + dc };
      if (wrap) {
        if (p.col >= cols) p = { row: p.row + 1, col: 0 };
        if (p.col < 0) p = { row: p.row - 1, col: cols - 1 };
      }
      if (!inBounds(p)) return null;
      if (isCell(p.row, p.col)) return p;
    }
    return null;
  };
  switch (k.key) {
    case 'Tab':
      return step(0, k.shiftKey ? -1 : 1, true);
    case 'Enter':
      return step(k.shiftKey ? -1 : 1, 0, false);
    case 'ArrowDown':
      return step(1, 0, false);
    case 'ArrowUp':
      return step(-1, 0, false);
    case 'ArrowRight':
      return k.caretAtEnd === false ? null : step(0, 1, false);
    case 'ArrowLeft':
      return k.caretAtStart === false ? null : step(0, -1, false);
    default:
      return null;
  }
}
