// Issue 3 point 2: recognition beyond the seeds. One fixture per shape a published report takes
// (test-fixtures/variants/*.txt, written by hand); the expected rows, weights, stated scores and
// totals below are read off those fixtures, not taken from recognition output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { analyze, type Evaluation, type Indicator } from '@jixiao/core';
import { readText } from '../read/text.ts';
import { recognize, type RecognizeResult } from './index.ts';

const DIR = fileURLToPath(new URL('../../test-fixtures/variants/', import.meta.url));
const read = (name: string, bytes?: Uint8Array): RecognizeResult =>
  recognize(readText(bytes ?? new Uint8Array(readFileSync(DIR + name)), name));
const one = (name: string): Evaluation => {
  const r = read(name);
  assert.equal(r.evaluations.length, 1, `${name}: ${r.evaluations.length} 个评价`);
  return r.evaluations[0];
};
const isLeaf = (e: Evaluation, i: Indicator) => !e.indicators.some((c) => c.parentId === i.id);
/** leaves as "path weight/score" */
const leaves = (e: Evaluation) =>
  e.indicators.filter((i) => isLeaf(e, i)).map((i) => `${i.path.join('/')} ${i.weight ?? '-'}/${i.statedScore ?? '-'}`);
const find = (e: Evaluation, name: string) => {
  const hit = e.indicators.filter((i) => i.name === name);
  assert.equal(hit.length, 1, `指标 ${name} 出现 ${hit.length} 次`);
  return hit[0];
};
/** stated weights of the tree add up: a node's own weight, else its children's */
const weightSum = (e: Evaluation, parentId: string | null = null): number =>
  e.indicators
    .filter((n) => n.parentId === parentId)
    .reduce((s, n) => s + (n.weight != null ? Number(n.weight) : weightSum(e, n.id)), 0);

test('glossary header variants, flat: 指标名称 | 指标解释 | 评(扣)分标准 | 标准值 | 全年实际值 | 分数权重 | 自评得分 | 得分依据 | 未完成原因分析', () => {
  const e = one('01-header-glossary-flat.txt');
  assert.deepEqual(leaves(e), ['服务人次 30/30', '补贴发放及时率 30/28', '老人满意度 40/40']);
  const i = find(e, '补贴发放及时率');
  assert.deepEqual([i.description, i.rule, i.target, i.actual, i.basis, i.deviation], ['按月发放', '每延迟一月扣2分', '100%', '95%', '发放记录', '个别月份延迟']);
  assert.equal(e.statedTotal, '98');
});

test('glossary header variants, tree: 预期目标 | 业绩值 | 计量单位 | 指标值类型 | 指标方向 | 权重分 | 评分依据 | 偏差原因分析及改进措施', () => {
  const e = one('02-header-glossary-tree.txt');
  assert.deepEqual(leaves(e), ['产出指标/数量指标/养护里程 40/40', '产出指标/质量指标/路面优良率 30/25', '满意度指标/服务对象满意度指标/群众满意度 30/30']);
  const i = find(e, '路面优良率');
  assert.deepEqual([i.target, i.actual, i.unitOfMeasure, i.valueType, i.direction, i.deviation], ['≥85', '80', '%', 'quantitative', 'positive', '雨季损坏较多']);
  assert.equal(e.statedTotal, '95');
});

test('weight column before the target; 指标性质 | 指标值 | 度量单位 joined into one target', () => {
  const e = one('03-weight-before-target-operator-unit.txt');
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/培训人次 30/30',
    '产出指标/数量指标/竞赛场次 20/20',
    '产出指标/时效指标/完成时间 10/10',
    '效益指标/社会效益指标/就业率 20/20',
    '满意度指标/服务对象满意度指标/学员满意度 20/18',
  ]);
  assert.deepEqual([find(e, '培训人次').target, find(e, '培训人次').unitOfMeasure], ['≥300人次', '人次']);
  assert.equal(find(e, '完成时间').target, '≤12月');
  assert.equal(find(e, '就业率').target, '≥80%');
  assert.equal(e.statedTotal, '98');
});

