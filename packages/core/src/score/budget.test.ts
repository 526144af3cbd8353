// Budget-execution score: domain.md §2.3 (S1 figures, L4 cap and denominator variant, S2 floor).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { score } from './index.ts';
import { budget, evaluation, TEST_RULESET } from './fixtures.ts';
import type { Ruleset } from '../model/ruleset.ts';

function exec(b: Parameters<typeof budget>[0], rs: Ruleset = TEST_RULESET) {
  const r = score(evaluation({ budget: budget(b) }), rs).budget;
  assert.ok(r);
  return r!;
}

test('S1 §2.3: 执行率 1160/1300 = 89.23% → 8.92 (the document says 9)', () => {
  const r = exec({ initial: '2700', adjusted: '1300', executed: '1160' });
  assert.equal(r.rate, '89.23');
  assert.equal(r.score, '8.92');
  assert.equal(r.trace, '执行率 1160/1300=89.23%，得分 10×89.23%=8.92');
});

test('S1 §2.3: 901.14/916.5 = 98.32% → 9.83; 234.87/401.26 = 58.53% → 5.85; 422.67/423.9 = 99.71% → 9.97', () => {
  let r = exec({ adjusted: '916.5', executed: '901.14' });
  assert.deepEqual([r.rate, r.score], ['98.32', '9.83']);
  r = exec({ adjusted: '401.26', executed: '234.87' });
  assert.deepEqual([r.rate, r.score], ['58.53', '5.85']);
  r = exec({ adjusted: '423.9', executed: '422.67' });
  assert.deepEqual([r.rate, r.score], ['99.71', '9.97']);
});

test('L4 §2.3: overspend earns no extra credit, capped at the weight 10', () => {
  const r = exec({ adjusted: '1300', executed: '1400' });
  assert.equal(r.rate, '107.69');
  assert.equal(r.score, '10');
  assert.match(r.trace, /超过100%按100%计/);
});

test('L4 §2.3 variant: denominator 年初预算数 → 1160/2700 = 42.96% → 4.3', () => {
  const r = exec({ initial: '2700', adjusted: '1300', executed: '1160' }, { ...TEST_RULESET, executionRateDenominator: 'initialBudget' });
  assert.equal(r.rate, '42.96');
  assert.equal(r.score, '4.3');
  assert.match(r.trace, /1160\/2700/);
});

test('N1 §1.2 variant: denominator 实际到位资金 → 1160/1200 = 96.67% → 9.67', () => {
  const r = exec({ adjusted: '1300', executed: '1160', received: '1200' }, { ...TEST_RULESET, executionRateDenominator: 'received' });
  assert.equal(r.rate, '96.67');
  assert.equal(r.score, '9.67');
});

test('§2.3: a missing figure gives no score and the trace names it', () => {
  let r = exec({ adjusted: '1300', executed: null });
  assert.equal(r.score, null);
  assert.equal(r.rate, null);
  assert.match(r.trace, /缺少全年执行数/);
  r = exec({ initial: '1300', executed: '1160' });
  assert.equal(r.score, null);
  assert.match(r.trace, /缺少全年预算数/);
  r = exec({ adjusted: '0', executed: '5' });
  assert.equal(r.score, null);
  assert.match(r.trace, /为 0/);
});

test('§2.3: no weight → rate computed, score null', () => {
  const r = exec({ adjusted: '1300', executed: '1160', weight: null });
  assert.equal(r.rate, '89.23');
  assert.equal(r.score, null);
  assert.match(r.trace, /未标明分值/);
});

test('S2 §2.3(a): execution floor — below 90% deducts 3 (8.92 − 3 = 5.92); at or above it nothing', () => {
  const rs: Ruleset = { ...TEST_RULESET, executionFloor: { rate: '0.9', deduction: '3' } };
  let r = exec({ adjusted: '1300', executed: '1160' }, rs);
  assert.equal(r.score, '5.92');
  assert.match(r.trace, /扣 3 分/);
  r = exec({ adjusted: '916.5', executed: '901.14' }, rs);
  assert.equal(r.score, '9.83');
  // written as percent
  r = exec({ adjusted: '1300', executed: '1160' }, { ...TEST_RULESET, executionFloor: { rate: '90', deduction: '3' } });
  assert.equal(r.score, '5.92');
});

test('§2.3 rounding configurable: 1 decimal truncated → 8.923 → 8.9, 9.832 → 9.8 (seed habits)', () => {
  const rs: Ruleset = { ...TEST_RULESET, rounding: { decimals: 1, mode: 'truncate' } };
  assert.equal(exec({ adjusted: '1300', executed: '1160' }, rs).score, '8.9');
  assert.equal(exec({ adjusted: '916.5', executed: '901.14' }, rs).score, '9.8');
  assert.equal(exec({ adjusted: '423.9', executed: '422.67' }, rs).score, '9.9');
});

test('§2.3: the 年度资金总额 line is used when the block fields are empty', () => {
  const b = budget({ adjusted: '1300', executed: '1160' });
  b.adjustedBudget = null;
  b.executed = null;
  const r = score(evaluation({ budget: b }), TEST_RULESET).budget!;
  assert.equal(r.score, '8.92');
});
