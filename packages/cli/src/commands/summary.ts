// jixiao summary <inputs…> --out summary.xlsx: one row per evaluation and the grade distribution.
import { writeFile } from 'node:fs/promises';
import { stderr, stdout } from 'node:process';
import { parseArgs, str, UsageError } from '../args.ts';
import { loadEvaluations } from './render.ts';

export async function run(args: string[]): Promise<number> {
  let p;
  try {
    p = parseArgs(args, { out: 'string', ruleset: 'string' });
  } catch (e) {
    if (e instanceof UsageError) {
      stderr.write(`${e.message}\n用法：jixiao summary <输入…> --out summary.xlsx\n`);
      return 2;
    }
    throw e;
  }
  const out = str(p, 'out');
  if (!out || p.positional.length === 0) {
    stderr.write('用法：jixiao summary <输入…> --out summary.xlsx\n');
    return 2;
  }
  const { evs, failed } = await loadEvaluations(p.positional, str(p, 'ruleset'));
  const render = await import('@jixiao/documents/render/index.ts');
  await writeFile(out, await render.renderSummaryXlsx(evs.map((e) => e.ev)));
  stdout.write(`已生成汇总表 ${out}（${evs.length} 个评价）\n`);
  return failed > 0 ? 2 : 0;
}
