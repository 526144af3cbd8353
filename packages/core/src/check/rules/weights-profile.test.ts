import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleset, runRule, type EvaluationSpec } from '../fixtures.ts';
import { weightsProfile } from './weights-profile.ts';

const national = (output: string, benefit: string | null, satisfaction: string): EvaluationSpec => ({
  budget: { initial: '100', adjusted: '100', executed: '100', weight: '10' },
  rows: [
    { path: ['产出指标', '数量指标', '甲'], weight: output },
    ...(benefit ? [{ path: ['效益指标', '社会效益指标', '乙'], weight: benefit }] : []),
    { path: ['满意度指标', '服务对象满意度', '丙'], weight: satisfaction },
  ],
});

test('V04 (N2; N10): 产出50 · 效益30 · 满意度10 · 预算执行率10 matches the national profile', () => {
  assert.deepEqual(runRule(weightsProfile, national('50', '30', '10')), []);
});

test('V04 (N2; S1 办公场地租赁费): 产出80 + 满意度10 with no 效益 row is a warning naming both structures', () => {
  const f = runRule(weightsProfile, national('80', null, '10'));
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /^一级指标分值为产出80、效益0、满意度10、预算执行率10，与.*规定的产出50、效益30、满意度10、预算执行率10不同$/);
});

test('V04 (N1 §1.2; S1 项目评价, S3 如皋): a 决策/过程 tree follows the N1 framework; a profile that lists 决策/过程 applies', () => {
  const spec: EvaluationSpec = {
    rows: [
      { path: ['决策指标'], weight: '12' },
      { path: ['过程指标'], weight: '18' },
      { path: ['产出指标'], weight: '30' },
      { path: ['效益指标'], weight: '30' },
      { path: ['满意度指标'], weight: '10' },
    ],
  };
  assert.deepEqual(runRule(weightsProfile, spec), []);
  const rugao = ruleset({
    level1Profile: [
      { name: '决策', weight: '12' },
      { name: '过程', weight: '18' },
      { name: '产出', weight: '25' },
      { name: '效益', weight: '35' },
      { name: '满意度', weight: '10' },
    ],
  });
  const f = runRule(weightsProfile, spec, { ruleset: rugao });
  assert.equal(f.length, 1);
  assert.match(f[0].message, /^一级指标分值为决策12、过程18、产出30、效益30、满意度10，/);
});

test('V04 (N2): 部门整体 evaluations are not held to the 自评表 profile', () => {
  assert.deepEqual(runRule(weightsProfile, { ...national('80', null, '10'), subject: 'department' }), []);
});
