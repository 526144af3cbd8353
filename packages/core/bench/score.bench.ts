// npm run bench: evaluations scored and checked per second on all cores.
// 100,000 synthetic evaluations × 25 indicators, generated reproducibly (seeded PRNG).
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { analyze } from '../src/analyze.ts';
import { syntheticEvaluation } from './synthetic.ts';

const TOTAL = Number(process.env.BENCH_EVALUATIONS ?? 100_000);

function work(from: number, to: number): { n: number; findings: number; genMs: number; ms: number } {
  const t0 = performance.now();
  const evs = [];
  for (let i = from; i < to; i++) evs.push(syntheticEvaluation(i));
  const t1 = performance.now();
  let findings = 0;
  for (const ev of evs) findings += analyze(ev).findings.length;
  return { n: to - from, findings, genMs: t1 - t0, ms: performance.now() - t1 };
}

if (isMainThread) {
  const cores = availableParallelism();
  const per = Math.ceil(TOTAL / cores);
  const t0 = performance.now();
  // CPU time of the whole process (all threads): on a shared machine the wall time mostly says
  // how busy the other processes are, the CPU time what the work costs
  const cpu0 = process.cpuUsage();
  const parts = await Promise.all(
    Array.from({ length: cores }, (_, k) =>
      new Promise<ReturnType<typeof work>>((resolve, reject) => {
        const w = new Worker(new URL('../../../scripts/ts-worker.mjs', import.meta.url), {
          workerData: { __entry: import.meta.url, from: k * per, to: Math.min(TOTAL, (k + 1) * per) },
        });
        w.once('message', resolve);
        w.once('error', reject);
      }),
    ),
  );
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  const n = parts.reduce((s, p) => s + p.n, 0);
  const findings = parts.reduce((s, p) => s + p.findings, 0);
  const scoreSec = Math.max(...parts.map((p) => p.ms)) / 1000;
  console.log(`score+check: ${n} evaluations × 25 indicators on ${cores} cores in ${wall.toFixed(2)} s wall (${scoreSec.toFixed(2)} s scoring/checking, the rest generating data and starting workers)`);
  console.log(`score+check: ${Math.round(n / scoreSec)} evaluations/s; ${findings} findings`);
  console.log(`score+check: ${cpuSec.toFixed(2)} s CPU in all threads (generating included), ${(cpuSec / cores).toFixed(2)} s per core`);
} else {
  parentPort!.postMessage(work(workerData.from, workerData.to));
}
