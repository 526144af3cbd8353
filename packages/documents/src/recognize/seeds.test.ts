// Acceptance of the text reader + recognition on the four seed reports (S0–S3 in domain.md).
// Expected values are read off the seed files by hand (line numbers given), not from our output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { D, sum, type Decimal, type Evaluation, type Indicator } from '@jixiao/core';
import { readText } from '../read/text.ts';
import { recognize } from './index.ts';

const SEEDS = new URL('../../test-fixtures/seeds/', import.meta.url);
const FILES = {
  s0: '000_5a87d28761f17f36.txt',
  s1: '001_a0c86900c2b5e58b.txt',
  s2: '002_315fe116e8082365.txt',
  s3: '003_6726b065a193cc5c.txt',
} as const;

function bytesOf(name: string): Uint8Array {
  const p = fileURLToPath(new URL(name, SEEDS));
  if (!existsSync(p)) throw new Error(`找不到种子文件 ${p}（应在 packages/documents/test-fixtures/seeds）`);
  return new Uint8Array(readFileSync(p));
}
const cache = new Map<string, Evaluation[]>();
function evals(key: keyof typeof FILES): Evaluation[] {
  if (!cache.has(key)) cache.set(key, recognize(readText(bytesOf(FILES[key]), FILES[key])).evaluations);
  return cache.get(key)!;
}
const all = () => [...evals('s0'), ...evals('s1'), ...evals('s2'), ...evals('s3')];

/** A node's own stated value, or when it has none the sum over its children (computed the same way). */
function effective(e: Evaluation, key: 'weight' | 'statedScore', parentId: string | null = null): Decimal {
  return sum(e.indicators.filter((n) => n.parentId === parentId).map((n) => (n[key] != null ? D(n[key]!) : effective(e, key, n.id))));
}
function find(e: Evaluation, ...path: string[]): Indicator {
  const hit = e.indicators.filter((i) => i.path.join('/') === path.join('/'));
  assert.equal(hit.length, 1, `指标 ${path.join('/')} 应恰好出现一次，实际 ${hit.length} 次`);
  return hit[0];
}
const leaves = (e: Evaluation) => e.indicators.filter((i) => !e.indicators.some((c) => c.parentId === i.id));

test('seeds: 25 evaluations — S0 1 department, S1 10, S2 1 department, S3 13 projects', () => {
  assert.deepEqual(
    Object.keys(FILES).map((k) => evals(k as keyof typeof FILES).length),
    [1, 10, 1, 13],
  );
  assert.equal(evals('s0')[0].subject, 'department');
  assert.equal(evals('s2')[0].subject, 'department');
  assert.deepEqual(
    evals('s1').map((e) => e.subject),
    ['department', ...new Array(9).fill('project')],
  );
  assert.ok(evals('s3').every((e) => e.subject === 'project'));
});

test('seeds: stated totals in document order (表中总分/合计/总计, or the prose when the table has none)', () => {
  const totals = (k: keyof typeof FILES) => evals(k).map((e) => e.statedTotal);
  assert.deepEqual(totals('s0'), ['93']);
  assert.deepEqual(totals('s1'), ['95.47', '98.6', '85', '98.8', '96.5', '85.8', '97.8', null, '97.5', '97']);
  assert.deepEqual(totals('s2'), ['97']); // S2 line 20: 全年绩效评价总评分为97分
  assert.deepEqual(totals('s3'), ['98', '99', '97', '99', '98', '99', '98', '98', '98', '99', '98', '99', '96']);
});

test('V01: Σ 一级 weights (+ 资金 分值) = 100 in every seed evaluation', () => {
  for (const e of all()) {
    const w = effective(e, 'weight').plus(e.budget?.weight ?? 0);
    assert.equal(w.toString(), '100', `${e.title}: Σ分值 = ${w}`);
  }
});

