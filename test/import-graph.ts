// The import graph of the packages: every static `import … from`, `export … from`, bare `import '…'`
// and `import('…')` with a literal specifier, relative or `@jixiao/<package>[/<path>]`, resolved to
// a file. Used by import-graph.test.ts to refuse cycles and imports against the package layers.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export type Graph = Map<string, string[]>;

const SPECIFIER = /(?:\bimport\s+(?:type\s+)?[\w*{}\s,$]*?\s*from\s*|\bexport\s+(?:type\s+)?[\w*{}\s,$]*?\s*from\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\1/g;

/** The module specifiers a source file imports (comments removed first). */
export function specifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(SPECIFIER)].map((m) => m[2]);
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function resolveFile(base: string): string | null {
  for (const p of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  return null;
}

/** `packages/<name>/src` of each package under `packagesDir`. */
export function packageDirs(packagesDir: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const name of readdirSync(packagesDir)) {
    const src = join(packagesDir, name, 'src');
    if (existsSync(src)) m.set(name, src);
  }
  return m;
}

/**
 * The graph over every source file of the packages (keys and targets relative to `root`). A
 * specifier that names a file of ours that does not exist is an error: the graph would miss an edge.
 */
export function importGraph(root: string): { graph: Graph; unresolved: string[] } {
  const packages = packageDirs(join(root, 'packages'));
  const graph: Graph = new Map();
  const unresolved: string[] = [];
  for (const [, src] of packages) {
    for (const file of sourceFiles(src)) {
      const edges: string[] = [];
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        let target: string | null = null;
        if (spec.startsWith('.')) target = resolveFile(resolve(dirname(file), spec));
        else if (spec.startsWith('@jixiao/')) {
          const [, pkg, ...rest] = spec.split('/');
          const src2 = packages.get(pkg);
          target = src2 ? resolveFile(rest.length ? join(src2, ...rest) : join(src2, 'index')) : null;
        } else continue; // node: built-ins and npm packages
        if (!target) {
          // assets the bundler handles (e.g. './styles.css') are not modules of ours
          if (!/\.(css|svg|png|json)$/.test(spec)) unresolved.push(`${relative(root, file)}: ${spec}`);
          continue;
        }
        edges.push(relative(root, target));
      }
      graph.set(relative(root, file), [...new Set(edges)]);
    }
  }
  return { graph, unresolved };
}

/** Every cycle's strongly connected component (Tarjan), each with one cycle through it as a path. */
export function cycles(graph: Graph): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      const selfLoop = (graph.get(v) ?? []).includes(v);
      if (comp.length > 1 || selfLoop) found.push(cycleThrough(graph, new Set(comp), v));
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return found;
}

/** A path start → … → start inside one component (breadth-first, so the shortest). */
function cycleThrough(graph: Graph, comp: Set<string>, start: string): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!comp.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let x = v; x !== start; x = prev.get(x)!) path.splice(1, 0, x);
        return [...path, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
