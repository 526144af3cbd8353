// jixiao import <folder> --out evaluations.jsonl: one JSON line per evaluation, with its source.
import { createWriteStream } from 'node:fs';
import { stderr, stdout } from 'node:process';
import { parseArgs, str, UsageError } from '../args.ts';
import { expandInputs } from './files.ts';
import { processAll } from './pool.ts';

export async function run(args: string[]): Promise<number> {
  let p;
  try {
    p = parseArgs(args, { out: 'string', ruleset: 'string', jobs: 'string' });
  } catch (e) {
    if (e instanceof UsageError) {
      stderr.write(`${e.message}\n用法：jixiao import <文件夹或文件…> --out evaluations.jsonl\n`);
      return 2;
    }
    throw e;
  }
  const out = str(p, 'out');
  if (!out || p.positional.length === 0) {
    stderr.write('用法：jixiao import <文件夹或文件…> --out evaluations.jsonl\n');
    return 2;
  }
  const { files, missing } = await expandInputs(p.positional);
  for (const m of missing) stderr.write(`${m.path}：${m.error}\n`);
  const ws = createWriteStream(out);
  let evaluations = 0;
  let failed = missing.length;
  await processAll(files, {
    jobs: str(p, 'jobs') ? Number(str(p, 'jobs')) : undefined,
    ruleset: str(p, 'ruleset'),
    progress: true,
    onResult: (r) => {
      if (r.error) {
        failed++;
        stderr.write(`${r.path}：${r.error}\n`);
      }
      r.evaluations.forEach((e, i) => {
        evaluations++;
        // the evaluation's own source (table, page, line) plus the file and its position in the file
        const source = { ...e.source, file: r.path, index: i + 1 };
        ws.write(JSON.stringify({ ...e, source }) + '\n');
      });
    },
  });
  await new Promise<void>((res, rej) => ws.end((err?: Error | null) => (err ? rej(err) : res())));
  stdout.write(`已导入 ${files.length} 个文件中的 ${evaluations} 个评价到 ${out}；无法读取 ${failed} 个\n`);
  return failed > 0 ? 2 : 0;
}
