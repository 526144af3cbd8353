// jixiao import <folder> --out evaluations.jsonl: one JSON line per evaluation, with its source.
// Each file's lines are written as soon as it and the files before it are done (input order), and
// are not kept: memory does not grow with the number of files.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stderr, stdout } from 'node:process';
import { parseArgs, str, UsageError } from '../args.ts';
import { expandInputs } from './files.ts';
import { processEach } from './pool.ts';

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
  const opts = { jobs: str(p, 'jobs') ? Number(str(p, 'jobs')) : undefined, ruleset: str(p, 'ruleset'), progress: true };
  await processEach(files, opts, async (r) => {
    if (r.error) {
      failed++;
      stderr.write(`${r.path}：${r.error}\n`);
    }
    let lines = '';
    r.evaluations.forEach((e, i) => {
      evaluations++;
      // the evaluation's own source (table, page, line) plus the file and its position in the file
      const source = { ...e.source, file: r.path, index: i + 1 };
      lines += JSON.stringify({ ...e, source }) + '\n';
    });
    // a full buffer (a slow disk) holds the next files back rather than piling up in memory
    if (lines && !ws.write(lines)) await once(ws, 'drain');
  });
  await new Promise<void>((res, rej) => ws.end((err?: Error | null) => (err ? rej(err) : res())));
  stdout.write(`已导入 ${files.length} 个文件中的 ${evaluations} 个评价到 ${out}；无法读取 ${failed} 个\n`);
  return failed > 0 ? 2 : 0;
}