test('table split over pages: header repeated after "- 2 -", the marker "3、" inside a number (10 / 0%)', () => {
  const r = read('04-page-split.txt');
  assert.deepEqual(r.problems, []);
  assert.equal(r.evaluations.length, 1);
  const e = r.evaluations[0];
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/改造学校数 20/20',
    '产出指标/质量指标/验收合格率 20/20',
    '产出指标/时效指标/按期完工率 20/19',
    '效益指标/社会效益指标/安全事故发生数 20/20',
    '满意度指标/服务对象满意度指标/师生满意度 20/20',
  ]);
  const i = find(e, '按期完工率');
  assert.deepEqual([i.target, i.actual], ['100%', '95%']);
  // pages counted from the markers: "- 2 -" closes page 2, "3、" closes page 3
  assert.deepEqual([find(e, '改造学校数').source?.page, i.source?.page, find(e, '师生满意度').source?.page], [2, 3, 4]);
  assert.equal(e.statedTotal, '99');
});

test('one cell per line with "第 2 页" inside a wrapped label', () => {
  const e = one('05-page-marker-in-cell.txt');
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/送戏下乡场次 40/40',
    '满意度指标/服务对象满意度指标/群众满意度 30/30',
    '效益指标/社会效益指标/文化活动参与人次（万人次） 30/28',
  ]);
  assert.equal(e.statedTotal, '98');
});

test('一级 left blank on every row: inferred from the 二级 names (数量/质量→产出, 社会效益→效益, 满意度)', () => {
  const e = one('06-level1-blank.txt');
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/保洁河道长度 30/30',
    '产出指标/数量指标/保洁频次 10/10',
    '产出指标/质量指标/水面漂浮物清除率 20/20',
    '效益指标/社会效益指标/群众投诉下降率 20/20',
    '满意度指标/满意度指标/周边居民满意度 20/17',
  ]);
  assert.match(find(e, '产出指标').notes!.join(), /推断/);
  assert.deepEqual(e.indicators.filter((i) => i.level === 1).map((i) => i.name), ['产出指标', '效益指标', '满意度指标']);
  assert.equal(weightSum(e), 100);
});

test('一级 column lost altogether (header starts at 二级指标)', () => {
  const e = one('07-level1-lost.txt');
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/抽检批次 30/30',
    '产出指标/时效指标/结果公布及时率 20/20',
    '产出指标/成本指标/单批次检测成本 10/10',
    '效益指标/社会效益指标/食品安全知晓率 20/20',
    '满意度指标/服务对象满意度指标/公众满意度 20/19',
  ]);
  assert.equal(find(e, '抽检批次').level, 3);
  assert.equal(e.statedTotal, '99');
});

test('一级 repeated on every row; a label wrapped onto the next line', () => {
  const e = one('08-level1-repeated-wrapped.txt');
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/改造小区数量 30/30',
    '产出指标/质量指标/工程竣工验收 20/20',
    '产出指标/质量指标/管网改造后漏损率下降比例 10/10',
    '效益指标/社会效益指标/惠及居民户数 20/20',
    '满意度指标/满意度指标/居民满意度 20/20',
  ]);
  assert.equal(e.indicators.filter((i) => i.name === '产出指标').length, 1);
});

test('sections weighted in their names (产出指标（50分）) with scores but no per-indicator weights', () => {
  const e = one('09-section-weights.txt');
  assert.deepEqual(
    e.indicators.filter((i) => i.level === 1).map((i) => `${i.name} ${i.weight}`),
    ['产出指标 50', '效益指标 30', '满意度指标 20'],
  );
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/购置设备台数 -/20',
    '产出指标/质量指标/设备验收合格率 -/15',
    '产出指标/时效指标/采购完成时间 -/10',
    '效益指标/社会效益指标/基层诊疗人次增长率 -/30',
    '满意度指标/服务对象满意度指标/患者满意度 -/20',
  ]);
  assert.equal(e.statedTotal, '95');
});

