import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule, type EvaluationSpec } from '../fixtures.ts';
import { deviationMissing } from './deviation-missing.ts';

// S1 海创扶持资金 (with its 偏差 column) and S1 外国人来华工作许可 (9 rows with the column left empty).
const spec = (deviation: string | null): EvaluationSpec => ({
  budget: { initial: '19.8', adjusted: '19.8', executed: '19.8', rate: '100', score: '10' },
  rows: [
    { path: ['产出指标', '时效指标', '第三季度前'], target: '第三季度前', actual: '第四季度', weight: '20', score: '18', deviation },
    { path: ['产出指标', '成本指标', '预算控制数'], target: '19.8万元', actual: '19.8万元', weight: '10', score: '10', deviation: null },
  ],
});

test('V09 (N1; S1 外国人来华工作许可): 时效 scored 18/20 with an empty 偏差原因 is an error', () => {
  const f = runRule(deviationMissing, spec(null));
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.equal(f[0].message, '“产出指标/时效指标/第三季度前”得分18低于分值20，但偏差原因分析及改进措施为空');
  assert.equal(f[0].where.cell, '偏差原因分析及改进措施');
});

test('V09 (N2): “无” is no explanation; a real reason passes', () => {
  assert.equal(runRule(deviationMissing, spec('无')).length, 1);
  assert.deepEqual(runRule(deviationMissing, spec('受疫情影响，证件采购延至第四季度')), []);
});

test('V09 (S3 如皋): a table without the 偏差 column is left to V16 (评分依据)', () => {
  const f = runRule(deviationMissing, { rows: [{ path: ['效益指标', '经济效益指标', '依法用工意识增强'], target: '是', actual: '是', weight: '8', score: '7' }] });
  assert.deepEqual(f, []);
});

test('V09 (N1; S1 服务保障经费): 58.53% execution that cost points with no word on why is an error', () => {
  const b = { initial: '650', adjusted: '401.26', executed: '234.87', rate: '58.53%', score: '5.8' };
  const f = runRule(deviationMissing, { budget: b, rows: [] }, { scored: { budget: { rate: '58.53', score: '5.85', trace: '' } } });
  assert.equal(f.length, 1);
  assert.equal(f[0].message, '预算执行率58.53%未达100%（执行得分5.8/10），但自评中没有说明资金未执行的原因');
  const explained = runRule(
    deviationMissing,
    { budget: b, rows: [], sections: [{ heading: '存在问题', text: '受疫情影响部分活动取消，资金结余较多。' }] },
    { scored: { budget: { rate: '58.53', score: '5.85', trace: '' } } },
  );
  assert.deepEqual(explained, []);
});

test('V09 (S0 南京国才中心): the reason written in 业绩值及评分过程 counts; (S1 部门整体) a table with neither column is skipped', () => {
  const s0 = runRule(deviationMissing, {
    subject: 'department',
    rows: [{ path: ['履职', '人才引进', '人才引进'], target: '按要求完成', actual: '基本按要求完成', weight: '5', score: '4', basis: '基本按要求完成。兑现工作完成较晚。', deviation: null }],
  });
  assert.deepEqual(s0, []);
  const s1 = runRule(deviationMissing, {
    subject: 'department',
    rows: [{ path: ['部门决策', '目标设置', '绩效指标明确性'], weight: '7', score: '6', basis: null, deviation: null }],
  });
  assert.deepEqual(s1, []);
});
