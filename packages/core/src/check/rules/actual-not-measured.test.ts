import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../fixtures.ts';
import { actualNotMeasured } from './actual-not-measured.ts';

const one = (target: string, actual: string | null) =>
  runRule(actualNotMeasured, { rows: [{ path: ['产出指标', '数量指标', '资助孵化海创数量'], target, actual, weight: '15', score: '12' }] });

test('V07 (S1 海创扶持资金): target “≥50个” with actual “基本达成” is an error naming both cells', () => {
  const f = one('≥50个', '基本达成');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.equal(f[0].message, '“产出指标/数量指标/资助孵化海创数量”的实际完成值“基本达成”不是实测值，而年度指标值“≥50个”是数值');
  assert.equal(f[0].where.cell, '实际完成值');
  assert.equal(f[0].where.field, 'actual');
});

test('V07 (S3 如皋): “>95%” copied into 实际完成值 is a warning; (S1 特聘岗位) “≥80” against “≥80%” too', () => {
  const copied = one('>95%', '>95%');
  assert.equal(copied.length, 1);
  assert.equal(copied[0].severity, 'warning');
  assert.match(copied[0].message, /照抄了年度指标值/);
  const op = one('≥80%', '≥80');
  assert.equal(op[0].severity, 'warning');
  assert.match(op[0].message, /带有比较符号/);
});

test('V07 (S3 仲裁专项经费): measured actuals pass: “≥95%” → “98%”, “300 人次” → “330 人次”, 是/是', () => {
  assert.deepEqual(one('≥95%', '98%'), []);
  assert.deepEqual(one('300 人 次', '330 人 次'), []);
  assert.deepEqual(one('是', '是'), []);
});

test('V07 (S3 劳动监察): 资金到位率 100% with actual “序时” is not a measured value', () => {
  const f = one('100%', '序时');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
});
