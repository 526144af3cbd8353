// Issue 13: a smaller run of `npm run fuzz` in CI, on the project's own fixtures: mutated files end
// read or refused with one of our Chinese messages, never a crash (an internal error, a dead worker)
// nor a hang (over the time limit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz, loadSources, mutate, random } from './index.ts';

const fixtures = (d: string) => new URL(`../../test-fixtures/${d}/`, import.meta.url).pathname;

test('fuzz: the mutations are reproducible from the seed and change the input', () => {
  const [src] = loadSources([fixtures('formats')], (n) => n === '000.docx');
  const a = mutate(src, random(9));
  const b = mutate(src, random(9));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, src.bytes);
});

test('fuzz: 200 mutated fixtures, 0 crashes and 0 hangs', async () => {
  const sources = loadSources([fixtures('formats'), fixtures('variants')], (n) => !/\.pdf$/.test(n));
  assert.ok(sources.length >= 40);
  const r = await fuzz(sources, { count: 200, seed: 2026, size: 2 });
  assert.equal(r.inputs, 200);
  assert.deepEqual(r.crashes, []);
  assert.deepEqual(r.hangs, []);
  // the mutations reach both ends: some files still read, some refused
  assert.ok(r.read > 0 && r.refused > 0, JSON.stringify(r));
});
