import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule, type EvaluationSpec, type RowSpec } from '../fixtures.ts';
import { scoreInflation } from './score-inflation.ts';

const yes = (path: string[]): RowSpec => ({ path, target: '是', actual: '是', weight: '6', score: '6' });

// S3 职业技能评价: total 99 with the 产出/效益 rows almost all 是/是 and no 评分依据.
const rugao = (total: string): EvaluationSpec => ({
  statedTotal: total,
  rows: [
    { path: ['产出指标', '数量指标', '考评人员培训人数'], target: '300人次', actual: '330人次', weight: '6', score: '6' },
    yes(['产出指标', '质量指标', '提升考评人员履职能力']),
    yes(['产出指标', '时效指标', '按时序进度高质量完成任务']),
    yes(['效益指标', '社会效益指标', '提升考评人员的履职能力']),
    yes(['效益指标', '经济效益指标', '全面提升技能水平，促进企业发展。']),
    yes(['效益指标', '生态效益指标', '保障生态效益']),
  ],
});

test('V12 (N2; S3 职业技能评价): 99 points with 5 of 6 产出/效益 rows bare 是/是 is a warning', () => {
  const f = runRule(scoreInflation, rugao('99'));
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /^总分99不低于95分，而6个产出、效益指标中有5个只填“是\/是”且无评分依据/);
});

test('V12 (N2): the same table at 90 points is below the ruleset mark and passes', () => {
  assert.deepEqual(runRule(scoreInflation, rugao('90')), []);
});

test('V12 (N2; S1 服务保障经费): 58.53% execution under a total ≥ 95 is a warning; at 85.8 it is not', () => {
  const spec = (total: string): EvaluationSpec => ({ statedTotal: total, budget: { initial: '650', adjusted: '401.26', executed: '234.87', rate: '58.53' }, rows: [] });
  const scored = { budget: { rate: '58.53', score: '5.85', trace: '' } };
  const f = runRule(scoreInflation, spec('96'), { scored });
  assert.equal(f.length, 1);
  assert.match(f[0].message, /预算执行率只有58.53%（低于80%）/);
  assert.deepEqual(runRule(scoreInflation, spec('85.8'), { scored }), []);
});

test('V12 (N2): an 产出 row that computes to under 60% of its points under a 96-point total', () => {
  const spec: EvaluationSpec = {
    statedTotal: '96',
    rows: [{ path: ['产出指标', '数量指标', '资助孵化海创数量'], target: '≥50个', actual: '20个', weight: '15', score: '15' }],
  };
  const f = runRule(scoreInflation, spec, { scored: { scores: { 资助孵化海创数量: '6' } } });
  assert.equal(f.length, 1);
  assert.match(f[0].message, /只应得6分（分值15的40.00%）/);
  assert.deepEqual(runRule(scoreInflation, spec, { scored: { scores: { 资助孵化海创数量: '12' } } }), []);
});
