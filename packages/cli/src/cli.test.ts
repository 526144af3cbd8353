// The CLI on bad input: a clear Chinese message and exit code 2, never a stack trace (issue 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = new URL('./main.ts', import.meta.url).pathname;

export function jixiao(args: string[], opts: { cwd?: string } = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    encoding: 'utf8',
    cwd: opts.cwd,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, JIXIAO_DEBUG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function noStack(s: string) {
  assert.doesNotMatch(s, /\n\s+at .+:\d+:\d+/, 'no stack trace');
}

const dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));

test('missing file: 文件或文件夹不存在, exit 2', () => {
  const r = jixiao(['check', join(dir, 'nope.txt')]);
  assert.equal(r.code, 2);
  assert.match(r.stdout + r.stderr, /不存在/);
  noStack(r.stdout + r.stderr);
});

test('empty file: 文件为空, exit 2', () => {
  const f = join(dir, 'empty.txt');
  writeFileSync(f, '');
  const r = jixiao(['check', f]);
  assert.equal(r.code, 2);
  assert.match(r.stdout, /文件为空/);
  noStack(r.stdout + r.stderr);
});

test('binary file: not text, exit 2', () => {
  const f = join(dir, 'random.txt');
  const bytes = new Uint8Array(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
  writeFileSync(f, bytes);
  const r = jixiao(['check', f]);
  assert.equal(r.code, 2);
  assert.match(r.stdout, /无法读取：.*[\u4e00-\u9fff]/);
  noStack(r.stdout + r.stderr);
});

test('a 50 MB text file with no table: 未找到, exit 2', () => {
  const f = join(dir, 'big.txt');
  const fd = openSync(f, 'w');
  const line = '本年度单位认真履行职责，较好地完成了年初确定的各项工作任务，没有表格。\n';
  const chunk = line.repeat(Math.ceil((1 << 20) / Buffer.byteLength(line)));
  for (let i = 0; i < 50; i++) writeSync(fd, chunk);
  closeSync(fd);
  const r = jixiao(['check', f, '--json']);
  assert.equal(r.code, 2);
  const out = JSON.parse(r.stdout);
  assert.equal(out.files.length, 1);
  assert.equal(out.files[0].evaluations.length, 0);
  assert.match(out.files[0].error, /未找到/);
});

test('a folder with no reports: exit 2 with a Chinese message', () => {
  const d = join(dir, 'empty-folder');
  mkdirSync(d);
  writeFileSync(join(d, 'notes.bin'), 'x');
  const r = jixiao(['check', d]);
  assert.equal(r.code, 2);
  assert.match(r.stdout, /没有可读取的报告文件/);
});

test('an unknown flag or ruleset is refused in Chinese with exit 2', () => {
  const a = jixiao(['check', '--colour']);
  assert.equal(a.code, 2);
  assert.match(a.stderr, /未知参数/);
  const b = jixiao(['check', dir, '--ruleset', 'atlantis']);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /未知的评分规则/);
});