test('three-part score: 权重占比 is the weight, 折算得分 the stated score, 得分 (百分制) kept in notes', () => {
  const e = one('10-three-part-score.txt');
  assert.deepEqual(leaves(e), ['系统可用率 40/40', '故障响应时间 30/27', '用户满意度 30/24']);
  assert.match(find(e, '故障响应时间').notes!.join(), /百分制得分 90/);
  assert.equal(e.statedTotal, '91');
});

test('flat department list with 得分系数 and 是否核心指标: score = 分值 × 系数, noted', () => {
  const e = one('11-dept-coefficient.txt');
  assert.equal(e.subject, 'department');
  assert.deepEqual(leaves(e), ['预算编制准确率 20/20', '重点工作完成率 40/36', '资产管理规范性 20/20', '信息公开及时性 20/16']);
  assert.match(find(e, '重点工作完成率').notes!.join(), /得分系数 0\.9.*核心指标/);
  assert.ok(!find(e, '资产管理规范性').notes!.join().includes('核心指标'));
});

test('预算执行率 scored as a row and in the 资金 block with the same 10 points: counted once (weights-sum)', () => {
  const e = one('12-execution-row-and-block.txt');
  assert.equal(e.budget?.weight, '10');
  assert.equal(e.budget?.lines.length, 3, 'the empty row of the block is skipped, 其他资金 kept');
  const x = find(e, '预算执行率');
  assert.deepEqual([x.kind, x.weight, x.statedScore], ['execution', '10', '9']);
  assert.equal(weightSum(e), 100);
  const a = analyze(e);
  assert.ok(!a.findings.some((f) => f.rule === 'weights-sum'), a.findings.map((f) => f.message).join('\n'));
});

test('预算执行率 as a 一级 row instead of the block; 其中 sub-row unscored; scores written 9.5分; 自评得分 row', () => {
  const e = one('13-execution-instead.txt');
  assert.equal(e.budget, null);
  assert.equal(find(e, '预算执行率').kind, 'execution');
  assert.deepEqual(leaves(e), [
    '预算执行率 10/9.8',
    '产出指标/数量指标/接待读者人次 50/50',
    '产出指标/其中：少儿读者人次 -/-',
    '效益指标/社会效益指标/图书外借册次 20/20',
    '满意度指标/服务对象满意度指标/读者满意度 20/19.5',
  ]);
  assert.match(find(e, '其中：少儿读者人次').notes!.join(), /不单独计分/);
  assert.equal(e.statedTotal, '99.3');
});

test('a form with weights but no scores yet', () => {
  const e = one('14-weights-no-scores.txt');
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/巡护里程 30/-',
    '产出指标/质量指标/火灾受害率 30/-',
    '效益指标/生态效益指标/森林覆盖率 20/-',
    '满意度指标/服务对象满意度指标/群众满意度 20/-',
  ]);
  assert.equal(e.statedTotal, null);
  assert.equal(e.fiscalYear, 2025);
});

const STANDARD = [
  '产出指标/数量指标/法律咨询人次 40/40',
  '产出指标/质量指标/案件办结率 20/18',
  '效益指标/社会效益指标/矛盾纠纷化解率 20/20',
  '满意度指标/服务对象满意度指标/群众满意度 20/20',
];

test('web text: markdown-like pipe rows with a |---| separator line', () => {
  const e = one('15-pipe-markdown.txt');
  assert.deepEqual(leaves(e), STANDARD);
  assert.equal(find(e, '案件办结率').actual, '93%');
  assert.equal(e.statedTotal, '98');
});

test('web text: one cell per line ending in " |", rows closed by bare "|||"', () => {
  const e = one('16-cell-pipe.txt');
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/救助人数 40/40',
    '产出指标/时效指标/救助资金发放及时率 20/20',
    '效益指标/社会效益指标/康复有效率 20/18',
    '满意度指标/服务对象满意度指标/受助家庭满意度 20/20',
  ]);
  assert.equal(e.statedTotal, '98');
});

