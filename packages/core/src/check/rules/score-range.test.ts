import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleset, runRule, type EvaluationSpec } from '../fixtures.ts';
import { scoreRange } from './score-range.ts';

const run = (spec: EvaluationSpec) => runRule(scoreRange, spec, { ruleset: ruleset({ caps: { totalByExecutionRate: false, clampTotal: true, bonusMaxAbs: '5' } }) });

// S1 信息化运维费: 系统正常运行率 10 分 scored 9.5, 使用人员满意度 25 分 scored 24.5.
const it = (quality: string, budgetScore = '10'): EvaluationSpec => ({
  budget: { initial: '146', adjusted: '146', executed: '145.4', weight: '10', rate: '99.59', score: budgetScore },
  rows: [
    { path: ['产出指标', '质量指标', '系统正常运行率'], target: '≥98%', actual: '≥97%', weight: '10', score: quality },
    { path: ['满意度指标', '服务对象满意度', '使用人员满意度'], weight: '25', score: '24.5' },
  ],
});

test('V02a (N2; S1 信息化运维费): scores 9.5/10 and 24.5/25 and a budget score of 10/10 are in range', () => {
  assert.deepEqual(run(it('9.5')), []);
});

test('V02a (N2; S1): a score of 10.5 on a 10-point row and a budget score of 11 are errors', () => {
  const f = run(it('10.5', '11'));
  assert.equal(f.length, 2);
  assert.equal(f[0].message, '“产出指标/质量指标/系统正常运行率”的得分10.5超过分值10');
  assert.equal(f[0].where.cell, '得分');
  assert.equal(f[0].where.indicatorId, '1.1.1');
  assert.match(f[1].message, /预算执行率得分11不在0到10分之间/);
});

test('V02a (N1): a negative score is an error (扣完为止)', () => {
  const f = run(it('-1'));
  assert.equal(f.length, 1);
  assert.match(f[0].message, /为负数/);
});

test('V02a (S2): a bonus row may be negative within ±5 but not beyond', () => {
  const spec = (s: string): EvaluationSpec => ({
    subject: 'department',
    rows: [{ path: ['F加减分项', 'F2减分项'], score: s }],
  });
  assert.deepEqual(run(spec('-2')), []);
  assert.match(run(spec('-6'))[0].message, /超出±5分的范围/);
});
