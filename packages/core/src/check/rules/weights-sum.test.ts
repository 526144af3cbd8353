import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleset, runRule, type EvaluationSpec } from '../fixtures.ts';
import { weightsSum } from './weights-sum.ts';

const run = (spec: EvaluationSpec) => runRule(weightsSum, spec, { ruleset: ruleset({ caps: { totalByExecutionRate: false, clampTotal: true, bonusMaxAbs: '5' } }) });

// S1 办公场地租赁费 自评表: 产出 20+20+20+20, 满意度 10, 预算执行率 10 = 100.
const rent = (costWeight: string): EvaluationSpec => ({
  budget: { initial: '906', adjusted: '796', executed: '796', weight: '10', rate: '100', score: '10' },
  rows: [
    { path: ['产出指标', '数量指标', '办公场地数量'], weight: '20', score: '20' },
    { path: ['产出指标', '质量指标', '正常运行率'], weight: '20', score: '20' },
    { path: ['产出指标', '时效指标', '运行维护响应时间'], weight: '20', score: '20' },
    { path: ['产出指标', '成本指标', '预算控制数'], weight: costWeight, score: '17.5' },
    { path: ['满意度指标', '服务对象满意度', '使用人员满意度'], weight: '10', score: '9' },
  ],
});

test('V01 (N2; S1): the 自评表 of 办公场地租赁费 adds up to 100 with the 10-point budget row', () => {
  assert.deepEqual(run(rent('20')), []);
});

test('V01 (N2; S1): one 三级 weight typed as 10 instead of 20 leaves the table at 90 points', () => {
  const f = run(rent('10'));
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.equal(f[0].code, 'V01');
  assert.match(f[0].message, /分值合计为90分/);
  assert.match(f[0].message, /预算执行率10/);
});

// S1 部门整体 table: 部门管理 20 = 资金管理 8 + 项目管理 4 + 资产管理 5 + 制度管理 3.
const dept = (fundWeight: string): EvaluationSpec => ({
  subject: 'department',
  rows: [
    { path: ['部门决策'], weight: '20' },
    { path: ['部门决策', '预算编制'], weight: '10' },
    { path: ['部门决策', '预算编制', '预算编制科学性'], weight: '5' },
    { path: ['部门决策', '预算编制', '预算编制规范性'], weight: '5' },
    { path: ['部门决策', '目标设置', '绩效目标完整性'], weight: '3' },
    { path: ['部门决策', '目标设置', '绩效指标明确性'], weight: '7' },
    { path: ['部门管理'], weight: '20' },
    { path: ['部门管理', '资金管理'], weight: fundWeight },
    { path: ['部门管理', '资金管理', '财务合规、安全性'], weight: '4' },
    { path: ['部门管理', '资金管理', '预决算信息公开'], weight: '4' },
    { path: ['部门管理', '项目管理', '项目实施程序'], weight: '4' },
    { path: ['部门管理', '资产管理', '资产管理安全性'], weight: '5' },
    { path: ['部门管理', '制度管理', '管理制度健全性'], weight: '3' },
    { path: ['部门绩效'], weight: '60' },
  ],
});

test('V01 (S1 部门整体): 二级 资金管理 8 = 4 + 4 and 一级 20 + 20 + 60 = 100 pass', () => {
  assert.deepEqual(run(dept('8')), []);
});

test('V01 (S1 部门整体): 资金管理 stated as 10 while its 三级 add up to 8, and 部门管理 no longer matches', () => {
  const f = run(dept('10'));
  const msgs = f.map((x) => x.message);
  assert.equal(f.length, 2);
  assert.ok(msgs.some((m) => m.includes('“部门管理/资金管理”的分值10与其2个下级指标的分值之和8不一致')));
  assert.ok(msgs.some((m) => m.includes('“部门管理”的分值20与其4个下级指标的分值之和22不一致')));
  assert.equal(f[0].where.cell, '分值');
});

test('V01 (S2 南京外办): F 加减分 stays outside the 100 points and may not exceed ±5', () => {
  const spec = (bonus: string): EvaluationSpec => ({
    subject: 'department',
    rows: [
      { path: ['A部门决策'], weight: '15' },
      { path: ['B部门管理'], weight: '20' },
      { path: ['C部门履职'], weight: '30' },
      { path: ['D履职绩效'], weight: '30' },
      { path: ['E可持续发展能力'], weight: '5' },
      { path: ['F加减分项'], weight: bonus },
    ],
  });
  assert.deepEqual(run(spec('5')), []);
  const f = run(spec('6'));
  assert.equal(f.length, 1);
  assert.match(f[0].message, /加减分项“F加减分项”的分值6超过上限5分/);
});
