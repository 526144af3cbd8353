// A project carried out by several units, rolled up before scoring (issue 15): 湖北 20/80 footnote 2
// ("absolute values summed, relative values averaged with the fund amount as weight; aggregate first,
// then score") and 3 (qualitative scores also fund-weighted), against the national default, where the
// sources say nothing (a plain mean, stated in the trace).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../analyze.ts';
import { budget, evaluation } from '../score/fixtures.ts';
import type { Evaluation } from '../model/evaluation.ts';
import { getRuleset, NATIONAL } from './index.ts';
import { rollUp } from './rollup.ts';

// 团风县 carries 30 万元 of the project, 红安县 10 万元 (全年预算数); the form is Hubei's 20/80 one
// (no 分值 column: each unit states its own scores)
function county(unit: string, adjusted: string, executed: string, o: { count: string; countTarget: string; pass: string; passScore: string; safe: string; safeScore: string }): Evaluation {
  const e = evaluation({
    title: '农村饮水安全工程维修项目',
    fiscalYear: 2021,
    budget: budget({ adjusted, executed, weight: '20' }),
    rows: [
      { path: ['产出指标', '数量指标', '维修供水工程处数'], target: o.countTarget, actual: o.count, score: '20' },
      { path: ['产出指标', '质量指标', '工程验收合格率'], target: '≥95%', actual: o.pass, score: o.passScore },
      { path: ['效益指标', '社会效益指标', '农村饮水安全保障'], target: '有效保障', actual: o.safe, score: o.safeScore },
    ],
  });
  e.unit = unit;
  return e;
}
const parts = () => [
  { evaluation: county('团风县水利局', '30', '27', { count: '8处', countTarget: '≥8处', pass: '100%', passScore: '15', safe: '有效保障', safeScore: '20' }) },
  { evaluation: county('红安县水利局', '10', '10', { count: '4处', countTarget: '≥4处', pass: '90%', passScore: '12', safe: '基本保障', safeScore: '12' }) },
];
const row = (e: Evaluation, name: string) => e.indicators.find((i) => i.name === name)!;

test('湖北 (rollUp fundWeighted): sums, fund-weighted rates and scores, then scored as one evaluation', () => {
  const hubei = getRuleset('hubei-2021')!;
  assert.equal(hubei.rollUp, 'fundWeighted');
  const { evaluation: e, traces } = rollUp(parts(), hubei, { unit: '黄冈市水利和湖泊局' });
  // 处数: absolute, 8 + 4 = 12处 against the targets ≥8 + ≥4 = ≥12处
  assert.equal(row(e, '维修供水工程处数').actual, '12处');
  assert.equal(row(e, '维修供水工程处数').target, '≥12处');
  // 合格率: a rate, (100 × 300000 + 90 × 100000) / 400000 = 97.5% (funds compared in 元)
  const pass = row(e, '工程验收合格率');
  assert.equal(pass.actual, '97.5%');
  assert.match(traces[pass.id], /按资金额加权平均.*\(100×300000\+90×100000\)\/400000=97\.5%/);
  // no 分值 on this form: the stated scores are combined the same way, (15 × 30 + 12 × 10) / 40 = 14.25
  assert.equal(pass.statedScore, '14.25');
  // qualitative: the words differ, the scores (20 × 30 + 12 × 10) / 40 = 18
  const safe = row(e, '农村饮水安全保障');
  assert.equal(safe.actual, null);
  assert.equal(safe.statedScore, '18');
  // 资金: 30 + 10 = 40 budgeted, 27 + 10 = 37 spent
  assert.equal(e.budget?.adjustedBudget, '40');
  assert.equal(e.budget?.executed, '37');

  const a = analyze(e);
  assert.equal(a.ruleset.id, 'hubei-2021');
  // 执行率 37/40 = 92.5%, 20 × 92.5% = 18.5; total 18.5 + 20 + 14.25 + 18 = 70.75
  assert.equal(a.scored.budget?.score, '18.5');
  assert.equal(a.scored.total, '70.75');
});

test('全国 (no rule in the sources): rates and scores are a plain mean, and the trace says it is the default', () => {
  const { evaluation: e, traces } = rollUp(parts(), NATIONAL);
  const pass = row(e, '工程验收合格率');
  // (100 + 90) / 2 = 95%; scores (15 + 12) / 2 = 13.5; qualitative (20 + 12) / 2 = 16
  assert.equal(pass.actual, '95%');
  assert.equal(pass.statedScore, '13.5');
  assert.equal(row(e, '农村饮水安全保障').statedScore, '16');
  assert.match(traces[pass.id], /简单平均（来源未规定，系统默认）/);
  assert.equal(row(e, '维修供水工程处数').actual, '12处');
});

test('a unit without the row or without a fund amount is reported, not guessed', () => {
  const p = parts();
  p[1].evaluation.indicators = p[1].evaluation.indicators.filter((i) => i.name !== '农村饮水安全保障');
  p[1].evaluation.budget = null;
  const { evaluation: e } = rollUp(p, getRuleset('hubei-2021')!);
  const msgs = e.problems.map((x) => x.message);
  assert.ok(msgs.some((m) => /红安县水利局没有资金额/.test(m)), msgs.join('；'));
  assert.ok(msgs.some((m) => /红安县水利局的评价中没有指标“效益指标 \/ 社会效益指标 \/ 农村饮水安全保障”/.test(m)), msgs.join('；'));
  // the weighted rate then counts 团风县 alone
  assert.equal(row(e, '工程验收合格率').actual, '100%');
});
