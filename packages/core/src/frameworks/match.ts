// Which framework an evaluation follows, and which framework row an indicator path is.
import type { Evaluation } from '../model/evaluation.ts';
import type { Framework, FrameworkIndicator } from '../model/framework.ts';

/**
 * Normalise an indicator name for comparison: full-width → half-width, no spaces or quotes,
 * no printed code (A11, B5, 1.、（一）), no "(15分)"/"(参考)"/"(可选)", no trailing 指标.
 */
export function normalizeName(s: string): string {
  let t = s.normalize('NFKC').replace(/[\s\u3000]+/g, '').replace(/["'“”‘’「」『』]/g, '');
  t = t.replace(/\(((≤|<|不超过)?\d+(\.\d+)?分?|参考|可选)\)/g, '');
  t = t.replace(/^(\(?[一二三四五六七八九十]+[)、.]|\(\d+\)|\d+[.、](?!\d))/, '');
  t = t.replace(/^[A-Z]\d*(?=[^\x00-\x7f])/, '');
  if (t.length > 2 && t.endsWith('指标')) t = t.slice(0, -2);
  return t.toLowerCase();
}

interface Node {
  ind: FrameworkIndicator;
  keys: Set<string>;
  children: Node[];
}
interface Tree {
  roots: Node[];
  all: Node[];
}

const trees = new WeakMap<Framework, Tree>();

function treeOf(fw: Framework): Tree {
  const cached = trees.get(fw);
  if (cached) return cached;
  const roots: Node[] = [];
  const all: Node[] = [];
  const stack: Node[] = [];
  for (const ind of fw.indicators) {
    const node: Node = {
      ind,
      keys: new Set([ind.path[ind.path.length - 1], ...(ind.aliases ?? [])].map(normalizeName)),
      children: [],
    };
    stack.length = ind.path.length - 1;
    (stack.length ? stack[stack.length - 1].children : roots).push(node);
    stack.push(node);
    all.push(node);
  }
  const t = { roots, all };
  trees.set(fw, t);
  return t;
}

/** Follow names down from `level`; a placeholder row stands for any name in its place. */
function walkFrom(level: Node[], names: string[]): Node | null {
  let node: Node | null = null;
  for (const name of names) {
    const k = normalizeName(name);
    node = level.find((n) => !n.ind.placeholder && n.keys.has(k)) ?? level.find((n) => n.ind.placeholder) ?? null;
    if (!node) return null;
    level = node.children;
  }
  return node;
}

/** The one non-placeholder row of that level and name, wherever its parents are. */
function byName(tree: Tree, path: string[]): Node | null {
  const k = normalizeName(path[path.length - 1]);
  const hits = tree.all.filter((n) => !n.ind.placeholder && n.ind.path.length === path.length && n.keys.has(k));
  return hits.length === 1 ? hits[0] : null;
}

/**
 * The row for a path: followed from the top; failing that (a row filed under the wrong 一级, as in
 * some S1 tables), from the deepest ancestor whose name is unique at its level.
 */
function find(tree: Tree, path: string[]): Node | null {
  const direct = walkFrom(tree.roots, path);
  if (direct) return direct;
  for (let k = path.length; k >= 1; k--) {
    const anchor = byName(tree, path.slice(0, k));
    if (anchor) return k === path.length ? anchor : walkFrom(anchor.children, path.slice(k));
  }
  return null;
}

/** The framework row for an indicator path (names from level 1 down), or undefined. */
export function frameworkMethodFor(framework: Framework, path: string[]): FrameworkIndicator | undefined {
  if (path.length === 0) return undefined;
  const t = treeOf(framework);
  return find(t, path)?.ind;
}

/** Below this an evaluation is taken to follow none of the frameworks. */
export const MATCH_THRESHOLD = 0.5;

/**
 * How well an evaluation's indicator tree fits a framework, 0–1: the F1 of
 * (share of the evaluation's rows found in the framework, share of the framework's named rows used).
 */
export function frameworkMatchScore(ev: Evaluation, framework: Framework): number {
  const t = treeOf(framework);
  const rows = ev.indicators.filter((i) => i.path.length > 0 && normalizeName(i.path[i.path.length - 1]) !== '');
  if (rows.length === 0) return 0;
  const used = new Set<Node>();
  let found = 0;
  for (const r of rows) {
    const n = find(t, r.path);
    if (!n) continue;
    found++;
    if (!n.ind.placeholder) used.add(n);
  }
  const named = t.all.filter((n) => !n.ind.placeholder).length;
  const p = found / rows.length;
  const r = named ? used.size / named : 0;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** The framework whose indicator names best fit the evaluation's, or null when none reaches MATCH_THRESHOLD. */
export function matchFrameworkAmong(
  ev: Evaluation,
  frameworks: readonly Framework[],
): { framework: Framework; score: number } | null {
  let best: { framework: Framework; score: number } | null = null;
  for (const f of frameworks) {
    const score = frameworkMatchScore(ev, f);
    if (!best || score > best.score) best = { framework: f, score };
  }
  return best && best.score >= MATCH_THRESHOLD ? { framework: best.framework, score: Math.round(best.score * 1000) / 1000 } : null;
}
