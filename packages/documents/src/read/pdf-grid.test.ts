// Issue 11: the PDF reader rebuilds a table's grid from text positions and cell borders, so that a
// PDF table comes out as the .docx of the same table does. Each case is a real published table written
// as HTML with its merged cells (test-fixtures/pdf/README.md), converted once to .pdf (LibreOffice or
// Chromium) and once to .docx (LibreOffice); the two readers must give the same cells.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { grid, type Table } from '../document.ts';
import { readDocx } from './docx.ts';
import { readPdf } from './pdf.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test-fixtures/pdf/${name}`, import.meta.url)));

async function tables(name: string): Promise<Table[]> {
  const doc = name.endsWith('.pdf') ? await readPdf(fixture(name), name) : await readDocx(fixture(name), name);
  return doc.blocks.filter((b): b is Table => b.kind === 'table');
}

/**
 * Cell texts of the expanded grid, spaces removed. A column that no border separates from its left
 * neighbour in any row (two HTML columns always merged together) cannot exist in a PDF: it is folded.
 * Without borders, a merged cell can only be seen as its text in its first row (`plain`).
 */
function cells(t: Table, plain = false): string[][] {
  const g = grid(t);
  const keep = g[0].map((_, c) => c === 0 || g.some((r) => r[c].originCol !== r[c - 1].originCol || r[c].originRow !== r[c - 1].originRow));
  return g.map((r) => r.filter((_, c) => keep[c]).map((c) => (plain && c.merged ? '' : c.text.replace(/\s+/g, ''))));
}

async function same(pdf: string, docx: string, plain = false) {
  const [p, d] = [await tables(pdf), await tables(docx)];
  assert.equal(p.length, d.length, `${pdf}: 表格数`);
  for (let k = 0; k < d.length; k++) assert.deepEqual(cells(p[k], plain), cells(d[k], plain), `${pdf}: 第 ${k + 1} 个表格`);
  return p;
}

test('pdf grid: real case 01 — a 计分表 over two pages with its header row repeated reads as its .docx, once with the header', async () => {
  const [t] = await same('office-01.pdf', 'office-01.docx');
  const g = cells(t);
  // office-01.html: one header row, eight indicator rows (项目决策 over four, 项目管理 over four)
  assert.equal(g.length, 9);
  assert.equal(g.filter((r) => r[0] === '一级指标').length, 1);
  assert.deepEqual(g[5].slice(0, 4), ['项目管理(25分)', '资金到位(5分)', '到位率(3分)', '3']);
  assert.deepEqual(g[8].slice(0, 4), ['项目管理(25分)', '资金管理(10分)', '财务管理(3分)', '3']);
});

test('pdf grid: real case 02 — an l3 label interleaved line by line with its target stays in its own cell; the vertical 绩效指标 label is one merged cell', async () => {
  const [t] = await same('office-02.pdf', 'office-02.docx');
  const g = grid(t);
  const row = g.find((r) => r.some((c) => c.text.startsWith('1290.3平方米冷库')))!;
  // office-02.html: 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分
  assert.deepEqual(row.slice(3, 8).map((c) => c.text), ['1290.3平方米冷库仓储建设及配套生产设备、配套电力设施购置安装', '≥1290.3平方米', '1290.3平方米', '10.3', '10.3']);
  assert.equal(row[0].text, '绩效指标');
  const label = g.filter((r) => r[0].text === '绩效指标');
  assert.equal(label.length, 7);
  assert.equal(label.filter((r) => !r[0].merged).length, 1);
});

test('pdf grid: level-1 labels printed one character per line and a vertical 绩效指标 label (real table 18), LibreOffice and Chromium', async () => {
  await same('r18-vertical.pdf', 'r18-vertical.docx');
  // Chromium's text layer: radicals for some characters, ⸺ for ——
  const [t] = await same('r18-vertical-chromium.pdf', 'r18-vertical.docx');
  const g = cells(t);
  assert.ok(g.some((r) => r[1] === '产出指标' && r[3] === '维护电影放映设备数量'));
  assert.ok(g.some((r) => r[2] === '其中:当年财政拨款' && r[5] === '——'));
});

test('pdf grid: a table running over a page break without a repeated header keeps its merged cells across the break (real table 16)', async () => {
  const [t] = await same('r16-break.pdf', 'r16-break.docx');
  const g = cells(t);
  // r16-break.html: 种公猪 is the last row, under 产出指标(40分) / 数量指标, alone on the second page
  assert.deepEqual(g[g.length - 1].slice(0, 4), ['绩效指标', '产出指标(40分)', '数量指标', '种公猪(≥头)']);
});

test('pdf grid: Chromium repeats the header on each page and prints page numbers at the foot: one table, one header, no page number', async () => {
  const [t] = await same('r16-repeat.pdf', 'r16-repeat.docx');
  const g = cells(t);
  assert.equal(g.filter((r) => r[0] === '一级指标').length, 1);
  // the footers read '- 1 -' and '- 2 -'
  assert.ok(!g.flat().some((c) => /^-\d+-$/.test(c)));
  // the header and the 18 indicator rows of r16-repeat.html
  assert.equal(g.length, 1 + 18);
});

test('pdf grid: 其中 sub-rows and letter-spaced labels, with borders (real table 08)', async () => {
  await same('r08-ruled.pdf', 'r08-ruled.docx');
});

test('pdf grid: a table without borders — columns from the white strips between cells, centred headings wrapped over two lines', async () => {
  const [t] = await same('r08-plain.pdf', 'r08-plain.docx', true);
  const g = cells(t, true);
  assert.deepEqual(g[0], ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分']);
  assert.deepEqual(g[1], ['产出指标(50分)', '数量指标', '★补助各类瓜果蔬菜种植面积', '29.5亩', '29.5亩', '20', '20']);
  assert.ok(g.some((r) => r[2] === '特色产业带动增加受益农户收入(总收入)'));
});

test('pdf grid: a table without borders over a page break, its heading printed again on the next page, an empty 分值 column (real table 16)', async () => {
  const [t] = await same('r16-plain.pdf', 'r16-plain.docx', true);
  const g = cells(t, true);
  // r16-plain.html: the heading once, then the 18 indicator rows; 分值 empty in every row (scores-only form)
  assert.deepEqual(g[0], ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分']);
  assert.equal(g.length, 1 + 18);
  assert.ok(g.slice(1).every((r) => r[5] === ''));
  assert.deepEqual(g[g.length - 1], ['', '', '种公猪(≥头)', '2', '2', '', '2']);
});
