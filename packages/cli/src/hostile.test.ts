// Issue 13: the CLI on hostile files: each gets its own message within the limits, the batch goes on,
// no stack trace, and a closed pipe (| head -1) ends the command quietly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as hostile from '../../documents/test-fixtures/hostile/generate.ts';

const MAIN = new URL('./main.ts', import.meta.url).pathname;
const formats = new URL('../../documents/test-fixtures/formats/', import.meta.url).pathname;

function jixiao(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, JIXIAO_DEBUG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('cli: hostile files, each with its own message, and the good file among them still checked', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-hostile-'));
  const files: [string, Uint8Array, string][] = [
    ['bomb.html', hostile.spanBomb(), '表格过大：第 1 个表格合并单元格展开后有 2,500,000 个单元格，超过上限 1,000,000 个，未读取'],
    ['deep.docx', hostile.deepDocx(3000), '文件嵌套层次过深（超过 256 层），未读取'],
    ['many.pdf', hostile.manyPagesPdf(5000), 'PDF 页数过多（5000 页，上限 500 页），未读取'],
    ['damaged.docx', hostile.damagedZipHeaderDocx(), 'docx 文件已损坏（zip 目录无法读取）'],
    ['big.xlsx', hostile.bigCellXlsx(50), '单元格内容过长（超过 100,000 个字符），未读取'],
  ];
  for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
  writeFileSync(join(dir, 'mixed.txt'), hostile.mixedEncodingText().bytes);
  copyFileSync(join(formats, '000.docx'), join(dir, 'good.docx'));
  const r = jixiao(['check', '--json', dir]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, '');
  const out = JSON.parse(r.stdout) as { files: { path: string; error?: string; evaluations: unknown[]; problems: { message: string }[] }[] };
  const by = new Map(out.files.map((f) => [f.path.slice(dir.length + 1), f]));
  for (const [name, , message] of files) assert.equal(by.get(name)?.error, message, name);
  assert.ok(by.get('good.docx')!.evaluations.length > 0);
  assert.match(by.get('mixed.txt')!.problems.map((p) => p.message).join(), /文件混用 UTF-8 与 GB18030 两种编码/);
  // the Chinese report names them too, without a stack trace or an error name
  const text = jixiao(['check', dir]);
  for (const [, , message] of files) assert.ok(text.stdout.includes(message), message);
  assert.doesNotMatch(text.stdout + text.stderr, /\n\s+at .+:\d+:\d+|RangeError|TypeError|Maximum call stack|EPIPE/);
});

test('cli: `jixiao check … | head -1` prints one line and exits quietly (no EPIPE)', () => {
  const inputs = ['000.docx', '001.docx', '002.docx', '003.docx', '000.html', '001.xlsx'].map((f) => JSON.stringify(join(formats, f))).join(' ');
  const r = spawnSync('bash', ['-c', `set -o pipefail; ${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(MAIN)} check ${inputs} 2>&1 | head -1`], { encoding: 'utf8' });
  assert.equal(r.stdout.split('\n').filter(Boolean).length, 1, r.stdout);
  assert.match(r.stdout, /^文件：/);
  assert.doesNotMatch(r.stdout, /EPIPE|Error/);
});
