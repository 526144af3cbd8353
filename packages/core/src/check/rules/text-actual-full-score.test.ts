import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../fixtures.ts';
import { textActualFullScore } from './text-actual-full-score.ts';

const one = (actual: string, score: string, target = '100%') =>
  runRule(textActualFullScore, { rows: [{ path: ['过程指标', '资金管理', '资金到位率'], target, actual, weight: '3', score }] });

test('V15 (S3 劳动监察专项业务费): 资金到位率 “序时” scored 3/3 is a warning on the 得分 cell', () => {
  const f = one('序时', '3');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.equal(f[0].message, '“过程指标/资金管理/资金到位率”的实际完成值“序时”不是比率（年度指标值“100%”），却得满分3');
  assert.equal(f[0].where.cell, '得分');
});

test('V15 (S3 仲裁专项经费): 资金到位率 100% → 100% scored 3/3 passes; “序时” scored 2/3 is not full marks', () => {
  assert.deepEqual(one('100%', '3'), []);
  assert.deepEqual(one('序时', '2'), []);
});

test('V15 (S3 集聚人力资源补贴): target and actual both “序时” is a deadline row, not a rate written as words', () => {
  assert.deepEqual(one('序时', '3', '序时'), []);
});
