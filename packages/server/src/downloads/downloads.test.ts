// Downloads over HTTP, on PGlite and on PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleEvaluation } from '../testing.ts';
import { describeApi } from '../testing-api.ts';

describeApi('下载', (t) => {
  const { u, login, create } = t;

  test('downloads: docx, xlsx and html of the evaluation asked for, the summary table; an unknown format is 400', async () => {
    const a = await login('fillA');
    const { id } = await create(a, u.a, sampleEvaluation('下载测试'));
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: a.cookie } });
    const docx = await get(`/api/evaluations/${id}/download?format=docx`);
    assert.equal(docx.statusCode, 200, docx.body.slice(0, 200));
    assert.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
    assert.match(String(docx.headers['content-disposition']), new RegExp(encodeURIComponent('下载测试.docx')));
    const xlsx = await get(`/api/evaluations/${id}/download?format=xlsx`);
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
    const html = await get(`/api/evaluations/${id}/download?format=html`);
    assert.equal(html.statusCode, 200);
    assert.match(html.body, /下载测试/);
    assert.match(String(html.headers['content-security-policy']), /default-src 'none'/);
    const summary = await get('/api/summary.xlsx');
    assert.equal(summary.statusCode, 200);
    assert.equal(summary.rawPayload.subarray(0, 2).toString(), 'PK');
    assert.equal((await a.call('GET', `/api/evaluations/${id}/download?format=exe`)).status, 400);
  });

  test('PDF downloads: printed by one shared Chromium, several at once, each the evaluation asked for', async () => {
    const a = await login('fillA');
    const ids = [];
    for (const title of ['甲PDF一', '甲PDF二', '甲PDF三']) ids.push((await create(a, u.a, sampleEvaluation(title))).id);
    const res = await Promise.all(ids.map((i) => t.app.inject({ method: 'GET', url: `/api/evaluations/${i}/download?format=pdf`, headers: { cookie: a.cookie } })));
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-pdf-'));
    try {
      res.forEach((r, k) => {
        assert.equal(r.statusCode, 200, r.body.slice(0, 200));
        assert.equal(r.headers['content-type'], 'application/pdf');
        assert.equal(r.rawPayload.subarray(0, 5).toString(), '%PDF-');
        const file = join(dir, `${k}.pdf`);
        writeFileSync(file, r.rawPayload);
        const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize('NFKC');
        assert.match(text, new RegExp(['甲PDF一', '甲PDF二', '甲PDF三'][k]));
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
