// The seeds rendered to .html/.docx/.xlsx/.pdf and read back with `jixiao render … && jixiao check --json …` (issue 11):
// per format, the evaluations read back with the same rows and total, the rows found again, and the evaluations read
// back the same with no finding their source does not have must hold the best reached so far (test-fixtures/seeds/roundtrip-floor.json; raise it with
// `npm run roundtrip -- --update-floor`, which only ever raises it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EvaluationJson } from '@jixiao/core';
import { belowFloor, compare, FORMATS, loadFloors, measure, summary } from './roundtrip.ts';

const ev = (rows: [string, string | null, string | null][], statedTotal: string | null, findings: [string, string][] = [], total: string | null = null) =>
  ({
    indicators: rows.map(([n, weight, statedScore]) => ({ path: ['产出指标', '数量指标', n], weight, statedScore })),
    statedTotal,
    total,
    findings: findings.map(([rule, n]) => ({ rule, severity: 'error', where: { path: ['产出指标', '数量指标', n] } })),
  }) as unknown as EvaluationJson;

test('a read-back evaluation is the same only with every row, in order, and the total', () => {
  const src = ev([['甲', '10', '9'], ['乙', '20', '20']], '29');
  assert.deepEqual(compare(src, [ev([['甲', '10.00', '9.0'], ['乙', '20', '20']], '29.00')]).why, []);
  assert.equal(compare(src, [ev([['甲', '10', '9'], ['乙', '20', '19']], '29')]).rows, 1, 'a score differs');
  assert.deepEqual(compare(src, [ev([['乙', '20', '20'], ['甲', '10', '9']], '29')]).why, ['rows in another order']);
  assert.equal(compare(src, [ev([['甲', '10', '9'], ['乙', '20', '20']], null)]).same, false, 'total lost');
  assert.equal(compare(src, []).same, false, 'nothing read');
  assert.equal(compare(src, [ev([['甲', '10', '9'], ['乙', '20', '20']], '29'), ev([], null)]).same, false, 'split in two');
  // no total stated: the report prints the sum of the stated scores (the 总分 agrees with the rows above it), not
  // the computed total; with no score stated at all, the computed one
  const unstated = ev([['甲', '10', '9'], ['乙', '20', '20']], null, [], '30');
  assert.equal(compare(unstated, [ev([['甲', '10', '9'], ['乙', '20', '20']], '29')]).same, true);
  assert.deepEqual(compare(unstated, [ev([['甲', '10', '9'], ['乙', '20', '20']], '30')]).why, ['total 30 ≠ 29']);
  assert.equal(compare(ev([['甲', '10', null]], null, [], '8'), [ev([['甲', '10', null]], '8')]).same, true);
});

test('findings the source does not have are counted, those it has are not', () => {
  const src = ev([['甲', '10', '9']], '9', [['weights-sum', '甲']]);
  const c = compare(src, [ev([['甲', '10', '9']], '9', [['weights-sum', '甲'], ['deviation-missing', '甲']])]);
  assert.equal(c.same, true);
  assert.deepEqual(c.newFindings, ['deviation-missing|甲']);
});

test('the seeds rendered and read back hold the floor in every format', () => {
  const floors = loadFloors();
  const results = measure();
  assert.deepEqual(results.map((r) => r.format), [...FORMATS]);
  for (const r of results) {
    assert.ok(floors[r.format], `no floor for ${r.format}`);
    assert.equal(r.evaluations, 25, 'the four seeds hold 25 evaluations');
    assert.deepEqual(belowFloor(r, floors[r.format]), [], `${summary(r)}\n${r.differences.join('\n')}`);
  }
});
