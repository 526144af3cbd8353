#!/usr/bin/env node
// Runs every *.test.ts under packages/*/src and test/ with node's test runner (TypeScript via tsx).
// Usage: npm test [-- <substring filter>…]
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) walk(p);
    else if (/\.test\.tsx?$/.test(name)) files.push(relative(root, p));
  }
}
for (const d of ['packages', 'test']) {
  try { walk(join(root, d)); } catch { /* folder may not exist */ }
}
const chosen = files.filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();
if (chosen.length === 0) {
  console.error('没有找到测试文件');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...chosen], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, JIXIAO_TEST: '1' },
});
process.exit(r.status ?? 1);
