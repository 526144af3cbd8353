// Issue 11 "Must show": jixiao's own PDF of the 001 部门整体 evaluation (95.47, no findings) reads
// back as 95.47 with its 31 indicators and no findings. The evaluation comes from the committed
// 001.html (seed 001 written as HTML); the PDF is printed here with Chromium (14 pages, too big to commit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { grid, type Table } from '../document.ts';
import { processBytes } from '../pipeline.ts';
import { CHROMIUM_PATH, renderPdf } from '../render/pdf.ts';
import { readPdf } from './pdf.ts';

test('pdf round trip: the 001 部门整体 report printed by jixiao reads back as 95.47 with 31 indicators, the same as its source', async () => {
  assert.ok(existsSync(CHROMIUM_PATH), `需要 Chromium 打印报告：${CHROMIUM_PATH} 不存在（apt-get install chromium）`);
  const source = await processBytes(new Uint8Array(readFileSync(new URL('../../test-fixtures/formats/001.html', import.meta.url))), '001.html');
  const ev = source.evaluations.find((e) => e.subject === 'department');
  assert.ok(ev, '001.html 应含部门整体评价');
  assert.equal(ev.statedTotal, '95.47');
  assert.equal(ev.indicators.length, 31);
  const bytes = await renderPdf(ev);

  // the reader: one score table over three pages, merged labels carried over the page breaks
  const doc = await readPdf(bytes, '001.pdf');
  const tables = doc.blocks.filter((b): b is Table => b.kind === 'table');
  assert.equal(tables.length, 1);
  const g = grid(tables[0]).map((r) => r.map((c) => c.text));
  const rows = g.filter((r) => /^部门(决策|管理|绩效)/.test(r[0]));
  assert.equal(rows.length, 18);
  assert.ok(rows.every((r) => /（\d+）$/.test(r[1])), rows.map((r) => r[1]).join(' '));
  assert.ok(g.some((r) => r[1] === '目标设置（10）' && r[2] === '绩效目标完整性'));
  // a paragraph wrapped over lines is one text: each amount stays with its label
  const text = doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
  assert.ok(text.some((t) => t.includes('实际支出数18099.19万元，预算执行率93.58%')));

  // and the whole check: the same indicators, weights, scores and total, and no findings
  const back = await processBytes(bytes, '001.pdf');
  const e = back.evaluations.find((x) => x.subject === 'department');
  assert.ok(e);
  assert.equal(e.statedTotal, '95.47');
  assert.equal(e.total, '95.47');
  const key = (x: typeof ev) => x.indicators.map((i) => `${i.path.join('/')} ${i.weight ?? '—'} ${i.statedScore ?? '—'}`);
  assert.deepEqual(key(e), key(ev));
  assert.deepEqual(e.findings.map((f) => f.message), ev.findings.map((f) => f.message));
});
