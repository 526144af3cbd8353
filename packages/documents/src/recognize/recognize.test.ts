// Recognition from Document only: tables with merged cells (as .docx/.xlsx readers give them),
// header-word variants from the glossary, and what happens to rows that cannot be placed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Cell, Document, Table } from '../document.ts';
import { recognize } from './index.ts';
import { splitName } from './indicators.ts';

const c = (text: string, more: Partial<Cell> = {}): Cell => ({ text, ...more });
const table = (rows: Cell[][]): Table => ({ kind: 'table', rows });
const doc = (...blocks: Document['blocks']): Document => ({ format: 'docx', blocks, warnings: [] });
const p = (text: string) => ({ kind: 'paragraph' as const, text });

test('merged cells: 一级/二级 names spanning rows are inherited, not repeated as new nodes', () => {
  const d = doc(
    p('项目名称：测试项目'),
    table([
      [c('一级指标'), c('二级指标'), c('三级指标'), c('年度指标值'), c('实际完成值'), c('分值'), c('得分'), c('偏差原因分析及改进措施')],
      [c('产出指标', { rowSpan: 3 }), c('数量指标', { rowSpan: 2 }), c('培训人次'), c('≥300人次'), c('330人次'), c('20'), c('20'), c('')],
      [c('场次'), c('≥8场'), c('10场'), c('20'), c('20'), c('')],
      [c('质量指标'), c('合格率'), c('≥95%'), c('90%'), c('40'), c('35'), c('未达标')],
      [c('满意度指标'), c('服务对象满意度'), c('满意度'), c('≥90%'), c('95%'), c('20'), c('20'), c('')],
      [c('总分', { colSpan: 5 }), c('100'), c('95'), c('')],
    ]),
  );
  const { evaluations, problems } = recognize(d, { file: 'a.docx' });
  assert.deepEqual(problems, []);
  const [e] = evaluations;
  assert.equal(e.title, '测试项目');
  assert.equal(e.statedTotal, '95');
  assert.deepEqual(
    e.indicators.map((i) => `${i.id} ${i.path.join('/')} ${i.weight ?? '-'}/${i.statedScore ?? '-'}`),
    [
      '1 产出指标 -/-',
      '1.1 产出指标/数量指标 -/-',
      '1.1.1 产出指标/数量指标/培训人次 20/20',
      '1.1.2 产出指标/数量指标/场次 20/20',
      '1.2 产出指标/质量指标 -/-',
      '1.2.1 产出指标/质量指标/合格率 40/35',
      '2 满意度指标 -/-',
      '2.1 满意度指标/服务对象满意度 -/-',
      '2.1.1 满意度指标/服务对象满意度/满意度 20/20',
    ],
  );
  assert.deepEqual(e.indicators[5].source, { file: 'a.docx', table: 1, row: 4, line: undefined, page: undefined });
  assert.equal(e.indicators[5].deviation, '未达标');
});

test('a weight cell merged over a whole group belongs to the group (南京 B layout as a .docx gives it)', () => {
  const d = doc(
    p('某单位2024年度部门整体支出绩效自评报告'),
    table([
      [c('一级指标'), c('二级指标'), c('指标说明'), c('权重'), c('自评得分')],
      [c('部门决策', { rowSpan: 2 }), c('决策机制'), c(''), c('15', { rowSpan: 2 }), c('12', { rowSpan: 2 })],
      [c('中长期规划'), c('')],
      [c('部门履职'), c('重点工作'), c('是否完成'), c('85'), c('80')],
    ]),
  );
  const [e] = recognize(d).evaluations;
  assert.equal(e.subject, 'department');
  assert.equal(e.fiscalYear, 2024);
  assert.deepEqual(
    e.indicators.map((i) => `${i.path.join('/')} ${i.weight ?? '-'}/${i.statedScore ?? '-'}`),
    ['部门决策 15/12', '部门决策/决策机制 -/-', '部门决策/中长期规划 -/-', '部门履职 -/-', '部门履职/重点工作 85/80'],
  );
});

