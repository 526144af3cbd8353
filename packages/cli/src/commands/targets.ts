// jixiao targets: the cycle's forms on the command line. Reads target tables (绩效目标申报表) and
// monitoring tables (运行监控表) from .xlsx/.docx (any format the readers take) and prints them with
// the target checks, or with --format writes a target table given as JSON in the official layout.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { stdout, stderr } from 'node:process';
import { checkTargets, type TargetTable } from '@jixiao/core';
import { readDocument } from '@jixiao/documents';
import { FormError, readMonitoringForm, readTargetForm, renderTargetTable } from '@jixiao/documents/cycle/index.ts';
import { parseArgs, UsageError } from '../args.ts';

export async function run(args: string[]): Promise<number> {
  const a = parseArgs(args, { json: 'boolean', format: 'string', out: 'string' });
  if (!a.positional.length) throw new UsageError('用法：jixiao targets <文件…> [--json]，或 jixiao targets <目标表.json> --format xlsx|docx --out <文件夹>');
  if (a.flags.format) {
    const format = String(a.flags.format);
    if (format !== 'xlsx' && format !== 'docx') throw new UsageError('--format 应为 xlsx 或 docx');
    const out = String(a.flags.out ?? '.');
    mkdirSync(out, { recursive: true });
    for (const p of a.positional) {
      const table = JSON.parse(readFileSync(p, 'utf8')) as TargetTable;
      const file = join(out, `${basename(p).replace(/\.json$/i, '')}.${format}`);
      writeFileSync(file, await renderTargetTable(table, format));
      stdout.write(`${file}\n`);
    }
    return 0;
  }
  const files: unknown[] = [];
  let status = 0;
  for (const p of a.positional) {
    try {
      const doc = await readDocument(new Uint8Array(readFileSync(p)), p);
      try {
        const table = readTargetForm(doc);
        const findings = checkTargets(table);
        if (findings.some((f) => f.severity === 'error')) status = Math.max(status, 1);
        files.push({ path: p, kind: 'targets', table, findings });
        if (!a.flags.json) {
          stdout.write(`${p}：绩效目标申报表「${table.title}」，${table.indicators.length} 个指标\n`);
          for (const f of findings) stdout.write(`  [${f.code} ${f.severity === 'error' ? '错误' : '提示'}] ${f.message}\n`);
        }
      } catch (e) {
        if (!(e instanceof FormError)) throw e;
        const monitoring = readMonitoringForm(doc);
        files.push({ path: p, kind: 'monitoring', monitoring });
        if (!a.flags.json) stdout.write(`${p}：运行监控表「${monitoring.title}」（${monitoring.period.from}–${monitoring.period.to}月），${monitoring.rows.length} 个指标\n`);
      }
    } catch (e) {
      status = 2;
      const message = e instanceof Error ? e.message : String(e);
      files.push({ path: p, error: message });
      if (!a.flags.json) stderr.write(`${p}：${message}\n`);
    }
  }
  if (a.flags.json) stdout.write(JSON.stringify({ files }, null, 1) + '\n');
  return status;
}
