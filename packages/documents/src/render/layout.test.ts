import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  analysed,
  haichuangEvaluation,
  longTextEvaluation,
  manyRowsEvaluation,
  missingWeightEvaluation,
  nanjingEvaluation,
  noBudgetEvaluation,
  rugaoEvaluation,
} from './fixtures.ts';
import { annexTitle, budgetBlock, form, indicatorRows, reportSections, reportTitle, shownScore } from './layout.ts';
import { renderGaps } from './gaps.ts';

test('N1 annex 2 / S1: 资金 block has the four fund-source rows; 分值/执行率/得分 only on 年度资金总额', () => {
  const b = budgetBlock(analysed(haichuangEvaluation()))!;
  assert.deepEqual(
    b.rows.map((r) => r.label),
    ['年度资金总额', '其中：当年财政拨款', '上年结转资金', '其他资金'],
  );
  const [total, appropriation, carryover] = b.rows;
  assert.deepEqual([total.initialBudget, total.adjustedBudget, total.executed], ['2700.00', '1300.00', '1160.00']);
  assert.deepEqual([total.weight, total.rate, total.score], ['10', '89.23%', '9']);
  assert.deepEqual([appropriation.weight, appropriation.rate, appropriation.score], ['—', '—', '—']);
  assert.equal(appropriation.executed, '1160.00');
  assert.equal(carryover.executed, '');
});

test('资金 amounts stated in 元 are shown in 万元 on the form without losing digits', () => {
  const ev = haichuangEvaluation();
  ev.budget = { ...ev.budget!, unit: '元', initialBudget: '2549431.21', adjustedBudget: '2573300', executed: '2549431.21', lines: [] };
  const b = budgetBlock(analysed(ev))!;
  assert.equal(b.rows[0].initialBudget, '254.943121');
  assert.equal(b.rows[0].adjustedBudget, '257.33');
});

test('N1 annex 2: 一级/二级 cells merge over the rows of their group', () => {
  const rows = indicatorRows(analysed(rugaoEvaluation()));
  assert.equal(rows.length, 22);
  // 决策指标: 6 rows; 项目立项: 2 rows (seed 003)
  assert.equal(rows[0].cells.l1, '决策指标');
  assert.equal(rows[0].span.l1, 6);
  assert.deepEqual(
    rows.slice(1, 6).map((r) => r.span.l1),
    [0, 0, 0, 0, 0],
  );
  assert.equal(rows[0].span.l2, 2);
  assert.equal(rows[1].span.l2, 0);
  assert.equal(rows[2].cells.l2, '绩效目标');
  assert.equal(rows[2].span.l2, 2);
  // 满意度指标 at the end: 2 rows
  assert.equal(rows[20].cells.l1, '满意度指标');
  assert.equal(rows[20].span.l1, 2);
});

test('S0: the 部门整体 得分表 prints 一级 weights as “决策（12）” and keeps blank template rows', () => {
  const rows = indicatorRows(analysed(nanjingEvaluation()));
  assert.equal(rows[0].cells.l1, '决策（12）');
  const economic = rows.find((r) => r.cells.l2 === '经济效益');
  assert.ok(economic, 'the blank 经济效益 row is kept');
  assert.equal(economic.cells.weight, '');
  // 业绩值及评分过程 holds the written performance text
  assert.match(rows[0].cells.basis, /^健全。制定 2024 年度工作计划/);
});

test('shown score: the stated score when the document has one, else the computed one', () => {
  assert.equal(shownScore({ statedScore: '9', score: '8.92' }), '9');
  assert.equal(shownScore({ statedScore: null, score: '8.92' }), '8.92');
  assert.equal(shownScore({ statedScore: null, score: null }), null);
});

test('form totals: Σ分值 includes the 资金 block’s 10 (N2: 100 points); shown total is the stated 85', () => {
  const f = form(analysed(haichuangEvaluation()));
  assert.equal(f.totals.weight, '100');
  assert.equal(f.totals.score, '85');
  assert.equal(f.totals.scoreSum, '85'); // 9 + 12 + 15 + 10 + 5 + 9 + 7 + 8 + 10
});

test('outline §6.2 (S3): sections are matched by key, then by heading', () => {
  const ev = analysed(rugaoEvaluation());
  ev.sections = ev.sections.map((s) => ({ ...s, key: undefined }));
  const secs = reportSections(ev);
  assert.deepEqual(
    secs.map((s) => s.item.heading),
    ['一、项目概况', '二、评价情况', '三、项目绩效', '四、存在问题', '五、整改措施'],
  );
  assert.match(secs[3].paragraphs[0], /课程安排有待完善/);
  assert.match(secs[4].paragraphs[0], /岗前培训课程/);
});

test('outline §6.3 (S0): six parts with (一)–(三) under 一、部门（单位）概况', () => {
  const secs = reportSections(analysed(nanjingEvaluation()));
  assert.equal(secs.length, 9);
  assert.equal(secs[0].item.heading, '一、部门（单位）概况');
  assert.equal(secs[8].item.heading, '六、评价工作开展情况及其他需说明的情况');
  assert.ok(secs.slice(1).every((s) => s.paragraphs.length > 0));
});

