// The import pool: files are read, recognised, scored and checked in worker threads, never on the
// thread of the caller (the server's request thread, the CLI's output). Each file has a wall-time
// limit and each worker a memory limit; a worker over either is ended and replaced, and the file
// gets a Chinese message naming the limit. Used by the server's import queue and by the CLI.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { FileResult } from '../pipeline.ts';
import { defaultLimits } from '../read/limits.ts';

export interface PoolRequest {
  id: number;
  path: string;
  /** the file's content; when absent the worker reads `path` itself */
  bytes?: Uint8Array;
  ruleset?: string;
}

export interface PoolOptions {
  /** workers, default: the machine's cores */
  size?: number;
  /** wall time per file, ms */
  timeoutMs?: number;
  /** heap limit of each worker, MB */
  memoryMb?: number;
  /** young generation of each worker, MB (default memoryMb / 16, 16–64): smaller keeps a long batch's memory low */
  youngMb?: number;
}

export const DEFAULT_MEMORY_MB = 1024;

interface Job {
  req: Omit<PoolRequest, 'id'>;
  resolve: (r: FileResult) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: (Job & { id: number; timer?: NodeJS.Timeout }) | null;
}

// Node 20 workers do not inherit tsx's loader: scripts/ts-worker.mjs registers it, then loads the entry.
const LOADER = new URL('../../../../scripts/ts-worker.mjs', import.meta.url);
const ENTRY = new URL('./worker.ts', import.meta.url).href;

export class ImportPool {
  readonly size: number;
  readonly timeoutMs: number;
  readonly memoryMb: number;
  readonly youngMb: number;
  /** workers ended because a file went over a limit or crashed them */
  replaced = 0;
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private startFailures = 0;

  constructor(opts: PoolOptions = {}) {
    this.size = Math.max(1, Math.floor(opts.size ?? availableParallelism()));
    this.timeoutMs = opts.timeoutMs ?? defaultLimits.timeoutMs;
    this.memoryMb = opts.memoryMb ?? DEFAULT_MEMORY_MB;
    this.youngMb = opts.youngMb ?? Math.min(64, Math.max(16, this.memoryMb >> 4));
  }

  /** Analyse one file. Never rejects: a file over a limit comes back with `error` set. */
  run(req: Omit<PoolRequest, 'id'>): Promise<FileResult> {
    if (this.closed) return Promise.resolve(failed(req.path, 'crashed', '导入服务正在停止，请稍后重试'));
    return new Promise<FileResult>((resolve) => {
      this.queue.push({ req, resolve });
      this.pump();
    });
  }

  /** End every worker; files still waiting get an error. */
  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.queue.splice(0)) j.resolve(failed(j.req.path, 'crashed', '导入服务正在停止，请稍后重试'));
    const slots = this.slots.splice(0);
    for (const s of slots) {
      if (s.job) this.finish(s, failed(s.job.req.path, 'crashed', '导入服务正在停止，请稍后重试'));
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      let slot = this.slots.find((s) => s.ready && !s.job);
      if (!slot) {
        if (this.slots.length < this.size) this.spawn();
        return;
      }
      const job = this.queue.shift()!;
      const id = this.nextId++;
      slot.job = { ...job, id };
      const s = slot;
      s.job!.timer = setTimeout(() => {
        const seconds = Math.round(this.timeoutMs / 1000);
        this.discard(s, failed(job.req.path, 'timeout', `读取超时（超过 ${seconds} 秒），已跳过该文件`));
      }, this.timeoutMs);
      s.worker.ref();
      s.worker.postMessage({ ...job.req, id } satisfies PoolRequest);
    }
  }

  private spawn(): void {
    const worker = new Worker(LOADER, {
      workerData: { __entry: ENTRY },
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, maxYoungGenerationSizeMb: this.youngMb },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, ready: false, job: null };
    this.slots.push(slot);
    worker.on('message', (m: { ready?: boolean; id?: number; result?: FileResult }) => {
      if (m.ready) {
        slot.ready = true;
        this.startFailures = 0;
        this.pump();
        return;
      }
      if (slot.job && m.id === slot.job.id && m.result) {
        this.finish(slot, m.result);
        this.pump();
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const path = slot.job?.req.path ?? '';
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.discard(slot, failed(path, 'memory', `读取时内存超过上限（${this.memoryMb} MB），已跳过该文件`));
      } else {
        this.discard(slot, failed(path, 'crashed', '读取时出错，已跳过该文件'));
      }
    });
    worker.on('exit', () => {
      if (this.slots.includes(slot)) this.discard(slot, failed(slot.job?.req.path ?? '', 'crashed', '读取时出错，已跳过该文件'));
    });
  }

  private finish(slot: Slot, result: FileResult): void {
    const job = slot.job;
    if (!job) return;
    clearTimeout(job.timer);
    slot.job = null;
    // an idle worker does not keep the process alive
    if (this.queue.length === 0) slot.worker.unref();
    job.resolve(result);
  }

  /** The worker is ended (over a limit, crashed): its file gets `result`, a new worker takes its place when needed. */
  private discard(slot: Slot, result: FileResult): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    if (slot.job) {
      this.replaced++;
      this.finish(slot, result);
    } else if (!slot.ready && ++this.startFailures >= 3) {
      // the worker cannot even start (a broken install): say so instead of starting it forever
      for (const j of this.queue.splice(0)) j.resolve(failed(j.req.path, 'crashed', '文件识别模块无法启动，未读取'));
    }
    void slot.worker.terminate();
    this.pump();
  }
}

function failed(path: string, code: string, message: string): FileResult {
  return { path, evaluations: [], problems: [], error: message, errorCode: code };
}
