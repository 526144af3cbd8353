import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../fixtures.ts';
import { valueTypo } from './value-typo.ts';

test('V16 (S1 办公场地租赁费; S1 信息化运维费): “2261.73/平方米” and “≤20分钟钟” are reported on their cells', () => {
  const f = runRule(valueTypo, {
    rows: [
      { path: ['产出指标', '数量指标', '办公场地数量'], target: '2261.73/平方米', actual: '2261.73平方米' },
      { path: ['产出指标', '时效指标', '系统运行维护响应时间'], target: ' ≤20分钟钟', actual: '≤20分钟' },
    ],
  });
  assert.equal(f.length, 2);
  assert.ok(f.every((x) => x.severity === 'warning' && x.where.field === 'target'));
  assert.match(f[0].message, /^“产出指标\/数量指标\/办公场地数量”的年度指标值“2261.73\/平方米”书写不规范/);
  assert.equal(f[0].suggestion, '写成“2261.73平方米”');
  assert.match(f[1].message, /分钟钟/);
  assert.equal(f[1].suggestion, '写成“≤20分钟”');
});

test('V16 (S1): clean values pass', () => {
  const f = runRule(valueTypo, { rows: [{ path: ['产出指标', '质量指标', '正常运行率'], target: '≥99%', actual: '99.5%' }] });
  assert.deepEqual(f, []);
});

test('V16 (S3 如皋): 9/10 with an empty 评分依据 is reported when the table has that column', () => {
  const rows = (basis: string | null) => [
    { path: ['效益指标', '经济效益指标', '促进经济发展'], target: '是', actual: '是', weight: '10', score: '9', basis },
    { path: ['效益指标', '社会效益指标', '维护社会稳定'], target: '是', actual: '是', weight: '10', score: '10', basis: null },
  ];
  const f = runRule(valueTypo, { rows: rows(null) });
  assert.equal(f.length, 1);
  assert.equal(f[0].message, '“效益指标/经济效益指标/促进经济发展”得分9低于分值10，但评分依据为空');
  assert.equal(f[0].where.cell, '评分依据');
  assert.deepEqual(runRule(valueTypo, { rows: rows('部分企业用工意识仍待提高') }), []);
});
