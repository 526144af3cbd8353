// PDF through Chromium: needs /usr/bin/chromium, fonts-noto-cjk and pdftotext/pdffonts (CI
// installs them; when missing these tests fail with a message saying so).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PdfRenderer, CHROMIUM_PATH } from './pdf.ts';
import { analysed, haichuangEvaluation, nanjingEvaluation, rugaoEvaluation } from './fixtures.ts';
import { requireTool, squeeze } from './tools.ts';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-pdf-test-'));
const files: Record<string, string> = {};
const text: Record<string, string> = {};

before(async () => {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`缺少 Chromium（${CHROMIUM_PATH}）：此测试需要它（CI 会安装）。安装：apt-get install chromium fonts-noto-cjk`);
  const pdftotext = requireTool('pdftotext');
  requireTool('pdffonts');
  const renderer = new PdfRenderer();
  try {
    // one browser for all three
    for (const [name, make] of [
      ['seed001', haichuangEvaluation],
      ['seed003', rugaoEvaluation],
      ['seed000', nanjingEvaluation],
    ] as const) {
      const bytes = await renderer.render(analysed(make()));
      files[name] = join(dir, `${name}.pdf`);
      writeFileSync(files[name], bytes);
      text[name] = squeeze(execFileSync(pdftotext, ['-raw', files[name], '-'], { encoding: 'utf8' }));
    }
  } finally {
    await renderer.close();
  }
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('PDF of seed001 holds every indicator, the 资金 row and 总分 100 / 85', () => {
  for (const i of haichuangEvaluation().indicators.filter((x) => x.level === 3)) assert.ok(text.seed001.includes(i.name), i.name);
  assert.ok(text.seed001.includes('89.23%'));
  assert.ok(text.seed001.includes('总分10085'));
});

test('PDF of seed003 and seed000 hold their rows and totals (98; 合计 100 / 93)', () => {
  for (const i of rugaoEvaluation().indicators.filter((x) => x.level === 3)) assert.ok(text.seed003.includes(squeeze(i.name)), i.name);
  assert.ok(text.seed003.includes('总分10098'));
  assert.ok(text.seed000.includes('合计10093'));
  assert.ok(text.seed000.includes('窗口服务满意度'));
});

test('PDF: Chinese fonts are embedded; A4 pages; “— 1 —” page numbers', () => {
  const fonts = execFileSync('pdffonts', [files.seed003], { encoding: 'utf8' }).trim().split('\n').slice(2);
  assert.ok(fonts.length > 0);
  for (const line of fonts) assert.match(line, /\syes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/, `字体未嵌入：${line}`);
  const info = execFileSync('pdfinfo', [files.seed003], { encoding: 'utf8' });
  assert.match(info, /Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  assert.ok(text.seed003.includes('—1—'));
  assert.ok(text.seed003.includes('—2—'));
});

test('PdfRenderer.close() can be called twice and a closed renderer starts a new browser', async () => {
  const r = new PdfRenderer();
  await r.close();
  const bytes = await r.renderHtml('<!DOCTYPE html><meta charset="utf-8"><p>测试</p>');
  await r.close();
  await r.close();
  assert.equal(new TextDecoder().decode(bytes.slice(0, 5)), '%PDF-');
});