test('renderGaps: empty narrative sections are listed by their printed heading (R01)', () => {
  const gaps = renderGaps(analysed(haichuangEvaluation()));
  const r01 = gaps.filter((g) => g.code === 'R01');
  assert.deepEqual(r01.map((g) => g.where.cell), ['一、项目概况', '二、评价情况', '三、项目绩效', '四、存在问题', '五、整改措施']);
  assert.match(r01[0].message, /一、项目概况.*没有内容/);
});

test('outline: a section written in the editor under its key fills its item; an emptied one stays in place', () => {
  const ev = analysed(haichuangEvaluation());
  ev.sections = [{ heading: '四、存在问题', key: 'problems', text: '' }, { heading: '一、项目概况', key: 'overview', text: '本项目用于海创扶持。\n共资助 12 家企业。' }];
  const secs = reportSections(ev);
  assert.deepEqual(secs.map((s) => [s.item.heading, s.sources, s.paragraphs.length]), [
    ['一、项目概况', [1], 2],
    ['二、评价情况', [], 0],
    ['三、项目绩效', [], 0],
    ['四、存在问题', [0], 0],
    ['五、整改措施', [], 0],
  ]);
  assert.equal(renderGaps(ev).filter((g) => g.code === 'R01').length, 4);
});

test('renderGaps: no 资金 block (R02)', () => {
  const gaps = renderGaps(analysed(noBudgetEvaluation()));
  assert.ok(gaps.some((g) => g.code === 'R02' && g.where.field === 'budget'));
  // the national form still has its 资金 rows, left empty
  const b = budgetBlock(analysed(noBudgetEvaluation()))!;
  assert.equal(b.rows[0].initialBudget, '');
});

test('renderGaps: an indicator without weight (R06) names its path', () => {
  const gaps = renderGaps(analysed(missingWeightEvaluation()));
  const g = gaps.find((x) => x.code === 'R06');
  assert.ok(g);
  assert.deepEqual(g.where.path, ['产出指标', '数量指标', '证书发放到位率']);
});

test('renderGaps: very long cell text (R08) and a 200-row table (R09)', () => {
  const long = renderGaps(analysed(longTextEvaluation()));
  assert.ok(long.some((g) => g.code === 'R08' && g.where.field === 'deviation'));
  const many = renderGaps(analysed(manyRowsEvaluation()));
  assert.ok(many.some((g) => g.code === 'R09' && /200 行/.test(g.message)));
});

test('renderGaps: a complete department report has no gaps; blank template rows are not reported', () => {
  assert.deepEqual(renderGaps(analysed(nanjingEvaluation())), []);
});

test('S2: 分值/得分 stated per 一级 only stand merged over the group’s rows; Σ counts each group once', () => {
  const ev = nanjingEvaluation();
  // keep 决策 and 过程 only, and move their values up as seed 002 writes them (A部门决策 15分 12分)
  ev.indicators = ev.indicators
    .filter((i) => i.path[0] === '决策' || i.path[0] === '过程')
    .map((i) => (i.level === 1 ? { ...i, statedScore: i.name === '决策' ? '11' : '27' } : { ...i, weight: null, statedScore: null }));
  ev.statedTotal = null;
  const json = analysed(ev);
  const rows = indicatorRows(json);
  const decision = rows.filter((r) => r.indicator.path[0] === '决策');
  assert.equal(decision.length, 6);
  assert.equal(decision[0].span.w, 6);
  assert.deepEqual([decision[0].cells.weight, decision[0].cells.score], ['12', '11']);
  assert.ok(decision.slice(1).every((r) => r.span.w === 0 && r.weight == null && r.score == null));
  // the weight stands in the 分值 column, not beside the name
  assert.equal(decision[0].cells.l1, '决策');
  const f = form(json);
  assert.equal(f.totals.weight, '40'); // 12 + 28
  assert.equal(f.totals.score, '38'); // 11 + 27
});

test('a missing external tool is an error naming the package, not a silent skip', async () => {
  const { requireTool } = await import('./tools.ts');
  assert.throws(() => requireTool('jixiao-no-such-tool'), /缺少外部工具 jixiao-no-such-tool：此测试需要它（CI 会安装）/);
  assert.match(requireTool('sh'), /\/sh$/);
});

test('S0: 部门整体 titles use the unit; without 填报单位 the title loses its “整体支出”', () => {
  const ev = analysed(nanjingEvaluation());
  assert.equal(reportTitle(ev), '2024年度南京市国际人才交流中心部门整体支出绩效自评报告');
  assert.equal(annexTitle(ev), '2024年度南京市国际人才交流中心整体支出绩效评价得分表');
  ev.unit = null;
  assert.equal(annexTitle(ev), '2024年度南京市国际人才交流中心整体支出绩效评价得分表');
});
