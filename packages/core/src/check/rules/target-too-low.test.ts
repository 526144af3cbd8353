import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleset, runRule } from '../fixtures.ts';
import { targetTooLow } from './target-too-low.ts';

const one = (name: string, target: string, actual: string, deviation?: string) =>
  runRule(targetTooLow, { rows: [{ path: ['产出指标', '数量指标', name], target, actual, weight: '6', score: '6', deviation }] });

test('V08 (N1; S3 职业技能评价): 8 次 planned, 10 次 held = +25% over a 20% threshold', () => {
  const f = one('根据上级要求举办各类技能竞赛', '8 次', '10 次');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.equal(
    f[0].message,
    '“产出指标/数量指标/根据上级要求举办各类技能竞赛”实际完成10次，超出年度指标值8次达25.00%（偏离度阈值20%），指标值可能设定偏低',
  );
});

test('V08 (N1; S3): 300 → 330 人次 is +10% and passes; a stated reason also clears the warning', () => {
  assert.deepEqual(one('考评人员培训及继续教育人数', '300 人 次', '330 人 次'), []);
  assert.deepEqual(one('根据上级要求举办各类技能竞赛', '8 次', '10 次', '上级临时增加竞赛任务'), []);
});

test('V08 (N1): reverse indicators and a higher configured threshold do not warn', () => {
  assert.deepEqual(one('运行维护响应时间', '≤4小时', '1小时'), []);
  const f = runRule(
    targetTooLow,
    { rows: [{ path: ['产出', '数量', '竞赛'], target: '8次', actual: '10次' }] },
    { ruleset: ruleset({ deviationThreshold: '0.3' }) },
  );
  assert.deepEqual(f, []);
});
