import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { readText, joinCjkSpaces } from './text.ts';
import type { Table } from '../document.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const tables = (s: string) => readText(enc(s)).blocks.filter((b): b is Table => b.kind === 'table');
const texts = (t: Table) => t.rows.map((r) => r.map((c) => c.text));

test('tab-separated rows: one table across blank lines (page breaks), lines 1-based', () => {
  const doc = readText(enc('标题\n\n一级指标\t分值\n决策\t2\n\n一级指标\t分值\n过程\t3\n说明文字'));
  assert.equal(doc.blocks.length, 3);
  const t = doc.blocks[1] as Table;
  assert.deepEqual(texts(t), [['一级指标', '分值'], ['决策', '2'], ['一级指标', '分值'], ['过程', '3']]);
  assert.equal(t.rows[3][0].line, 7);
  assert.deepEqual(doc.blocks[2], { kind: 'paragraph', text: '说明文字', line: 8 });
});

test('one cell per line: continuation lines, multi-line cells, leading tabs as empty cells', () => {
  const [t] = tables('\t绩\n效\n指\n标\n\t一级指标\n\t实际\n完成值\n\n\t\t\t立项程序规范性\n\t1.5\n');
  assert.deepEqual(texts(t), [['绩\n效\n指\n标', '一级指标', '实际\n完成值'], ['', '', '立项程序规范性', '1.5']]);
  assert.equal(t.rows[1][2].line, 9);
});

test('one cell per line: a stray blank line inside a row is repaired by the header width', () => {
  const [t] = tables('\tA\n\tB\n\tC\n\n\t1\n\n\t2\n\t3\n');
  assert.deepEqual(texts(t), [['A', 'B', 'C'], ['1', '2', '3']]);
});

test('one cell per line: text after a blank line continues an incomplete row, a heading ends the table', () => {
  const [t] = tables('\tA\n\tB\n\tC\n\n\t名称\n\t1.第一\n\n2.第二\n\t3\n\n\n（四）分析\n');
  assert.deepEqual(texts(t), [['A', 'B', 'C'], ['名称', '1.第一\n2.第二', '3']]);
  const doc = readText(enc('\tA\n\tB\n\n\tx\n\ty\n\n\n（四）分析\n'));
  assert.equal(doc.blocks[1].kind, 'paragraph');
});

test('spaces inside Chinese words from PDF text are removed, spaces at digits kept', () => {
  assert.equal(joinCjkSpaces('年初指 标值'), '年初指标值');
  assert.equal(joinCjkSpaces('300 人 次'), '300 人次');
  assert.equal(joinCjkSpaces('2024 年度 report 2'), '2024 年度 report 2');
  const [t] = tables('一级 指标\t得 分\n');
  assert.deepEqual(texts(t), [['一级指标', '得分']]);
});

test('GB18030 and UTF-8 with BOM decode to the same document', () => {
  const s = '项目名称：测试\n一级指标\t分值\n决策\t10\n';
  const a = readText(enc(s));
  const b = readText(new Uint8Array(iconv.encode(s, 'gb18030')));
  const c = readText(new Uint8Array([0xef, 0xbb, 0xbf, ...enc(s)]));
  assert.deepEqual(b.blocks, a.blocks);
  assert.deepEqual(c.blocks, a.blocks);
});

test('binary input is refused with a Chinese message', () => {
  const bin = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14, 0, 0xff, 0x00]);
  assert.throws(() => readText(bin), /不是文本文件/);
  const noise = new Uint8Array(400).map((_, i) => (i * 7) % 31 + 1);
  assert.throws(() => readText(noise), /不是文本文件/);
});

test('UTF-16 with and without BOM (Windows “Unicode” saves) decodes like UTF-8', () => {
  const s = '项目名称：测试 2024\n一级指标\t分值\nA\t10\n';
  const le = new Uint8Array(iconv.encode(s, 'utf-16le'));
  const bom = new Uint8Array([0xff, 0xfe, ...le]);
  assert.deepEqual(readText(le).blocks, readText(enc(s)).blocks);
  assert.deepEqual(readText(bom).blocks, readText(enc(s)).blocks);
});

