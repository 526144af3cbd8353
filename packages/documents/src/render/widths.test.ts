import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHAR, contentWidths, rowLines, textWidth } from './widths.ts';
import { PROJECT_COLUMNS, type IndicatorRow } from './layout.ts';

const row = (cells: Record<string, string>): IndicatorRow => ({ indicator: {} as IndicatorRow['indicator'], cells, span: { l1: 1, l2: 1, w: 1 }, weight: null, score: null });
const rows = [
  row({ l1: '产出指标', l2: '数量指标', l3: '绩效目标完整性', target: '≥95%', actual: '96%', weight: '10', score: '10', deviation: '' }),
  row({ l1: '产出指标', l2: '质量指标', l3: '资助企业满意度指标', target: '≥80%', actual: '100%', weight: '10', score: '10', deviation: '' }),
];
const PORTRAIT = 8844;

test('widths fill the page width exactly', () => {
  const w = contentWidths(PROJECT_COLUMNS, rows, PORTRAIT, 1);
  assert.equal(w.length, PROJECT_COLUMNS.length + 1);
  assert.equal(w.reduce((a, b) => a + b, 0), PORTRAIT);
});

test('the 三级 column holds a name of 8 characters on one line; a 9-character name wraps at 8', () => {
  const w = contentWidths(PROJECT_COLUMNS, rows, PORTRAIT, 1);
  const l3 = w[1 + PROJECT_COLUMNS.findIndex((c) => c.key === 'l3')];
  assert.ok(l3 - 120 >= 8 * CHAR, `${l3}`);
  assert.ok(l3 - 120 < 9 * CHAR, `${l3}`);
});

test('an empty column is narrow and the running text gets what is left', () => {
  const long = [...rows, row({ l1: '效益指标', l2: '社会效益', l3: '带动就业', target: '≥80%', actual: '72%', weight: '15', score: '13.5', deviation: '部分学员继续升学，未计入就业人数，下一年度加强与用人单位对接，开展订单式培训。' })];
  const w = contentWidths(PROJECT_COLUMNS, long, PORTRAIT, 1);
  const at = (key: string) => w[1 + PROJECT_COLUMNS.findIndex((c) => c.key === key)];
  assert.ok(at('deviation') > at('target'), '偏差原因 has text, the widest share');
  const empty = contentWidths(PROJECT_COLUMNS, rows, PORTRAIT, 1);
  assert.ok(empty[1 + PROJECT_COLUMNS.findIndex((c) => c.key === 'deviation')] < at('deviation'));
});

test('too narrow for every name: the names give up width and the total still fits', () => {
  const w = contentWidths(PROJECT_COLUMNS, rows, 4000, 1);
  assert.equal(w.reduce((a, b) => a + b, 0), 4000);
  assert.ok(w.every((x) => x > 0));
});

test('text width: Chinese 1, Latin and digits less, a gap where they meet; row lines follow the widths', () => {
  assert.equal(textWidth('决策制度'), 4);
  assert.ok(textWidth('A11决策') > 2 + 3 * 0.5);
  assert.ok(textWidth('A11决策') < 5);
  const w = contentWidths(PROJECT_COLUMNS, rows, PORTRAIT, 1);
  const tall = row({ ...rows[0].cells, deviation: '原因'.repeat(200) });
  assert.equal(rowLines(PROJECT_COLUMNS, rows[0], w, 1), 1);
  assert.ok(rowLines(PROJECT_COLUMNS, tall, w, 1) > 10);
});