test('PDF text: one cell per paragraph (blank lines between), merged names written once', () => {
  const r = read('17-blank-line-cells.txt');
  assert.equal(r.evaluations.length, 1);
  const e = r.evaluations[0];
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/慰问困难职工户数 30/30',
    '产出指标/数量指标/发放慰问金额 20/20',
    '产出指标/时效指标/春节前发放完毕 10/10',
    '效益指标/社会效益指标/困难职工生活改善 20/18',
    '满意度指标/服务对象满意度指标/受助职工满意度 20/20',
  ]);
  assert.deepEqual([find(e, '发放慰问金额').target, find(e, '发放慰问金额').actual], ['≥120万元', '124万元']);
  assert.equal(e.statedTotal, '98');
  // the prose after the table is still prose
  assert.deepEqual(e.sections.map((s) => s.key), ['problems']);
});

test('PDF text: a whole table on one line, cells separated by spaces ("≥ 100 场")', () => {
  const e = one('18-one-line-spaces.txt');
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/宣传活动场次 30/30',
    '产出指标/数量指标/入户宣传覆盖率 20/20',
    '效益指标/社会效益指标/分类准确率提升 30/24',
    '满意度指标/服务对象满意度指标/居民满意度 20/20',
  ]);
  assert.deepEqual([find(e, '宣传活动场次').target, find(e, '宣传活动场次').actual], ['≥100场', '120场']);
  assert.equal(e.statedTotal, '94');
});

test('no separator at all: numbers run together, the reading that adds up is kept and noted', () => {
  const e = one('19-fused.txt');
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/维修养护堤防长度 20/20',
    '产出指标/质量指标/工程验收合格率 20/20',
    '产出指标/成本指标/项目预算控制数 10/9',
    '效益指标/社会效益指标/汛期安全事故 20/20',
    '效益指标/可持续影响指标/工程使用年限 10/10',
    '满意度指标/服务对象满意度指标/沿线群众满意度 20/20',
  ]);
  const c = find(e, '项目预算控制数');
  assert.deepEqual([c.target, c.actual], ['946.5万元', '901.14万元']);
  assert.deepEqual(c.notes, ['分值与指标值连写，按合计推断为 10 / 946.5万元']);
  assert.equal(find(e, '维修养护堤防长度').notes, undefined, 'not fused: "20≥35公里" has an operator between');
  assert.equal(e.statedTotal, '99');
  assert.equal(weightSum(e), 100);
});

test('spreadsheet text: the values come a row before their labels', () => {
  const e = one('20-values-before-labels.txt');
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/养护面积 40/40',
    '产出指标/质量指标/苗木成活率 20/20',
    '效益指标/生态效益指标/绿化覆盖率 20/20',
    '满意度指标/服务对象满意度指标/市民满意度 20/19',
  ]);
  assert.equal(find(e, '养护面积').target, '≥300万平方米');
  assert.deepEqual(e.problems, []);
});

test('Traditional characters, a pinyin gloss, OCR slips in digits (IO, 3O, l9) and ≧ ═ ﹦ operators', () => {
  const e = one('21-traditional-ocr.txt');
  // read through the folded words; title and names as printed
  assert.equal(e.title, '社區長者食堂營運補助');
  assert.deepEqual(leaves(e), [
    '產出指標/數量指標/供餐人次 30/30',
    '產出指標/質量指標/食品安全檢查合格率 20/20',
    '效益指標/社會效益指標/長者用餐費用節省 10/8',
    '效益指標/可持續影響指標/食堂持續營運年限 20/20',
    '滿意度指標/服務對象滿意度指標/長者滿意度 20/19',
  ]);
  assert.deepEqual(
    ['供餐人次', '食品安全檢查合格率', '食堂持續營運年限', '長者滿意度'].map((n) => find(e, n).target),
    ['≥3万人次', '=100%', '=3年', '≥90%'],
  );
  assert.equal(e.statedTotal, '95');
});

