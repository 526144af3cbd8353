// Run processFile over many files on all cores (worker threads), in input order.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { FileResult } from '@jixiao/documents/pipeline.ts';
import { Progress } from './progress.ts';

export interface PoolOptions {
  jobs?: number;
  ruleset?: string;
  progress?: boolean;
  onResult?: (r: FileResult, index: number) => void;
}

export async function processAll(files: string[], opts: PoolOptions = {}): Promise<FileResult[]> {
  const jobs = Math.max(1, Math.min(opts.jobs ?? availableParallelism(), files.length));
  const progress = new Progress(files.length, opts.progress ?? false);
  const results: FileResult[] = new Array(files.length);
  const done = (r: FileResult, i: number) => {
    results[i] = r;
    progress.tick(r.path);
    opts.onResult?.(r, i);
  };
  try {
    if (jobs === 1 || files.length < 4) {
      const { processFile } = await import('@jixiao/documents/pipeline.ts');
      for (let i = 0; i < files.length; i++) done(await processFile(files[i], opts.ruleset), i);
      return results;
    }
    let next = 0;
    await Promise.all(
      Array.from({ length: jobs }, () => {
        // Node 20 workers do not inherit tsx's loader: scripts/ts-worker.mjs registers it first.
        const w = new Worker(new URL('../../../../scripts/ts-worker.mjs', import.meta.url), {
          workerData: { __entry: new URL('./worker.ts', import.meta.url).href },
        });
        return new Promise<void>((resolve, reject) => {
          const feed = () => {
            if (next >= files.length) {
              void w.terminate();
              resolve();
              return;
            }
            const i = next++;
            w.postMessage({ i, path: files[i], ruleset: opts.ruleset });
          };
          w.on('message', (m: { i: number; result: FileResult }) => {
            done(m.result, m.i);
            feed();
          });
          w.on('error', reject);
          feed();
        });
      }),
    );
    return results;
  } finally {
    progress.finish();
  }
}
