// Issue 3 reader 1 (.pdf): rows rebuilt from glyph positions, CJK radicals normalised, no text → 扫描件.
// The fixtures were printed by Chromium with Noto Sans CJK, whose text layer maps some characters to
// Kangxi / CJK-supplement radicals (⽴ for 立, ⻔ for 门): the raw pdf.js text has them, ours must not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { grid, type Table } from '../document.ts';
import { normalizeRadicals, readPdf } from './pdf.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test-fixtures/formats/${name}`, import.meta.url)));
const RADICALS = /[\u2E80-\u2FDF]/;

async function rawText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  let s = '';
  for (let p = 1; p <= pdf.numPages; p++) for (const it of (await (await pdf.getPage(p)).getTextContent()).items) if ('str' in it) s += it.str;
  await pdf.destroy();
  return s;
}

test('pdf: normalizeRadicals maps Kangxi and supplement radicals to the characters (⽬ → 目, ⻔ → 门, ⻓ → 长)', () => {
  assert.equal(normalizeRadicals('项⽬⽀出 部⻔ 中⻓期 ⼀级'), '项目支出 部门 中长期 一级');
  assert.equal(normalizeRadicals('目标'), '目标');
});

test('pdf: seed 003 评分表 rows and merged cells rebuilt from the cell borders (seed 003 lines 47–58), without radicals', async () => {
  const bytes = fixture('003-table.pdf');
  assert.ok(RADICALS.test(await rawText(bytes)), '夹具的原始文字层应含部首字符（否则此测试测不到归一化）');
  const doc = await readPdf(bytes, '003-table.pdf');
  const tables = doc.blocks.filter((b): b is Table => b.kind === 'table');
  assert.equal(tables.length, 1);
  // the cell borders give back the merged cells of the printed table (评价指标 over three columns,
  // 年初指标值 … over two rows, 决策指标 down its rows)
  const g = grid(tables[0]).map((r) => r.map((c) => (c.merged ? '*' : '') + c.text));
  assert.deepEqual(g[0], ['评价指标', '*评价指标', '*评价指标', '年初指标值', '实际完成值', '分值', '得分', '评分依据']);
  assert.deepEqual(g[1], ['一级指标', '二级指标', '三级指标', '*年初指标值', '*实际完成值', '*分值', '*得分', '*评分依据']);
  assert.deepEqual(g[2], ['决策指标', '项目立项', '立项依据充分性', '充分', '充分', '2', '2', '']);
  assert.deepEqual(g[3], ['*决策指标', '*项目立项', '立项程序规范性', '规范', '规范', '2', '2', '']);
  assert.deepEqual(g[8].slice(0, 7), ['过程指标', '资金管理', '资金到位率', '100%', '100%', '3', '3']);
  const all = doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.rows.flat().map((c) => c.text).join(' '))).join('\n');
  assert.ok(!RADICALS.test(all));
  assert.ok(doc.blocks.some((b) => b.kind === 'paragraph' && b.text === '项目名称：新录用事业人员培训及事业人员嘉奖证书'));
});

test('pdf: seed 002 部门整体 table — a label wrapped over two lines is one cell, merged down its rows (seed 002 line 52: A部门决策（15分）)', async () => {
  const doc = await readPdf(fixture('002-table.pdf'), '002-table.pdf');
  const t = doc.blocks.find((b): b is Table => b.kind === 'table');
  assert.ok(t);
  const g = grid(t).map((r) => r.map((c) => (c.merged ? '*' : '') + c.text));
  assert.deepEqual(g[0], ['一级指标', '二级指标', '三级指标（参考）', '指标说明', '评价要点', '分数权重', '自评得分情况']);
  assert.deepEqual(g[1], ['A部门决策（15分）', 'A1决策机制', 'A11决策制度的规范性', '', '', '15分', '12分']);
  assert.deepEqual(g[2], ['*A部门决策（15分）', '*A1决策机制', 'A12决策流程的科学性', '', '', '', '']);
  const text = g.flat().join('');
  assert.ok(text.includes('A22中长期规划与部门职能的匹配性'));
  assert.ok(!RADICALS.test(text));
});