test('header variants: 指标名称 | 标准值 | 分数权重 | 实际得分 with 序号 and a two-row header', () => {
  const d = doc(
    p('项目名称：单层指标'),
    table([
      [c('序号'), c('指标名称'), c('标准值'), c('业绩值'), c('分数权重'), c('实际得分')],
      [c('1'), c('资金到位率'), c('100%'), c('100%'), c('50'), c('50')],
      [c('2'), c('满意度'), c('≥90%'), c('92%'), c('50'), c('48')],
      [c('合计'), c(''), c(''), c(''), c('100'), c('98')],
    ]),
  );
  const [e] = recognize(d).evaluations;
  assert.deepEqual(
    e.indicators.map((i) => [i.level, i.name, i.target, i.actual, i.weight, i.statedScore]),
    [
      [1, '资金到位率', '100%', '100%', '50', '50'],
      [1, '满意度', '≥90%', '92%', '50', '48'],
    ],
  );
  assert.equal(e.statedTotal, '98');
});

test('a table split over two tables (page break) without a repeated header stays one evaluation', () => {
  const head = [c('一级指标'), c('二级指标'), c('分值'), c('得分')];
  const d = doc(
    p('项目名称：跨页'),
    table([head, [c('产出'), c('数量'), c('50'), c('50')]]),
    p('- 2 -'),
    table([[c(''), c('质量'), c('50'), c('45')], [c('总分'), c(''), c('100'), c('95')]]),
  );
  const r = recognize(d);
  assert.equal(r.evaluations.length, 1);
  assert.deepEqual(r.evaluations[0].indicators.map((i) => i.path.join('/')), ['产出', '产出/数量', '产出/质量']);
  assert.equal(r.evaluations[0].statedTotal, '95');
  assert.deepEqual(r.problems, []);
});

test('rows that cannot be placed are reported with their table and row, never dropped', () => {
  const d = doc(
    p('项目名称：有问题的表'),
    table([
      [c('一级指标'), c('二级指标'), c('分值'), c('得分')],
      [c(''), c(''), c('10'), c('8')],
      [c('产出'), c('数量'), c('90'), c('90')],
    ]),
    table([[c('某个'), c('孤立的'), c('表格')]]),
  );
  const r = recognize(d, { file: 'x.docx' });
  const e = r.evaluations[0];
  // besides the row that cannot be placed, only the note that the table (no 总分 row, 90 points read) is taken as incomplete
  const [orphan, ...rest] = e.problems;
  assert.match(orphan.message, /无法归属/);
  assert.deepEqual(orphan.source, { file: 'x.docx', table: 1, row: 2, line: undefined, page: undefined });
  assert.deepEqual(rest.map((p) => p.message), ['指标表未见总分行，已读到的分值合计为 90 分：按不完整的表处理，不做分值与得分合计检查']);
  assert.equal(e.incomplete, true);
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0].message, /未能识别/);
  assert.equal(r.problems[0].source?.table, 2);
});

test('a document with no indicator table gives no evaluation and the problem 未找到绩效指标表', () => {
  const r = recognize(doc(p('关于做好2024年度绩效自评工作的通知'), table([[c('单位'), c('联系人')], [c('财政局'), c('张三')]])), {
    file: 'n.docx',
  });
  assert.deepEqual(r.evaluations, []);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0].message, '未找到绩效指标表');
});

test('一级 names with codes and weights: "B部门管理（20分）", "决策 (12)", "F加减分项（≤5分）"', () => {
  assert.deepEqual(splitName('B部门管理（20分）'), { name: '部门管理', code: 'B', weight: '20', cap: null });
  assert.deepEqual(splitName('决策 (12)'), { name: '决策', code: null, weight: '12', cap: null });
  assert.deepEqual(splitName('F加减分项（≤5分）'), { name: '加减分项', code: 'F', weight: null, cap: '5' });
  assert.deepEqual(splitName('E1信息化建设情况（可选）'), { name: '信息化建设情况（可选）', code: 'E1', weight: null, cap: null });
  assert.deepEqual(splitName('1.1 项目立项'), { name: '项目立项', code: '1.1', weight: null, cap: null });
  assert.deepEqual(splitName('一、产出指标（50分）'), { name: '产出指标', code: '一', weight: '50', cap: null });
  assert.deepEqual(splitName('12345热线满意度'), { name: '12345热线满意度', code: null, weight: null, cap: null });
});

