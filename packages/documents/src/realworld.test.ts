// The real-case measure (issue 11): real published score tables, copied into test-fixtures/realworld with their
// facts read by hand, must keep being read at least as well as the best reached so far (realworld/floor.json),
// with no more error-level findings than the facts allow (realworld/expected-errors.json).
// Raise the floors after an improvement with `npm run recall -- --update-floor`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvaluationJson, Finding } from '@jixiao/core';
import type { FileResult } from './pipeline.ts';
import {
  belowFloor,
  FOLDERS,
  listCases,
  loadAllowed,
  loadFloors,
  measureCase,
  normName,
  raiseFloor,
  readsRow,
  recallFolder,
  REALWORLD,
  type Facts,
} from './recall.ts';

test('names compare after NFKC, without pinyin glosses, spaces, pipes and quotes', () => {
  assert.equal(normName('監(jiān)測 數(shù)據(jù)'), '監測數據');
  assert.equal(normName('“三公经费”变动率（5分）'), '三公经费变动率(5分)');
  assert.equal(normName('纳入医 保统筹 | '), '纳入医保统筹');
  assert.equal(normName(null), '');
});

test('a row counts only with its name, weight and stated score', () => {
  const row = { l3: '学生受资助人数', weight: 10, score: '9.5' };
  assert.ok(readsRow(row, { path: ['产出指标', '数量指标', '学生受资助人数'], weight: '10.00', statedScore: '9.50' }));
  assert.ok(!readsRow(row, { path: ['学生受资助人数'], weight: '10', statedScore: '9' }), 'score differs');
  assert.ok(!readsRow(row, { path: ['学生受资助人数'], weight: null, statedScore: '9.5' }), 'weight missing');
  assert.ok(readsRow(row, { path: ['受资助人数'], weight: '10', statedScore: '9.5' }), 'a name of 4+ characters inside the expected one counts');
  assert.ok(!readsRow({ l3: '家长满意度', weight: 10, score: 10 }, { path: ['满意度'], weight: '10', statedScore: '10' }), 'a 3-character part does not');
  assert.ok(readsRow({ l3: '整编资料审核', score: 19.6 }, { path: ['整编资料审核'], weight: '20', statedScore: '19.6' }), 'no weight in the facts: any weight');
});

const ev = (indicators: { path: string[]; weight: string | null; statedScore: string | null }[], statedTotal: string | null, findings: Partial<Finding>[] = []) =>
  ({ indicators, statedTotal, findings }) as unknown as EvaluationJson;

test('a complete case is exact only with all rows and its stated total; sub-items and unscored rows are not counted', () => {
  const facts: Facts = {
    truncated: false,
    total_stated: 20,
    indicators: [
      { l3: '甲指标名称', weight: 10, score: 10 },
      { l3: '乙指标名称', weight: 10, score: 10 },
      { l3: '其中:丙', weight: 10, score: 10, sub_item: true },
      { l3: '丁', weight: null, score: null },
    ],
  };
  const rows = [
    { path: ['甲指标名称'], weight: '10', statedScore: '10' },
    { path: ['乙指标名称'], weight: '10', statedScore: '10' },
  ];
  const file = (evs: EvaluationJson[]): FileResult => ({ path: '01.txt', evaluations: evs, problems: [] });
  const all = measureCase('01.txt', facts, file([ev(rows, '20.00')]));
  assert.deepEqual([all.hit, all.rows, all.exact], [2, 2, true]);
  assert.equal(measureCase('01.txt', facts, file([ev(rows, null)])).exact, false, 'stated total not read');
  const one = measureCase('01.txt', facts, file([ev(rows.slice(0, 1), '20')]));
  assert.deepEqual([one.hit, one.exact, one.missed], [1, false, ['乙指标名称']]);
  assert.equal(measureCase('01.txt', { ...facts, truncated: true }, file([ev(rows, '20')])).exact, false, 'a cut case is never counted exact');
});

