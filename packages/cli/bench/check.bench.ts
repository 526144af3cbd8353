// npm run bench -- cli: `jixiao check --json` over 800 report files (5,000 evaluations) — files per
// second and peak memory of the whole command (issue 17: ≥ 150 files/s on 2 cores, under 300 MB).
// The files are made in a temporary folder from the four seed reports committed in the project
// (200 copies of each: 1, 10, 1 and 13 evaluations), the output goes to a file there, and the
// command's peak RSS (every thread: the import pool's workers run inside it) and CPU time are read
// by a preloaded module on its exit. Wall time is shared with whatever else runs on the machine:
// the CPU time per file says what the work costs.
// Run: node --import tsx packages/cli/bench/check.bench.ts [copies of each seed, default 200]
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const COPIES = Number(process.argv[2] ?? 200);
const seeds = fileURLToPath(new URL('../../documents/test-fixtures/seeds/', import.meta.url));
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const preload = fileURLToPath(new URL('./peak-rss.mjs', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-cli-'));
try {
  const input = join(dir, 'reports');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(input);
  const texts = readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort().map((f) => [f, readFileSync(join(seeds, f))] as const);
  for (let k = 0; k < COPIES; k++) for (const [f, bytes] of texts) writeFileSync(join(input, `${String(k).padStart(4, '0')}_${f}`), bytes);
  const files = COPIES * texts.length;

  const jobs = Math.min(2, availableParallelism());
  const outFile = join(dir, 'check.json');
  const usageFile = join(dir, 'usage.json');
  const fd = openSync(outFile, 'w');
  const t0 = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', preload, main, 'check', input, '--json', '--jobs', String(jobs)], {
      stdio: ['ignore', fd, 'inherit'],
      env: { ...process.env, JIXIAO_BENCH_USAGE: usageFile },
    });
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const wall = (performance.now() - t0) / 1000;
  closeSync(fd);
  // exit code 1: some evaluations have error findings, as the seeds do
  if (code !== 0 && code !== 1) throw new Error(`jixiao check exited with ${code}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; cpuSec: number };

  // the output is one valid document with every file, in input order: count its entries and evaluations
  let entries = 0;
  let evaluations = 0;
  let depth2Evaluations = false;
  for await (const line of createInterface({ input: createReadStream(outFile, 'utf8'), crlfDelay: Infinity })) {
    if (line.startsWith('   "path": ')) entries++;
    else if (line === '   "evaluations": [') depth2Evaluations = true;
    else if (depth2Evaluations && line === '    {') evaluations++;
    else if (line === '   ],' || line === '   ]') depth2Evaluations = false;
  }
  if (entries !== files) throw new Error(`expected ${files} files in the output, found ${entries}`);

  const rate = files / wall;
  const mb = usage.maxRssKb / 1024;
  console.log(`cli check --json: ${files} files (${evaluations} evaluations) with ${jobs} workers in ${wall.toFixed(1)} s wall = ${rate.toFixed(0)} files/s; peak RSS ${mb.toFixed(0)} MB`);
  console.log(`cli check --json: ${usage.cpuSec.toFixed(1)} s CPU in all threads = ${((usage.cpuSec * 1000) / files).toFixed(1)} ms CPU per file (start-up included), ${(files / usage.cpuSec).toFixed(0)} files per CPU-second; ${(readFileSync(outFile).length / 1e6).toFixed(0)} MB of JSON`);
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(`target peak RSS < 300 MB: ${mb.toFixed(0)} MB — ${met(mb < 300)}; target ≥ 150 files/s on 2 cores: ${rate.toFixed(0)} files/s — ${met(rate >= 150)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