test('PDF line breaks inside cells: fragment rows are joined to the row above, caption-only rows skipped', () => {
  const d = doc(
    p('项目名称：换行'),
    table([
      [c('绩效指'), c('一级指标'), c('二级指标'), c('三级指标'), c('年度指标值'), c('实际完成值'), c('分值'), c('得分')],
      [c(''), c('A产出'), c('数量指标'), c('资助孵化海创数'), c('≥50'), c('45'), c('60'), c('54')],
      [c('标'), c(''), c(''), c(''), c(''), c(''), c(''), c('')],
      [c(''), c('（60分）'), c(''), c('量'), c(''), c(''), c(''), c('')],
      [c(''), c('B效益'), c('社会效益'), c('满意度'), c('≥90%，按'), c('95%'), c('40'), c('40')],
      [c(''), c(''), c(''), c(''), c('问卷计'), c(''), c(''), c('')],
      [c(''), c(''), c('经济效益'), c(''), c(''), c(''), c(''), c('')],
    ]),
  );
  const r = recognize(d);
  const e = r.evaluations[0];
  assert.deepEqual(
    e.indicators.map((i) => `${i.path.join('/')} ${i.weight ?? '-'}/${i.statedScore ?? '-'} ${i.target ?? ''}`),
    [
      '产出 60/- ',
      '产出/数量指标 -/- ',
      '产出/数量指标/资助孵化海创数量 60/54 ≥50',
      '效益 -/- ',
      '效益/社会效益 -/- ',
      '效益/社会效益/满意度 40/40 ≥90%，按问卷计',
      '效益/经济效益 -/- ',
    ],
  );
  assert.equal(e.indicators[0].code, 'A');
});

test('小计 rows are reported, not made indicators; 权重 as a percentage; a sheet name as the project title', () => {
  const t = table([
    [c('一级指标'), c('二级指标'), c('权重'), c('得分')],
    [c('产出'), c('数量'), c('60%'), c('55')],
    [c('小计'), c(''), c('60'), c('55')],
    [c('效益'), c('满意度'), c('40%'), c('40')],
  ]);
  t.sheet = '职业技能评价';
  const [e] = recognize(doc(t)).evaluations;
  assert.equal(e.title, '职业技能评价');
  assert.deepEqual(
    e.indicators.map((i) => `${i.path.join('/')} ${i.weight ?? '-'}`),
    ['产出 -', '产出/数量 60', '效益 -', '效益/满意度 40'],
  );
  assert.deepEqual(e.problems.map((p) => [p.message, p.source?.row]), [['小计行不作为指标，未计入', 3]]);
});

test('a grade in the table and a closing 评价结论 row: grade kept, the row is no indicator', () => {
  const d = doc(
    p('项目名称：有等级'),
    table([
      [c('一级指标'), c('二级指标'), c('分值'), c('得分')],
      [c('产出'), c('数量'), c('100'), c('92')],
      [c('总分'), c(''), c('100'), c('92')],
      [c('评价等级'), c('优'), c(''), c('')],
      [c('评价结论'), c('项目完成较好'), c(''), c('')],
    ]),
  );
  const r = recognize(d);
  const e = r.evaluations[0];
  assert.equal(e.statedGrade, '优');
  assert.deepEqual(e.indicators.map((i) => i.name), ['产出', '数量']);
});