test('web page boilerplate before the table; a second table right after the first', () => {
  const r = read('22-web-boilerplate-two-tables.txt');
  assert.equal(r.evaluations.length, 2);
  const [a, b] = r.evaluations;
  assert.equal(a.title, '农村饮水安全维修');
  assert.deepEqual(leaves(a), [
    '产出指标/数量指标/维修供水站点 40/40',
    '效益指标/社会效益指标/受益人口 30/30',
    '满意度指标/服务对象满意度指标/村民满意度 30/29',
  ]);
  assert.equal(a.statedTotal, null);
  assert.deepEqual(leaves(b), [
    '产出指标/数量指标/新建健身路径 50/50',
    '效益指标/社会效益指标/群众参与人次 30/27',
    '满意度指标/服务对象满意度指标/群众满意度 20/20',
  ]);
  assert.equal(b.statedTotal, '97');
  assert.ok(b.problems.some((p) => /未找到项目名称/.test(p.message)));
  const prose = [...a.sections.map((s) => s.heading + s.text), a.title, a.unit ?? ''].join();
  assert.doesNotMatch(prose, /浏览次数|打印本页|关闭窗口/);
});

test('budget block with an empty row and dashes, scores as "19.5分", a 总计 row (GB18030 file)', () => {
  const utf8 = readFileSync(DIR + '23-totals-and-budget.txt', 'utf8');
  const r = read('23-totals-and-budget.txt', new Uint8Array(iconv.encode(utf8, 'gb18030')));
  const e = r.evaluations[0];
  assert.deepEqual(
    [e.budget?.initialBudget, e.budget?.adjustedBudget, e.budget?.executed, e.budget?.weight, e.budget?.statedRate, e.budget?.statedScore],
    ['1200', '1150', '1104', '10', '96', '9.6'],
  );
  assert.deepEqual(e.budget?.lines.map((l) => [l.fundSource, l.initialBudget]), [
    ['total', '1200'],
    ['appropriation', '1200'],
    ['carryover', null],
    ['other', null],
  ]);
  assert.deepEqual(e.goals, { expected: '为全县中小学提供课后服务', actual: '已覆盖全部学校' });
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/覆盖学校数 30/30',
    '产出指标/质量指标/学生参与率 20/19.5',
    '效益指标/社会效益指标/家长接送负担减轻 20/20',
    '满意度指标/服务对象满意度指标/家长满意度 20/20',
  ]);
  assert.equal(e.statedTotal, '99.1');
  assert.deepEqual(r.problems, []);
});

test('rows and tables that cannot be placed are reported with table, row, line and page', () => {
  const r = read('24-unplaced.txt');
  const e = r.evaluations[0];
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/储备物资品种 50/50',
    '效益指标/社会效益指标/应急响应时间 20/20',
    '满意度指标/服务对象满意度指标/群众满意度 20/19',
  ]);
  const orphan = e.problems.find((p) => /无法归属/.test(p.message));
  assert.deepEqual(orphan?.source, { file: '24-unplaced.txt', table: 1, row: 2, line: 3, page: 5 });
  assert.equal(orphan?.text, '≥95% | 96% | 10 | 10');
  assert.ok(e.problems.some((p) => /小计/.test(p.message) && p.source?.row === 5));
  // the table after "- 5 -" is on page 6 and is not an indicator table
  assert.deepEqual(
    r.problems.map((p) => [p.source?.table, p.source?.row, p.source?.page, p.text]),
    [
      [2, 1, 6, '仓库编号 | 面积 | 备注'],
      [2, 2, 6, 'A-01 | 1200平方米 | 主仓'],
    ],
  );
});

test('the same table in UTF-16 and with CRLF line ends reads the same (fused and pipe layouts)', () => {
  for (const name of ['19-fused.txt', '15-pipe-markdown.txt', '17-blank-line-cells.txt']) {
    const text = readFileSync(DIR + name, 'utf8');
    const base = leaves(read(name).evaluations[0]);
    const le = new Uint8Array([0xff, 0xfe, ...iconv.encode(text.replace(/\n/g, '\r\n'), 'utf16le')]);
    assert.deepEqual(leaves(read(name, le).evaluations[0]), base, name);
  }
});

