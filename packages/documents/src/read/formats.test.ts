// Issue 3 "Must show": the same evaluations from every format as from the seed text — same rows
// (indicator paths), weights, stated scores and stated totals. The .docx/.xlsx/.html fixtures are
// committed; the whole-report PDFs are printed here with Chromium (too big to commit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Evaluation } from '@jixiao/core';
import { recognize } from '../recognize/index.ts';
import { layoutSeed, toPdfs } from '../../scripts/make-fixtures.ts';
import { readDocument } from './index.ts';
import { readText } from './text.ts';

const seedsDir = fileURLToPath(new URL('../../test-fixtures/seeds/', import.meta.url));
const fixtures = new URL('../../test-fixtures/formats/', import.meta.url);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

function seeds(): { id: string; file: string }[] {
  assert.ok(existsSync(seedsDir), `找不到种子目录 ${seedsDir}（应在 packages/documents/test-fixtures/seeds）`);
  return readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ id: file.slice(0, 3), file }));
}

/** What must agree: per evaluation the stated total and each row's path, weight and stated score. */
function summary(evs: Evaluation[]) {
  return evs.map((e) => ({
    statedTotal: e.statedTotal ?? null,
    rows: e.indicators.map((i) => `${i.path.join('/')} | 分值 ${i.weight ?? '—'} | 得分 ${i.statedScore ?? '—'}`),
  }));
}

const fromText = new Map<string, ReturnType<typeof summary>>();
function expected(id: string, file: string) {
  if (!fromText.has(id)) fromText.set(id, summary(recognize(readText(new Uint8Array(readFileSync(seedsDir + file)), file)).evaluations));
  return fromText.get(id)!;
}

for (const fmt of ['docx', 'xlsx', 'html']) {
  for (const { id, file } of seeds()) {
    test(`formats: seed ${id} as .${fmt} gives the evaluations of the seed text`, async () => {
      const path = fileURLToPath(new URL(`${id}.${fmt}`, fixtures));
      const doc = await readDocument(new Uint8Array(readFileSync(path)), path);
      assert.deepEqual(summary(recognize(doc).evaluations), expected(id, file));
    });
  }
}

test('formats: every seed printed to PDF gives the evaluations of the seed text', async (t) => {
  assert.ok(existsSync(CHROMIUM), `需要 Chromium 打印 PDF 夹具：${CHROMIUM} 不存在（apt-get install chromium，或设置 CHROMIUM）`);
  const list = seeds();
  const pdfs = await toPdfs(list.map(({ file }) => layoutSeed(readFileSync(seedsDir + file, 'utf8'), file)), CHROMIUM);
  for (const [k, { id, file }] of list.entries()) {
    await t.test(`seed ${id} as .pdf`, async () => {
      const doc = await readDocument(pdfs[k], `${id}.pdf`);
      assert.equal(doc.format, 'pdf');
      assert.deepEqual(summary(recognize(doc).evaluations), expected(id, file));
    });
  }
});

test('formats: every seed .docx printed to PDF by LibreOffice (rows broken across pages, as Word does) gives the evaluations of the seed text', async (t) => {
  const { findSoffice } = await import('./legacy.ts');
  const soffice = findSoffice();
  assert.ok(soffice, '需要 LibreOffice（soffice）把 .docx 夹具打印成 PDF：apt-get install libreoffice-writer-nogui');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-lo-pdf-'));
  try {
    const list = seeds();
    const inputs = list.map(({ id }) => fileURLToPath(new URL(`${id}.docx`, fixtures)));
    const r = spawnSync(soffice, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...inputs], { timeout: 300_000 });
    assert.equal(r.status, 0, `soffice 转换失败：${r.stderr}`);
    for (const { id, file } of list) {
      await t.test(`seed ${id} as LibreOffice .pdf`, async () => {
        const doc = await readDocument(new Uint8Array(readFileSync(join(dir, `${id}.pdf`))), `${id}.pdf`);
        assert.deepEqual(summary(recognize(doc).evaluations), expected(id, file));
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
