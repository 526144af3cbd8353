import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../fixtures.ts';
import { costUnderspendPenalty } from './cost-underspend-penalty.ts';

const cost = (target: string, actual: string, score: string, name = '项目预算控制数') =>
  runRule(costUnderspendPenalty, { rows: [{ path: ['产出指标', '成本指标', name], target, actual, weight: '10', score }] });

test('V11 (N4; S1 服务保障经费): 650万元 → 234.87万元 scored 4/10 is flagged', () => {
  const f = cost('650万元', '234.87万元', '4');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.equal(
    f[0].message,
    '成本指标“产出指标/成本指标/项目预算控制数”实际234.87万元未超过指标值650万元，按反向指标应得满分10，却只得4分；成本指标扣分与反向规则不符，可能重复扣减执行率',
  );
});

test('V11 (N4; S1 海创扶持资金): a bare 2700 against 1160万元 scored 5/10 is flagged', () => {
  assert.equal(cost('2700', '1160万元', '5').length, 1);
});

test('V11 (N4; S1 信息化运维费 146 → 145.4 scored 5/5): full marks or an over-run pass', () => {
  assert.deepEqual(cost('146', '145.4', '10'), []);
  assert.deepEqual(cost('100万元', '120万元', '8'), []);
});

test('V11 (N4): a 成本节约率 row is positive and not a cost cap', () => {
  assert.deepEqual(cost('≥5%', '3%', '6', '成本节约率'), []);
});
