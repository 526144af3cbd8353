// npm run bench: evaluations scored and checked per second on all cores.
// 100,000 synthetic evaluations × 25 indicators, generated reproducibly (seeded PRNG).
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { analyze } from '../src/analyze.ts';
import { syntheticEvaluation } from './synthetic.ts';

const TOTAL = Number(process.env.BENCH_EVALUATIONS ?? 100_000);

type Result = { n: number; findings: number; genMs: number; ms: number };

/** Generate this worker's evaluations, say so, and score/check them when the main thread says go:
 *  all workers score at the same time, so the process CPU time of that phase is theirs alone. */
async function work(from: number, to: number, ready: () => void, go: Promise<void>): Promise<Result> {
  const t0 = performance.now();
  const evs = [];
  for (let i = from; i < to; i++) evs.push(syntheticEvaluation(i));
  const genMs = performance.now() - t0;
  ready();
  await go;
  const t1 = performance.now();
  let findings = 0;
  for (const ev of evs) findings += analyze(ev).findings.length;
  return { n: to - from, findings, genMs, ms: performance.now() - t1 };
}

if (isMainThread) {
  const cores = availableParallelism();
  const per = Math.ceil(TOTAL / cores);
  const t0 = performance.now();
  // CPU time of the whole process (all threads): on a shared machine the wall time mostly says
  // how busy the other processes are, the CPU time what the work costs
  const cpu0 = process.cpuUsage();
  const workers: Worker[] = [];
  const readies: Promise<void>[] = [];
  const results: Promise<Result>[] = [];
  for (let k = 0; k < cores; k++) {
    const w = new Worker(new URL('../../../scripts/ts-worker.mjs', import.meta.url), {
      workerData: { __entry: import.meta.url, from: k * per, to: Math.min(TOTAL, (k + 1) * per) },
    });
    workers.push(w);
    let onReady!: () => void;
    readies.push(new Promise<void>((r) => (onReady = r)));
    results.push(
      new Promise<Result>((resolve, reject) => {
        w.on('message', (m: { ready?: true } | Result) => ('ready' in m ? onReady() : resolve(m as Result)));
        w.once('error', reject);
      }),
    );
  }
  await Promise.all(readies);
  const cpu1 = process.cpuUsage();
  const t1 = performance.now();
  for (const w of workers) w.postMessage('go');
  const parts = await Promise.all(results);
  const cpu2 = process.cpuUsage();
  const wall = (performance.now() - t0) / 1000;
  const scoreWall = (performance.now() - t1) / 1000;
  const sec = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1e6;
  const cpuSec = sec(cpu0, cpu2);
  const scoreCpu = sec(cpu1, cpu2);
  const n = parts.reduce((s, p) => s + p.n, 0);
  const findings = parts.reduce((s, p) => s + p.findings, 0);
  const scoreSec = Math.max(...parts.map((p) => p.ms)) / 1000;
  console.log(`score+check: ${n} evaluations × 25 indicators on ${cores} cores in ${wall.toFixed(2)} s wall (${scoreSec.toFixed(2)} s scoring/checking, the rest generating data and starting workers)`);
  console.log(`score+check: ${Math.round(n / scoreSec)} evaluations/s; ${findings} findings`);
  console.log(`score+check: ${cpuSec.toFixed(2)} s CPU in all threads (generating included), ${(cpuSec / cores).toFixed(2)} s per core`);
  console.log(`score+check: scoring/checking alone ${scoreCpu.toFixed(2)} s CPU in all threads, ${(scoreCpu / cores).toFixed(2)} s per core (${scoreWall.toFixed(2)} s wall); ${Math.round((scoreCpu * 1e6) / n)} µs CPU per evaluation`);
} else {
  let go!: () => void;
  const started = new Promise<void>((r) => (go = r));
  parentPort!.once('message', () => go());
  const result = await work(workerData.from, workerData.to, () => parentPort!.postMessage({ ready: true }), started);
  parentPort!.postMessage(result);
  parentPort!.close();
}
