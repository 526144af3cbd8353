// Issue 15: every province's form as data, so that authoring starts from it (the editor's 新建评价
// lists the frameworks) and the renderer prints its columns. Each expectation below is read off
// ../shared/docs/provinces.md (section in the test name), not off the data files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getFramework, newEvaluationFromFramework } from './index.ts';
import { analyze } from '../analyze.ts';
import type { Framework } from '../model/framework.ts';

const fw = (id: string): Framework => {
  const f = getFramework(id);
  assert.ok(f, `缺少指标体系 ${id}`);
  return f;
};
const level1 = (f: Framework) => f.indicators.filter((i) => i.path.length === 1).map((i) => [i.path[0], i.weight]);
const labels = (f: Framework) => (f.columns ?? []).map((c) => c.label);
const keys = (f: Framework) => (f.columns ?? []).map((c) => c.key);
const level2 = (f: Framework, l1: string) => f.indicators.filter((i) => i.path.length === 2 && i.path[0] === l1).map((i) => i.path[1]);

test('P§1.1 湖北 20/80: 资金 20, the 80 points without a 分值 column, 年初目标值(A) | 实际完成值(B) | 得分, 进度指标', () => {
  const f = fw('hubei-project-2021');
  assert.equal(f.ruleset, 'hubei-2021');
  assert.equal(f.budgetWeight, '20');
  assert.deepEqual(labels(f), ['一级指标', '二级指标', '三级指标', '年初目标值(A)', '实际完成值(B)', '得分']);
  assert.ok(!keys(f).includes('weight'));
  assert.ok(f.indicators.every((i) => i.weight === null));
  assert.deepEqual(level2(f, '产出指标'), ['数量指标', '质量指标', '进度指标', '成本指标']);
  assert.ok(level2(f, '效益指标').includes('服务对象满意度指标'));
});

test('P§2.1 四川 2023: 资金 10, 90 as one pool (no 一级 split), 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析', () => {
  const f = fw('sichuan-project-2023');
  assert.equal(f.ruleset, 'sichuan-2023');
  assert.equal(f.budgetWeight, '10');
  assert.ok(level1(f).every(([, w]) => w === null));
  assert.deepEqual(labels(f).slice(3), ['指标性质', '指标值', '度量单位', '完成值', '权重', '得分', '未完成原因分析']);
});

test('P§3.1 云南: the national form with 年度指标值 split into 指标性质 | 指标值 | 度量单位; 10/50/30/10 [I]', () => {
  const f = fw('yunnan-project');
  assert.equal(f.ruleset, 'yunnan');
  assert.equal(f.budgetWeight, '10');
  assert.deepEqual(level1(f), [['产出指标', '50'], ['效益指标', '30'], ['满意度指标', '10']]);
  assert.deepEqual(keys(f).slice(3, 6), ['operator', 'target', 'unitOfMeasure']);
});

test('P§4 安徽 (池州 2022): 产出指标(50分) 效益指标(30分) 满意度指标(10分) + 资金 10', () => {
  const f = fw('anhui-project-2022');
  assert.equal(f.ruleset, 'anhui-2022');
  assert.equal(f.budgetWeight, '10');
  assert.deepEqual(level1(f), [['产出指标', '50'], ['效益指标', '30'], ['满意度指标', '10']]);
});

test('P§8 河北: 资金 10, indicator weights set by the unit, a 权重占比 column after 得分', () => {
  const f = fw('hebei-project');
  assert.equal(f.ruleset, 'hebei');
  assert.equal(f.budgetWeight, '10');
  const k = keys(f);
  assert.equal(k.indexOf('weightShare'), k.indexOf('score') + 1);
});

test('P§5 河南 2024: 成本 10 / 产出 30 / 效益 25 / 满意度 5 fixed, 成本 its own 一级, execution 30 [I]', () => {
  const f = fw('henan-project-2024');
  assert.equal(f.ruleset, 'henan-2024');
  assert.deepEqual(level1(f), [['成本指标', '10'], ['产出指标', '30'], ['效益指标', '25'], ['满意度指标', '5']]);
  assert.ok(!level2(f, '产出指标').includes('成本指标'), '成本 is not a 二级 under 产出');
  assert.equal(f.budgetWeight, '30');
  assert.ok(f.sources.some((s) => s.startsWith('P5 [I]') && /30/.test(s)), 'the inferred 30 is marked [I]');
});

