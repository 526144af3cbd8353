// Issue 3 "Must show": each format reader rebuilds the merged cells of the fixtures made from the seeds.
// Expected cells are read off the seed text by hand (seed 001 lines 454–520, the first 自评表
// 海创扶持资金; seed 003 lines 47–58, the 如皋 评分表); the spans are the ones the fixture script writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { grid, type Table } from '../document.ts';
import { readDocument } from './index.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test-fixtures/formats/${name}`, import.meta.url)));

async function tableWith(name: string, text: string): Promise<Table> {
  const doc = await readDocument(fixture(name), name);
  const t = doc.blocks.find((b): b is Table => b.kind === 'table' && b.rows.some((r) => r.some((c) => c.text.includes(text))));
  assert.ok(t, `${name}: 找不到包含「${text}」的表`);
  return t;
}

/** Grid texts, merged positions marked with a leading '*'. */
const view = (t: Table) => grid(t).map((r) => r.map((c) => (c.merged ? '*' : '') + c.text));

for (const fmt of ['docx', 'xlsx', 'html']) {
  test(`merged cells (${fmt}): seed 001 自评表 — 资金 block header over 2 columns and 3 rows, 绩效指标 and 一级 merged down`, async () => {
    const g = view(await tableWith(`001.${fmt}`, '海创扶持资金'));
    assert.deepEqual(g[0].slice(0, 3), ['项目名称', '*项目名称', '海创扶持资金']);
    assert.ok(g[0].slice(3).every((x) => x === '*海创扶持资金'), '项目名称的值应横跨其余各列');
    assert.deepEqual(g[3], ['项目资金\n（万元）', '*项目资金\n（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']);
    assert.deepEqual(g[4], ['*项目资金\n（万元）', '*项目资金\n（万元）', '年度资金总额', '2700', '1300', '1160', '10', '89.23%', '9']);
    assert.deepEqual(g[5], ['*项目资金\n（万元）', '*项目资金\n（万元）', '其中：当年财政拨款', '2700', '1300', '1160', '—', '', '—']);
    assert.deepEqual(g[8].slice(1), ['一级指标', '二级指标', '三级指标', '年度指标值', '实际\n完成值', '分值', '得分', '偏差原因分析及改进措施']);
    assert.deepEqual(g[9], ['*绩\n效\n指\n标', '产出指标', '数量指标', '资助孵化海创数量', '≥50个', '基本达成', '15', '12', '部分项目暂不符合扶持条件。']);
    // 产出指标 covers 数量/质量/时效/成本 (seed lines 520–560), then 效益指标 starts
    assert.deepEqual(g.slice(10, 13).map((r) => r[1]), ['*产出指标', '*产出指标', '*产出指标']);
    assert.equal(g[13][1], '效益指标');
    assert.equal(g[10][2], '质量指标');
  });

  test(`merged cells (${fmt}): seed 003 如皋 评分表 — 评价指标 over three columns, other headings over two rows`, async () => {
    const g = view(await tableWith(`003.${fmt}`, '立项依据充分性'));
    assert.deepEqual(g[0], ['评价指标', '*评价指标', '*评价指标', '年初指标值', '实际完成值', '分值', '得分', '评分依据']);
    assert.deepEqual(g[1], ['一级指标', '二级指标', '三级指标', '*年初指标值', '*实际完成值', '*分值', '*得分', '*评分依据']);
    assert.deepEqual(g[2], ['决策指标', '项目立项', '立项依据充分性', '充分', '充分', '2', '2', '']);
    assert.deepEqual(g[3], ['*决策指标', '*项目立项', '立项程序规范性', '规范', '规范', '2', '2', '']);
    assert.deepEqual(g[8].slice(0, 3), ['过程指标', '资金管理', '资金到位率']);
  });
}

test('merged cells (xlsx): the 执行率 cell is a formula; the reader shows its result as displayed (89.23%), not the formula', async () => {
  const { unzipSync, strFromU8 } = await import('fflate');
  const files = unzipSync(fixture('001.xlsx'));
  const sheets = Object.keys(files).filter((n) => n.startsWith('xl/worksheets/sheet'));
  assert.ok(sheets.some((n) => /<f>[A-Z]+\d+\/[A-Z]+\d+<\/f>/.test(strFromU8(files[n]))), '夹具里应有公式单元格');
  const t = await tableWith('001.xlsx', '海创扶持资金');
  assert.ok(!t.rows.flat().some((c) => /^[A-Z]+\d+\/[A-Z]+\d+$/.test(c.text)));
  assert.ok(t.rows.flat().some((c) => c.text === '89.23%'));
});

test('merged cells (xlsx): one sheet per table, the title lines above it read as paragraphs', async () => {
  const doc = await readDocument(fixture('003.xlsx'), '003.xlsx');
  const tables = doc.blocks.filter((b) => b.kind === 'table');
  assert.equal(tables.length, 13); // seed 003 has 13 评分表
  assert.ok(tables.every((t) => t.kind === 'table' && t.sheet));
  assert.ok(doc.blocks.some((b) => b.kind === 'paragraph' && b.text === '项目名称：全省社保基金监管软件联网经费'));
});
