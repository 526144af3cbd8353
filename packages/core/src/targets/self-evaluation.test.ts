// The self-evaluation starts from the approved targets; a target changed in it is T10 与批复目标不一致.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../analyze.ts';
import { seedTable } from './test-fixtures/index.ts';
import { evaluationFromTargets } from './self-evaluation.ts';
import { copyTargetTable, composeTarget, targetParts, targetTableFromEvaluation } from './model.ts';
import { buildLibrary, searchLibrary } from './library.ts';
import { rectificationCandidates } from '../rectification/model.ts';

const approved = seedTable('海创扶持资金');

test('the evaluation carries the approved tree, weights, 年度指标值, funds and 年度目标, with no actuals', () => {
  const ev = evaluationFromTargets(approved, { tableId: 7, version: 3 });
  assert.equal(ev.title, '海创扶持资金');
  assert.equal(ev.budget!.adjustedBudget, '2700');
  assert.equal(ev.budget!.weight, '10');
  assert.equal(ev.goals!.expected, approved.goals.annual);
  assert.deepEqual(ev.indicators.map((i) => [i.id, i.target, i.weight]), approved.indicators.map((i) => [i.id, i.target, i.weight]));
  assert.ok(ev.indicators.every((i) => i.actual === null && i.statedScore === null));
  assert.deepEqual(ev.approvedTargets!.tableId, 7);
  assert.deepEqual(analyze(ev).findings.filter((f) => f.rule === 'approved-target-changed'), []);
});

test('T10: one 年度指标值 changed (≥50个 → ≥40个) is flagged on its row; a dropped row is flagged too', () => {
  const ev = evaluationFromTargets(approved, { tableId: 7, version: 3 });
  ev.indicators.find((i) => i.id === '1.1.1')!.target = '≥40个';
  let f = analyze(ev).findings.filter((x) => x.rule === 'approved-target-changed');
  assert.equal(f.length, 1);
  assert.equal(f[0].message, '与批复目标不一致：“产出指标/数量指标/资助孵化海创数量”的年度指标值“≥40个”，批复为“≥50个”');
  assert.equal(f[0].where.indicatorId, '1.1.1');
  assert.equal(f[0].severity, 'warning');
  ev.indicators = ev.indicators.filter((i) => i.id !== '3.1.1');
  f = analyze(ev).findings.filter((x) => x.rule === 'approved-target-changed');
  assert.ok(f.some((x) => x.message.includes('“满意度指标/服务对象满意度/资助企业满意度指标”（年度指标值“≥80%”）在自评表中缺失')));
});

test('an evaluation not made from targets has no T10 finding (whitespace differences are no change either)', () => {
  const ev = evaluationFromTargets(approved, { tableId: 1, version: 1 });
  ev.indicators.find((i) => i.id === '1.1.1')!.target = ' ≥50 个 ';
  assert.deepEqual(analyze(ev).findings.filter((x) => x.rule === 'approved-target-changed'), []);
  delete ev.approvedTargets;
  ev.indicators.find((i) => i.id === '1.1.1')!.target = '≥1个';
  assert.deepEqual(analyze(ev).findings.filter((x) => x.rule === 'approved-target-changed'), []);
});

test('年度指标值 as (operator, value, unit) and back', () => {
  assert.deepEqual(targetParts('≥50个'), { op: '>=', value: '50', unit: '个' });
  assert.equal(composeTarget('>=', '50', '个'), '≥50个');
  assert.equal(composeTarget('<=', '2700', '万元'), '≤2700万元');
  assert.equal(targetParts('得到提升'), null);
});

test('last year: a self-evaluation back to a target table (actuals and scores left), then copied to next year with open items', () => {
  const ev = evaluationFromTargets(approved, { tableId: 1, version: 1 });
  ev.indicators[2].actual = '基本达成';
  ev.indicators[2].statedScore = '12';
  const t = targetTableFromEvaluation(ev);
  assert.equal(t.indicators[2].actual, null);
  assert.equal(t.indicators[2].statedScore, null);
  assert.equal(t.funds.total, '2700');
  const next = copyTargetTable(t, 2022, [{ id: 1, fiscalYear: 2021, problem: '部分项目暂不符合扶持条件', measures: null, owner: '张三', deadline: '2022-06-30', status: '待整改' }]);
  assert.equal(next.fiscalYear, 2022);
  assert.equal(next.carried![0].problem, '部分项目暂不符合扶持条件');
  assert.equal(t.fiscalYear, 2021);
});

test('the indicator library finds 满意度 indicators of several seed tables by name and category', () => {
  const lib = buildLibrary([seedTable('海创扶持资金'), seedTable('北京海外学人中心办公场地租赁费'), seedTable('高级人才休养慰问费')]);
  assert.deepEqual(searchLibrary(lib, '满意度').map((e) => e.name), ['使用人员满意度', '专家满意度指标', '资助企业满意度指标'].sort((a, b) => a.localeCompare(b, 'zh')));
  assert.deepEqual(searchLibrary(lib, '', '成本指标').map((e) => [e.name, e.uses]), [['是否超出预算', 1], ['项目预算控制数', 1], ['预算控制数', 1]].sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'zh')));
});

test('rectification candidates: error findings and each problem the report states (S3 培训: 存在问题 and 整改措施)', () => {
  const ev = evaluationFromTargets(approved, { tableId: 1, version: 1 });
  ev.sections = [
    { heading: '四、存在问题', key: 'problems', text: '新录用事业人员的课程安排有待完善。' },
    { heading: '五、整改措施', key: 'suggestions', text: '通过调研、分析,建议进一步完善新录用事业人员岗前培训课程,促进学员加快融入新的工作环境。' },
  ];
  ev.indicators[2].statedScore = '20'; // 分值 15: V02 error
  const c = rectificationCandidates(ev, analyze(ev).findings);
  const problem = c.find((x) => x.source.kind === 'problem')!;
  assert.equal(problem.problem, '新录用事业人员的课程安排有待完善。');
  assert.match(problem.measures!, /完善新录用事业人员岗前培训课程/);
  assert.ok(c.some((x) => x.source.kind === 'finding' && x.source.indicatorId === '1.1.1'));
  assert.ok(c.every((x) => x.status === 'open'));
});
