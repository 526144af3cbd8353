// The seed reports saved as .docx/.xlsx/.html (test-fixtures/formats, made by
// scripts/make-fixtures.ts) must give the evaluations the plain text gives: recognition works from
// the Document only, whatever reader produced it. The PDF fixtures hold the first page of a table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Evaluation } from '@jixiao/core';
import { readAndRecognize } from '../index.ts';
import { readText } from '../read/text.ts';
import { recognize } from './index.ts';

const DIR = new URL('../../test-fixtures/formats/', import.meta.url);
const SEEDS = new URL('../../test-fixtures/seeds/', import.meta.url);
const SEED_FILES: Record<string, string> = {
  '000': '000_5a87d28761f17f36.txt',
  '001': '001_a0c86900c2b5e58b.txt',
  '002': '002_315fe116e8082365.txt',
  '003': '003_6726b065a193cc5c.txt',
};

function load(url: URL): Uint8Array {
  const p = fileURLToPath(url);
  assert.ok(existsSync(p), `缺少测试文件 ${p}`);
  return new Uint8Array(readFileSync(p));
}
const fromText = (seed: string) => recognize(readText(load(new URL(SEED_FILES[seed], SEEDS)))).evaluations;

/** What must not depend on the file format. */
const essence = (e: Evaluation) => ({
  subject: e.subject,
  title: e.title,
  statedTotal: e.statedTotal,
  budget: e.budget && [e.budget.initialBudget, e.budget.adjustedBudget, e.budget.executed, e.budget.weight, e.budget.statedRate, e.budget.statedScore],
  indicators: rows(e),
});
const rows = (e: Evaluation) =>
  e.indicators.map((i) => [i.id, i.path.join('/'), i.code ?? null, i.weight, i.statedScore, i.target, i.actual, i.kind ?? null]);

for (const ext of ['docx', 'xlsx', 'html']) {
  test(`.${ext} copies of the four seeds recognise as the plain text does (S0–S3)`, async () => {
    for (const seed of Object.keys(SEED_FILES)) {
      const r = await readAndRecognize(load(new URL(`${seed}.${ext}`, DIR)), `${seed}.${ext}`);
      assert.deepEqual(r.problems, [], `${seed}.${ext}`);
      assert.deepEqual(r.evaluations.map(essence), fromText(seed).map(essence), `${seed}.${ext}`);
    }
  });
}

test('first-page PDF tables (S2, S3) give the first rows of the same tree as the plain text', async () => {
  for (const seed of ['002', '003']) {
    const r = await readAndRecognize(load(new URL(`${seed}-table.pdf`, DIR)), `${seed}-table.pdf`);
    assert.equal(r.evaluations.length, 1, seed);
    const got = rows(r.evaluations[0]);
    const want = rows(fromText(seed)[0]).slice(0, got.length);
    assert.ok(got.length >= 5, `${seed}: 只识别出 ${got.length} 个指标`);
    assert.deepEqual(got, want, seed);
  }
});
