// Each target check on a real example: rows copied from the seeds (test-fixtures/seed-targets.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedTable } from '../test-fixtures/index.ts';
import { categories } from './categories.ts';
import { measurable } from './measurable.ts';
import { weights } from './weights.ts';
import { costBudget } from './cost-budget.ts';
import { checkTargets, targetRules } from './index.ts';

test('T01 (S1 办公场地租赁费): a table with 产出 and 满意度 but no 效益 indicator is a finding', () => {
  const f = categories.run(seedTable('北京海外学人中心办公场地租赁费'));
  assert.deepEqual(f.map((x) => x.message), ['绩效目标缺少效益指标']);
  assert.equal(f[0].severity, 'error');
});

test('T01 (S1 海创扶持资金): 数量、质量、时效、成本、效益、满意度 all present, nothing to report', () => {
  assert.deepEqual(categories.run(seedTable('海创扶持资金')), []);
});

test('T01: removing the 时效 row of a real table is reported as 产出指标中的时效指标', () => {
  const t = seedTable('海创扶持资金');
  t.indicators = t.indicators.filter((i) => !i.path.includes('时效指标'));
  assert.deepEqual(categories.run(t).map((x) => x.message), ['绩效目标缺少产出指标中的时效指标']);
});

test('T02 (S1 海创扶持资金): “得到提升” ×3 have no measure, the cost target “2700” has no unit', () => {
  const f = measurable.run(seedTable('海创扶持资金'));
  assert.deepEqual(
    f.map((x) => x.message),
    [
      '“产出指标/成本指标/项目预算控制数”的年度指标值“2700”没有计量单位',
      '“效益指标/社会效益指标/引领技术创新水平”的年度指标值“得到提升”用“提升”等描述，没有可衡量的标准',
      '“效益指标/社会效益指标/促进产业竞争力水平”的年度指标值“得到提升”用“提升”等描述，没有可衡量的标准',
      '“效益指标/社会效益指标/培育优质企业发展数量”的年度指标值“得到提升”用“提升”等描述，没有可衡量的标准',
    ],
  );
  assert.deepEqual(f.map((x) => x.where.indicatorId), ['1.4.1', '2.1.1', '2.1.2', '2.1.3']);
});

test('T02 (S3 新录用事业人员培训): 效益 “提高…/促进…” answered “是”, and a 成本 target “否” that is no figure', () => {
  const f = measurable.run(seedTable('新录用事业人员培训及事业人员嘉奖证书'));
  assert.deepEqual(
    f.map((x) => x.where.path?.at(-1)),
    ['是否超出预算', '提高事业单位新录用人员适岗率和获得嘉奖人员工作积极性，促进经济发展', '提高参培人员工作能力，激励获得嘉奖人员，更好地服务社会。', '促进事业单位可持续发展'],
  );
  assert.equal(f[0].message, '“产出指标/成本指标/是否超出预算”是成本指标，年度指标值“否”不是数值');
  // 决策/过程 rows such as 合理、规范、100% are measurable enough
  assert.ok(f.every((x) => x.where.path?.[0] !== '决策指标' && x.where.path?.[0] !== '过程指标'));
});

test('T02 (S3 高级人才休养慰问费): 扩大、保障、加强 without a measure; “组织专家为经济建设服务 是” has no vague word', () => {
  const names = measurable.run(seedTable('高级人才休养慰问费')).map((x) => x.where.path?.at(-1));
  assert.deepEqual(names, ['是否超出预算', '扩大专家社会影响', '保障生态效益', '加强专家队伍建设']);
});

test('T02: an empty 年度指标值 is a finding', () => {
  const t = seedTable('海创扶持资金');
  t.indicators.find((i) => i.name === '资助孵化海创数量')!.target = ' ';
  assert.ok(measurable.run(t).some((x) => x.message === '“产出指标/数量指标/资助孵化海创数量”没有填写年度指标值'));
});

test('T03 (S1 海创扶持资金): 15+15+10+10+30+10 = 90 with 预算执行率 10 is 100', () => {
  assert.deepEqual(weights.run(seedTable('海创扶持资金')), []);
});

test('T03 (S3 培训, 如皋 form with 决策/过程 and no 资金 weight): 12+18+30+30+10 = 100', () => {
  assert.deepEqual(weights.run(seedTable('新录用事业人员培训及事业人员嘉奖证书')), []);
});

test('T03: one 分值 changed from 15 to 20 makes 105', () => {
  const t = seedTable('海创扶持资金');
  t.indicators.find((i) => i.name === '资助孵化海创数量')!.weight = '20';
  const f = weights.run(t);
  assert.equal(f.length, 1);
  assert.equal(f[0].message, '分值合计为 105（绩效指标 95 + 预算执行率 10），应为 100');
});

test('T04 (S1 海创扶持资金): 项目预算控制数 2700 is within the declared 2700 万元, above the adjusted 1300 万元', () => {
  assert.deepEqual(costBudget.run(seedTable('海创扶持资金', 'initial')), []);
  const f = costBudget.run(seedTable('海创扶持资金', 'adjusted'));
  assert.equal(f.length, 1);
  assert.equal(f[0].message, '成本指标“产出指标/成本指标/项目预算控制数”的年度指标值 2700万元 高于项目资金 1300万元');
});

test('T04 (S1 办公场地租赁费): 预算控制数 906万元 against 906 declared and 796 adjusted; 元 and 万元 compared in 元', () => {
  assert.deepEqual(costBudget.run(seedTable('北京海外学人中心办公场地租赁费')), []);
  assert.equal(costBudget.run(seedTable('北京海外学人中心办公场地租赁费', 'adjusted')).length, 1);
  const t = seedTable('北京海外学人中心办公场地租赁费');
  t.indicators.find((i) => i.name === '预算控制数')!.target = '9060000元';
  assert.deepEqual(costBudget.run(t), []);
  t.indicators.find((i) => i.name === '预算控制数')!.target = '9060000.01元';
  assert.equal(costBudget.run(t).length, 1);
});

test('every target rule cites a source and has its own code; checkTargets puts errors first', () => {
  assert.equal(new Set(targetRules.map((r) => r.code)).size, targetRules.length);
  for (const r of targetRules) assert.match(r.source, /N\d/);
  const f = checkTargets(seedTable('北京海外学人中心办公场地租赁费', 'adjusted'));
  assert.deepEqual(f.map((x) => x.rule), ['target-categories', 'target-cost-budget']);
});