test('一级/二级 names repeated on every row (Excel exports) are one node each', () => {
  const d = doc(
    p('项目名称：重复名称'),
    table([
      [c('一级指标'), c('二级指标'), c('三级指标'), c('分值'), c('得分')],
      [c('产出指标'), c('数量指标'), c('甲'), c('30'), c('30')],
      [c('产出指标'), c('数量指标'), c('乙'), c('30'), c('28')],
      [c('产出指标'), c('质量指标'), c('丙'), c('40'), c('40')],
    ]),
  );
  const [e] = recognize(d).evaluations;
  assert.deepEqual(
    e.indicators.map((i) => i.id + ' ' + i.path.join('/')),
    ['1 产出指标', '1.1 产出指标/数量指标', '1.1.1 产出指标/数量指标/甲', '1.1.2 产出指标/数量指标/乙', '1.2 产出指标/质量指标', '1.2.1 产出指标/质量指标/丙'],
  );
});

test('a header stacked over two rows of its own cells (指标 over 分值, 县级 over 评分) reads as one', () => {
  const d = doc(
    p('2021年度农村公益事业财政奖补项目绩效评价自评表'),
    table([
      [c('序号', { rowSpan: 2 }), c('一级指标', { rowSpan: 2 }), c('三级指标', { rowSpan: 2 }), c('指标'), c('县级'), c('市级')],
      [c('分值'), c('评分'), c('评分')],
      [c('1'), c('决策(10)', { rowSpan: 2 }), c('民主议事'), c('6'), c('6'), c('')],
      [c('2'), c('申报审批'), c('4'), c('3'), c('')],
    ]),
  );
  const [e] = recognize(d).evaluations;
  assert.deepEqual(
    e.indicators.map((i) => `${i.path.join('/')} ${i.weight ?? '-'}/${i.statedScore ?? '-'}`),
    ['决策 10/-', '决策/民主议事 6/6', '决策/申报审批 4/3'],
  );
});

test('a rubric headed only 目标名称 | 分值 with an unlabelled score column, one name wrapped into a merged second row', () => {
  const d = doc(
    p('耕地地力保护补贴项目专项支出绩效评分细则'),
    table([
      [c('目标名称'), c(''), c('分值'), c('')],
      [c('充分性'), c('制定实施方案,得3分'), c('3'), c('2')],
      [c('建立农户一'), c('建立账户的,得3分;发放到农户的,得4分', { rowSpan: 2 }), c('7', { rowSpan: 2 }), c('7', { rowSpan: 2 })],
      [c('折通账户')],
    ]),
  );
  const [e] = recognize(d).evaluations;
  assert.deepEqual(
    e.indicators.map((i) => `${i.path.join('/')} ${i.weight ?? '-'}/${i.statedScore ?? '-'}`),
    ['充分性 3/2', '建立农户一折通账户 7/7'],
  );
});

test('an upper name written one character per row (产/出/指/标) is one name again', () => {
  const d = doc(
    table([
      [c('一级指标'), c('二级指标'), c('三级指标'), c('分值'), c('得分')],
      [c('产'), c('数量指标'), c('维护设备数量'), c('20'), c('20')],
      [c('出'), c('质量指标'), c('放映质量'), c('10'), c('9')],
      [c('指'), c(''), c(''), c(''), c('')],
      [c('标'), c(''), c(''), c(''), c('')],
    ]),
  );
  const [e] = recognize(d).evaluations;
  assert.deepEqual(
    e.indicators.filter((i) => !i.parentId).map((i) => i.name),
    ['产出指标'],
  );
});

test('Traditional characters with pinyin glosses: read through the folded words, names kept as printed without the glosses', () => {
  const d = doc(
    table([
      [c('一級指標(biāo)'), c('二級指標(biāo)'), c('三級指標(biāo)'), c('實(shí)際完成值'), c('得分')],
      [c('產(chǎn)出指標(biāo)'), c('質(zhì)量指標(biāo)'), c('監(jiān)測數(shù)據(jù)必須合格'), c('100%'), c('10')],
      [c('總分'), c(''), c(''), c(''), c('10')],
    ]),
  );
  const [e] = recognize(d).evaluations;
  assert.equal(e.statedTotal, '10');
  assert.deepEqual(e.indicators.map((i) => `${i.path.join('/')} ${i.statedScore ?? '-'}`), ['產出指標 -', '產出指標/質量指標 -', '產出指標/質量指標/監測數據必須合格 10']);
});
