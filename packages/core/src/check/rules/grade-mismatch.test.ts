import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../fixtures.ts';
import { gradeMismatch } from './grade-mismatch.ts';

const run = (statedTotal: string | null, statedGrade: string | null, total: string | null = statedTotal) =>
  runRule(gradeMismatch, { statedTotal, statedGrade }, { scored: { total } });

test('V14 (N1; S0): 93 分 “优秀” and (S2) 97 分 “优” agree with the 优 band (alias 优秀)', () => {
  assert.deepEqual(run('93', '优秀'), []);
  assert.deepEqual(run('97', '“优”'), []);
  assert.deepEqual(run('98.6', '优秀'), []);
});

test('V14 (N1): the bands are half-open, so 89.5 is 良, not 优', () => {
  const f = run('89.5', '优秀');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.equal(f[0].message, '总分89.5对应等级“良”（80（含）至90分），而填报等级为“优秀”');
  assert.equal(f[0].where.cell, '等级');
});

test('V14 (N1; S1): 85.8 is 良; without a stated total the computed total is used', () => {
  assert.deepEqual(run('85.8', '良好'), []);
  const f = run(null, '优', '85.8');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /^计算总分85.8对应等级“良”/);
});

test('V14 (N9): an unknown grade word is a warning', () => {
  const f = run('93', '甲等');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
});
