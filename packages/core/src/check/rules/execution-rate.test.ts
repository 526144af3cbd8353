import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule, type BudgetSpec } from '../fixtures.ts';
import { executionRate } from './execution-rate.ts';

// S1 自评表 资金 blocks, with the computed figures the scoring engine hands over (§2.3).
const run = (budget: BudgetSpec, computed: { rate: string; score: string }) =>
  runRule(executionRate, { budget }, { scored: { budget: { ...computed, trace: '' } } });

test('V03 (S1 特聘岗位 98.32% → 9.8; S1 信息化运维费 99.59% → 10): differences ≤ 0.05 pass', () => {
  assert.deepEqual(run({ initial: '946.5', adjusted: '916.5', executed: '901.14', rate: '98.32', score: '9.8' }, { rate: '98.32', score: '9.83' }), []);
  assert.deepEqual(run({ initial: '146', adjusted: '146', executed: '145.4', rate: '99.59', score: '10' }, { rate: '99.59', score: '9.96' }), []);
});

test('V03 (S1 海创扶持资金): 89.23% scored 9 instead of 8.92 is a warning, the rate itself is right', () => {
  const f = run({ initial: '2700', adjusted: '1300', executed: '1160', rate: '89.23', score: '9' }, { rate: '89.23', score: '8.92' });
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.equal(f[0].where.cell, '预算执行率得分');
  assert.equal(f[0].message, '预算执行率得分填报为9，按执行率89.23% × 分值10计算为8.92（未取整为8.9231），相差超过0.05分');
});

test('V03 (S1 服务大厅项目经费): 99.71% stated where 422.67/423.9 = 99.71%, but 9.9 vs 9.97 is a warning', () => {
  const f = run({ initial: '423.9', adjusted: '423.9', executed: '422.67', rate: '99.71', score: '9.9' }, { rate: '99.71', score: '9.97' });
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
});

test('V03 (L4 vs N2): a rate computed on 年初预算数 (1160/2700 = 42.96%) where the ruleset divides by 全年预算数 is an error', () => {
  const f = run({ initial: '2700', adjusted: '1300', executed: '1160', rate: '42.96', score: '4.3' }, { rate: '89.23', score: '8.92' });
  const err = f.find((x) => x.severity === 'error');
  assert.ok(err);
  assert.equal(err.message, '执行率填报为42.96%，按全年执行数1160 ÷ 全年预算数1300计算应为89.23%');
  assert.equal(err.where.field, 'budget.statedRate');
});

test('V03 (S1 服务保障经费): 234.87/401.26 × 10 = 5.853 before rounding, so a stated 5.8 is off by more than 0.05', () => {
  const f = run({ initial: '650', adjusted: '401.26', executed: '234.87', rate: '58.53', score: '5.8' }, { rate: '58.53', score: '5.85' });
  assert.equal(f.length, 1);
  assert.match(f[0].message, /计算为5.85（未取整为5.8533）/);
});

test('V03 (S2 南京外办 floor): a score the ruleset lowered by a deduction is compared as scored', () => {
  const f = run({ initial: '100', adjusted: '100', executed: '85', rate: '85', score: '5.5' }, { rate: '85', score: '5.5' });
  assert.deepEqual(f, []);
});
