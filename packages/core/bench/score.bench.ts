// npm run bench -- core: evaluations scored and checked per second on all cores, CPU time per
// evaluation, and its ratio to a floor measured in the same run (floor.ts: a bare loop over the
// same evaluations' rows, parsed beforehand into scaled integers).
// 100,000 synthetic evaluations × 25 indicators, generated reproducibly (seeded PRNG).
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { analyze } from '../src/analyze.ts';
import { syntheticEvaluation } from './synthetic.ts';
import { floorEvaluation, preParse, type FloorEvaluation } from './floor.ts';

const TOTAL = Number(process.env.BENCH_EVALUATIONS ?? 100_000);

type Result = { n: number; findings: number; genMs: number; ms: number };
/** the floor runs this many times over the worker's evaluations: one pass is too short to time */
const FLOOR_PASSES = 20;

/** Generate this worker's evaluations, say so, and score/check them when the main thread says go:
 *  all workers score at the same time, so the process CPU time of that phase is theirs alone. */
async function work(from: number, to: number, ready: () => void, go: () => Promise<void>): Promise<Result> {
  const t0 = performance.now();
  const evs = [];
  for (let i = from; i < to; i++) evs.push(syntheticEvaluation(i));
  const floors: FloorEvaluation[] = evs.map(preParse);
  const genMs = performance.now() - t0;
  ready();
  await go();
  const t1 = performance.now();
  let findings = 0;
  for (const ev of evs) findings += analyze(ev).findings.length;
  const result = { n: to - from, findings, genMs, ms: performance.now() - t1 };
  parentPort!.postMessage(result);
  // the floor, when the main thread says go again
  await go();
  const sums: number[] = [];
  let kept = 0;
  for (let pass = 0; pass < FLOOR_PASSES; pass++) for (const f of floors) kept += floorEvaluation(f, sums);
  return { n: (to - from) * FLOOR_PASSES, findings: kept, genMs: 0, ms: 0 };
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
  const floorResults: Promise<Result>[] = [];
  for (let k = 0; k < cores; k++) {
    const w = new Worker(new URL('../../../scripts/ts-worker.mjs', import.meta.url), {
      workerData: { __entry: import.meta.url, from: k * per, to: Math.min(TOTAL, (k + 1) * per) },
    });
    workers.push(w);
    let onReady!: () => void;
    readies.push(new Promise<void>((r) => (onReady = r)));
    let onResult!: (r: Result) => void;
    let onFloor!: (r: Result) => void;
    results.push(new Promise<Result>((r) => (onResult = r)));
    floorResults.push(new Promise<Result>((r) => (onFloor = r)));
    let got = 0;
    w.on('message', (m: { ready?: true } | Result) => ('ready' in m ? onReady() : got++ === 0 ? onResult(m as Result) : onFloor(m as Result)));
    w.once('error', (e) => {
      console.error(e);
      process.exit(1);
    });
  }
  await Promise.all(readies);
  const cpu1 = process.cpuUsage();
  const t1 = performance.now();
  for (const w of workers) w.postMessage('go');
  const parts = await Promise.all(results);
  const cpu2 = process.cpuUsage();
  const t2 = performance.now();
  for (const w of workers) w.postMessage('go');
  const floorParts = await Promise.all(floorResults);
  const cpu3 = process.cpuUsage();
  const wall = (t2 - t0) / 1000;
  const scoreWall = (t2 - t1) / 1000;
  const sec = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1e6;
  const cpuSec = sec(cpu0, cpu2);
  const scoreCpu = sec(cpu1, cpu2);
  const n = parts.reduce((s, p) => s + p.n, 0);
  const findings = parts.reduce((s, p) => s + p.findings, 0);
  const scoreSec = Math.max(...parts.map((p) => p.ms)) / 1000;
  console.log(`score+check: ${n} evaluations × 25 indicators on ${cores} cores in ${wall.toFixed(2)} s wall (${scoreSec.toFixed(2)} s scoring/checking, the rest generating data and starting workers)`);
  console.log(`score+check: ${Math.round(n / scoreSec)} evaluations/s; ${findings} findings`);
  console.log(`score+check: ${cpuSec.toFixed(2)} s CPU in all threads (generating included), ${(cpuSec / cores).toFixed(2)} s per core`);
  const floorN = floorParts.reduce((s, p) => s + p.n, 0);
  const floorUs = (sec(cpu2, cpu3) * 1e6) / floorN;
  const us = (scoreCpu * 1e6) / n;
  console.log(`score+check: scoring/checking alone ${scoreCpu.toFixed(2)} s CPU in all threads, ${(scoreCpu / cores).toFixed(2)} s per core (${scoreWall.toFixed(2)} s wall)`);
  console.log(`score+check: floor (a bare loop over the same rows parsed beforehand into scaled integers, ${FLOOR_PASSES} passes) ${floorUs.toFixed(2)} µs CPU per evaluation`);
  console.log(`score+check: ${Math.round(us)} µs CPU per evaluation, ${(us / floorUs).toFixed(0)}× the floor`);
  console.log(`target ≤ 30 µs CPU per evaluation: ${Math.round(us)} µs — ${us <= 30 ? 'met' : 'NOT met'}`);
} else {
  // each 'go' from the main thread starts the next phase (scoring/checking, then the floor)
  let pending: (() => void) | null = null;
  let gos = 0;
  parentPort!.on('message', () => {
    gos++;
    pending?.();
  });
  let used = 0;
  const go = () =>
    new Promise<void>((r) => {
      if (gos > used) {
        used++;
        r();
      } else
        pending = () => {
          pending = null;
          used++;
          r();
        };
    });
  const result = await work(workerData.from, workerData.to, () => parentPort!.postMessage({ ready: true }), go);
  parentPort!.postMessage(result);
  parentPort!.close();
}
