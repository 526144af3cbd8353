// Upper levels, total and grade: domain.md §2.2 (total = Σ一级 + 执行), §3.3 (南京 B 加减分 F ≤ 5),
// §4 (half-open bands, grade on the total rounded to 2 decimals; S0 93 → 优).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { score } from './index.ts';
import { budget, evaluation, type Row, TEST_RULESET } from './fixtures.ts';
import type { Ruleset } from '../model/ruleset.ts';

const PROJECT_ROWS: Row[] = [
  { path: ['产出指标'], weight: '50' },
  { path: ['产出指标', '数量指标', '培训人次'], target: '≥300人次', actual: '330人次', weight: '20', score: '20' }, // 20
  { path: ['产出指标', '质量指标', '合格率'], target: '≥95%', actual: '95%', weight: '15', score: '15' }, // 15
  { path: ['产出指标', '数量指标', '孵化数量'], target: '≥50个', actual: '45个', weight: '15', score: '15' }, // 13.5
  { path: ['效益指标'], weight: '30' },
  { path: ['效益指标', '社会效益指标', '影响力'], target: '得到提升', actual: '得到提升', weight: '10', score: '7' }, // 8
  { path: ['效益指标', '社会效益指标', '积极性'], target: '是', actual: '是', weight: '10', score: '9' }, // 9
  { path: ['效益指标', '可持续影响指标', '长效机制'], target: '≥50个', actual: '基本达成', weight: '10', score: '10' }, // 10 stated
  { path: ['满意度指标'], weight: '10' },
  { path: ['满意度指标', '服务对象满意度指标', '学员满意度'], target: '≥90%', actual: '95%', weight: '10', score: '10' }, // 10
];

test('§2.2 upper levels sum their children; total = 执行 + Σ一级, readable trace, grade 优 (N1)', () => {
  const ev = evaluation({ budget: budget({ adjusted: '1300', executed: '1160' }), rows: PROJECT_ROWS });
  const sc = score(ev, TEST_RULESET);
  const byName = new Map(ev.indicators.map((i) => [i.path.join('/'), sc.indicators.find((r) => r.id === i.id)!]));
  // 产出 = 20 + 13.5 (数量) + 15 (质量) = 48.5
  assert.equal(byName.get('产出指标/数量指标')!.score, '33.5');
  assert.equal(byName.get('产出指标')!.score, '48.5');
  assert.equal(byName.get('产出指标')!.method, 'sum');
  assert.equal(byName.get('效益指标')!.score, '27');
  assert.equal(byName.get('满意度指标')!.score, '10');
  // 8.92 + 48.5 + 27 + 10 = 94.42
  assert.equal(sc.total, '94.42');
  assert.equal(sc.rawTotal, '94.42');
  assert.equal(sc.grade, 'excellent');
  assert.equal(sc.gradeLabel, '优');
  assert.equal(sc.totalTrace, '预算执行 8.92 + 产出 48.5 + 效益 27 + 满意度 10 = 94.42，等级 优');
});

function judged(total: string, rs: Ruleset = TEST_RULESET) {
  return score(evaluation({ subject: 'department', rows: [{ path: ['综合'], weight: '100', score: total }] }), rs);
}

test('S0 §4: 93 → 优', () => {
  const sc = judged('93');
  assert.equal(sc.total, '93');
  assert.equal(sc.grade, 'excellent');
  assert.equal(sc.gradeLabel, '优');
});

test('N1 §4 half-open bands: 90 → 优, 89.99 → 良, 80 → 良, 79.99 → 中, 60 → 中, 59.99 → 差', () => {
  const cases: [string, string][] = [['90', '优'], ['89.99', '良'], ['80', '良'], ['79.99', '中'], ['60', '中'], ['59.99', '差'], ['0', '差']];
  for (const [t, g] of cases) assert.equal(judged(t).gradeLabel, g, t);
});

test('§4: 89.995 is graded on the total rounded to 2 decimals → 90.00 → 优 (also when totals keep 3 decimals)', () => {
  let sc = judged('89.995');
  assert.equal(sc.rawTotal, '89.995');
  assert.equal(sc.total, '90');
  assert.equal(sc.gradeLabel, '优');
  sc = judged('89.995', { ...TEST_RULESET, rounding: { decimals: 3, mode: 'halfUp' } });
  assert.equal(sc.total, '89.995');
  assert.equal(sc.gradeLabel, '优');
  sc = judged('89.994', { ...TEST_RULESET, rounding: { decimals: 3, mode: 'halfUp' } });
  assert.equal(sc.gradeLabel, '良');
});

