import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fact, runRule } from '../fixtures.ts';
import { rateDenominator } from './rate-denominator.ts';

// S1 部门整体 2021 (万元): 年初 21425.30, 调整后 19340.51, 支出 18099.19, 结转结余 1241.32.
const s1 = [
  fact('initialExpenditureBudget', '21425.30', '万元', '年初预算批复数'),
  fact('adjustedExpenditureBudget', '19340.51', '万元', '调整后预算数'),
  fact('expenditure', '18099.19', '万元', '实际支出数'),
  fact('carryover', '1241.32', '万元', '结转结余'),
];

test('V18 (N7; S1): 结转结余率 6.42% = 1241.32 / 19340.51 and 预决算差异率 15.52% on 年初预算 pass', () => {
  const f = runRule(rateDenominator, {
    facts: [...s1, fact('carryoverRate', '6.42', '%', '结转结余率'), fact('budgetFinalDifferenceRate', '-15.52', '%', '预决算差异率')],
  });
  assert.deepEqual(f, []);
});

test('V18 (L5): 结转结余率 6.86% is 1241.32 / 18099.19 (支出完成数), another denominator', () => {
  const f = runRule(rateDenominator, { facts: [...s1, fact('carryoverRate', '6.86', '%', '结转结余率', '结转结余率6.86%')] });
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.equal(
    f[0].message,
    '报告正文“结转结余率6.86%”是以支出完成数为分母算出的（结转结余1241.32万元 ÷ 实际支出数18099.19万元 = 6.86%），规定口径以支出预算数为分母：结转结余1241.32万元 ÷ 调整后预算数19340.51万元 = 6.42%',
  );
});

test('V18 (S1): 预决算差异率 6.42% computed on 调整后预算 instead of 年初预算 is reported', () => {
  const f = runRule(rateDenominator, { facts: [...s1, fact('budgetFinalDifferenceRate', '6.42', '%', '预决算差异率', '预决算差异率6.42%')] });
  assert.equal(f.length, 1);
  assert.match(f[0].message, /是以调整后预算数为分母算出的/);
  assert.match(f[0].suggestion, /应为15.52%/);
});
