import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchUnit, similarity, unitKey } from './match.ts';

const tree = [
  { id: 1, name: '示范市财政局' },
  { id: 2, name: '示范市教育局' },
  { id: 3, name: '示范市第一中学' },
  { id: 4, name: '示范市第二中学' },
  { id: 5, name: '示范市人力资源和社会保障局' },
];

test('an exact name files the evaluation, whatever the spaces and full-width forms', () => {
  assert.deepEqual(matchUnit('示范市第一中学', tree), { unit: tree[2] });
  assert.deepEqual(matchUnit(' 示范市 第一中学　', tree), { unit: tree[2] });
  assert.equal(unitKey('ＡＢＣ（一）'), 'abc(一)');
});

test('an unknown name files nothing and offers the close names, closest first', () => {
  const m = matchUnit('示范市第三中学', tree);
  assert.equal(m.unit, null);
  assert.ok(!m.unit && m.candidates.length >= 2);
  assert.deepEqual(!m.unit && m.candidates.slice(0, 2).map((u) => u.id).sort(), [3, 4]);
  // nothing like it: no candidates
  assert.deepEqual(matchUnit('远方县农业农村局', tree), { unit: null, candidates: [] });
  // a name inside a longer one is offered first
  const part = matchUnit('第一中学', tree);
  assert.equal(!part.unit && part.candidates[0].id, 3);
});

test('no name: nothing filed, nothing offered', () => {
  assert.deepEqual(matchUnit(null, tree), { unit: null, candidates: [] });
  assert.deepEqual(matchUnit('  ', tree), { unit: null, candidates: [] });
});

test('two units with the same name are both offered, neither chosen', () => {
  const twins = [...tree, { id: 6, name: '示范市第一中学' }];
  const m = matchUnit('示范市第一中学', twins);
  assert.deepEqual(!m.unit && m.candidates.map((u) => u.id), [3, 6]);
});

test('similarity: the share of character pairs in common', () => {
  assert.equal(similarity('第一中学', '第一中学'), 1);
  assert.equal(similarity('甲乙', '丙丁'), 0);
  // 第一/一中/中学 vs 第二/二中/中学: one pair of three shared
  assert.equal(similarity('第一中学', '第二中学').toFixed(3), (1 / 3).toFixed(3));
});
