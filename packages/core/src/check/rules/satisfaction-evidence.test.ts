import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../fixtures.ts';
import { satisfactionEvidence } from './satisfaction-evidence.ts';

const row = { path: ['满意度指标', '服务对象满意度', '特聘岗位满意度指标'], target: '≥80%', actual: '96%', weight: '10', score: '10' };

test('V19 (§5.7; S1 特聘岗位): “通过调研和问卷调查显示，满意度达到96%” names the method but no sample size', () => {
  const f = runRule(satisfactionEvidence, {
    rows: [row],
    sections: [{ heading: '（2）满意度分析', text: '满意度指标设定为特聘岗位满意度≥80%，通过调研和问卷调查显示，满意度达到96%，达成年度绩效目标。' }],
  });
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.equal(f[0].message, '“满意度指标/服务对象满意度/特聘岗位满意度指标”的实际完成值“96%”没有说明样本数量');
});

test('V19 (§5.7; S1 自评表): a bare 100% with nothing else lacks both', () => {
  const f = runRule(satisfactionEvidence, { rows: [row] });
  assert.match(f[0].message, /没有说明调查方式和样本数量$/);
});

test('V19 (§5.7): method and sample stated in the 评分依据 pass', () => {
  const f = runRule(satisfactionEvidence, { rows: [{ ...row, basis: '发放问卷120份，回收有效问卷115份，满意率96%' }] });
  assert.deepEqual(f, []);
});
