// Issue 13: the import pool reads each file in a worker with a time and memory limit; a file over a
// limit gets a Chinese message naming it, its worker is replaced, and the batch goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ImportPool } from './index.ts';
import * as hostile from '../../test-fixtures/hostile/generate.ts';

const formats = new URL('../../test-fixtures/formats/', import.meta.url);
const good = () => new Uint8Array(readFileSync(new URL('000.docx', formats)));

test('pool: every hostile file gets its own message, the good file after them is read', async () => {
  const pool = new ImportPool({ size: 2, timeoutMs: 600_000 });
  try {
    const files: [string, Uint8Array, string][] = [
      ['bomb.html', hostile.spanBomb(), '表格过大：第 1 个表格合并单元格展开后有 2,500,000 个单元格，超过上限 1,000,000 个，未读取'],
      ['deep.docx', hostile.deepDocx(3000), '文件嵌套层次过深（超过 256 层），未读取'],
      ['many.pdf', hostile.manyPagesPdf(5000), 'PDF 页数过多（5000 页，上限 500 页），未读取'],
      ['damaged.docx', hostile.damagedZipHeaderDocx(), 'docx 文件已损坏（zip 目录无法读取）'],
      ['big.xlsx', hostile.bigCellXlsx(50), '单元格内容过长（超过 100,000 个字符），未读取'],
    ];
    const results = await Promise.all([...files.map(([path, bytes]) => pool.run({ path, bytes })), pool.run({ path: '000.docx', bytes: good() })]);
    assert.deepEqual(results.slice(0, files.length).map((r) => [r.path, r.error]), files.map(([p, , m]) => [p, m]));
    const ok = results[files.length];
    assert.equal(ok.error, undefined);
    assert.ok(ok.evaluations.length > 0);
    const mixed = await pool.run({ path: 'mixed.txt', bytes: hostile.mixedEncodingText().bytes });
    assert.match(mixed.problems.map((p) => p.message).join('\n'), /文件混用 UTF-8 与 GB18030 两种编码/);
    assert.equal(pool.replaced, 0);
  } finally {
    await pool.close();
  }
});

test('pool: a file over the time limit is cut off, its worker replaced, and the next file is read', async () => {
  const pool = new ImportPool({ size: 1, timeoutMs: 1 });
  try {
    const slow = await pool.run({ path: 'a.docx', bytes: good() });
    assert.equal(slow.errorCode, 'timeout');
    assert.equal(slow.error, '读取超时（超过 0 秒），已跳过该文件');
    assert.equal(pool.replaced, 1);
  } finally {
    await pool.close();
  }
  const pool2 = new ImportPool({ size: 1, timeoutMs: 600_000 });
  try {
    const r = await pool2.run({ path: 'a.docx', bytes: good() });
    assert.equal(r.error, undefined);
  } finally {
    await pool2.close();
  }
});

test('pool: a worker over the memory limit is ended and the file gets the memory message', async () => {
  const pool = new ImportPool({ size: 1, memoryMb: 64, timeoutMs: 600_000 });
  try {
    // 900,000 cells: within the cell limit, over 64 MB of heap once read into cells
    const html = `<table>${`<tr>${'<td>数</td>'.repeat(900)}</tr>`.repeat(1000)}</table>`;
    const big = await pool.run({ path: 'big.html', bytes: new TextEncoder().encode(html) });
    assert.equal(big.errorCode, 'memory', big.error);
    assert.equal(big.error, '读取时内存超过上限（64 MB），已跳过该文件');
    assert.equal(pool.replaced, 1);
    const after = await pool.run({ path: '000.docx', bytes: good() });
    assert.equal(after.error, undefined);
  } finally {
    await pool.close();
  }
});
