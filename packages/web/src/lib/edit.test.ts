import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Evaluation } from '@jixiao/core';
import { applyEdit, applyEdits, diffEvaluations, editKey, readEdit, type Edit } from './edit.ts';

const base: Evaluation = {
  subject: 'project',
  title: '新录用事业人员培训',
  unit: '如皋市人力资源和社会保障局',
  fiscalYear: 2024,
  budget: {
    unit: '万元', initialBudget: '10', adjustedBudget: '10', executed: '9', weight: '10', statedRate: null, statedScore: null,
    lines: [{ fundSource: 'total', label: '年度资金总额', initialBudget: '10', adjustedBudget: '10', executed: '9' }],
  },
  indicators: [
    { id: '1', parentId: null, level: 1, path: ['产出指标'], name: '产出指标', target: null, actual: null, weight: '50', statedScore: '50' },
    { id: '1.1', parentId: '1', level: 2, path: ['产出指标', '数量指标'], name: '数量指标', target: null, actual: null, weight: null, statedScore: null },
    { id: '1.1.1', parentId: '1.1', level: 3, path: ['产出指标', '数量指标', '培训人数'], name: '培训人数', target: '≥100人', actual: '120人', weight: '5', statedScore: '5' },
  ],
  statedTotal: '98', statedGrade: '优', sections: [], facts: [], problems: [],
};

test('an indicator edit changes only that cell and leaves the input untouched', () => {
  const e = applyEdit(base, { kind: 'indicator', id: '1.1.1', field: 'actual', value: '80人' });
  assert.equal(e.indicators[2].actual, '80人');
  assert.equal(base.indicators[2].actual, '120人');
  assert.equal(e.indicators[0], base.indicators[0]);
});

test('an emptied cell becomes null (stated as missing)', () => {
  const e = applyEdit(base, { kind: 'indicator', id: '1.1.1', field: 'statedScore', value: '  ' });
  assert.equal(e.indicators[2].statedScore, null);
});

test('budget amounts of the block are mirrored on its 年度资金总额 line', () => {
  const e = applyEdit(base, { kind: 'budget', field: 'executed', value: '7.5' });
  assert.equal(e.budget!.executed, '7.5');
  assert.equal(e.budget!.lines[0].executed, '7.5');
});

test('edits re-applied on a newer version keep both people\'s changes', () => {
  const theirs = applyEdit(base, { kind: 'indicator', id: '1.1.1', field: 'target', value: '≥110人' });
  const mine: Edit[] = [
    { kind: 'indicator', id: '1.1.1', field: 'actual', value: '90人' },
    { kind: 'section', index: 0, field: 'text', value: '完成培训' },
  ];
  const merged = applyEdits(theirs, mine);
  assert.equal(merged.indicators[2].target, '≥110人');
  assert.equal(merged.indicators[2].actual, '90人');
  assert.equal(merged.sections[0].text, '完成培训');
  assert.equal(readEdit(merged, mine[0]), '90人');
  assert.notEqual(editKey(mine[0]), editKey({ kind: 'indicator', id: '1.1.1', field: 'target', value: null }));
});

test('diff lists changed cells with their path in Chinese', () => {
  const b = applyEdits(base, [
    { kind: 'indicator', id: '1.1.1', field: 'actual', value: '80人' },
    { kind: 'budget', field: 'executed', value: '8' },
  ]);
  const d = diffEvaluations(base, b);
  assert.deepEqual(d.map((c) => [c.label, c.from, c.to]), [
    ['产出指标 / 数量指标 / 培训人数 · 实际完成值', '120人', '80人'],
    ['资金 · 全年执行数', '9', '8'],
  ]);
});

test('diff keys the cells like the edits, lists an added indicator as one row and leaves out what the editor does not edit', () => {
  const b = applyEdits(base, [
    { kind: 'meta', field: 'title', value: '新录用人员培训' },
    { kind: 'indicator', id: '1.1.1', field: 'target', value: '≥110人' },
  ]);
  b.framework = 'rugao-project-2024'; // not a cell of the editor
  b.indicators = [...b.indicators, { id: '1.1.2', parentId: '1.1', level: 3, path: ['产出指标', '数量指标', '培训班次'], name: '培训班次', target: '2次', actual: '2次', weight: '5', statedScore: '5' }];
  const d = diffEvaluations(base, b);
  assert.deepEqual(d.map((c) => [c.key, c.from, c.to]), [
    ['indicator:1.1.1:target', '≥100人', '≥110人'],
    ['indicator:1.1.2', null, '培训班次'],
    ['meta:title', '新录用事业人员培训', '新录用人员培训'],
  ]);
  assert.equal(d[0].key, editKey({ kind: 'indicator', id: '1.1.1', field: 'target', value: null }));
  assert.equal(d[2].key, editKey({ kind: 'meta', field: 'title', value: null }));
});
