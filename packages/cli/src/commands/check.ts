// jixiao check: read, recognise, score and check reports; print a Chinese report, JSON or JSON Lines.
// Each file's result is printed as soon as it and the files before it are done (input order), and is
// not kept: memory does not grow with the number of files.
import { once } from 'node:events';
import { stdout, stderr } from 'node:process';
import type { FileResult } from '@jixiao/documents/pipeline.ts';
import { getRuleset, rulesets } from '@jixiao/core';
import { parseArgs, str, UsageError } from '../args.ts';
import { expandInputs } from './files.ts';
import { processEach } from './pool.ts';
import { formatFileResult, formatSummary, Tally } from './report.ts';

const USAGE = '用法：jixiao check <文件或文件夹…> [--json | --jsonl] [--ruleset ID] [--jobs N]';

export async function run(args: string[]): Promise<number> {
  let p;
  try {
    p = parseArgs(args, { json: 'boolean', jsonl: 'boolean', ruleset: 'string', jobs: 'string', quiet: 'boolean' });
  } catch (e) {
    if (e instanceof UsageError) {
      stderr.write(`${e.message}\n${USAGE}\n`);
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
    stderr.write(`请指定要检查的文件或文件夹。${USAGE}\n`);
    return 2;
  }
  const json = p.flags.json === true;
  const jsonl = p.flags.jsonl === true;
  if (json && jsonl) {
    stderr.write(`--json 与 --jsonl 只能选一个。${USAGE}\n`);
    return 2;
  }
  const { files, missing } = await expandInputs(p.positional);
  const jobs = str(p, 'jobs') ? Number(str(p, 'jobs')) : undefined;
  const out = json ? new JsonFiles() : jsonl ? new JsonLines() : new Report();
  const tally = new Tally();
  const emit = async (r: FileResult) => {
    tally.add(r);
    await write(out.entry(r));
  };
  await write(out.start());
  for (const m of missing) await emit({ path: m.path, evaluations: [], problems: [], error: m.error, errorCode: 'missing' });
  await processEach(files, { jobs, ruleset: rulesetId, progress: !json && !jsonl && !p.flags.quiet }, emit);
  await write(out.end(tally));
  return tally.exitCode();
}

/** Write to stdout, waiting for it to drain when its buffer is full (a slow reader holds the files back, not memory). */
async function write(s: string): Promise<void> {
  if (s && !stdout.write(s)) await once(stdout, 'drain');
}

interface Output {
  start(): string;
  entry(r: FileResult): string;
  end(t: Tally): string;
}

/** `--json`: one document `{ "files": [ … ] }`, written entry by entry, byte for byte what JSON.stringify(…, null, 1) gives. */
class JsonFiles implements Output {
  private n = 0;
  start() {
    return '{\n "files": [';
  }
  entry(r: FileResult) {
    // an entry sits two levels deep: every line indented by two more spaces (strings hold no raw newline)
    return `${this.n++ ? ',' : ''}\n  ${JSON.stringify(r, null, 1).replace(/\n/g, '\n  ')}`;
  }
  end() {
    return this.n ? '\n ]\n}\n' : ']\n}\n';
  }
}

/** `--jsonl`: one line per file, each an entry of the `files` list of `--json`. */
class JsonLines implements Output {
  start() {
    return '';
  }
  entry(r: FileResult) {
    return JSON.stringify(r) + '\n';
  }
  end() {
    return '';
  }
}

/** The Chinese report, one block per file and the totals at the end. */
class Report implements Output {
  start() {
    return '';
  }
  entry(r: FileResult) {
    return formatFileResult(r);
  }
  end(t: Tally) {
    return formatSummary(t);
  }
}
