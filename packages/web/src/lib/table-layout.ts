// The indicator table shaped like the paper form: one row per leaf indicator, the 一级/二级 (and deeper
// ancestor) cells merged over their leaves with rowSpan, exactly as the printed 评分表 merges them.
import type { Indicator } from '@jixiao/core';

type Node = Pick<Indicator, 'id' | 'parentId' | 'level' | 'name'>;

export interface LevelCell<T extends Node = Node> {
  /** the indicator printed in this cell */
  indicator: T;
  /** rows this cell covers (the leaves under it) */
  rowSpan: number;
  /** columns it covers: a leaf above the deepest level fills the remaining level columns */
  colSpan: number;
  /** 0-based level column */
  column: number;
}

export interface LayoutRow<T extends Node = Node> {
  leaf: T;
  /** cells that start on this row, left to right */
  cells: LevelCell<T>[];
}

export interface TableLayout<T extends Node = Node> {
  /** number of level columns (3 for 一级/二级/三级) */
  depth: number;
  rows: LayoutRow<T>[];
}

/** indicators in pre-order (Evaluation.indicators) → rows with merged ancestor cells. */
export function layoutIndicators<T extends Node>(indicators: readonly T[]): TableLayout<T> {
  const children = new Map<string | null, T[]>();
  const ids = new Set(indicators.map((i) => i.id));
  for (const i of indicators) {
    // an orphan (parent missing) is shown as a top-level row rather than dropped
    const p = i.parentId != null && ids.has(i.parentId) ? i.parentId : null;
    const list = children.get(p) ?? [];
    list.push(i);
    children.set(p, list);
  }
  const leafCount = new Map<string, number>();
  const countLeaves = (n: T): number => {
    const kids = children.get(n.id) ?? [];
    const c = kids.length === 0 ? 1 : kids.reduce((s, k) => s + countLeaves(k), 0);
    leafCount.set(n.id, c);
    return c;
  };
  const roots = children.get(null) ?? [];
  roots.forEach(countLeaves);

  const depthOf = (n: T, d: number): number => {
    const kids = children.get(n.id) ?? [];
    return kids.length === 0 ? d : Math.max(...kids.map((k) => depthOf(k, d + 1)));
  };
  const depth = Math.max(1, ...roots.map((r) => depthOf(r, 1)));

  const rows: LayoutRow<T>[] = [];
  const walk = (n: T, column: number, pending: LevelCell<T>[]) => {
    const kids = children.get(n.id) ?? [];
    const cell: LevelCell<T> = {
      indicator: n,
      rowSpan: leafCount.get(n.id) ?? 1,
      colSpan: kids.length === 0 ? depth - column : 1,
      column,
    };
    const here = [...pending, cell];
    if (kids.length === 0) {
      rows.push({ leaf: n, cells: here });
      return;
    }
    kids.forEach((k, idx) => walk(k, column + 1, idx === 0 ? here : []));
  };
  roots.forEach((r) => walk(r, 0, []));
  return { depth, rows };
}

/** Chinese names of the level columns: 一级指标, 二级指标, 三级指标, 四级指标 … */
export function levelHeaders(depth: number): string[] {
  const n = ['一', '二', '三', '四', '五', '六'];
  return Array.from({ length: depth }, (_, i) => `${n[i] ?? i + 1}级指标`);
}
