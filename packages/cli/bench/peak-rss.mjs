// Preloaded into the command the CLI benchmark measures: on exit, its peak resident memory (all
// threads: the workers of the import pool run inside the process) and CPU time, into $JIXIAO_BENCH_USAGE.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const u = process.resourceUsage();
  writeFileSync(process.env.JIXIAO_BENCH_USAGE, JSON.stringify({ maxRssKb: u.maxRSS, cpuSec: (u.userCPUTime + u.systemCPUTime) / 1e6 }));
});