test('PDF text: labels wrapped over lines with the values on the last line; a second table with another header right after', () => {
  const r = read('25-pdf-wrapped-labels.txt');
  assert.equal(r.evaluations.length, 2);
  const [a, b] = r.evaluations;
  assert.deepEqual(leaves(a), [
    '产出指标/数量指标/举办技能竞赛 10/10',
    '产出指标/数量指标/根据省市要求组织考评人员培训及继续教育人数 20/20',
    '产出指标/数量指标/开发更适合企业实际的技能人才评价资源，培养企业生产所需的技能人才 20/18',
    '产出指标/质量指标/考评人员持证上岗率 20/20',
    '满意度指标/服务对象满意度指标/参训人员满意度 30/30',
  ]);
  assert.equal(find(a, '开发更适合企业实际的技能人才评价资源，培养企业生产所需的技能人才').deviation, '个别资源未完成');
  assert.equal(a.statedTotal, '98');
  assert.deepEqual(leaves(b), ['预算执行率 40/38', '资金使用合规性 60/60']);
  assert.equal(find(b, '预算执行率').deviation, '执行进度偏慢', '扣分理由 is the deviation column');
  assert.equal(b.statedTotal, '98');
});

test('PDF text, one cell per paragraph: a page marker inside a number ("10" / "- 4 -" / "0%")', () => {
  const e = one('26-blank-line-cells-page-in-number.txt');
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/新增停车泊位 40/40',
    '产出指标/质量指标/泊位验收合格率 30/30',
    '满意度指标/服务对象满意度指标/市民满意度 30/29',
  ]);
  assert.deepEqual([find(e, '泊位验收合格率').target, find(e, '泊位验收合格率').actual], ['100%', '100%']);
  assert.equal(e.statedTotal, '99');
});

test('pdftotext -layout: cells separated by runs of spaces, merged names left blank, a page number below', () => {
  const e = one('27-pdftotext-layout.txt');
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/疫苗接种人次 30/30',
    '产出指标/数量指标/冷链设备更新台数 10/10',
    '产出指标/质量指标/接种异常反应处置率 20/20',
    '效益指标/社会效益指标/适龄儿童接种率 20/20',
    '满意度指标/服务对象满意度指标/群众满意度 20/17',
  ]);
  assert.deepEqual([find(e, '冷链设备更新台数').target, find(e, '冷链设备更新台数').actual], ['≥40台', '42台']);
  assert.equal(e.statedTotal, '97');
});

// .docx/.xlsx variants written by scripts/make-variants.ts (merged cells need a real table format)
const readBinary = async (name: string) => {
  const { readDocument } = await import('../read/index.ts');
  return recognize(await readDocument(new Uint8Array(readFileSync(DIR + name)), name), { file: name });
};

test('.docx national 自评表: 绩效指标 caption merged down the table, 一级/二级 merged, line breaks inside labels', async () => {
  const r = await readBinary('28-national-merged.docx');
  assert.equal(r.evaluations.length, 1);
  const e = r.evaluations[0];
  assert.deepEqual([e.title, e.unit, e.parentUnit], ['智慧养老服务平台建设', '某市养老服务中心', '某市民政局']);
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/接入平台的养老机构数 30/30',
    '产出指标/数量指标/上门服务工单量 20/20',
    '产出指标/质量指标/工单按时完成率 10/9',
    '产出指标/时效指标/平台上线时间 10/10',
    '效益指标/社会效益指标/老人紧急呼叫响应时间 10/10',
    '满意度指标/服务对象满意度指标/老人及家属满意度 20/20',
  ]);
  assert.equal(e.statedTotal, '99');
});

test('.xlsx 部门整体 得分表: two-row header, 一级 weights in names, 分值/得分 merged over each 二级 group', async () => {
  const r = await readBinary('29-dept-group-weights.xlsx');
  const e = r.evaluations[0];
  assert.equal(e.subject, 'department');
  assert.deepEqual(
    e.indicators.filter((i) => i.weight != null || i.statedScore != null).map((i) => `${i.path.join('/')} ${i.weight ?? '-'}/${i.statedScore ?? '-'}`),
    [
      '部门决策 20/-',
      '部门决策/目标设定 12/11',
      '部门决策/预算编制/预算编制科学性 8/8',
      '部门管理 30/-',
      '部门管理/资金管理 30/28',
      '部门履职 50/-',
      '部门履职/重点工作/重点工作完成率 30/30',
      '部门履职/履职效益/群众满意度 20/19',
    ],
  );
  assert.equal(find(e, '绩效指标明确性').weight, null);
  assert.equal(e.statedTotal, '96');
  assert.deepEqual(r.problems, []);
});

