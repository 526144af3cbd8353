// Traffic lights of a 1–7月 round on the 海创扶持资金 targets (S1), worked by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getRuleset } from '../rulesets/index.ts';
import { seedTable } from '../targets/test-fixtures/index.ts';
import { assessRound, shortfall } from './lights.ts';
import { consequenceOf, lifecycleSettings } from './settings.ts';
import type { MonitoringRound } from './model.ts';

const table = seedTable('海创扶持资金'); // 1.1.1 资助孵化海创数量 ≥50个, 1.4.1 项目预算控制数 2700, 3.1.1 满意度 ≥80%

function round(o: Partial<MonitoringRound> = {}): MonitoringRound {
  return {
    period: { from: 1, to: 7 },
    funds: { unit: '万元', annualBudget: '2700', executed: '1600', expectedYearEnd: '2650' },
    rows: table.indicators
      .filter((i) => i.target)
      .map((i) => ({ indicatorId: i.id, progress: '按计划推进', expected: i.target, cause: null, note: null, likelihood: '确定能' as const })),
    ...o,
  };
}

test('all on track: green; 1600 of 2700 万元 is 59.26% against 序时进度 7/12 = 58.33%', () => {
  const a = assessRound(table, round(), lifecycleSettings());
  assert.equal(a.light, 'green');
  assert.equal(a.funds.rate, '59.26');
  assert.equal(a.funds.schedule, '58.33');
  assert.equal(a.funds.expectedRate, '98.15'); // 2650 / 2700
  assert.ok(a.indicators.every((i) => i.light === 'green'));
});

test('资助孵化海创数量 expected 30个 against ≥50个: 40% short, above 30% → red, and the missing 偏差原因 is asked for', () => {
  const r = round();
  const row = r.rows.find((x) => x.indicatorId === '1.1.1')!;
  row.expected = '30个';
  const a = assessRound(table, r, lifecycleSettings());
  const i = a.indicators.find((x) => x.indicatorId === '1.1.1')!;
  assert.equal(i.light, 'red');
  assert.deepEqual(i.reasons, ['全年预计“30个”比年度指标值“≥50个”低 40.00%（超过 30%）']);
  assert.equal(a.light, 'red');
  assert.deepEqual(a.missing, ['“产出指标/数量指标/资助孵化海创数量”有偏差，请选择偏差原因']);
  row.cause = '经费保障';
  assert.deepEqual(assessRound(table, r, lifecycleSettings()).missing, []);
});

test('44个 (12% short) is yellow; 完全不可能 is red whatever the figures; 有可能 is yellow', () => {
  const r = round();
  r.rows.find((x) => x.indicatorId === '1.1.1')!.expected = '44个';
  assert.equal(assessRound(table, r, lifecycleSettings()).indicators.find((x) => x.indicatorId === '1.1.1')!.light, 'yellow');
  r.rows.find((x) => x.indicatorId === '3.1.1')!.likelihood = '完全不可能';
  const a = assessRound(table, r, lifecycleSettings());
  assert.equal(a.indicators.find((x) => x.indicatorId === '3.1.1')!.light, 'red');
  r.rows.find((x) => x.indicatorId === '3.1.1')!.likelihood = '有可能';
  assert.equal(assessRound(table, r, lifecycleSettings()).light, 'yellow');
});

test('a reverse target (成本 ≤) is short when the expected figure is above it', () => {
  const ind = { ...table.indicators[0], name: '运行维护响应时间', target: '≤4小时' };
  assert.equal(shortfall(ind, '6小时')!.toString(), '0.5');
  assert.equal(shortfall(ind, '3小时')!.toString(), '0');
});

test('funds: nothing executed by July is red; 1000 of 2700 (37.04%) is more than 10 points behind 58.33% → yellow; year end 2000 (74.07%) < 90% → red', () => {
  const s = lifecycleSettings();
  assert.equal(assessRound(table, round({ funds: { unit: '万元', annualBudget: '2700', executed: '0', expectedYearEnd: '2700' } }), s).funds.light, 'red');
  const behind = assessRound(table, round({ funds: { unit: '万元', annualBudget: '2700', executed: '1000', expectedYearEnd: '2700' } }), s);
  assert.equal(behind.funds.light, 'yellow');
  assert.equal(behind.funds.rate, '37.04');
  const low = assessRound(table, round({ funds: { unit: '万元', annualBudget: '2700', executed: '1600', expectedYearEnd: '2000' } }), s);
  assert.equal(low.funds.light, 'red');
  assert.equal(low.light, 'red');
});

test('a configured 1–6月 round has 序时进度 50%', () => {
  assert.equal(assessRound(table, round({ period: { from: 1, to: 6 } }), lifecycleSettings()).funds.schedule, '50.00');
});

test('the thresholds come from the ruleset: 吉林 30% (its own file), 四川 90%; each setting names its source', () => {
  const jl = lifecycleSettings(getRuleset('jilin-monitoring-2024'));
  assert.equal(jl.monitoring.redShortfall, '0.3');
  assert.ok(jl.monitoring.sources.some((x) => x.includes('吉林') && x.includes('30%')));
  const sc = lifecycleSettings(getRuleset('sichuan-2023'));
  assert.equal(sc.monitoring.fundsRedYearEnd, '0.9');
  assert.ok(lifecycleSettings().monitoring.sources.every((x) => /\[(V|R|I)\]/.test(x)));
});

test('grade → budget consequence: national from N1/N6, 达州 from L3 (中 → 按比例压减, 差 → 取消或暂停)', () => {
  assert.equal(consequenceOf('fair', lifecycleSettings())!.action, '督促整改，可相应压减下年度预算');
  const dz = lifecycleSettings(getRuleset('sichuan-dazhou'));
  assert.equal(consequenceOf('fair', dz)!.action, '按比例压减下年度预算');
  assert.equal(consequenceOf('poor', dz)!.action, '取消或暂停下年度预算');
  assert.match(consequenceOf('poor', dz)!.source, /L3/);
  assert.equal(consequenceOf(null, dz), null);
});
