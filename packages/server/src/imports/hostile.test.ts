// Issue 13 through the upload API: each hostile file ends with its own message within the limits,
// the batch goes on, and the server keeps answering: while the files (a span bomb among them) are
// imported, GET /api/health answers within 100 ms (counted over many requests, not one timed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openDb } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { buildApp, type AppOptions } from '../app.ts';
import { addUnit, addUser } from '../units/store.ts';
import { ImportQueue } from './queue.ts';
import { multipart } from '../testing.ts';
import * as hostile from '../../../documents/test-fixtures/hostile/generate.ts';

const good = new Uint8Array(readFileSync(new URL('../../../documents/test-fixtures/formats/000.docx', import.meta.url)));

test('upload API: hostile files each get their own message, the good file is imported, /api/health stays fast', { timeout: 600_000 }, async () => {
  const db = await openDb({ dataDir: 'memory://' });
  const opts: AppOptions = { db, webDist: null };
  const app = await buildApp(opts);
  const queue = new ImportQueue(db, { pollMs: 60_000 });
  opts.queue = queue;
  try {
    await migrate(db);
    const sys = { id: null, username: 'test' };
    const unitId = await db.tx(async (q) => {
      const fin = await addUnit(q, sys, '测试财政局', null);
      const unit = await addUnit(q, sys, '测试单位', fin.id);
      await addUser(q, sys, { username: 'importer', role: 'filler', unitId: unit.id, password: 'importer-pass-1' });
      return unit.id;
    });
    await queue.start();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'importer', password: 'importer-pass-1' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const csrf = login.json().csrfToken;

    const expected: [string, Uint8Array, string][] = [
      ['deep.docx', hostile.deepDocx(3000), '文件嵌套层次过深（超过 256 层），未读取'],
      ['many.pdf', hostile.manyPagesPdf(5000), 'PDF 页数过多（5000 页，上限 500 页），未读取'],
      ['damaged.docx', hostile.damagedZipHeaderDocx(), 'docx 文件已损坏（zip 目录无法读取）'],
      // 45 MB: the upload limit is 50 MB a file
      ['big.xlsx', hostile.bigCellXlsx(45), '单元格内容过长（超过 100,000 个字符），未读取'],
    ];
    const bomb = hostile.spanBomb();
    for (let i = 0; i < 20; i++) expected.push([`bomb${i}.html`, bomb, '表格过大：第 1 个表格合并单元格展开后有 2,500,000 个单元格，超过上限 1,000,000 个，未读取']);
    const files = [...expected.map(([name, content]) => ({ name, content })), { name: 'mixed.txt', content: hostile.mixedEncodingText().bytes }, { name: 'good.docx', content: good }];
    const m = multipart(files, { unitId: String(unitId) });
    const up = await app.inject({ method: 'POST', url: '/api/imports', headers: { cookie, 'x-csrf-token': csrf, ...m.headers }, payload: m.payload });
    assert.equal(up.statusCode, 202, up.body);
    const { jobId } = up.json();

    // health, every 20 ms, for as long as the job runs
    let job: any;
    const times: number[] = [];
    for (;;) {
      const t0 = performance.now();
      const h = await app.inject({ method: 'GET', url: '/api/health' });
      times.push(performance.now() - t0);
      assert.equal(h.statusCode, 200);
      if (times.length % 10 === 0) {
        job = (await app.inject({ method: 'GET', url: `/api/imports/${jobId}`, headers: { cookie } })).json();
        if (job.status === 'done') break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const slow = times.filter((t) => t > 100).length;
    assert.ok(times.length >= 50, `health asked ${times.length} times`);
    // reading a stored file out of the embedded database takes the main thread briefly (once per file)
    assert.ok(slow <= Math.max(3, times.length * 0.05), `${slow} of ${times.length} health answers over 100 ms`);

    const byName = new Map(job.files.map((f: any) => [f.name, f]));
    for (const [name, , message] of expected) assert.equal((byName.get(name) as any)?.error, message, name);
    assert.equal((byName.get('good.docx') as any).status, 'ok');
    assert.ok((byName.get('good.docx') as any).evaluations.length > 0);
    assert.ok((byName.get('mixed.txt') as any).problems > 0);
  } finally {
    await queue.stop();
    await app.close();
    await db.close();
  }
});
