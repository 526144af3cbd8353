// Issue 13: a hostile file ends with its own Chinese message naming the limit it went over, before
// anything is expanded; spans are cut to the table's real extent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grid, type Cell } from '../document.ts';
import { readDocument, ImportError } from './index.ts';
import { boundDocument, gridWidth } from './bounds.ts';
import { defaultLimits, resolveLimits } from './limits.ts';
import { decodeText } from './encoding.ts';
import iconv from 'iconv-lite';
import * as hostile from '../../test-fixtures/hostile/generate.ts';

async function refused(bytes: Uint8Array, path: string): Promise<ImportError> {
  try {
    await readDocument(bytes, path);
  } catch (e) {
    assert.ok(e instanceof ImportError, `${path}: 应抛出 ImportError，实际 ${String(e)}`);
    return e;
  }
  assert.fail(`${path} 应被拒绝`);
}

test('bounds: gridWidth is the width grid() builds, for random tables with spans', () => {
  let seed = 5;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
  for (let k = 0; k < 500; k++) {
    const rows: Cell[][] = Array.from({ length: 1 + rnd(8) }, () =>
      Array.from({ length: rnd(6) }, () => {
        const c: Cell = { text: 'x' };
        if (rnd(3) === 0) c.colSpan = 1 + rnd(4);
        if (rnd(3) === 0) c.rowSpan = 1 + rnd(4);
        return c;
      }),
    );
    // spans below the last row are cut first, as boundDocument does
    rows.forEach((row, r) => row.forEach((c) => c.rowSpan && (c.rowSpan = Math.min(c.rowSpan, rows.length - r))));
    const g = grid({ kind: 'table', rows });
    assert.equal(gridWidth(rows), Math.max(0, ...g.map((r) => r.length)), JSON.stringify(rows));
  }
});

test('bounds: a rowspan is cut at the last row and a colspan at 1000, before any grid is built', () => {
  const rows: Cell[][] = [[{ text: 'a', rowSpan: 65534, colSpan: 5000 }, { text: 'b' }], [{ text: 'c' }]];
  boundDocument({ format: 'html', blocks: [{ kind: 'table', rows }], warnings: [] }, defaultLimits);
  assert.deepEqual(rows[0][0], { text: 'a', rowSpan: 2, colSpan: 1000 });
  assert.equal(grid({ kind: 'table', rows }).length, 2);
});

test('hostile: the span bomb (50 × colspan=1000 rowspan=65534 in 2 KB) is refused as too many cells, at once', async () => {
  const bomb = hostile.spanBomb();
  assert.ok(bomb.length < 2500);
  const e = await refused(bomb, 'bomb.html');
  assert.equal(e.code, 'too-many-cells');
  assert.equal(e.message, '表格过大：第 1 个表格合并单元格展开后有 2,500,000 个单元格，超过上限 1,000,000 个，未读取');
});

test('hostile: the same spans in one row are cut to one row and read', async () => {
  const html = `<table><tr>${'<td colspan=1000 rowspan=65534>x</td>'.repeat(50)}</tr></table>`;
  const doc = await readDocument(new TextEncoder().encode(html), 'row.html');
  const t = doc.blocks[0];
  assert.equal(t.kind, 'table');
  if (t.kind === 'table') assert.deepEqual(t.rows[0][0], { text: 'x', colSpan: 1000 });
});

test('hostile: tables nested 3,000 deep are refused with the nesting limit, not a stack overflow', async () => {
  const e = await refused(hostile.deepDocx(3000), 'deep.docx');
  assert.equal(e.code, 'too-deep');
  assert.equal(e.message, '文件嵌套层次过深（超过 256 层），未读取');
  // 20 levels are a real document's worth: read
  const doc = await readDocument(hostile.deepDocx(20), 'nested.docx');
  assert.match(JSON.stringify(doc.blocks), /深/);
});

test('hostile: a 5,000-page PDF is refused with the page limit', async () => {
  const e = await refused(hostile.manyPagesPdf(5000), 'many.pdf');
  assert.equal(e.code, 'too-many-pages');
  assert.equal(e.message, 'PDF 页数过多（5000 页，上限 500 页），未读取');
});

test('hostile: a .docx with a damaged zip header is named a damaged docx, not "not a text file"', async () => {
  for (const name of ['damaged.docx', 'damaged']) {
    const e = await refused(hostile.damagedZipHeaderDocx(), name);
    assert.equal(e.code, 'corrupt');
    assert.equal(e.message, 'docx 文件已损坏（zip 目录无法读取）');
  }
});

test('hostile: a 50 MB cell in an .xlsx is refused as too long a cell, not as a zip bomb', async () => {
  const e = await refused(hostile.bigCellXlsx(50), 'big.xlsx');
  assert.equal(e.code, 'too-long');
  assert.equal(e.message, '单元格内容过长（超过 100,000 个字符），未读取');
});

test('hostile: a text file mixing GB18030 and UTF-8 lines is read line by line, with a warning', async () => {
  const { bytes, lines } = hostile.mixedEncodingText();
  const d = decodeText(bytes);
  assert.equal(d.encoding, 'mixed');
  assert.deepEqual(d.text.split('\n'), lines);
  const doc = await readDocument(bytes, 'mixed.txt');
  assert.deepEqual(doc.warnings.map((w) => w.message), ['文件混用 UTF-8 与 GB18030 两种编码，已逐行识别（按 GB18030 读取的行：第 2、4 行），请核对文字']);
  // a file all in GB18030 stays one encoding, without a warning
  const gb = decodeText(new Uint8Array(Buffer.from(lines.map((l) => iconv.encode(l, 'gb18030').toString('latin1')).join('\n'), 'latin1')));
  assert.equal(gb.encoding, 'gb18030');
  assert.deepEqual(gb.text.split('\n'), lines);
});

test('hostile: the limits are settable per call', async () => {
  const html = `<table>${'<tr><td>a</td><td>b</td></tr>'.repeat(10)}</table>`;
  await assert.rejects(readDocument(new TextEncoder().encode(html), 'a.html', { limits: resolveLimits({ maxTableCells: 10 }) }), (e: unknown) => e instanceof ImportError && e.code === 'too-many-cells');
  await assert.rejects(readDocument(new TextEncoder().encode('一二三四五六七八九十'), 'a.txt', { limits: { maxTextChars: 5 } }), (e: unknown) => e instanceof ImportError && e.message === '段落内容过长（超过 5 个字符），未读取');
});