const NANJING_B: Row[] = [
  { path: ['部门决策'], weight: '15', score: '15' },
  { path: ['部门管理'], weight: '20', score: '20' },
  { path: ['部门履职'], weight: '30', score: '30' },
  { path: ['履职绩效'], weight: '30', score: '30' },
  { path: ['可持续发展能力'], weight: '5', score: '5' },
  { path: ['加减分'], kind: 'bonus' },
  { path: ['加减分', '加分项'], score: '3' },
  { path: ['加减分', '减分项'], score: '-1' },
];

test('S2 §3.3: 南京 B 加减分 F: children summed (3 − 1 = 2); total 102 clamped to 100 when clampTotal', () => {
  const ev = evaluation({ subject: 'department', rows: NANJING_B });
  const sc = score(ev, TEST_RULESET);
  const f = ev.indicators.find((i) => i.name === '加减分')!;
  const fr = sc.indicators.find((r) => r.id === f.id)!;
  assert.equal(fr.score, '2');
  const minus = sc.indicators.find((r) => r.id === ev.indicators.find((i) => i.name === '减分项')!.id)!;
  assert.equal(minus.method, 'bonus');
  assert.equal(minus.score, '-1');
  assert.equal(sc.rawTotal, '102');
  assert.equal(sc.total, '100');
  assert.match(sc.totalTrace, /= 102.*超过 100 按 100 计/);
  const raw = score(ev, { ...TEST_RULESET, caps: { ...TEST_RULESET.caps, clampTotal: false } });
  assert.equal(raw.total, '102');
});

test('S2 §3.3: a 加减分 item above ±5 is capped at the ruleset limit', () => {
  const ev = evaluation({ subject: 'department', rows: [{ path: ['部门决策'], weight: '90', score: '80' }, { path: ['加减分'], kind: 'bonus', score: '7' }] });
  const sc = score(ev, TEST_RULESET);
  const f = sc.indicators[1];
  assert.equal(f.method, 'bonus');
  assert.equal(f.score, '5');
  assert.equal(sc.total, '85');
  const neg = score(evaluation({ subject: 'department', rows: [{ path: ['部门决策'], weight: '90', score: '80' }, { path: ['加减分'], kind: 'bonus', score: '-8' }] }), TEST_RULESET);
  assert.equal(neg.total, '75');
  assert.match(neg.totalTrace, /加减分 \(-5\)/);
});

test('§2.3 cap option: total may not exceed 执行率 × 100 (58.53% → 58.53)', () => {
  const rs: Ruleset = { ...TEST_RULESET, caps: { ...TEST_RULESET.caps, totalByExecutionRate: true } };
  const ev = evaluation({ budget: budget({ adjusted: '401.26', executed: '234.87' }), rows: PROJECT_ROWS });
  const sc = score(ev, rs);
  // 5.85 + 48.5 + 27 + 10 = 91.35 → capped at 58.53
  assert.equal(sc.rawTotal, '91.35');
  assert.equal(sc.total, '58.53');
  assert.equal(sc.gradeLabel, '差');
  assert.match(sc.totalTrace, /执行率 58.53%/);
});

test('§2.3: an execution row (kind execution) is scored from the 资金 block and not counted twice', () => {
  const ev = evaluation({
    budget: budget({ adjusted: '1300', executed: '1160' }),
    rows: [
      { path: ['预算执行率'], weight: '10', kind: 'execution', target: '100%', actual: '89.23%', score: '9' },
      { path: ['产出指标'], weight: '90', score: '90' },
    ],
  });
  const sc = score(ev, TEST_RULESET);
  assert.equal(sc.indicators[0].method, 'execution');
  assert.equal(sc.indicators[0].score, '8.92');
  // 8.92 + 90 = 98.92, not 8.92 + 8.92 + 90
  assert.equal(sc.total, '98.92');
});