test('pdf: a table without borders is still read, rows from positions and columns from left edges', async () => {
  // print a borderless table: the fallback path (no rules on the page)
  const { existsSync } = await import('node:fs');
  const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
  assert.ok(existsSync(chromium), `需要 Chromium 打印无边框表格：${chromium} 不存在（apt-get install chromium）`);
  const { toPdfs } = await import('../../scripts/make-fixtures.ts');
  const slots = [
    ['一级指标', '二级指标', '三级指标', '分值', '得分'],
    ['产出指标', '数量指标', '资助孵化海创数量', '15', '12'],
    ['', '质量指标', '符合资助政策规定', '15', '15'],
  ].map((r) => r.map((text) => ({ text, rs: 1, cs: 1 })));
  const [bytes] = await toPdfs([{ blocks: [{ kind: 'laid', slots, width: 5 }] }], chromium, 'td{border:none}');
  const doc = await readPdf(bytes, 'plain.pdf');
  const t = doc.blocks.find((b): b is Table => b.kind === 'table');
  assert.ok(t);
  assert.deepEqual(grid(t).map((r) => r.map((c) => c.text)), [
    ['一级指标', '二级指标', '三级指标', '分值', '得分'],
    ['产出指标', '数量指标', '资助孵化海创数量', '15', '12'],
    ['', '质量指标', '符合资助政策规定', '15', '15'],
  ]);
});

test('pdf: cells centred vertically and horizontally (as Word prints them) land in their merged cells', async () => {
  const { existsSync } = await import('node:fs');
  const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
  assert.ok(existsSync(chromium), `需要 Chromium 打印居中表格：${chromium} 不存在（apt-get install chromium）`);
  const { layoutSeed, firstTable, toPdfs } = await import('../../scripts/make-fixtures.ts');
  const seed = new URL('../../test-fixtures/seeds/003_6726b065a193cc5c.txt', import.meta.url);
  const layout = firstTable(layoutSeed(readFileSync(seed, 'utf8'), '003.txt'), 12);
  const [bytes] = await toPdfs([layout], chromium, 'td{vertical-align:middle;text-align:center}');
  const doc = await readPdf(bytes, 'centred.pdf');
  const t = doc.blocks.find((b): b is Table => b.kind === 'table');
  assert.ok(t);
  const g = grid(t).map((r) => r.map((c) => (c.merged ? '*' : '') + c.text));
  // seed 003 lines 47–58: 决策指标 over six rows, 项目立项/绩效目标/资金投入 over two each
  assert.deepEqual(g[2], ['决策指标', '项目立项', '立项依据充分性', '充分', '充分', '2', '2', '']);
  assert.deepEqual(g[3], ['*决策指标', '*项目立项', '立项程序规范性', '规范', '规范', '2', '2', '']);
  assert.deepEqual(g.slice(2, 8).map((r) => r[0]), ['决策指标', '*决策指标', '*决策指标', '*决策指标', '*决策指标', '*决策指标']);
  assert.deepEqual(g[8].slice(0, 7), ['过程指标', '资金管理', '资金到位率', '100%', '100%', '3', '3']);
});

test('pdf: a table printed sideways (text running up the page) is read as if upright', async () => {
  const { existsSync } = await import('node:fs');
  const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
  assert.ok(existsSync(chromium), `需要 Chromium 打印旋转的表格：${chromium} 不存在（apt-get install chromium）`);
  const { layoutSeed, firstTable, toPdfs } = await import('../../scripts/make-fixtures.ts');
  const seed = new URL('../../test-fixtures/seeds/003_6726b065a193cc5c.txt', import.meta.url);
  const layout = firstTable(layoutSeed(readFileSync(seed, 'utf8'), '003.txt'), 6);
  const css = 'body{transform:rotate(90deg);transform-origin:top left;position:absolute;left:100%;width:180mm}';
  const [bytes] = await toPdfs([layout], chromium, css);
  const doc = await readPdf(bytes, 'sideways.pdf');
  const t = doc.blocks.find((b): b is Table => b.kind === 'table');
  assert.ok(t);
  const g = grid(t).map((r) => r.map((c) => (c.merged ? '*' : '') + c.text));
  assert.deepEqual(g[2], ['决策指标', '项目立项', '立项依据充分性', '充分', '充分', '2', '2', '']);
  assert.deepEqual(g[3], ['*决策指标', '*项目立项', '立项程序规范性', '规范', '规范', '2', '2', '']);
});
