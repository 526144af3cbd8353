import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule, type EvaluationSpec } from '../fixtures.ts';
import { totalMismatch } from './total-mismatch.ts';

// S1 海创扶持资金 自评表: 12+15+10+5+9+7+8+10 = 76, plus 预算执行率得分 9 = 85.
const haichuang = (total: string): EvaluationSpec => ({
  budget: { initial: '2700', adjusted: '1300', executed: '1160', weight: '10', rate: '89.23', score: '9' },
  statedTotal: total,
  rows: [
    { path: ['产出指标', '数量指标', '资助孵化海创数量'], weight: '15', score: '12' },
    { path: ['产出指标', '质量指标', '符合资助政策规定'], weight: '15', score: '15' },
    { path: ['产出指标', '时效指标', '完成项目评审'], weight: '10', score: '10' },
    { path: ['产出指标', '成本指标', '项目预算控制数'], weight: '10', score: '5' },
    { path: ['效益指标', '社会效益指标', '引领技术创新水平'], weight: '10', score: '9' },
    { path: ['效益指标', '社会效益指标', '促进产业竞争力水平'], weight: '10', score: '7' },
    { path: ['效益指标', '社会效益指标', '培育优质企业发展数量'], weight: '10', score: '8' },
    { path: ['满意度指标', '服务对象满意度', '资助企业满意度指标'], weight: '10', score: '10' },
  ],
});

test('V02b (N2; S1 海创扶持资金): 总分 85 = 76 from the indicators + 9 for budget execution', () => {
  assert.deepEqual(runRule(totalMismatch, haichuang('85')), []);
});

test('V02b (N2; S1): a stated 总分 of 86 is reported with the recomputed 85', () => {
  const f = runRule(totalMismatch, haichuang('86'));
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.equal(f[0].message, '总分86与各项得分之和85（指标得分76、预算执行率得分9）不一致');
  assert.equal(f[0].where.cell, '总分');
});

// S1 部门整体 table: 部门绩效 scores 5.75 + 5.07 + 8 + 5 + 23.87 + 3 + 5.8 = 56.49; the table's 总分 95.47.
const dept = (perf: string): EvaluationSpec => ({
  subject: 'department',
  statedTotal: '95.47',
  rows: [
    { path: ['部门决策'], score: '19' },
    { path: ['部门管理'], score: '19.98' },
    { path: ['部门绩效'], score: perf },
    { path: ['部门绩效', '经济性', '公用经费控制率'], score: '5.75' },
    { path: ['部门绩效', '效率性', '预算执行率'], score: '5.07' },
    { path: ['部门绩效', '效率性', '重点工作完成情况'], score: '8' },
    { path: ['部门绩效', '效率性', '项目完成及时性'], score: '5' },
    { path: ['部门绩效', '效果性', '社会效益、经济效益、生态效益及可持续影响等'], score: '23.87' },
    { path: ['部门绩效', '公平性', '群众信访办理情况'], score: '3' },
    { path: ['部门绩效', '公平性', '公众或服务对象满意度'], score: '5.8' },
  ],
});

test('V02b (S1 部门整体): 部门绩效 56.49 equals its 三级 scores and 19 + 19.98 + 56.49 = 95.47', () => {
  assert.deepEqual(runRule(totalMismatch, dept('56.49')), []);
});

test('V02b (S1 部门整体): an upper-level score 56.5 that is not the sum of its children is an error', () => {
  const f = runRule(totalMismatch, dept('56.5'));
  assert.equal(f.length, 2);
  assert.equal(f[0].message, '“部门绩效”的得分56.5与其下级指标得分之和56.49不一致');
  assert.match(f[1].message, /总分95.47与各项得分之和95.48不一致/);
});