test('V02: Σ stated scores (+ 资金 得分) = stated total; the one table without a 总分 row is S1 “中工会” (95.8)', () => {
  const missing: string[] = [];
  for (const e of all()) {
    const s = effective(e, 'statedScore').plus(e.budget?.statedScore ?? 0);
    if (e.statedTotal == null) {
      missing.push(`${e.title}=${s}`);
      continue;
    }
    assert.equal(s.toString(), D(e.statedTotal).toString(), `${e.title}: Σ得分 ${s} ≠ 总分 ${e.statedTotal}`);
  }
  // S1 lines 1179–1341: no 总分 row; 8.9 + 9.9 + 19.9 + 9.9 + 7.5 + 29.7 + 10
  assert.deepEqual(missing, ['“中工会”绿色城市专题研讨项目=95.8']);
});

test('S1 海创扶持资金 (lines 454–602): header fields, 资金 block, goals and the 资助孵化海创数量 row', () => {
  const e = evals('s1')[2];
  assert.equal(e.title, '海创扶持资金');
  assert.equal(e.parentUnit, '北京海外学人中心（北京市领导人才考核评价服务中心）');
  assert.equal(e.unit, '北京海外学人中心（北京市领导人才考核评价服务中心）');
  assert.equal(e.manager, '崔巍微');
  assert.equal(e.phone, '89153880');
  assert.equal(e.fiscalYear, 2021);
  const b = e.budget!;
  assert.deepEqual(
    [b.unit, b.initialBudget, b.adjustedBudget, b.executed, b.weight, b.statedRate, b.statedScore],
    ['万元', '2700', '1300', '1160', '10', '89.23', '9'],
  );
  assert.deepEqual(b.lines.map((l) => l.fundSource), ['total', 'appropriation']);
  assert.match(e.goals!.expected!, /^目标1：加大海创扶持工作力度/);
  const row = find(e, '产出指标', '数量指标', '资助孵化海创数量');
  assert.deepEqual(
    [row.level, row.target, row.actual, row.weight, row.statedScore, row.deviation],
    [3, '≥50个', '基本达成', '15', '12', '部分项目暂不符合扶持条件。'],
  );
  assert.equal(row.source?.line, 517);
  // the budget is not repeated among the indicators
  assert.ok(!e.indicators.some((i) => /资金|预算执行/.test(i.name)));
  // lines 537–546: a stray blank line splits the 完成项目评审 row
  const t = find(e, '产出指标', '时效指标', '完成项目评审');
  assert.deepEqual([t.target, t.actual, t.weight, t.statedScore], ['1.项目启动2021年1月至5月；2.项目实施阶段：2021年6-12月', '每年一次', '10', '10']);
});

test('S1 rates: "98.32" without % is a percent too (line 635); 其他资金 rows are kept as fund lines', () => {
  const b = evals('s1')[3].budget!;
  assert.deepEqual([b.statedRate, b.statedScore], ['98.32', '9.8']);
  assert.deepEqual(b.lines.map((l) => l.fundSource), ['total', 'appropriation', 'carryover', 'other']);
  const hall = evals('s1')[6].budget!; // lines 1092–1099: 其他资金 423.9 / 423.9 / 422.67
  assert.deepEqual(hall.lines[3], { ...hall.lines[3], fundSource: 'other', initialBudget: '423.9', executed: '422.67' });
});

