import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StatedFact } from '../../model/evaluation.ts';
import { fact, runRule, type EvaluationSpec } from '../fixtures.ts';
import { rateClaim } from './rate-claim.ts';

// S0 南京国才中心 2024: prose figures and the 预算执行率 row of its 得分表.
const s0 = (facts: StatedFact[], claimed = '100%。预算执行率符合要求。'): EvaluationSpec => ({
  subject: 'department',
  facts,
  rows: [{ path: ['过程', '预算执行', '预算执行率'], target: '100%', basis: claimed, weight: '1', score: '1' }],
});
const income = fact('income', '2549431.21', '元', '本年度收入');
const spent = fact('expenditure', '2549431.21', '万元', '本年度支出');
const budget = fact('initialExpenditureBudget', '2573300', '元', '年初支出预算');
const finalSpent = fact('finalExpenditure', '2837080.82', '元', '年终决算支出');

test('V05 (S0): the table claims 100% while 2549431.21 / 2573300 = 99.07%, and 决算支出 2837080.82 contradicts 支出', () => {
  const f = runRule(rateClaim, s0([income, spent, budget, finalSpent]));
  assert.equal(f.length, 2);
  assert.ok(f.every((x) => x.severity === 'error'));
  assert.equal(
    f[0].message,
    '“过程/预算执行/预算执行率”填报执行率100%（“100%。预算执行率符合要求。”），而报告正文的数字为本年度支出2549431.21元 ÷ 年初支出预算2573300元 = 99.07%',
  );
  assert.equal(f[0].where.cell, '业绩值');
  assert.equal(
    f[1].message,
    '报告正文中本年度支出2549431.21元与年终决算支出2837080.82元不一致，且超过本年收入2549431.21元和年初支出预算2573300元',
  );
});

test('V05 (S0): a lone 决算支出 above income and budget with no carry-over is an error', () => {
  const f = runRule(rateClaim, { subject: 'department', facts: [income, budget, finalSpent] });
  assert.equal(f.length, 1);
  assert.match(f[0].message, /年终决算支出2837080.82元超过本年收入2549431.21元和年初支出预算2573300元，报告未说明/);
});

test('V05 (S1 部门整体): “预算执行率93.58%” with 18099.19 / 19340.51 万元 is consistent', () => {
  const f = runRule(rateClaim, {
    subject: 'department',
    facts: [
      fact('initialExpenditureBudget', '21425.30', '万元', '年初预算批复数'),
      fact('adjustedExpenditureBudget', '19340.51', '万元', '调整后预算数'),
      fact('expenditure', '18099.19', '万元', '资金总体支出'),
      fact('executionRate', '93.58', '%', '预算执行率'),
    ],
  });
  assert.deepEqual(f, []);
});

test('V05 (S1): a prose rate of 95% against the same figures is an error', () => {
  const f = runRule(rateClaim, {
    facts: [
      fact('adjustedExpenditureBudget', '19340.51', '万元', '调整后预算数'),
      fact('expenditure', '18099.19', '万元', '资金总体支出'),
      fact('executionRate', '95', '%', '预算执行率', '预算执行率95%'),
    ],
  });
  assert.equal(f.length, 1);
  assert.equal(f[0].message, '报告正文“预算执行率95%”与其数字不符：资金总体支出18099.19万元 ÷ 调整后预算数19340.51万元 = 93.58%');
});

test('V05 (S2 南京外办): 工资福利支出 and other parts of the total are not the year’s expenditure', () => {
  const f = runRule(rateClaim, {
    subject: 'department',
    facts: [
      fact('income', '3632.94', '万元', '实际全年收入'),
      fact('finalExpenditure', '3632.41', '万元', '年实际决算支出'),
      fact('expenditure', '2374.83', '万元', '工资福利支出'),
      fact('expenditure', '1091.13', '万元', '商品和服务支出'),
    ],
  });
  assert.deepEqual(f, []);
});

test('V05 (S1 部门整体): rates of parts stated beside their own figures, and changes on last year, are not contradictions', () => {
  const line = (n: number) => ({ file: 'x', line: n });
  const f = runRule(rateClaim, {
    subject: 'department',
    facts: [
      { ...fact('adjustedBudget', '19340.51', '万元', '调整后预算数'), source: line(12) },
      { ...fact('expenditure', '18099.19', '万元', '资金总体支出'), source: line(12) },
      { ...fact('projectExpenditure', '14985.65', '万元', '项目支出'), source: line(12) },
      { ...fact('executionRate', '93.58', '%', '预算执行率'), source: line(12) },
      { ...fact('basicExpenditureBudget', '3187.94', '万元', '其中基本支出调整预算数'), source: line(18) },
      { ...fact('expenditure', '3113.54', '万元', '实际支出数'), source: line(18) },
      { ...fact('executionRate', '97.67', '%', '预算执行率'), source: line(18) },
      { ...fact('executionRate', '7.94', '%', '比上年预算执行率增长'), source: line(24) },
    ],
  });
  assert.deepEqual(f, []);
});
