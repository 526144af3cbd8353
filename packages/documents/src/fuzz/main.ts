// npm run fuzz [-- <count> [<seed>]]: mutated copies of the seeds, the real reports and the project's
// fixtures through the reader and recogniser in the import pool; prints crashes, hangs and peak memory.
import { fuzz, loadSources } from './index.ts';

const root = new URL('../../../../', import.meta.url).pathname;
const count = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? 1);
const sources = loadSources([
  `${root}../shared/seeds`,
  `${root}../shared/realworld`,
  `${root}packages/documents/test-fixtures/formats`,
  `${root}packages/documents/test-fixtures/variants`,
]);
console.log(`模糊测试：${count} 个变异输入，来自 ${sources.length} 个文件，种子 ${seed}`);
const r = await fuzz(sources, { count, seed, log: (s) => console.log(s) });
for (const c of r.crashes) console.log(`崩溃：${c.name}：${c.error}`);
for (const h of r.hangs) console.log(`超时：${h}`);
console.log(
  `输入 ${r.inputs}：崩溃 ${r.crashes.length}，超时 ${r.hangs.length}；已读取 ${r.read}，按限制或损坏拒绝 ${r.refused}；` +
    `峰值内存（进程 RSS）${r.peakRssMb.toFixed(0)} MB；用时 ${r.seconds.toFixed(0)} 秒`,
);
process.exit(r.crashes.length || r.hangs.length ? 1 : 0);