test('error-level findings count as false unless the case allows their rule', () => {
  const facts: Facts = { indicators: [] };
  const findings = [
    { rule: 'weights-sum', severity: 'error', message: '一级指标分值合计为90分' },
    { rule: 'total-mismatch', severity: 'error', message: '总分不等于得分合计' },
    { rule: 'score-inflation', severity: 'warning', message: '…' },
  ] as Finding[];
  const r = measureCase('03.txt', facts, { path: '03.txt', evaluations: [ev([], null, findings)], problems: [] }, ['total-mismatch']);
  assert.deepEqual(r.falseErrors, ['weights-sum: 一级指标分值合计为90分']);
});

test('the floor only rises and the ceiling of false errors only falls', () => {
  const r = { label: 'x', cases: [], hit: 30, rows: 100, exact: 1, complete: 5, falseErrors: 4 };
  assert.deepEqual(raiseFloor(r, { rows: 40, exact: 0, falseErrors: 2 }), { rows: 40, exact: 1, falseErrors: 2 });
  assert.deepEqual(belowFloor(r, { rows: 40, exact: 0, falseErrors: 2 }).length, 2);
  assert.deepEqual(belowFloor(r, { rows: 30, exact: 1, falseErrors: 4 }), []);
});

test('every real case has its facts, and every allowance names a case and a rule with its reason', () => {
  const allowed = JSON.parse(readFileSync(join(REALWORLD, 'expected-errors.json'), 'utf8')) as Record<string, Record<string, string>>;
  for (const [key, rules] of Object.entries(allowed)) {
    const [folder, nn] = key.split('/');
    assert.ok(FOLDERS.includes(folder), key);
    assert.ok(listCases(join(REALWORLD, folder)).some((f) => f.includes(`/${nn}.`)), `${key}: no such case`);
    for (const [rule, why] of Object.entries(rules)) {
      assert.ok(existsSync(new URL(`../../core/src/check/rules/${rule}.ts`, import.meta.url)), `${key}: no rule ${rule}`);
      assert.ok(why.length > 10, `${key} ${rule}: reason`);
    }
  }
  for (const folder of FOLDERS) {
    for (const file of listCases(join(REALWORLD, folder))) assert.ok(existsSync(file.replace(/\.\w+$/, '.json')), file);
  }
});

test('every text table is rebuilt as an office file, each format at least 4 times', () => {
  const text = listCases(join(REALWORLD, 'text')).map((f) => f.slice(-6, -4));
  const rebuilt = listCases(join(REALWORLD, 'rebuilt')).map((f) => f.slice(f.lastIndexOf('/') + 1));
  assert.deepEqual(rebuilt.map((f) => f.slice(0, 2)), text);
  const per = new Map<string, number>();
  for (const f of rebuilt) per.set(f.slice(3), (per.get(f.slice(3)) ?? 0) + 1);
  for (const ext of ['pdf', 'docx', 'doc', 'xlsx', 'xls']) assert.ok((per.get(ext) ?? 0) >= 4, `${ext}: ${per.get(ext) ?? 0}`);
  for (const f of rebuilt) assert.ok(existsSync(join(REALWORLD, 'rebuilt', 'src', `${f.slice(0, 2)}.html`)), `${f}: transcription`);
});

const floors = loadFloors();
for (const folder of Object.keys(floors)) {
  test(`real cases, ${folder}: rows read exactly and false errors hold the floor (${JSON.stringify(floors[folder])})`, async () => {
    const r = await recallFolder(join(REALWORLD, folder), { allowed: loadAllowed(folder) });
    assert.ok(r.cases.length > 0, 'no cases');
    const detail = r.cases.map((c) => `${c.name} ${c.hit}/${c.rows}${c.falseErrors.length ? ` [${c.falseErrors.join('; ')}]` : ''}`).join(', ');
    assert.deepEqual(belowFloor(r, floors[folder]), [], detail);
  });
}
