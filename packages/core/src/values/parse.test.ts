// 指标值 grammar: domain.md §5.2–§5.5; noisy forms from seeds S1 (北京), S3 (如皋), 池州 L12.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseValue, normalizeValueText, directionOf } from './parse.ts';

function num(text: string, op: string | null, value: string, unit: string | null, notes?: number) {
  const v = parseValue(text);
  assert.equal(v.kind, 'number', `${text} → ${JSON.stringify(v)}`);
  if (v.kind !== 'number') return;
  assert.equal(v.op, op, `${text}: op`);
  assert.equal(v.value, value, `${text}: value`);
  assert.equal(v.unit, unit, `${text}: unit`);
  if (notes !== undefined) assert.equal(v.notes.length, notes, `${text}: notes ${v.notes.join('；')}`);
}
function qual(text: string, level: string | null) {
  const v = parseValue(text);
  assert.equal(v.kind, 'qualitative', `${text} → ${JSON.stringify(v)}`);
  if (v.kind === 'qualitative') assert.equal(v.level, level, `${text}: level`);
}
function dl(text: string, month: number | null, relative: string | null, year: number | null = null) {
  const v = parseValue(text);
  assert.equal(v.kind, 'deadline', `${text} → ${JSON.stringify(v)}`);
  if (v.kind !== 'deadline') return;
  assert.equal(v.month, month, `${text}: month`);
  assert.equal(v.relative, relative, `${text}: relative`);
  assert.equal(v.year, year, `${text}: year`);
}

test('§5.2 operators: ≥50个, >95%, ≤4小时 (S1, S3)', () => {
  num('≥50个', '>=', '50', '个', 0);
  num('>95%', '>', '95', '%', 0);
  num('≤4小时', '<=', '4', '小时', 0);
  num('<3次', '<', '3', '次');
  num('=100%', '=', '100', '%');
});

test('§5.2 word operators: 不低于95%, 95%以上, 不高于, 不少于, 以内, 控制在…以内', () => {
  num('不低于95%', '>=', '95', '%');
  num('95%以上', '>=', '95', '%');
  num('不高于90万元', '<=', '90', '万元');
  num('不少于300人次', '>=', '300', '人次');
  num('30天以内', '<=', '30', '天');
  num('控制在90万元以内', '<=', '90', '万元');
  num('3起以下', '<=', '3', '起');
});

test('§5.2 full-width and half-width forms (＞＝, >=, ≧, ≦, ＝, ﹦, ═, full-width digits, ％)', () => {
  num('＞＝９５％', '>=', '95', '%');
  num('>=95%', '>=', '95', '%');
  num('≧95%', '>=', '95', '%');
  num('≦４小时', '<=', '4', '小时');
  num('＝100%', '=', '100', '%');
  num('﹦100%', '=', '100', '%');
  num('═100%', '=', '100', '%');
  num('＜＝20分钟', '<=', '20', '分钟');
  num('<=20分钟', '<=', '20', '分钟');
  num('＞95％', '>', '95', '%');
  assert.equal(normalizeValueText(' ＞＝ ９５ ％ '), '≥95%');
});

test('§5.2 noise: 2261.73/平方米 (S1 unit after a slash) is repaired with a note', () => {
  num('2261.73/平方米', null, '2261.73', '平方米', 1);
  const v = parseValue('2261.73/平方米');
  assert.ok(v.kind === 'number' && /斜杠/.test(v.notes[0]));
  // a real compound unit is not noise
  num('500元/人', null, '500', '元/人', 0);
});

test('§5.2 noise: ≤20分钟钟 (S1 duplicated unit character) → 分钟 with a note', () => {
  num(' ≤20分钟钟', '<=', '20', '分钟', 1);
  const v = parseValue('≤20分钟钟');
  assert.ok(v.kind === 'number' && v.notes[0].includes('分钟钟'));
});

test('§5.2 noise: ≥100百分比 (池州 L12) → %', () => {
  num('≥100百分比', '>=', '100', '%', 1);
});

test('§5.5 money: 906万元, 1160万元 (S1)', () => {
  num('906万元', null, '906', '万元', 0);
  num('1160万元', null, '1160', '万元', 0);
  num('1,160.50元', null, '1160.5', '元');
});

test('§5.2 counts with units and spaces: 100%满意度, 300人次, 8 次, 330 人 次 (S1, S3)', () => {
  num('100%满意度', null, '100', '%', 1);
  num('300人次', null, '300', '人次');
  num('8 次', null, '8', '次');
  num('330 人 次', null, '330', '人次');
  num('2.3万', null, '2.3', '万');
});

test('§5.2 bare number 2700 on a cost row (S1): number without unit', () => {
  num('2700', null, '2700', null, 0);
  num('0%', null, '0', '%');
});

