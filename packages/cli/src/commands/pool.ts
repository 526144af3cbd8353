// Run the pipeline over many files in the import pool (worker threads with a time and memory limit
// per file), on all cores. Results are handed over one by one in input order, as soon as each file
// and every file before it are done, and then forgotten: memory stays flat in the number of files.
import { availableParallelism } from 'node:os';
import type { FileResult } from '@jixiao/documents/pipeline.ts';
import { ImportPool } from '@jixiao/documents/pool/index.ts';
import { Progress } from './progress.ts';

export interface PoolOptions {
  jobs?: number;
  ruleset?: string;
  progress?: boolean;
}

/**
 * Process `files` and call `each` with every result in input order; `each` may return a promise (a
 * write waiting for its stream to drain), and no further result is handed over until it settles.
 * At most a few files per worker are read ahead of the one being handed over, so a slow file holds
 * back only that many finished results.
 */
export async function processEach(
  files: string[],
  opts: PoolOptions,
  each: (r: FileResult, index: number) => void | Promise<void>,
): Promise<void> {
  if (files.length === 0) return;
  const jobs = Math.max(1, Math.min(opts.jobs && opts.jobs > 0 ? opts.jobs : availableParallelism(), files.length));
  const ahead = jobs * 4;
  const progress = new Progress(files.length, opts.progress ?? false);
  // an 8 MB young generation per worker (instead of 64): `check --json` over 800 files peaks at
  // ~290 MB instead of ~380 MB, for no more CPU (npm run bench -- cli)
  const pool = new ImportPool({ size: jobs, youngMb: 8 });
  const done = new Map<number, FileResult>();
  let wake: (() => void) | null = null;
  let sent = 0;
  let next = 0;
  const send = () => {
    while (sent < files.length && sent - next < ahead) {
      const i = sent++;
      // the pool never rejects: a file that fails comes back with its Chinese error
      void pool.run({ path: files[i], ruleset: opts.ruleset }).then((r) => {
        done.set(i, r);
        progress.tick(r.path);
        if (wake) wake();
      });
    }
  };
  try {
    send();
    while (next < files.length) {
      const r = done.get(next);
      if (!r) {
        await new Promise<void>((res) => (wake = res));
        wake = null;
        continue;
      }
      done.delete(next);
      const i = next++;
      send();
      await each(r, i);
    }
  } finally {
    progress.finish();
    await pool.close();
  }
}

/** All results at once, in input order (for commands that need every evaluation together). */
export async function processAll(files: string[], opts: PoolOptions = {}): Promise<FileResult[]> {
  const results: FileResult[] = new Array(files.length);
  await processEach(files, opts, (r, i) => {
    results[i] = r;
  });
  return results;
}
