// Issue 15 "Must show": each province's ruleset scores and checks a realistic evaluation in that
// province's form, chosen from where the evaluation comes from. Every expected score is worked out
// by hand in the comments, from the form's rule as ../shared/docs/provinces.md (P§) records it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../analyze.ts';
import { budget, evaluation, type Row } from '../score/fixtures.ts';
import { scoreLeaf } from '../score/leaf.ts';
import type { Evaluation, Indicator } from '../model/evaluation.ts';
import { getRuleset, NATIONAL, rulesetChanges, describeRuleset, rulesets } from './index.ts';

function ev(e: Parameters<typeof evaluation>[0] & { unit: string; sections?: Evaluation['sections'] }): Evaluation {
  const out = evaluation(e);
  out.unit = e.unit;
  if (e.sections) out.sections = e.sections;
  return out;
}

function row(e: Evaluation, name: string): Indicator {
  const r = e.indicators.find((i) => i.name === name);
  assert.ok(r, name);
  return r;
}

function scoreOf(a: ReturnType<typeof analyze>, name: string): string | null {
  const i = a.evaluation.indicators.find((x) => x.name === name)!;
  return a.scored.indicators.find((r) => r.id === i.id)!.score;
}

function traceOf(a: ReturnType<typeof analyze>, name: string): string {
  const i = a.evaluation.indicators.find((x) => x.name === name)!;
  return a.scored.indicators.find((r) => r.id === i.id)!.trace;
}

