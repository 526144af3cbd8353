// jixiao render <inputs…> --format docx|xlsx|pdf|html --out <dir>
import { mkdir, writeFile } from 'node:fs/promises';
import { join, basename, extname } from 'node:path';
import { stderr, stdout } from 'node:process';
import type { EvaluationJson } from '@jixiao/core';
import { parseArgs, str, UsageError } from '../args.ts';
import { expandInputs } from './files.ts';
import { processAll } from './pool.ts';

const FORMATS = ['docx', 'xlsx', 'pdf', 'html'] as const;
type Format = (typeof FORMATS)[number];

export function safeName(s: string): string {
  return s.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || '评价';
}

export async function loadEvaluations(inputs: string[], ruleset?: string) {
  const { files, missing } = await expandInputs(inputs);
  const results = await processAll(files, { ruleset, progress: true });
  let failed = missing.length;
  for (const m of missing) stderr.write(`${m.path}：${m.error}\n`);
  const evs: { ev: EvaluationJson; file: string; index: number }[] = [];
  for (const r of results) {
    if (r.error) {
      failed++;
      stderr.write(`${r.path}：${r.error}\n`);
    }
    r.evaluations.forEach((ev, i) => evs.push({ ev, file: r.path, index: i + 1 }));
  }
  return { evs, failed };
}

export async function run(args: string[]): Promise<number> {
  let p;
  try {
    p = parseArgs(args, { format: 'string', out: 'string', ruleset: 'string' });
  } catch (e) {
    if (e instanceof UsageError) {
      stderr.write(`${e.message}\n用法：jixiao render <输入…> --format docx|xlsx|pdf|html --out <文件夹>\n`);
      return 2;
    }
    throw e;
  }
  const format = (str(p, 'format') ?? 'docx') as Format;
  const out = str(p, 'out');
  if (!FORMATS.includes(format) || !out || p.positional.length === 0) {
    stderr.write('用法：jixiao render <输入…> --format docx|xlsx|pdf|html --out <文件夹>\n');
    return 2;
  }
  const { evs, failed } = await loadEvaluations(p.positional, str(p, 'ruleset'));
  await mkdir(out, { recursive: true });
  const render = await import('@jixiao/documents/render/index.ts');
  const pdf = format === 'pdf' ? new render.PdfRenderer() : null;
  const used = new Set<string>();
  try {
    for (const { ev, file, index } of evs) {
      let name = `${safeName(basename(file, extname(file)))}-${index}-${safeName(ev.title)}`;
      while (used.has(name)) name += '_';
      used.add(name);
      const path = join(out, `${name}.${format}`);
      let data: Uint8Array | string;
      if (format === 'docx') data = await render.renderDocx(ev);
      else if (format === 'xlsx') data = await render.renderXlsx(ev);
      else if (format === 'html') data = render.renderHtml(ev);
      else data = await pdf!.render(ev);
      await writeFile(path, data);
      stdout.write(`${path}\n`);
    }
  } finally {
    await pdf?.close();
  }
  stdout.write(`已生成 ${evs.length} 份 ${format} 文件到 ${out}\n`);
  return failed > 0 ? 2 : 0;
}