/** A tab-separated text re-laid out the way other extractions give it; empty cells vanish. */
function relaid(text: string, how: 'blank' | 'layout'): string {
  return text
    .split('\n')
    .map((l) => {
      if (!l.includes('\t')) return l;
      const cells = l.split('\t').map((c) => c.trim()).filter((c) => c);
      return how === 'blank' ? `${cells.join('\n\n')}\n` : cells.join('    ');
    })
    .join('\n');
}
const leafValues = (r: RecognizeResult) =>
  r.evaluations.map((e) => [
    ...e.indicators.filter((i) => isLeaf(e, i)).map((i) => `${i.path.join('/')} ${i.target ?? '-'} ${i.actual ?? '-'} ${i.weight ?? '-'}/${i.statedScore ?? '-'}`),
    `总分 ${e.statedTotal}`,
    `资金 ${e.budget ? [e.budget.initialBudget, e.budget.adjustedBudget, e.budget.executed, e.budget.weight, e.budget.statedRate, e.budget.statedScore, e.budget.lines.length].join('/') : '无'}`,
  ]);

test('not fitted to one layout: the tab-separated variants (资金 blocks included) read the same as cells on blank-line separated lines and as pdftotext -layout columns', () => {
  const names = readdirSync(DIR).filter((f) => /^(0[1-46-9]|1[0-2]|14|2[1-3])-.*\.txt$/.test(f));
  assert.equal(names.length, 15);
  for (const name of names) {
    const text = readFileSync(DIR + name, 'utf8');
    const base = leafValues(read(name));
    for (const how of ['blank', 'layout'] as const)
      assert.deepEqual(leafValues(read(name, new TextEncoder().encode(relaid(text, how)))), base, `${name} (${how})`);
  }
  // labels wrapped over lines: in layout text a line holds one row, so a line with one cell is a
  // piece of a label (joined as in the tab-separated reading), not the remark of the row above
  const wrapped = '25-pdf-wrapped-labels.txt';
  assert.deepEqual(leafValues(read(wrapped, new TextEncoder().encode(relaid(readFileSync(DIR + wrapped, 'utf8'), 'layout')))), leafValues(read(wrapped)));
});

test('cells no column takes (an unknown header word, 备注, a cell past the last header) are kept in notes; full-width digits', () => {
  const e = one('30-unknown-columns-fullwidth.txt');
  assert.deepEqual(leaves(e), ['产出指标/数量指标/培训人次 50/50', '效益指标/社会效益指标/就业率 50/48']);
  assert.deepEqual([find(e, '培训人次').target, find(e, '培训人次').actual, find(e, '就业率').target], ['≥300人次', '330人次', '≥80%']);
  assert.deepEqual(find(e, '培训人次').notes, ['负责处室：培训处', '备注：含线上培训']);
  assert.deepEqual(find(e, '就业率').notes, ['负责处室：就业处', '第10列（表头之外）：另附说明']);
  assert.equal(e.statedTotal, '98');
});

test('seed 003 (13 如皋 评分表, two-row headers) re-laid out as blank-line cells and as pdftotext -layout reads as the tab-separated seed', () => {
  const seed = fileURLToPath(new URL('../../test-fixtures/seeds/003_6726b065a193cc5c.txt', import.meta.url));
  const text = readFileSync(seed, 'utf8');
  const norm = (r: RecognizeResult) => leafValues(r).map((e) => e.map((x) => x.replace(/(\d) (?=\S)/g, '$1')));
  const base = norm(read('003.txt', new TextEncoder().encode(text)));
  assert.equal(base.length, 13);
  for (const how of ['blank', 'layout'] as const) assert.deepEqual(norm(read('003.txt', new TextEncoder().encode(relaid(text, how)))), base, how);
});

