#!/usr/bin/env node
// npm run bench [-- <substring>]: runs every *.bench.ts under packages/*/bench and bench/, one after another.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const files = [];
for (const pkg of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', pkg, 'bench');
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir)) if (f.endsWith('.bench.ts')) files.push(join('packages', pkg, 'bench', f));
}
if (existsSync(join(root, 'bench'))) for (const f of readdirSync(join(root, 'bench'))) if (f.endsWith('.bench.ts')) files.push(join('bench', f));
let failed = 0;
for (const f of files.sort()) {
  if (filters.length && !filters.some((x) => f.includes(x))) continue;
  console.log(`\n== ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', f], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
