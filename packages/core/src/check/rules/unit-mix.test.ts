import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fact, runRule } from '../fixtures.ts';
import { unitMix } from './unit-mix.ts';

// S0 南京国才中心: “本年度收入 2549431.21 元 … 本年度支出 2549431.21 万元”.
const s0 = (expenditureUnit: '元' | '万元') => ({
  subject: 'department' as const,
  facts: [
    fact('income', '2549431.21', '元', '本年度收入', '本年度收入 2549431.21 元'),
    fact('expenditure', '2549431.21', expenditureUnit, '本年度支出', `本年度支出 2549431.21 ${expenditureUnit}`),
    fact('initialExpenditureBudget', '2573300', '元', '年初支出预算'),
    fact('threePublic', '0', '万元', '“三公经费”支出'),
  ],
});

test('V06 (S0): 支出 2549431.21 万元 beside 收入 2549431.21 元 is an error on the 万元 figure', () => {
  const f = runRule(unitMix, s0('万元'));
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.equal(
    f[0].message,
    '报告正文“本年度支出 2549431.21 万元”的单位可能有误：同一数额2549431.21在“本年度收入 2549431.21 元”中以元为单位，按万元计则为25494312100元',
  );
  assert.equal(f[0].where.cell, '报告正文');
});

test('V06 (S0): the same figures all in 元, and 0 万元 of 三公经费, pass', () => {
  assert.deepEqual(runRule(unitMix, s0('元')), []);
});

test('V06 (S0; N1): a 万元 amount a thousand times every other amount is flagged; S1 figures in 万元 are not', () => {
  const f = runRule(unitMix, {
    facts: [fact('income', '2573300', '元', '年初收入预算'), fact('expenditure', '2837080.82', '万元', '年终决算')],
  });
  assert.equal(f.length, 1);
  assert.match(f[0].message, /折合283.708082亿元/);
  const s1 = runRule(unitMix, {
    subject: 'department',
    facts: [fact('initialExpenditureBudget', '21425.30', '万元'), fact('expenditure', '18099.19', '万元'), fact('carryover', '1241.32', '万元')],
  });
  assert.deepEqual(s1, []);
});

test('V06 (N1 §5.5): a 资金 block in 万元 holding a 元 figure is flagged', () => {
  const f = runRule(unitMix, { budget: { initial: '2573300', adjusted: '2573300', executed: '2549431.21' } });
  assert.equal(f.length, 3);
  assert.equal(f[2].where.field, 'budget.executed');
  assert.deepEqual(runRule(unitMix, { budget: { initial: '2700', adjusted: '1300', executed: '1160' } }), []);
});