test('S1 部门整体 (名称|分值 layout, lines 59–249): every level carries the weight the table states for it', () => {
  const e = evals('s1')[0];
  assert.equal(e.title, '北京海外学人中心整体支出');
  const top = find(e, '部门决策');
  assert.deepEqual([top.level, top.weight, top.statedScore], [1, '20', null]);
  assert.deepEqual([find(e, '部门决策', '预算编制').weight, find(e, '部门绩效', '效率性').weight], ['10', '20']);
  const leaf = find(e, '部门管理', '资产管理', '固定资产利用率');
  assert.deepEqual([leaf.level, leaf.weight, leaf.statedScore], [3, '2', '1.98']);
  assert.equal(leaves(e).length, 18);
  // lines 18–52: the year's rates, not the changes on last year (7.94%) or a quarter's (21.4%)
  const rates = (k: string) => [...new Set(e.facts.filter((f) => f.key === k).map((f) => `${f.value}${f.unit}`))];
  assert.deepEqual(rates('executionRate'), ['93.58%']);
  assert.deepEqual(rates('basicExecutionRate'), ['97.67%']);
  assert.deepEqual(rates('projectExecutionRate'), ['92.78%']);
  assert.deepEqual(rates('carryoverRate'), ['6.42%']);
  assert.deepEqual(rates('initialBudget'), ['21425.3万元']);
});

test('S1 rows that stop at 二级 or 一级 carry the weight and score (服务保障经费, lines 976–1024)', () => {
  const e = evals('s1')[5];
  const q = find(e, '产出指标', '数量指标');
  assert.deepEqual([q.level, q.weight, q.statedScore], [2, '15', '15']);
  assert.match(q.description!, /^发现、吸引、凝聚相当数量人才来京发展/);
  const b = find(e, '效益指标');
  assert.deepEqual([b.level, b.weight, b.statedScore, b.parentId], [1, '30', '29', null]);
});

test('S1 特聘岗位 evaluation table: 决策/过程/产出/效益 10/20/40/30, title from the prose', () => {
  const e = evals('s1')[1];
  assert.equal(e.title, '特聘岗位项目');
  assert.deepEqual(
    e.indicators.filter((i) => i.level === 1).map((i) => [i.name, i.weight]),
    [['决策', '10'], ['过程', '20'], ['产出', '40'], ['效益', '30']],
  );
  const s = find(e, '效益', '项目效益', '满意度');
  assert.deepEqual([s.weight, s.statedScore], ['10', '10']);
  assert.equal(e.statedGrade, '优秀');
});

test('S0 tab-separated table: repeated headers dropped, continuation row, blank names inherited (lines 81–135)', () => {
  const e = evals('s0')[0];
  assert.equal(e.title, '南京市国际人才交流中心整体支出');
  assert.equal(e.fiscalYear, 2024);
  assert.equal(e.statedGrade, '优秀');
  assert.ok(!e.indicators.some((i) => /一级指标|二级指标/.test(i.name)));
  assert.deepEqual(
    e.indicators.filter((i) => i.level === 1).map((i) => [i.name, i.weight]),
    [['决策', '12'], ['过程', '28'], ['履职', '30'], ['效益', '20'], ['满意度', '10']],
  );
  // line 98 continues line 95's rule across the page break
  assert.match(find(e, '过程', '预算执行', '预算执行率').rule!, /达到100%得权重分，如未完成按相应比例扣分。$/);
  // lines 122–123: two rows under 人才引进, the second with a blank name
  const twins = e.indicators.filter((i) => i.path.join('/') === '履职/人才引进/人才引进');
  assert.deepEqual(twins.map((i) => [i.weight, i.statedScore]), [['5', '4'], ['5', '4.5']]);
  const r = find(e, '过程', '项目管理', '项目管理制度执行规范性');
  assert.deepEqual([r.target, r.actual, r.weight, r.statedScore], ['规范', '较规范', '1.5', '1']);
  assert.match(r.basis!, /^较规范。项目管理制度执行待加强。/);
  assert.equal(find(e, '效益', '经济效益').weight, null);
});

test('S0 prose: facts with their units as written (V05/V06 need them), sections by heading', () => {
  const e = evals('s0')[0];
  const fact = (k: string) => e.facts.filter((f) => f.key === k).map((f) => `${f.value}${f.unit}`);
  assert.deepEqual(fact('income'), ['2549431.21元']);
  assert.deepEqual(fact('expenditure'), ['2549431.21万元']); // line 19: 万元 where 元 is meant
  assert.deepEqual(fact('initialExpenditureBudget'), ['2573300元']);
  assert.deepEqual(fact('finalExpenditure'), ['2837080.82元']);
  const keys = e.sections.map((s) => s.key);
  for (const k of ['overview', 'finance', 'conclusion', 'problems', 'suggestions', 'process']) assert.ok(keys.includes(k), k);
  assert.match(e.sections.find((s) => s.key === 'conclusion')!.text, /得分93分/);
});

