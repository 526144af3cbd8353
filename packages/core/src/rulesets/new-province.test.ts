// Issue 14/15: adding a province is a data-only change. A ruleset and a form are read from fixture files
// (test-fixtures/, made up for the test and marked so), chosen for an evaluation from where it comes from,
// and used to score and check it; no code knows them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadRulesets, rulesets, NATIONAL, chooseRuleset, describeRuleset } from './index.ts';
import { validateFramework } from '../frameworks/index.ts';
import { score } from '../score/index.ts';
import { check } from '../check/index.ts';
import { budget, evaluation } from '../score/fixtures.ts';

const fixture = (f: string) => JSON.parse(readFileSync(new URL(`./test-fixtures/${f}`, import.meta.url), 'utf8'));

test('a new province from two data files: chosen by place, scored and checked by its own settings and form', () => {
  const [gx] = loadRulesets({ 'guangxi-2018.json': fixture('guangxi-2018.json') }, rulesets);
  const fw = validateFramework(fixture('guangxi-project-2018.json'), 'guangxi-project-2018.json', [...rulesets, gx].map((r) => r.id));
  const ev = evaluation({
    title: '八塘街道村屯道路硬化项目',
    fiscalYear: 2018,
    budget: budget({ adjusted: '100', executed: '95', weight: '20', statedRate: '95', statedScore: '19' }),
    rows: [
      { path: ['产出指标', '数量指标', '道路硬化里程'], target: '≥10公里', actual: '9.5公里', weight: '20', score: '19', deviation: '0.5公里因征地未完成' },
      { path: ['产出指标', '质量指标', '工程验收合格'], target: '按要求完成', actual: '基本按要求完成', weight: '20', score: '0', deviation: '一段路面返修', rule: '达标得满分，不达标不得分' },
      { path: ['效益指标', '社会效益指标', '群众出行改善'], target: '按要求完成', actual: '基本按要求完成', weight: '30', score: '25', deviation: '部分路段未通车' },
      { path: ['满意度指标', '服务对象满意度指标', '群众满意度'], target: '≥90%', actual: '95%', weight: '10', score: '10' },
    ],
    statedTotal: '73',
  });
  ev.unit = '贵港市港南区八塘街道办事处';
  ev.budget!.explanation = '工程尾款 5 万元待验收后支付';
  const choice = chooseRuleset(ev, [...rulesets, gx], NATIONAL);
  assert.equal(choice.ruleset.id, 'guangxi-2018');
  assert.match(choice.reason, /单位名称含「(?:港南|贵港)」/);
  const scored = score(ev, gx, fw);
  const byName = (n: string) => scored.indicators.find((r) => r.id === ev.indicators.find((i) => i.name === n)!.id)!;
  // execution: 20 × 95/100 = 19 (rounding: 1 decimal)
  assert.equal(scored.budget?.score, '19');
  // positive: 20 × 9.5/10 = 19
  assert.equal(byName('道路硬化里程').score, '19');
  // the file's own rule wording: partly met → 0
  assert.equal(byName('工程验收合格').score, '0');
  assert.match(byName('工程验收合格').trace, /评分规则为「达标得满分，不达标不得分」/);
  // its bands 90%/70%: 部分达成 of 30 is [21, 27), so 25 stands (national [18, 24) would lower it to 23.9)
  assert.equal(byName('群众出行改善').score, '25');
  // 19 + 19 + 0 + 25 + 10 = 73, 中 (60 ≤ 73 < 80)
  assert.equal(scored.total, '73');
  assert.equal(scored.gradeLabel, '中');
  const findings = check(ev, scored, gx);
  assert.deepEqual(findings.filter((f) => f.severity === 'error').map((f) => f.message), []);
  // its 20/40/30/10 profile fits this form: no weights-profile warning
  assert.ok(!findings.some((f) => f.rule === 'weights-profile'));
  assert.ok(describeRuleset(gx, NATIONAL).some((l) => l.includes('部分达成 ≥ 70%')));
});
