// Issue 14 "Must show": no import cycle in any package, and the packages stay in their layers
// (cli → server → documents / web → core; core imports no other package).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { cycles, importGraph, specifiers, type Graph } from './import-graph.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

test('the specifier reader sees every kind of import and nothing in comments', () => {
  const src = [
    `import { a } from './a.ts';`,
    `import type { B } from "../b.ts";`,
    `import * as c from '@jixiao/core/c.ts';`,
    `import d, { e } from './d.ts';`,
    `export { f } from './f.ts';`,
    `export * from './g.ts';`,
    `export type { H } from './h.ts';`,
    `import './side-effect.ts';`,
    `const i = await import('./lazy.tsx');`,
    `const j = lazy(() => import('./pages/J.tsx').then((m) => m));`,
    `import {`,
    `  k,`,
    `  type K,`,
    `} from './k.ts';`,
    `// import { x } from './commented.ts';`,
    `/* export { y } from './blocked.ts'; */`,
    `const s = 'import from nowhere';`,
  ].join('\n');
  assert.deepEqual(specifiers(src), [
    './a.ts',
    '../b.ts',
    '@jixiao/core/c.ts',
    './d.ts',
    './f.ts',
    './g.ts',
    './h.ts',
    './side-effect.ts',
    './lazy.tsx',
    './pages/J.tsx',
    './k.ts',
  ]);
});

test('a cycle is found, with the modules it goes through; a graph without one passes', () => {
  const g: Graph = new Map([
    ['a', ['b']],
    ['b', ['c', 'd']],
    ['c', ['a']],
    ['d', []],
    ['e', ['e']],
  ]);
  assert.deepEqual(cycles(g), [['a', 'b', 'c', 'a'], ['e', 'e']]);
  assert.deepEqual(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', []]])), []);
});

const { graph, unresolved } = importGraph(root);

test('every import of our own modules resolves to a file', () => {
  assert.ok(graph.size > 100, `only ${graph.size} files found`);
  assert.deepEqual(unresolved, []);
});

test('no import cycle in any package', () => {
  const found = cycles(graph);
  assert.deepEqual(found.map((c) => c.join(' → ')), []);
});

test('the packages stay in their layers', () => {
  const allowed: Record<string, string[]> = {
    core: [],
    documents: ['core'],
    web: ['core'],
    server: ['core', 'documents'],
    cli: ['core', 'documents', 'server'],
  };
  const wrong: string[] = [];
  for (const [file, targets] of graph) {
    const from = file.split('/')[1];
    for (const t of targets) {
      const to = t.split('/')[1];
      if (to !== from && !(allowed[from] ?? []).includes(to)) wrong.push(`${file} → ${t}`);
    }
  }
  assert.deepEqual(wrong, []);
});