test('P§6 宁夏 2021: 决策 10 / 管理 25 / 产出 30 / 效益 35, 预算执行率 a 三级 (10) under 管理, 财政审核评分 beside 自评得分', () => {
  const f = fw('ningxia-project-2021');
  assert.equal(f.ruleset, 'ningxia-2021');
  assert.equal(f.budgetWeight, null);
  assert.deepEqual(level1(f), [['决策', '10'], ['管理', '25'], ['产出', '30'], ['效益', '35']]);
  const exec = f.indicators.find((i) => i.path.at(-1) === '预算执行率');
  assert.deepEqual(exec?.path, ['管理', '资金管理', '预算执行率']);
  assert.equal(exec?.weight, '10');
  assert.equal(exec?.method, 'execution');
  const k = keys(f);
  assert.equal(k.indexOf('reviewScore'), k.indexOf('score') + 1);
  assert.deepEqual(labels(f).slice(k.indexOf('score'), k.indexOf('score') + 2), ['自评得分', '财政审核评分']);
});

test('P§7 重庆 2021 部门整体: 是否核心指标, 年初指标值 and 调整指标值, 指标权重, 得分系数; 执行率权重 10', () => {
  const f = fw('chongqing-department-2021');
  assert.equal(f.subject, 'department');
  assert.equal(f.ruleset, 'chongqing-2021');
  assert.equal(f.budgetWeight, '10');
  for (const l of ['是否核心指标', '年初指标值', '调整指标值', '指标权重', '得分系数', '指标得分']) assert.ok(labels(f).includes(l), l);
  const k = keys(f);
  assert.ok(k.indexOf('adjustedTarget') === k.indexOf('target') + 1);
});

test('P§9 湖南 专项资金 2020: no 分值 and no 得分 column, no weight anywhere, no 资金 分值', () => {
  const f = fw('hunan-special-2020');
  assert.equal(f.ruleset, 'hunan-special-2020');
  assert.ok(!keys(f).includes('weight') && !keys(f).includes('score'));
  assert.ok(f.indicators.every((i) => i.weight === null));
  assert.equal(f.budgetWeight, null);
  assert.deepEqual(labels(f).slice(3), ['年度指标值', '全年完成值', '未完成原因和改进措施']);
});

test('P§13 吉林: the national form under the ruleset with the 30% monitoring-deviation rule', () => {
  const f = fw('jilin-project-2024');
  assert.equal(f.ruleset, 'jilin-monitoring-2024');
  assert.equal(f.budgetWeight, '10');
});

// authoring: a blank evaluation from each province's form, for a unit placed in that province in the
// unit tree, is scored by the form's ruleset, and the reason names the unit tree
const UNITS: [string, string[]][] = [
  ['hubei-project-2021', ['湖北省', '黄冈市', '黄冈市水利和湖泊局']],
  ['sichuan-project-2023', ['四川省', '眉山市', '青神县人力资源和社会保障局']],
  ['yunnan-project', ['云南省', '临沧市', '临翔区林业和草原局']],
  ['anhui-project-2022', ['安徽省', '池州市', '贵池区财政局']],
  ['hebei-project', ['河北省', '邯郸市', '成安县教育局']],
  ['henan-project-2024', ['河南省', '郑州大学']],
  ['ningxia-project-2021', ['宁夏回族自治区', '银川市', '银川市民政局']],
  ['chongqing-department-2021', ['重庆市', '梁平区', '梁平区林业局']],
  ['hunan-special-2020', ['湖南省', '衡阳市', '衡山县农业农村局']],
  ['jilin-project-2024', ['吉林省', '长春工业大学']],
];

for (const [id, unitPath] of UNITS) {
  test(`新建评价 from ${id} for a unit under ${unitPath[0]} is scored by the form's ruleset`, () => {
    const f = fw(id);
    const ev = newEvaluationFromFramework(f, { title: '测试项目', unit: unitPath.at(-1)!, fiscalYear: f.year ?? 2024 });
    assert.equal(ev.framework, id);
    assert.equal(ev.budget?.weight ?? null, f.budgetWeight);
    const a = analyze(ev, null, { unitPath });
    assert.equal(a.ruleset.id, f.ruleset, a.rulesetReason);
    assert.match(a.rulesetReason, /所属单位「[^」]+」含「[^」]+」/);
  });
}