const errors = (a: ReturnType<typeof analyze>) => a.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}: ${f.message}`);

// ------------------------------------------------------------------ 湖北 20/80 (P§1.1)

test('湖北 20/80 form: 20 × 执行率 + the unit\'s own scores in the 80-point block; 80/50 qualitative bands', () => {
  const e = ev({
    unit: '黄冈市水利和湖泊局',
    title: '农村饮水安全工程维修项目',
    fiscalYear: 2021,
    // 预算执行情况(万元)(20分): 预算数(A) 50 (调整后，含上年结转), 执行数(B) 45
    budget: budget({ adjusted: '50', executed: '45', weight: '20', statedRate: '90', statedScore: '18' }),
    rows: [
      // 年度绩效目标(80分): 产出指标(50分) and 效益指标(30分) labels carry points; rows have no 分值 column
      { path: ['产出指标'], weight: '50' },
      { path: ['产出指标', '数量指标', '维修供水工程处数'], target: '≥12处', actual: '12处', score: '20' },
      { path: ['产出指标', '质量指标', '工程验收合格率'], target: '100%', actual: '100%', score: '15' },
      { path: ['产出指标', '进度指标', '完工时间'], target: '2021年10月底前', actual: '2021年9月', score: '15' },
      { path: ['效益指标'], weight: '30' },
      { path: ['效益指标', '社会效益指标', '受益人口'], target: '≥8000人', actual: '8200人', score: '20' },
      { path: ['效益指标', '服务对象满意度指标', '群众满意度'], target: '≥90%', actual: '93%', score: '10' },
    ],
    statedTotal: '98',
    sections: [{ heading: '偏差大或目标未完成原因分析', text: '部分维修款项待质保期满后支付，形成结余 5 万元。' }],
  });
  const a = analyze(e);
  assert.equal(a.ruleset.id, 'hubei-2021');
  assert.match(a.rulesetReason, /^按湖北省 20\/80 项目绩效自评表（2020–2021）评分：单位名称含「黄冈」，预算执行分值为 20 分$/);
  // 执行率 45/50 = 90%; 得分 = 20分 × 执行率 = 18 (footnote 1: 预算数 is the adjusted total incl. carry-over)
  assert.equal(a.scored.budget?.rate, '90');
  assert.equal(a.scored.budget?.score, '18');
  assert.match(a.scored.budget!.trace, /调整后预算数（含上年结转）|45\/50=90%/);
  // no per-indicator 分值: the stated scores stand (20+15+15 = 50, 20+10 = 30), the trace says why
  assert.equal(scoreOf(a, '维修供水工程处数'), '20');
  assert.match(traceOf(a, '维修供水工程处数'), /不设逐项分值/);
  // total 18 + 50 + 30 = 98, 优 (N1: ≥ 90)
  assert.equal(a.scored.total, '98');
  assert.equal(a.scored.grade, 'excellent');
  assert.deepEqual(errors(a), []);

  // footnote 3: 部分达成 is 80%–50% of the weight in Hubei (national: 80%–60%). A partly met row of 10
  // stated at 5.5 stays 5.5 under Hubei (≥ 5); nationally it is below the band and raised to 6.
  const partly = { id: 'x', parentId: null, level: 1, path: ['x'], name: '宣传任务完成情况', target: '按要求完成', actual: '基本按要求完成', weight: '10', statedScore: '5.5' };
  assert.equal(scoreLeaf(partly, { subject: 'project', fiscalYear: 2021 }, getRuleset('hubei-2021')!).score?.t, '5.5');
  assert.equal(scoreLeaf(partly, { subject: 'project', fiscalYear: 2021 }, NATIONAL).score?.t, '6');
});

// ------------------------------------------------------------------ 四川 2023 一体化 (P§2.1, P§2.2)

function sichuan(explanation: string | null): Evaluation {
  const e = ev({
    unit: '眉山市青神县人力资源和社会保障局',
    title: '51142521R000000012345-职业技能培训补贴',
    fiscalYear: 2023,
    // 预算执行情况(10分): 调整后预算数 100, 预算执行数 85
    budget: budget({ initial: '100', adjusted: '100', executed: '85', weight: '10', statedRate: '85', statedScore: '8.5' }),
    rows: [
      { path: ['产出指标', '数量指标', '培训人次'], target: '≥500人次', actual: '520人次', weight: '30', score: '30' },
      { path: ['产出指标', '质量指标', '培训合格率'], target: '≥95%', actual: '90%', weight: '20', score: '18.95', deviation: '部分学员补考安排在次年' },
      // 指标性质 定性, 指标值 优良中低差, 完成值 良
      { path: ['效益指标', '社会效益指标', '培训对就业的帮助'], target: '优良中低差', actual: '良', weight: '20', score: '16', deviation: '部分学员尚未就业' },
      { path: ['满意度指标', '服务对象满意度指标', '参训人员满意度'], target: '≥90%', actual: '95%', weight: '20', score: '20' },
    ],
    statedTotal: '93.45',
  });
  e.budget!.explanation = explanation;
  return e;
}

test('四川 2023: 10 + 90 per-indicator weights, 优良中低差 scale, a reason required below 90% execution', () => {
  const a = analyze(sichuan('两个培训班因场地原因延至次年举办，资金 15 万元结转'));
  assert.equal(a.ruleset.id, 'sichuan-2023');
  assert.match(a.rulesetReason, /单位名称含「眉山」|单位名称含「青神」/);
  // 执行率 85/100 = 85%, 10 × 85% = 8.5
  assert.equal(a.scored.budget?.score, '8.5');
  // 培训合格率 positive: 20 × 90/95 = 18.947… → 18.95 (2 decimals half-up)
  assert.equal(scoreOf(a, '培训合格率'), '18.95');
  // 良 on the five-level scale: 20 × 80% = 16 (P§2.2 [I] default 优100/良80/中60/低40/差0)
  assert.equal(scoreOf(a, '培训对就业的帮助'), '16');
  assert.match(traceOf(a, '培训对就业的帮助'), /优 100%、良 80%、中 60%、低 40%、差 0%/);
  // total 8.5 + 30 + 18.95 + 16 + 20 = 93.45, 优
  assert.equal(a.scored.total, '93.45');
  assert.equal(a.scored.gradeLabel, '优');
  assert.deepEqual(errors(a), []);

  // the same form with the 原因 cell blank: 85% < 90% is an error on that cell
  const b = analyze(sichuan(null));
  const f = b.findings.find((x) => x.where.field === 'budget.explanation');
  assert.ok(f, b.findings.map((x) => x.rule).join(','));
  assert.equal(f.severity, 'error');
  assert.match(f.message, /低于90%.*“原因”栏/);
});

// ------------------------------------------------------------------ 云南 (P§3.1), 安徽 (P§4): the national form

test('云南: the national 10/50/30/10 form, chosen from the place; scores as national', () => {
  const e = ev({
    unit: '临沧市临翔区林业和草原局',
    title: '2023年退化林修复项目',
    fiscalYear: 2023,
    budget: budget({ initial: '100', adjusted: '100', executed: '100', statedRate: '100', statedScore: '10' }),
    rows: [
      { path: ['产出指标', '数量指标', '退化林修复面积'], target: '≥1000亩', actual: '950亩', weight: '25', score: '23.75', deviation: '50亩因降雨延至次年春季栽植' },
      { path: ['产出指标', '质量指标', '造林成活率'], target: '≥85%', actual: '90%', weight: '25', score: '25' },
      { path: ['效益指标', '生态效益指标', '森林覆盖率提高'], target: '≥0.1%', actual: '0.1%', weight: '30', score: '30' },
      { path: ['满意度指标', '服务对象满意度指标', '林农满意度'], target: '≥90%', actual: '92%', weight: '10', score: '10' },
    ],
    statedTotal: '98.75',
  });
  const a = analyze(e);
  assert.equal(a.ruleset.id, 'yunnan');
  // 10 × 100% = 10; 25 × 950/1000 = 23.75; 25; 30; 10 → 98.75
  assert.equal(scoreOf(a, '退化林修复面积'), '23.75');
  assert.equal(a.scored.total, '98.75');
  assert.deepEqual(errors(a), []);
  assert.ok(!a.findings.some((f) => f.rule === 'weights-profile'));
  assert.deepEqual(rulesetChanges(a.ruleset, NATIONAL), []);
});

test('安徽 (池州 2022): the national form; an "=" target missed is scored by the stated setting', () => {
  const e = ev({
    unit: '池州市贵池区农业农村局',
    title: '高素质农民培育项目',
    fiscalYear: 2022,
    budget: budget({ initial: '60', adjusted: '60', executed: '60', statedRate: '100', statedScore: '10' }),
    rows: [
      { path: ['产出指标', '数量指标', '开展督导次数'], target: '=4次', actual: '3次', weight: '10', score: '7.5', deviation: '第四季度督导因疫情取消' },
      { path: ['产出指标', '数量指标', '培训农户人数'], target: '≥2000人', actual: '2100人', weight: '20', score: '20' },
      { path: ['产出指标', '成本指标', '项目总成本'], target: '≤90万元', actual: '60万元', weight: '20', score: '20' },
      { path: ['效益指标', '经济效益指标', '参训农户增收'], target: '≥5%', actual: '6%', weight: '30', score: '30' },
      { path: ['满意度指标', '服务对象满意度指标', '参训农户满意度'], target: '≥90%', actual: '95%', weight: '10', score: '10' },
    ],
    statedTotal: '97.5',
  });
  const a = analyze(e);
  assert.equal(a.ruleset.id, 'anhui-2022');
  // "=4次", actual 3: the sources say only that = earns full marks; the default setting (exactMiss
  // proportional, a convention) gives 10 × (1 − |3−4|/4) = 7.5, and the trace says it is a setting
  assert.equal(scoreOf(a, '开展督导次数'), '7.5');
  assert.match(traceOf(a, '开展督导次数'), /来源只规定等于目标得满分，按评分规则设置（等值未达标：按偏离比例，系统默认）/);
  // 10 + 7.5 + 20 + 20 + 30 + 10 = 97.5
  assert.equal(a.scored.total, '97.5');
  assert.deepEqual(errors(a), []);
  // the other setting keeps the evaluator's score
  const judged = analyze(e, { ...a.ruleset, exactMiss: 'judgment' });
  assert.match(traceOf(judged, '开展督导次数'), /等值未达标：评价人评分/);
  assert.equal(scoreOf(judged, '开展督导次数'), '7.5');
});

// ------------------------------------------------------------------ 河北 (P§8)

test('河北: the national form; a 权重占比 column rescales the row (折算得分 = 得分 × 占比)', () => {
  const e = ev({
    unit: '邯郸市成安县民政局',
    title: '百岁老人高龄津贴',
    fiscalYear: 2020,
    budget: budget({ adjusted: '6.84', executed: '6.84', statedRate: '100', statedScore: '10' }),
    rows: [
      { path: ['产出指标', '质量指标', '符合条件申报对象覆盖率'], target: '≥98%', actual: '100%', weight: '50', score: '50' },
      { path: ['效益指标', '社会效益指标', '补贴发放率'], target: '≥95%', actual: '100%', weight: '30', score: '30' },
      { path: ['满意度指标', '服务对象满意度指标', '服务对象满意度'], target: '≥95%', actual: '100%', weight: '10', score: '10' },
    ],
    statedTotal: '100',
  });
  const a = analyze(e);
  assert.equal(a.ruleset.id, 'hebei');
  assert.match(a.rulesetReason, /单位名称含「成安」|单位名称含「邯郸」/);
  // 10 + 50 + 30 + 10 = 100
  assert.equal(a.scored.total, '100');
  assert.deepEqual(errors(a), []);
  // 成安 prints 单项指标得分 25 → 权重占比 25% → 折算得分 25 × 25% = 6.25 (realworld 07)
  const r = row(e, '符合条件申报对象覆盖率');
  r.weight = '25';
  r.statedScore = '25';
  r.weightShare = '25%';
  const b = analyze(e);
  assert.equal(scoreOf(b, '符合条件申报对象覆盖率'), '6.25');
  assert.match(traceOf(b, '符合条件申报对象覆盖率'), /折算得分 = 25×权重占比 25% = 6\.25/);
});

// ------------------------------------------------------------------ 河南 2024 (P§5)

test('河南 2024: 成本 is its own 一级 (成本10/产出30/效益25/满意度5) beside a 30-point execution block', () => {
  const e = ev({
    unit: '郑州市生态环境局',
    title: '大气污染防治监测项目',
    fiscalYear: 2024,
    budget: budget({ initial: '300', adjusted: '300', executed: '300', weight: '30', statedRate: '100', statedScore: '30' }),
    rows: [
      { path: ['成本指标', '经济成本指标', '项目总成本'], target: '≤500万元', actual: '300万元', weight: '10', score: '10' },
      { path: ['产出指标', '数量指标', '监测站点数'], target: '≥20个', actual: '20个', weight: '15', score: '15' },
      { path: ['产出指标', '质量指标', '数据有效率'], target: '≥95%', actual: '98%', weight: '15', score: '15' },
      { path: ['效益指标', '生态效益指标', '优良天数比例'], target: '≥95%', actual: '90%', weight: '25', score: '23.68', deviation: '秋冬季沙尘天气偏多' },
      { path: ['满意度指标', '服务对象满意度指标', '公众满意度'], target: '≥90%', actual: '96%', weight: '5', score: '5' },
    ],
    statedTotal: '98.68',
  });
  const a = analyze(e);
  assert.equal(a.ruleset.id, 'henan-2024');
  // 30 × 100% = 30; 10; 15 + 15; 25 × 90/95 = 23.684… → 23.68; 5 → 98.68
  assert.equal(scoreOf(a, '优良天数比例'), '23.68');
  assert.equal(a.scored.total, '98.68');
  assert.deepEqual(errors(a), []);
  // the 一级 profile with 成本 fits: no weights-profile warning
  assert.ok(!a.findings.some((f) => f.rule === 'weights-profile'), a.findings.map((f) => f.message).join(' | '));
});

// ------------------------------------------------------------------ 宁夏 2021 (P§6)

function ningxia(): Evaluation {
  const e = ev({
    unit: '银川市民政局',
    title: '困难群众临时救助项目',
    fiscalYear: 2021,
    // no separate block: 预算执行率 is a 三级 indicator (10) under 管理
    budget: budget({ adjusted: '200', executed: '190', weight: null }),
    rows: [
      { path: ['决策', '项目立项', '立项依据充分性'], target: '充分', actual: '充分', weight: '5', score: '5' },
      { path: ['决策', '绩效目标', '绩效目标明确性'], target: '明确', actual: '明确', weight: '5', score: '5' },
      { path: ['管理', '资金管理', '预算执行率'], target: '100%', actual: '95%', weight: '10', score: '9.5', kind: 'execution', deviation: '年末救助资金 10 万元结转次年' },
      { path: ['管理', '资金管理', '资金使用合规性'], target: '合规', actual: '合规', weight: '8', score: '8' },
      { path: ['管理', '组织实施', '制度执行有效性'], target: '有效', actual: '有效', weight: '7', score: '7' },
      { path: ['产出', '数量指标', '救助户数'], target: '≥100户', actual: '100户', weight: '15', score: '15' },
      { path: ['产出', '质量指标', '救助对象认定准确率'], target: '100%', actual: '100%', weight: '15', score: '15' },
      { path: ['效益', '社会效益指标', '受益人数'], target: '≥200人', actual: '210人', weight: '20', score: '20' },
      { path: ['效益', '满意度指标', '救助对象满意度'], target: '≥90%', actual: '92%', weight: '15', score: '15' },
    ],
    statedTotal: '99.5',
  });
  // 财政审核评分 beside the self score
  row(e, '制度执行有效性').reviewScore = '6';
  return e;
}

test('宁夏 2021: 决策10/管理25/产出30/效益35, execution as a 三级 row, 财政审核评分 kept beside the self score', () => {
  const a = analyze(ningxia());
  assert.equal(a.ruleset.id, 'ningxia-2021');
  // 预算执行率 row: 190/200 = 95%, 10 × 95% = 9.5, the block itself not counted again
  assert.equal(scoreOf(a, '预算执行率'), '9.5');
  // 5+5 + 9.5+8+7 + 15+15 + 20+15 = 99.5 on the self scores
  assert.equal(a.scored.total, '99.5');
  assert.match(traceOf(a, '制度执行有效性'), /财政审核评分 6（评分规则以自评得分定分，审核评分仅列示）/);
  assert.deepEqual(errors(a), []);
  assert.ok(!a.findings.some((f) => f.rule === 'weights-profile'), a.findings.map((f) => f.message).join(' | '));
  // graded on the review score instead (the setting gradeOn): 99.5 − 7 + 6 = 98.5
  const r = analyze(ningxia(), { ...a.ruleset, gradeOn: 'review' });
  assert.equal(r.scored.total, '98.5');
  assert.match(traceOf(r, '制度执行有效性'), /^按财政审核评分 6 计/);
});

// ------------------------------------------------------------------ 重庆 2021 部门整体 (P§7)

test('重庆 部门整体: 得分系数 × 指标权重, 调整指标值 scored instead of the initial one', () => {
  const e = ev({
    subject: 'department',
    unit: '重庆市梁平区林业局',
    title: '重庆市梁平区林业局2023年度部门整体绩效自评表',
    fiscalYear: 2023,
    // 执行率权重 10; 792.7 / 1000 = 79.27% → 7.93 (realworld 22 prints 79.27 and 7.93)
    budget: budget({ adjusted: '1000', executed: '792.7', weight: '10', statedRate: '79.27', statedScore: '7.93' }),
    rows: [
      { path: ['产出指标', '数量指标', '完成营造林面积'], target: '≥5万亩', actual: '4.6万亩', weight: '20', score: '20' },
      { path: ['产出指标', '质量指标', '苗木成活率'], target: '≥90%', actual: '87%', weight: '20', score: '20' },
      { path: ['效益指标', '生态效益指标', '森林覆盖率'], target: '≥55%', actual: '54.5%', weight: '30', score: '28.5', deviation: '新造林尚未郁闭' },
      { path: ['满意度指标', '服务对象满意度指标', '林农满意度'], target: '≥90%', actual: '95%', weight: '20', score: '20' },
    ],
    statedTotal: '96.43',
    sections: [{ heading: '偏差原因', text: '部分森林防火项目资金结转至下年支付。' }],
  });
  const area = row(e, '完成营造林面积');
  area.coefficient = '100%';
  area.core = true;
  area.adjustedTarget = '≥4.5万亩';
  row(e, '苗木成活率').adjustedTarget = '≥85%';
  row(e, '森林覆盖率').coefficient = '95';
  row(e, '林农满意度').coefficient = '100%';
  const a = analyze(e);
  assert.equal(a.ruleset.id, 'chongqing-2021');
  // 20 × 100% = 20 (系数 decides, whatever the targets)
  assert.equal(scoreOf(a, '完成营造林面积'), '20');
  assert.match(traceOf(a, '完成营造林面积'), /得分系数 100%，得分 = 系数 × 指标权重 20 = 20/);
  // 87% against the adjusted ≥85%: full 20 (against the initial ≥90% it would be 20 × 87/90 = 19.33)
  assert.equal(scoreOf(a, '苗木成活率'), '20');
  assert.match(traceOf(a, '苗木成活率'), /^按调整指标值「≥85%」计分（年初指标值「≥90%」）/);
  // 30 × 95% = 28.5
  assert.equal(scoreOf(a, '森林覆盖率'), '28.5');
  // 7.93 + 20 + 20 + 28.5 + 20 = 96.43
  assert.equal(a.scored.total, '96.43');
  assert.deepEqual(errors(a), []);
});

// ------------------------------------------------------------------ 湖南 专项资金 (P§9)

test('湖南 专项资金 form without scores: nothing is scored, no grade, no false findings', () => {
  const e = ev({
    unit: '衡阳市衡山县农业农村局',
    title: '2020年农田水利设施建设专项资金',
    fiscalYear: 2020,
    budget: budget({ adjusted: '100', executed: '80', weight: null }),
    rows: [
      { path: ['产出指标', '数量指标', '新建渠道长度'], target: '≥5公里', actual: '4公里', deviation: '1公里因征地延至次年' },
      { path: ['效益指标', '经济效益指标', '新增灌溉面积'], target: '≥2000亩', actual: '1800亩', deviation: '渠道未全部完工' },
    ],
  });
  e.goals = { expected: '新建渠道5公里，新增灌溉面积2000亩', actual: '建成渠道4公里，资金结余20万元待次年支付' };
  const a = analyze(e);
  assert.equal(a.ruleset.id, 'hunan-special-2020');
  assert.match(a.rulesetReason, /单位名称含「衡(?:山|阳)」，表中无分值和得分/);
  assert.equal(a.scored.total, null);
  assert.equal(a.scored.grade, null);
  // 执行率 80/100 = 80% is still shown
  assert.equal(a.scored.budget?.rate, '80');
  assert.match(a.scored.totalTrace, /本表不设分值和得分/);
  assert.deepEqual(errors(a), []);
  // the same form in a Hunan unit that does score is not taken for it
  const scored = ev({ unit: '衡阳市衡山县农业农村局', title: 'x', budget: budget({ adjusted: '1', executed: '1', weight: '10' }), rows: [{ path: ['产出指标', 'a'], target: '1', actual: '1', weight: '90', score: '90' }] });
  assert.equal(analyze(scored).ruleset.id, 'national');
});

// ------------------------------------------------------------------ 吉林 monitoring (P§13), choice and listing

test('吉林: the monitoring rule (30% deviation) is listed as what it changes', () => {
  const r = getRuleset('jilin-monitoring-2024')!;
  assert.deepEqual(rulesetChanges(r, NATIONAL), ['运行监控：阶段完成值偏离目标超过 30% 或执行率为 0 须说明原因']);
  const e = ev({ unit: '长春工业大学', title: '教学实验平台建设', rows: [] });
  assert.equal(analyze(e).ruleset.id, 'jilin-monitoring-2024');
});

test('no place named: national, with the reason; --ruleset style override wins with its own reason', () => {
  const e = ev({ unit: '某单位', title: '某项目', rows: [] });
  const a = analyze(e);
  assert.equal(a.ruleset.id, 'national');
  assert.match(a.rulesetReason, /未识别出有专门评分规则的省市/);
  const o = analyze(ev({ unit: '黄冈市水利和湖泊局', title: '某项目', rows: [] }), 'sichuan-2023');
  assert.equal(o.ruleset.id, 'sichuan-2023');
  assert.match(o.rulesetReason, /指定的评分规则/);
  // the unit tree decides before the document: a Hubei document of a unit filed under 四川
  const t = analyze(ev({ unit: '黄冈市水利和湖泊局', title: '某项目', rows: [] }), null, { unitPath: ['四川省', '眉山市财政局'] });
  assert.equal(t.ruleset.id, 'sichuan-2023');
  assert.match(t.rulesetReason, /所属单位「眉山市财政局」含「眉山」/);
});

test('every province ruleset says what it changes from the national one, and cites [V]/[I] sources', () => {
  for (const id of ['hubei-2021', 'sichuan-2023', 'henan-2024', 'ningxia-2021', 'chongqing-2021', 'hunan-special-2020', 'jilin-monitoring-2024']) {
    const r = getRuleset(id)!;
    assert.ok(rulesetChanges(r, NATIONAL).length > 0, id);
    assert.ok(r.sources.some((s) => /\[V\]/.test(s)), id);
    const lines = describeRuleset(r, NATIONAL);
    assert.ok(lines.some((l) => l.startsWith('与全国默认（财预〔2020〕10号）不同：')), id);
    assert.ok(lines.some((l) => l.startsWith('何时选用：')), id);
  }
  assert.ok(rulesets.length >= 19);
});
