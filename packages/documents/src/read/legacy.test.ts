// Issue 3 reader 1: legacy .doc/.xls go through LibreOffice and come back as the same tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { grid } from '../document.ts';
import { readDocument } from './index.ts';
import { findSoffice } from './legacy.ts';

const fixture = fileURLToPath(new URL('../../test-fixtures/formats/003.docx', import.meta.url));

test('legacy: a .doc saved by LibreOffice is converted back and keeps the 如皋 评分表 (seed 003 line 49: 立项依据充分性 2/2)', async () => {
  const soffice = findSoffice();
  assert.ok(soffice, '需要 LibreOffice（soffice）来测试 .doc 转换：apt-get install libreoffice-writer-nogui');
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-legacy-test-'));
  try {
    copyFileSync(fixture, join(dir, 'report.docx'));
    const r = spawnSync(soffice, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'doc', '--outdir', dir, join(dir, 'report.docx')], { timeout: 120_000 });
    assert.equal(r.status, 0, `soffice 转换失败：${r.stderr}`);
    const doc = await readDocument(new Uint8Array(readFileSync(join(dir, 'report.doc'))), 'report.doc');
    assert.equal(doc.format, 'doc');
    const table = doc.blocks.find((b) => b.kind === 'table');
    assert.ok(table && table.kind === 'table');
    const rows = grid(table).map((r) => r.map((c) => c.text));
    assert.ok(rows.some((r) => r.join('|') === '决策指标|项目立项|立项依据充分性|充分|充分|2|2|'), rows.slice(0, 4).map((r) => r.join('|')).join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('legacy: an RTF file (often named .doc) goes through LibreOffice too', async () => {
  assert.ok(findSoffice(), '需要 LibreOffice（soffice）来测试 RTF 转换');
  const rtf = '{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0 SimSun;}}\\f0 \\u39033?\\u30446?\\u21517?\\u31216?\\u65306?\\u27979?\\u35797?\\par}';
  const doc = await readDocument(new TextEncoder().encode(rtf), 'report.doc');
  assert.equal(doc.format, 'doc');
  assert.ok(doc.blocks.some((b) => b.kind === 'paragraph' && b.text === '项目名称：测试'), JSON.stringify(doc.blocks));
});