test('S2 南京外办: codes and weights in 一级 names, group weights, F 加减分 as bonus (lines 44–453)', () => {
  const e = evals('s2')[0];
  assert.equal(e.title, '南京市人民政府外事办公室整体支出');
  assert.equal(e.statedGrade, '优');
  assert.deepEqual(
    e.indicators.filter((i) => i.level === 1).map((i) => [i.code, i.name, i.weight, i.statedScore, i.kind ?? 'normal']),
    [
      ['A', '部门决策', '15', '12', 'normal'],
      ['B', '部门管理', '20', '20', 'normal'],
      ['C', '部门履职', '30', '30', 'normal'],
      ['D', '履职绩效', '30', '30', 'normal'],
      ['E', '可持续发展能力', '5', '5', 'normal'],
      ['F', '加减分项', null, null, 'bonus'],
    ],
  );
  assert.equal(find(e, '部门决策', '决策机制', '决策制度的规范性').weight, null);
  const c1 = e.indicators.filter((i) => i.code === 'C1');
  assert.equal(c1.length, 4); // V17: C1–C3 repeated per task
  assert.deepEqual(find(e, '部门管理', '预算执行', '“三公”经费控制率').code, 'B13');
});

test('S3 如皋 (flattened PDF text): 22 leaf rows in the first table, shifted rows realigned', () => {
  const e = evals('s3')[0];
  assert.equal(e.title, '新录用事业人员培训及事业人员嘉奖证书');
  assert.equal(e.unit, '如皋市人力资源和社会保障局');
  assert.equal(e.fiscalYear, 2024);
  assert.equal(leaves(e).length, 22);
  assert.equal(find(e, '过程指标', '资金管理', '资金到位率').actual, '100%');
  assert.ok(e.sections.some((s) => s.key === 'problems' && s.text === '新录用事业人员的课程安排有待完善。'));
  const skills = evals('s3')[1];
  assert.equal(find(skills, '产出指标', '数量指标', '根据省市要求组织考评人员培训及继续教育人数').target, '300 人次');
  // line 139: "可持续发展 指标\t持续开展…" — a 二级 name in the 一级 column
  const shifted = skills.indicators.find((i) => i.path[1] === '可持续发展指标')!;
  assert.deepEqual([shifted.path[0], shifted.level, shifted.weight, shifted.statedScore], ['效益指标', 2, null, null]);
  const leaf = skills.indicators.find((i) => i.parentId === shifted.id)!;
  assert.deepEqual([leaf.target, leaf.actual, leaf.weight, leaf.statedScore], ['是', '是', '6', '6']);
  // line 332: 成本指标 in the 一级 column; line 662: 制度执行有效性 in the 一级 column
  assert.deepEqual(find(evals('s3')[4], '产出指标', '成本指标', '是否超出预算').statedScore, '5');
  assert.deepEqual(find(evals('s3')[9], '过程指标', '组织实施', '制度执行有效性').weight, '6');
  assert.equal(evals('s3')[12].statedGrade, '优');
});

test('a GB18030 copy of a seed gives the same evaluations as the UTF-8 one', () => {
  for (const key of ['s1', 's3'] as const) {
    const utf8 = bytesOf(FILES[key]);
    const gb = new Uint8Array(iconv.encode(new TextDecoder().decode(utf8), 'gb18030'));
    assert.notDeepEqual(gb, utf8);
    assert.deepEqual(recognize(readText(gb, FILES[key])), recognize(readText(utf8, FILES[key])));
  }
});
