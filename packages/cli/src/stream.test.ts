// check and import hand out each file's result in input order as files complete (issue 17):
// --json stays one valid document, --jsonl gives one line per file with the same entries, and
// import writes the evaluations of a file that finished late before those of the files after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const SEEDS = fileURLToPath(new URL('../../documents/test-fixtures/seeds/', import.meta.url));
// seed 003 (13 如皋 tables) takes longest; 000 and 002 hold one evaluation each, 001 ten
const S000 = join(SEEDS, '000_5a87d28761f17f36.txt');
const S001 = join(SEEDS, '001_a0c86900c2b5e58b.txt');
const S002 = join(SEEDS, '002_315fe116e8082365.txt');
const S003 = join(SEEDS, '003_6726b065a193cc5c.txt');

function jixiao(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'jixiao-stream-'));
const missing = join(dir, 'nope.txt');
// the slow file first, then quick ones, so that with two workers later files finish first
const inputs = [S003, S000, S002, S001, missing, S000];

test('check --json and --jsonl give the same entries, in input order, the unreadable input first', () => {
  const json = jixiao(['check', ...inputs, '--json', '--jobs', '2']);
  const lines = jixiao(['check', ...inputs, '--jsonl', '--jobs', '2']);
  // a missing input: exit 2, as before
  assert.equal(json.code, 2, json.stderr);
  assert.equal(lines.code, 2, lines.stderr);
  const doc = JSON.parse(json.stdout) as { files: { path: string; evaluations: unknown[]; error?: string }[] };
  assert.deepEqual(Object.keys(doc), ['files']);
  assert.deepEqual(doc.files.map((f) => f.path), [missing, S003, S000, S002, S001, S000]);
  assert.deepEqual(doc.files.map((f) => f.evaluations.length), [0, 13, 1, 1, 10, 1]);
  assert.match(doc.files[0].error ?? '', /不存在/);
  const rows = lines.stdout.split('\n');
  assert.equal(rows.pop(), '', 'every line ends with a newline');
  assert.equal(rows.length, doc.files.length);
  assert.deepEqual(rows.map((l) => JSON.parse(l)), doc.files);
  // the document is what one JSON.stringify of it prints (the shape readers of --json have always had)
  assert.equal(json.stdout, JSON.stringify(doc, null, 1) + '\n');
});

test('the report prints every file in input order and totals them', () => {
  const r = jixiao(['check', S003, S000, '--jobs', '2']);
  assert.equal(r.code, 1, 'the seeds have error findings');
  const at003 = r.stdout.indexOf(`文件：${S003}`);
  const at000 = r.stdout.indexOf(`文件：${S000}`);
  assert.ok(at003 >= 0 && at000 > at003, 'input order');
  const json = JSON.parse(jixiao(['check', S003, S000, '--json']).stdout) as { files: { evaluations: { findings: { severity: string }[] }[] }[] };
  const count = (s: string) => json.files.flatMap((f) => f.evaluations).flatMap((e) => e.findings).filter((f) => f.severity === s).length;
  assert.match(r.stdout, new RegExp(`合计：2 个文件，14 个评价；错误 ${count('error')}，警告 ${count('warning')}，提示 ${count('info')}；无法读取 0 个文件\\n$`));
});

test('check with no readable report and with both --json and --jsonl: exit 2 with a Chinese message', () => {
  const empty = jixiao(['check', missing, '--json']);
  assert.equal(empty.code, 2);
  assert.equal(JSON.parse(empty.stdout).files.length, 1);
  const both = jixiao(['check', S000, '--json', '--jsonl']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /只能选一个/);
});

test('import writes the evaluations file by file in input order, a slow first file included', () => {
  const copy = join(dir, 'copy-of-000.txt');
  copyFileSync(S000, copy);
  const out = join(dir, 'evaluations.jsonl');
  const r = jixiao(['import', S003, S000, S002, copy, '--out', out, '--jobs', '2']);
  assert.equal(r.code, 0, r.stderr);
  const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { source: { file: string; index: number } });
  assert.deepEqual(
    lines.map((l) => `${l.source.file}#${l.source.index}`),
    [...Array.from({ length: 13 }, (_, i) => `${S003}#${i + 1}`), `${S000}#1`, `${S002}#1`, `${copy}#1`],
  );
});
