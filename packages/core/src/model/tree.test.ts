import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addIndicator, countByLevel, indentIndicator, layoutIndicators, levelHeaders, moveIndicator, outdentIndicator, removeIndicator, renameIndicator } from './tree.ts';
import type { Indicator } from './evaluation.ts';

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

// ---------------------------------------------------------------- editing

const row = (id: string, parentId: string | null, name: string, extra: Partial<Indicator> = {}): Indicator => ({
  id, parentId, level: id.split('.').length, path: [], name, target: null, actual: null, weight: null, statedScore: null, ...extra,
});
/** 产出 (数量: 培训人数, 培训天数), 效益 (社会效益: 就业率) */
const withPaths = (list: Indicator[]): Indicator[] => {
  const by = new Map<string, Indicator>();
  return list.map((i) => {
    const r = { ...i, path: i.parentId ? [...by.get(i.parentId)!.path, i.name] : [i.name] };
    by.set(i.id, r);
    return r;
  });
};
const small = (): Indicator[] => withPaths([
  row('1', null, '产出'),
  row('1.1', '1', '数量指标'),
  row('1.1.1', '1.1', '培训人数', { target: '≥100人', weight: '20' }),
  row('1.1.2', '1.1', '培训天数', { target: '≥5天', weight: '10' }),
  row('2', null, '效益'),
  row('2.1', '2', '社会效益'),
  row('2.1.1', '2.1', '就业率', { target: '≥80%', weight: '30' }),
]);
const shape = (list: Indicator[]) => list.map((i) => `${i.id} ${i.parentId ?? '-'} L${i.level} ${i.path.join('/')}`);

test('add: a sibling after a row (after its subtree), a child, a new 一级; ids, levels and paths renumbered', () => {
  const a = addIndicator(small(), '1.1', 'after', '质量指标');
  assert.deepEqual(shape(a.indicators).slice(0, 5), ['1 - L1 产出', '1.1 1 L2 产出/数量指标', '1.1.1 1.1 L3 产出/数量指标/培训人数', '1.1.2 1.1 L3 产出/数量指标/培训天数', '1.2 1 L2 产出/质量指标']);
  assert.equal(a.focus, '1.2');
  const b = addIndicator(a.indicators, '1.2', 'child', '合格率');
  assert.equal(b.focus, '1.2.1');
  assert.deepEqual(b.indicators.find((i) => i.id === '1.2.1')?.path, ['产出', '质量指标', '合格率']);
  const c = addIndicator(small(), null, 'after', '满意度');
  assert.deepEqual([c.focus, c.indicators.at(-1)?.level], ['3', 1]);
  // what the rows held is kept
  assert.equal(b.indicators.find((i) => i.name === '就业率')?.target, '≥80%');
});

test('remove: the row and its subtree go, focus moves to the next sibling, else the previous, else the parent', () => {
  const r = removeIndicator(small(), '1.1.1');
  assert.deepEqual(r.indicators.map((i) => i.name), ['产出', '数量指标', '培训天数', '效益', '社会效益', '就业率']);
  assert.equal(r.focus, '1.1.1'); // 培训天数, renumbered
  const p = removeIndicator(small(), '1');
  assert.deepEqual(shape(p.indicators), ['1 - L1 效益', '1.1 1 L2 效益/社会效益', '1.1.1 1.1 L3 效益/社会效益/就业率']);
  assert.equal(removeIndicator(small(), '2.1.1').focus, '2.1');
});

test('rename: the descendants’ paths follow', () => {
  const r = renameIndicator(small(), '1', '产出指标');
  assert.deepEqual(r.indicators.find((i) => i.id === '1.1.2')?.path, ['产出指标', '数量指标', '培训天数']);
  assert.deepEqual(r.indicators.find((i) => i.id === '2.1.1')?.path, ['效益', '社会效益', '就业率']);
  assert.equal(r.indicators[0].name, '产出指标');
});

test('indent under the sibling above, outdent after the parent keeping the row order; refused at the edges', () => {
  assert.equal(indentIndicator(small(), '1.1.1'), null, 'the first sibling has nothing above to go under');
  assert.equal(indentIndicator(small(), '1.1.2')?.focus, '1.1.1.1');
  const o = outdentIndicator(small(), '1.1.1')!;
  // 培训人数 becomes a 二级 after 数量指标 … and 培训天数 (below it) becomes its child: same row order
  assert.deepEqual(shape(o.indicators).slice(0, 4), ['1 - L1 产出', '1.1 1 L2 产出/数量指标', '1.2 1 L2 产出/培训人数', '1.2.1 1.2 L3 产出/培训人数/培训天数']);
  assert.deepEqual(o.indicators.map((x) => x.name), small().map((x) => x.name));
  const back = indentIndicator(o.indicators, '1.2')!;
  assert.deepEqual(shape(back.indicators).slice(0, 4), ['1 - L1 产出', '1.1 1 L2 产出/数量指标', '1.1.1 1.1 L3 产出/数量指标/培训人数', '1.1.1.1 1.1.1 L4 产出/数量指标/培训人数/培训天数']);
  assert.equal(outdentIndicator(small(), '1'), null);
});

test('move: a row swaps with its sibling, subtree and all; nothing past either end', () => {
  const m = moveIndicator(small(), '2', -1)!;
  assert.deepEqual(m.indicators.map((i) => i.name), ['效益', '社会效益', '就业率', '产出', '数量指标', '培训人数', '培训天数']);
  assert.equal(m.focus, '1');
  assert.equal(moveIndicator(small(), '2', 1), null);
  const d = moveIndicator(small(), '1.1.1', 1)!;
  assert.deepEqual(d.indicators.slice(2, 4).map((i) => [i.id, i.name]), [['1.1.1', '培训天数'], ['1.1.2', '培训人数']]);
});

test('counts per level', () => {
  assert.deepEqual(countByLevel(small()), [2, 2, 3]);
});
