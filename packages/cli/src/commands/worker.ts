import { parentPort } from 'node:worker_threads';
import { processFile } from '@jixiao/documents/pipeline.ts';

parentPort!.on('message', async (m: { i: number; path: string; ruleset?: string }) => {
  const result = await processFile(m.path, m.ruleset);
  parentPort!.postMessage({ i: m.i, result });
});