test('§5.3 deadlines: 12月底前, 第三季度前, 2024年1月至5月', () => {
  dl('12月底前', 12, null);
  dl('12月底', 12, null);
  dl('第三季度前', 9, null);
  dl('2024年1月至5月', 5, null, 2024);
  dl('2024年底前', 12, null, 2024);
  dl('上半年', 6, null);
});

test('§5.3 relative deadlines: 按时完成, 按期, 按期兑现 → onTime; 序时 → schedule (S3)', () => {
  dl('按时完成', null, 'onTime');
  dl('按期', null, 'onTime');
  dl('按期兑现', null, 'onTime');
  dl('序时', null, 'schedule');
  dl('序时进度', null, 'schedule');
});

test('§5.4 qualitative vocabulary → met', () => {
  for (const w of ['是', '充分', '规范', '合理', '明确', '科学', '合规', '健全', '有效', '公开', '完善', '达标',
    '按要求完成', '得到提升', '效果明显', '显著', '应保尽保', '目标达成', '符合标准']) qual(w, 'met');
  const v = parseValue('是');
  assert.ok(v.kind === 'qualitative' && v.yesNo === true);
  qual('健全。', 'met');
});

test('§5.4 partial: 较规范, 较健全, 基本按要求完成, 基本达成, 较好, 一般 (S0 scored 1/1.5, 4/5)', () => {
  for (const w of ['较规范', '较健全', '基本按要求完成', '基本达成', '较好', '一般']) qual(w, 'partial');
});

test('§5.4 not met: 否, 未完成, 不合规', () => {
  for (const w of ['否', '未完成', '不合规', '不健全']) qual(w, 'notMet');
  const v = parseValue('否');
  assert.ok(v.kind === 'qualitative' && v.yesNo === true);
});

test('§5.2 ranges and prose stay text, never guessed', () => {
  for (const t of ['90%-95%', '90~95%', '约50个', '50个左右', '按年度工作任务', '窗口考核指标',
    '较规范。项目管理制度执行待加强。', '提高参培人员工作能力', '≥50个或≥60人']) {
    assert.equal(parseValue(t).kind, 'text', t);
  }
});

test('empty cells: blank, —, /', () => {
  for (const t of ['', '  ', '—', '-', '/', null, undefined]) assert.equal(parseValue(t as string).kind, 'empty', String(t));
});

test('§2.4 directionOf: operators; 不高于/以内 reverse; = exact', () => {
  assert.equal(directionOf(parseValue('≥50个')), 'positive');
  assert.equal(directionOf(parseValue('>95%')), 'positive');
  assert.equal(directionOf(parseValue('≤4小时')), 'reverse');
  assert.equal(directionOf(parseValue('不高于90万元')), 'reverse');
  assert.equal(directionOf(parseValue('30天以内')), 'reverse');
  assert.equal(directionOf(parseValue('=100%')), 'exact');
  assert.equal(directionOf(parseValue('是')), null);
});

test('§2.4/§5.6 directionOf: bare number on 成本/时间/投诉/事故/差错 rows is reverse (S1 预算控制数 906万元)', () => {
  assert.equal(directionOf(parseValue('906万元'), '预算控制数'), 'reverse');
  assert.equal(directionOf(parseValue('2700'), '项目成本'), 'reverse');
  assert.equal(directionOf(parseValue('2'), '投诉次数'), 'reverse');
  assert.equal(directionOf(parseValue('0'), '安全事故'), 'reverse');
  assert.equal(directionOf(parseValue('1'), '差错次数'), 'reverse');
  assert.equal(directionOf(parseValue('4'), '响应时间'), 'reverse');
  assert.equal(directionOf(parseValue('2700'), '培训人数'), 'positive');
  // 成本节约率 is a saving rate: positive (§5.6)
  assert.equal(directionOf(parseValue('5%'), '成本节约率'), 'positive');
  // an explicit operator wins over the name
  assert.equal(directionOf(parseValue('≥95%'), '投诉处理及时率'), 'positive');
});

test('parseValue caches: the same text gives the same object', () => {
  assert.equal(parseValue('不低于95%'), parseValue('不低于95%'));
  assert.equal(parseValue('得到提升'), parseValue('得到提升'));
});

test('fast path and full grammar agree on plain numbers', () => {
  // "≥ 95 %" (spaces) takes the full path, "≥95%" the fast one
  const a = parseValue('≥ 95 %'), b = parseValue('≥95%');
  assert.deepEqual({ ...a, text: '' }, { ...b, text: '' });
  const c = parseValue('０９５０.５０万元'), d = parseValue('0950.50万元');
  assert.deepEqual({ ...c, text: '' }, { ...d, text: '' });
  assert.ok(d.kind === 'number' && d.value === '950.5');
});