test('§2.3: an execution row without a 资金 block is scored as a positive rate', () => {
  const ev = evaluation({ rows: [{ path: ['预算执行率'], weight: '10', kind: 'execution', target: '100%', actual: '95%' }] });
  assert.equal(score(ev, TEST_RULESET).indicators[0].score, '9.5');
});

test('a missing budget score is said in the total trace, total still sums the rest', () => {
  const ev = evaluation({ budget: budget({ adjusted: '1300', executed: null }), rows: [{ path: ['产出指标'], weight: '90', score: '80' }] });
  const sc = score(ev, TEST_RULESET);
  assert.equal(sc.total, '80');
  assert.match(sc.totalTrace, /预算执行未计分（缺少全年执行数/);
});

test('nothing computable → total null, grade null', () => {
  const sc = score(evaluation({ rows: [{ path: ['产出指标', '数量', 'x'], target: '≥5个', actual: '无法统计' }] }), TEST_RULESET);
  assert.equal(sc.total, null);
  assert.equal(sc.grade, null);
  assert.match(sc.totalTrace, /无可计算的得分/);
});

test('a parent whose children have no scores keeps its own stated score', () => {
  const sc = score(evaluation({ rows: [{ path: ['产出指标'], weight: '50', score: '45' }, { path: ['产出指标', '数量', 'x'], target: '≥5个', actual: '无法统计', weight: '50' }] }), TEST_RULESET);
  assert.equal(sc.indicators[0].score, '45');
  assert.equal(sc.indicators[0].method, 'stated');
  assert.equal(sc.total, '45');
});

test('§2.3: a childless 一级 "预算执行率" row beside a 资金 block is the execution score, not added twice', () => {
  const ev = evaluation({
    budget: budget({ adjusted: '916.5', executed: '901.14' }),
    rows: [
      { path: ['预算执行率'], weight: '10', score: '9.8' },
      { path: ['产出指标'], weight: '90', score: '88' },
    ],
  });
  const sc = score(ev, TEST_RULESET);
  assert.equal(sc.indicators[0].method, 'execution');
  assert.equal(sc.indicators[0].score, '9.83');
  assert.equal(sc.total, '97.83');
});

test('rows out of pre-order: a child listed before its parent is counted as a 一级 row of its own', () => {
  const ev = evaluation({ rows: [{ path: ['产出指标'], weight: '50', score: '40' }] });
  ev.indicators.unshift({ id: '9.1', parentId: '9', level: 2, path: ['效益指标', 'x'], name: 'x', target: '是', actual: '是', weight: '10', statedScore: '10' });
  ev.indicators.push({ id: '9', parentId: null, level: 1, path: ['效益指标'], name: '效益指标', target: null, actual: null, weight: '10', statedScore: '9' });
  const sc = score(ev, TEST_RULESET);
  // 10 (x, as a root) + 40 + 9 (效益 keeps its stated score: no child found before it)
  assert.equal(sc.total, '59');
});

test('S2 §3.3: without a ruleset limit (bonusMaxAbs null) a 加减分 item is kept as stated', () => {
  const rs = { ...TEST_RULESET, caps: { ...TEST_RULESET.caps, bonusMaxAbs: null, clampTotal: false } };
  const ev = evaluation({ subject: 'department', rows: [{ path: ['部门决策'], weight: '90', score: '80' }, { path: ['加减分'], kind: 'bonus', score: '7' }] });
  assert.equal(score(ev, rs).total, '87');
});

test('S0 framework: the row the framework marks as execution (过程/预算执行/预算执行率) takes the 资金 block, counted once', () => {
  const ev = evaluation({
    subject: 'department',
    budget: budget({ adjusted: '1300', executed: '1160', weight: '1' }),
    rows: [
      { path: ['过程', '预算执行', '预算执行率'], target: '100%', actual: '100%', weight: '1', score: '1' },
      { path: ['决策'], weight: '99', score: '90' },
    ],
  });
  ev.framework = 'nanjing-department-a-2024';
  const sc = score(ev, TEST_RULESET);
  const row = sc.indicators.find((r) => r.id === ev.indicators.find((i) => i.name === '预算执行率')!.id)!;
  assert.equal(row.method, 'execution');
  // 1 × 1160/1300 = 0.892… → 0.89
  assert.equal(row.score, '0.89');
  assert.equal(sc.total, '90.89');
});
