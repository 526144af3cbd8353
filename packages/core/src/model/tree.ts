// The indicator tree: Evaluation.indicators (pre-order, linked by parentId) ↔ a forest to edit, and
// ↔ table rows with the 一级/二级 cells merged over their leaves as the printed 评分表 merges them.
// The editor (add / delete / indent / outdent / reorder) and the renderers use this one module.
import type { Indicator } from './evaluation.ts';

type Node = Pick<Indicator, 'id' | 'parentId' | 'level' | 'name'>;

// ---------------------------------------------------------------- table rows

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

function childrenOf<T extends Node>(indicators: readonly T[]): Map<string | null, T[]> {
  const children = new Map<string | null, T[]>();
  const ids = new Set(indicators.map((i) => i.id));
  for (const i of indicators) {
    // an orphan (parent missing) is shown as a top-level row rather than dropped
    const p = i.parentId != null && ids.has(i.parentId) ? i.parentId : null;
    const list = children.get(p) ?? [];
    list.push(i);
    children.set(p, list);
  }
  return children;
}

/** indicators in pre-order (Evaluation.indicators) → rows with merged ancestor cells. */
export function layoutIndicators<T extends Node>(indicators: readonly T[]): TableLayout<T> {
  const children = childrenOf(indicators);
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
    const cell: LevelCell<T> = { indicator: n, rowSpan: leafCount.get(n.id) ?? 1, colSpan: kids.length === 0 ? depth - column : 1, column };
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

const LEVEL_NAMES = ['一', '二', '三', '四', '五', '六'];

/** Chinese names of the level columns: 一级指标, 二级指标, 三级指标, 四级指标 … */
export function levelHeaders(depth: number): string[] {
  return Array.from({ length: depth }, (_, i) => `${LEVEL_NAMES[i] ?? i + 1}级指标`);
}

/** “一级”, “二级” … for a 1-based level. */
export function levelName(level: number): string {
  return `${LEVEL_NAMES[level - 1] ?? level}级`;
}

// ---------------------------------------------------------------- editing the tree

interface TreeNode {
  ind: Indicator;
  children: TreeNode[];
}

function toForest(indicators: readonly Indicator[]): TreeNode[] {
  const children = childrenOf(indicators);
  const build = (i: Indicator): TreeNode => ({ ind: i, children: (children.get(i.id) ?? []).map(build) });
  return (children.get(null) ?? []).map(build);
}

/**
 * The forest back to a pre-order list with ids, parentIds, levels and paths recomputed from the
 * positions ("1", "1.2", "1.2.3"). Returns the list and old id → new id.
 */
function fromForest(forest: TreeNode[]): { indicators: Indicator[]; ids: Map<string, string> } {
  const out: Indicator[] = [];
  const ids = new Map<string, string>();
  const walk = (nodes: TreeNode[], parent: Indicator | null) => {
    nodes.forEach((n, k) => {
      const id = parent ? `${parent.id}.${k + 1}` : String(k + 1);
      const level = parent ? parent.level + 1 : 1;
      const path = parent ? [...parent.path, n.ind.name] : [n.ind.name];
      const ind: Indicator = { ...n.ind, id, parentId: parent?.id ?? null, level, path };
      ids.set(n.ind.id, id);
      out.push(ind);
      walk(n.children, ind);
    });
  };
  walk(forest, null);
  return { indicators: out, ids };
}

/** Where a node sits: its sibling list and index. */
function locate(forest: TreeNode[], id: string): { list: TreeNode[]; index: number; parent: TreeNode | null } | null {
  const search = (list: TreeNode[], parent: TreeNode | null): ReturnType<typeof locate> => {
    for (let k = 0; k < list.length; k++) {
      if (list[k].ind.id === id) return { list, index: k, parent };
      const r = search(list[k].children, list[k]);
      if (r) return r;
    }
    return null;
  };
  return search(forest, null);
}

export interface TreeEdit {
  indicators: Indicator[];
  /** id (after renumbering) of the row to focus next, null when the tree became empty */
  focus: string | null;
}

/** A blank indicator row; the level is set when it is placed. */
export function blankIndicator(name: string): Indicator {
  return { id: '', parentId: null, level: 1, path: [name], name, target: null, actual: null, weight: null, statedScore: null, deviation: null, basis: null, kind: 'normal' };
}

/**
 * Add a row. `at` null: a new 一级 at the end. `where`: 'after' = a sibling right after `at` (and
 * its subtree), 'child' = the last child of `at`.
 */
export function addIndicator(indicators: readonly Indicator[], at: string | null, where: 'after' | 'child', name = ''): TreeEdit {
  const forest = toForest(indicators);
  const node: TreeNode = { ind: { ...blankIndicator(name), id: '\u0000new' }, children: [] };
  const loc = at == null ? null : locate(forest, at);
  if (!loc) forest.push(node);
  else if (where === 'child') loc.list[loc.index].children.push(node);
  else loc.list.splice(loc.index + 1, 0, node);
  const r = fromForest(forest);
  return { indicators: r.indicators, focus: r.ids.get('\u0000new') ?? null };
}

/** Delete a row and everything under it. Focus goes to the next sibling, else the previous, else the parent. */
export function removeIndicator(indicators: readonly Indicator[], id: string): TreeEdit {
  const forest = toForest(indicators);
  const loc = locate(forest, id);
  if (!loc) return { indicators: [...indicators], focus: id };
  const [gone] = loc.list.splice(loc.index, 1);
  void gone;
  const next = loc.list[loc.index] ?? loc.list[loc.index - 1] ?? loc.parent;
  const r = fromForest(forest);
  return { indicators: r.indicators, focus: next ? r.ids.get(next.ind.id) ?? null : r.indicators[0]?.id ?? null };
}

/** Rename a row; its descendants' paths follow. Ids stay as they are (nothing moves). */
export function renameIndicator(indicators: readonly Indicator[], id: string, name: string): TreeEdit {
  const target = indicators.find((i) => i.id === id);
  if (!target) return { indicators: [...indicators], focus: id };
  const at = target.path.length - 1;
  const below = new Set<string>([id]);
  const out = indicators.map((i) => {
    if (i.id === id) return { ...i, name, path: [...i.path.slice(0, at), name] };
    if (i.parentId != null && below.has(i.parentId)) {
      below.add(i.id);
      const path = [...i.path];
      path[at] = name;
      return { ...i, path };
    }
    return i;
  });
  return { indicators: out, focus: id };
}

/** One level deeper: the row becomes the last child of the sibling above it (refused for the first sibling). */
export function indentIndicator(indicators: readonly Indicator[], id: string): TreeEdit | null {
  const forest = toForest(indicators);
  const loc = locate(forest, id);
  if (!loc || loc.index === 0) return null;
  const [node] = loc.list.splice(loc.index, 1);
  loc.list[loc.index - 1].children.push(node);
  const r = fromForest(forest);
  return { indicators: r.indicators, focus: r.ids.get(id) ?? null };
}

/**
 * One level up: the row becomes the sibling right after its parent; the siblings below it become its
 * children (as an outline editor does, so the order of the rows on the form does not change).
 */
export function outdentIndicator(indicators: readonly Indicator[], id: string): TreeEdit | null {
  const forest = toForest(indicators);
  const loc = locate(forest, id);
  if (!loc || !loc.parent) return null;
  const [node] = loc.list.splice(loc.index, 1);
  node.children.push(...loc.list.splice(loc.index));
  const up = locate(forest, loc.parent.ind.id)!;
  up.list.splice(up.index + 1, 0, node);
  const r = fromForest(forest);
  return { indicators: r.indicators, focus: r.ids.get(id) ?? null };
}

/** Swap a row (with its subtree) with the sibling above (-1) or below (+1); null at either end. */
export function moveIndicator(indicators: readonly Indicator[], id: string, by: -1 | 1): TreeEdit | null {
  const forest = toForest(indicators);
  const loc = locate(forest, id);
  if (!loc) return null;
  const to = loc.index + by;
  if (to < 0 || to >= loc.list.length) return null;
  [loc.list[loc.index], loc.list[to]] = [loc.list[to], loc.list[loc.index]];
  const r = fromForest(forest);
  return { indicators: r.indicators, focus: r.ids.get(id) ?? null };
}

/** Rows per level: how many 一级, 二级, 三级 … the tree has. */
export function countByLevel(indicators: readonly Pick<Indicator, 'level'>[]): number[] {
  const out: number[] = [];
  for (const i of indicators) out[i.level - 1] = (out[i.level - 1] ?? 0) + 1;
  return Array.from(out, (n) => n ?? 0);
}
