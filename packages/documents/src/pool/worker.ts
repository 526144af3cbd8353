// One worker of the import pool: reads a file (by path, or its bytes) through the pipeline and posts
// the result back. Anything it cannot survive (memory, a runaway parser) ends the worker, not the caller.
import { parentPort } from 'node:worker_threads';
import { processBytes, processFile } from '../pipeline.ts';
import type { PoolRequest } from './index.ts';

parentPort!.on('message', async (m: PoolRequest) => {
  const result = m.bytes ? await processBytes(m.bytes, m.path, m.ruleset) : await processFile(m.path, m.ruleset);
  parentPort!.postMessage({ id: m.id, result });
});
parentPort!.postMessage({ ready: true });