test('cells after a table rebuilt from loose text that fit no row are reported in that evaluation, with their lines', () => {
  const text = ['项目名称：剩余', '一级指标', '二级指标', '分值', '得分', '产出', '数量', '50', '50', '效益', '社会', '50', '45', '合计', '100', '95', '多余', '7'].join('\n\n');
  const r = read('x.txt', new TextEncoder().encode(text));
  const e = r.evaluations[0];
  assert.deepEqual(leaves(e), ['产出/数量 50/50', '效益/社会 50/45']);
  assert.deepEqual(e.problems.map((p) => [p.text, p.source?.line]), [['多余', 33], ['7', 35]]);
  assert.ok(e.problems.every((p) => /未能归入/.test(p.message)));
});

test('a sheet saved as .csv: quoted amounts with thousands separators, a remark with a line break, CRLF', async () => {
  const r = await readBinary('31-spreadsheet.csv');
  const e = r.evaluations[0];
  assert.equal(e.title, '农产品质量安全监测');
  assert.equal(e.fiscalYear, 2024);
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/定量检测样品数 30/30',
    '产出指标/质量指标/检测结果准确率 20/20',
    '效益指标/社会效益指标/农产品抽检合格率 30/28',
    '满意度指标/服务对象满意度指标/生产主体满意度 20/20',
  ]);
  assert.equal(find(e, '定量检测样品数').target, '≥1,200批次');
  assert.equal(find(e, '农产品抽检合格率').deviation, '个别基地用药不规范，\n已督促整改');
  assert.equal(e.statedTotal, '98');
});

test('a flat list whose only name column is captioned 指标; the year from a title without 年度', () => {
  const text = '2023年项目支出绩效自评表\n项目名称：扁平\n指标\t权重\t得分\n资金到位率\t50\t50\n满意度\t50\t45\n合计\t100\t95\n';
  const e = read('flat.txt', new TextEncoder().encode(text)).evaluations[0];
  assert.equal(e.fiscalYear, 2023, 'a title with 年 but without 年度');
  assert.deepEqual(leaves(e), ['资金到位率 50/50', '满意度 50/45']);
  assert.equal(e.statedTotal, '95');
});

test('a running page header (the report title repeated on every page) and page numbers between the parts of a table', () => {
  const r = read('32-running-header.txt');
  assert.equal(r.evaluations.length, 1);
  const e = r.evaluations[0];
  assert.deepEqual(leaves(e), [
    '产出指标/数量指标/通客车行政村比例 30/30',
    '产出指标/质量指标/客运安全事故数 20/20',
    '效益指标/社会效益指标/群众出行便利度 30/28',
    '满意度指标/服务对象满意度指标/乘客满意度 20/19',
  ]);
  assert.equal(e.statedTotal, '97');
  assert.deepEqual([...r.problems, ...e.problems], []);
});

test('seed 002 (南京 部门整体, weights only on the A–E groups, coded names) as blank-line cells and as layout columns: the same weighted items and total', () => {
  const seed = fileURLToPath(new URL('../../test-fixtures/seeds/002_315fe116e8082365.txt', import.meta.url));
  const doc = readText(new Uint8Array(readFileSync(seed)), '002.txt');
  const weighted = (r: RecognizeResult) =>
    r.evaluations.map((e) => [e.title, e.statedTotal, ...e.indicators.filter((i) => i.weight != null || i.statedScore != null).map((i) => `${i.path.join('/')} ${i.weight}/${i.statedScore}`)]);
  const base = weighted(recognize(doc));
  assert.deepEqual(base, [['南京市人民政府外事办公室整体支出', '97', '部门决策 15/12', '部门管理 20/20', '部门履职 30/30', '履职绩效 30/30', '可持续发展能力 5/5']]);
  for (const [how, cellSep, rowSep] of [['blank', '\n\n', '\n\n'], ['layout', '    ', '\n']] as const) {
    const text = doc.blocks
      .map((b) => (b.kind === 'paragraph' ? b.text : b.rows.map((r) => r.map((c) => c.text.replace(/\n/g, '')).filter((x) => x).join(cellSep)).join(rowSep)))
      .join('\n\n');
    assert.deepEqual(weighted(read('002.txt', new TextEncoder().encode(text))), base, how);
  }
});
