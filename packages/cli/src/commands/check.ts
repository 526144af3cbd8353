// jixiao check: read, recognise, score and check reports; print a Chinese report or JSON.
import { stdout, stderr } from 'node:process';
import type { FileResult } from '@jixiao/documents/pipeline.ts';
import { getRuleset, rulesets } from '@jixiao/core';
import { parseArgs, str, UsageError } from '../args.ts';
import { expandInputs } from './files.ts';
import { processAll } from './pool.ts';
import { formatFileResult, formatSummary } from './report.ts';

export async function run(args: string[]): Promise<number> {
  let p;
  try {
    p = parseArgs(args, { json: 'boolean', ruleset: 'string', jobs: 'string', quiet: 'boolean' });
  } catch (e) {
    if (e instanceof UsageError) {
      stderr.write(`${e.message}\n用法：jixiao check <文件或文件夹…> [--json] [--ruleset ID]\n`);
      return 2;
    }
    throw e;
  }
  const rulesetId = str(p, 'ruleset');
  if (rulesetId && !getRuleset(rulesetId)) {
    stderr.write(`未知的评分规则：${rulesetId}。可用：${rulesets.map((r) => r.id).join('、')}\n`);
    return 2;
  }
  if (p.positional.length === 0) {
    stderr.write('请指定要检查的文件或文件夹。用法：jixiao check <文件或文件夹…> [--json]\n');
    return 2;
  }
  const { files, missing } = await expandInputs(p.positional);
  const jobs = str(p, 'jobs') ? Number(str(p, 'jobs')) : undefined;
  const json = p.flags.json === true;
  const results = await processAll(files, { jobs, ruleset: rulesetId, progress: !json && !p.flags.quiet });
  const all: FileResult[] = [
    ...missing.map((m) => ({ path: m.path, evaluations: [], problems: [], error: m.error, errorCode: 'missing' })),
    ...results,
  ];
  if (json) {
    stdout.write(JSON.stringify({ files: all }, null, 1) + '\n');
  } else {
    for (const r of all) stdout.write(formatFileResult(r));
    stdout.write(formatSummary(all));
  }
  return exitCode(all);
}

/** 2 when an input could not be read at all, 1 when some finding is an error, else 0. */
export function exitCode(all: FileResult[]): number {
  if (all.length === 0 || all.some((r) => r.error)) return 2;
  if (all.some((r) => r.evaluations.some((e) => e.findings.some((f) => f.severity === 'error')))) return 1;
  return 0;
}
