import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutIndicators, levelHeaders } from './table-layout.ts';

// The first rows of the 如皋 项目支出绩效自我评价评分表 (seed S3): 决策指标 spans 6 rows,
// 项目立项 and 绩效目标 2 rows each, as the merged cells on the paper form.
const rugao = [
  { id: '1', parentId: null, level: 1, name: '决策指标' },
  { id: '1.1', parentId: '1', level: 2, name: '项目立项' },
  { id: '1.1.1', parentId: '1.1', level: 3, name: '立项依据充分性' },
  { id: '1.1.2', parentId: '1.1', level: 3, name: '立项程序规范性' },
  { id: '1.2', parentId: '1', level: 2, name: '绩效目标' },
  { id: '1.2.1', parentId: '1.2', level: 3, name: '绩效目标合理性' },
  { id: '1.2.2', parentId: '1.2', level: 3, name: '绩效指标明确性' },
  { id: '1.3', parentId: '1', level: 2, name: '资金投入' },
  { id: '1.3.1', parentId: '1.3', level: 3, name: '预算编制科学性' },
  { id: '1.3.2', parentId: '1.3', level: 3, name: '资金分配合理性' },
  { id: '2', parentId: null, level: 1, name: '满意度指标' },
  { id: '2.1', parentId: '2', level: 2, name: '满意度指标' },
  { id: '2.1.1', parentId: '2.1', level: 3, name: '参培学员满意度' },
];

test('S3 form: one row per 三级 indicator, 一级/二级 cells merged over their leaves', () => {
  const l = layoutIndicators(rugao);
  assert.equal(l.depth, 3);
  assert.deepEqual(l.rows.map((r) => r.leaf.name), ['立项依据充分性', '立项程序规范性', '绩效目标合理性', '绩效指标明确性', '预算编制科学性', '资金分配合理性', '参培学员满意度']);
  const first = l.rows[0].cells.map((c) => [c.indicator.name, c.rowSpan, c.column]);
  assert.deepEqual(first, [['决策指标', 6, 0], ['项目立项', 2, 1], ['立项依据充分性', 1, 2]]);
  // the second leaf of a group starts no merged cell
  assert.deepEqual(l.rows[1].cells.map((c) => c.indicator.name), ['立项程序规范性']);
  assert.deepEqual(l.rows[2].cells.map((c) => [c.indicator.name, c.rowSpan]), [['绩效目标', 2], ['绩效目标合理性', 1]]);
  assert.deepEqual(l.rows[6].cells.map((c) => [c.indicator.name, c.rowSpan]), [['满意度指标', 1], ['满意度指标', 1], ['参培学员满意度', 1]]);
});

test('a leaf above the deepest level fills the remaining level columns (colSpan)', () => {
  const l = layoutIndicators([
    { id: '1', parentId: null, level: 1, name: '产出指标' },
    { id: '1.1', parentId: '1', level: 2, name: '数量指标' },
    { id: '1.1.1', parentId: '1.1', level: 3, name: '培训人数' },
    { id: '2', parentId: null, level: 1, name: '加减分' },
  ]);
  assert.equal(l.rows.length, 2);
  const bonus = l.rows[1].cells[0];
  assert.equal(bonus.indicator.name, '加减分');
  assert.equal(bonus.colSpan, 3);
  assert.equal(l.rows[0].cells[2].colSpan, 1);
});

test('every leaf is shown once even when its parent is missing', () => {
  const l = layoutIndicators([
    { id: '1.1', parentId: '9', level: 2, name: '孤立指标' },
    { id: '2', parentId: null, level: 1, name: '效益指标' },
  ]);
  assert.deepEqual(l.rows.map((r) => r.leaf.id), ['1.1', '2']);
  // total rowSpan of the first column equals the number of rows: the table has no holes
  const firstColumn = l.rows.flatMap((r) => r.cells.filter((c) => c.column === 0)).reduce((s, c) => s + c.rowSpan, 0);
  assert.equal(firstColumn, l.rows.length);
});

test('level headers in Chinese', () => {
  assert.deepEqual(levelHeaders(3), ['一级指标', '二级指标', '三级指标']);
});