test('Windows line ends (CRLF) give the same blocks and line numbers', () => {
  const s = '标题\n\n\t一级指标\n\t分值\n\n\t决策\n\t10\n';
  assert.deepEqual(readText(enc(s.replace(/\n/g, '\r\n'))).blocks, readText(enc(s)).blocks);
  const [t] = tables(s.replace(/\n/g, '\r\n'));
  assert.deepEqual(t.rows.map((r) => r.map((c) => c.line)), [[3, 4], [6, 7]]);
});

test('UTF-16LE without BOM when the text is mostly Chinese (few NUL bytes from line ends only)', () => {
  const s = '南京市人民政府外事办公室二〇二四年度部门整体支出绩效自评报告为加强财政支出管理提高财政资金使用效益\n一级指标\t分值\n决策\t10\n';
  const doc = readText(new Uint8Array(iconv.encode(s, 'utf16le')));
  assert.deepEqual(doc.blocks.map((b) => b.kind), ['paragraph', 'table']);
  assert.deepEqual(texts(doc.blocks[1] as Table), [['一级指标', '分值'], ['决策', '10']]);
});

test('pipe rows and one cell per line ending in " |" are tables; a page marker inside a cell joins its pieces', () => {
  const [a] = tables('| 一级指标 | 分值 |\n|---|---|\n| 决策 | 10 |\n');
  assert.deepEqual(texts(a), [['一级指标', '分值'], ['决策', '10']]);
  const [b] = tables('一级指标 |\n分值 |\n||\n决策 |\n|\n|||\n');
  assert.deepEqual(texts(b), [['一级指标', '分值'], ['决策', '']]);
  const doc = readText(enc('一级指标\t得分\t备注\n产出\t10\n- 2 -\n0%\t说明\n'));
  const parts = doc.blocks.filter((x): x is Table => x.kind === 'table');
  assert.deepEqual(texts(parts[0]), [['一级指标', '得分', '备注'], ['产出', '100%', '说明']]);
  assert.equal(parts[0].page, 2);
});

test('a run of two or more spaces between Chinese words separates columns and is kept (pdftotext -layout)', () => {
  assert.equal(joinCjkSpaces('一级指标   二级指标'), '一级指标   二级指标');
  assert.equal(joinCjkSpaces('年初指 标值'), '年初指标值');
});

test('CSV (a sheet saved as .csv): quoted commas, quotes and line breaks; one-field records are paragraphs', () => {
  const csv = '项目支出绩效自评表,,,\n项目名称,测试项目,,\n一级指标,指标值,分值,得分\n"产出,数量","≥300""人次""",20,20\n"满意度\n指标",≥90%,80,78\n';
  const doc = readText(enc(csv), 'a.csv');
  assert.deepEqual(doc.blocks.map((b) => b.kind), ['paragraph', 'table']);
  assert.deepEqual(texts(doc.blocks[1] as Table), [
    ['项目名称', '测试项目', '', ''],
    ['一级指标', '指标值', '分值', '得分'],
    ['产出,数量', '≥300"人次"', '20', '20'],
    ['满意度\n指标', '≥90%', '80', '78'],
  ]);
  assert.equal((doc.blocks[1] as Table).rows[3][0].line, 5);
});

test('markdown tables without outer pipes ("a | b" over "---|---")', () => {
  const [t] = tables('一级指标 | 分值 | 得分\n---|:---:|---\n产出 | 50 | 48\n');
  assert.deepEqual(texts(t), [['一级指标', '分值', '得分'], ['产出', '50', '48']]);
});

test('page markers: "- 2 -", "— 3 —", "第 4 页", "第5页 共9页", "6、" alone; not a numbered heading', async () => {
  const { pageMarker } = await import('./text.ts');
  assert.deepEqual(['- 2 -', '— 3 —', '第 4 页', '第5页 共9页', '6、', '  7、 '].map(pageMarker), [2, 3, 4, 5, 6, 7]);
  assert.deepEqual(['2、年度预算执行情况', '12.5', '第二页', '- a -'].map(pageMarker), [null, null, null, null]);
});
