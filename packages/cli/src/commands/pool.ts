// Run the pipeline over many files in the import pool (worker threads with a time and memory limit
// per file), on all cores, results in input order.
import { availableParallelism } from 'node:os';
import type { FileResult } from '@jixiao/documents/pipeline.ts';
import { ImportPool } from '@jixiao/documents/pool/index.ts';
import { Progress } from './progress.ts';

export interface PoolOptions {
  jobs?: number;
  ruleset?: string;
  progress?: boolean;
  onResult?: (r: FileResult, index: number) => void;
}

export async function processAll(files: string[], opts: PoolOptions = {}): Promise<FileResult[]> {
  const results: FileResult[] = new Array(files.length);
  if (files.length === 0) return results;
  const jobs = Math.max(1, Math.min(opts.jobs && opts.jobs > 0 ? opts.jobs : availableParallelism(), files.length));
  const progress = new Progress(files.length, opts.progress ?? false);
  const pool = new ImportPool({ size: jobs });
  try {
    await Promise.all(
      files.map(async (path, i) => {
        const r = await pool.run({ path, ruleset: opts.ruleset });
        results[i] = r;
        progress.tick(r.path);
        opts.onResult?.(r, i);
      }),
    );
    return results;
  } finally {
    progress.finish();
    await pool.close();
  }
}
