// The API as a whole, on PGlite and on PostgreSQL (issue 5 "Must show"): health, the OpenAPI
// description, security headers, login required, scope on every route, hostile input, two processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDb } from './db/client.ts';
import { buildApp, type AppOptions } from './app.ts';
import { ImportQueue } from './imports/queue.ts';
import { multipart, sampleEvaluation } from './testing.ts';
import { describeApi } from './testing-api.ts';

describeApi('API', (t) => {
  const { u, login, create } = t;

  test('health and readiness', async () => {
    assert.equal((await t.app.inject('/api/health')).statusCode, 200);
    const r = await t.app.inject('/api/ready');
    assert.equal(r.statusCode, 200);
    assert.equal(r.json().database, t.backend);
  });

  test('OpenAPI description at /api/openapi.json and the UI at /api/docs', async () => {
    const spec = (await t.app.inject('/api/openapi.json')).json();
    for (const path of ['/api/evaluations', '/api/evaluations/{id}', '/api/evaluations/{id}/submit', '/api/imports', '/api/auth/login']) {
      assert.ok(spec.paths[path], path);
    }
    const ui = await t.app.inject('/api/docs/');
    assert.equal(ui.statusCode, 200);
    assert.match(ui.body, /swagger/i);
  });

  test('security headers: CSP allows the app itself only', async () => {
    const r = await t.app.inject('/api/health');
    assert.match(String(r.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
  });

  test('without a login every non-public route answers 401', async () => {
    for (const url of ['/api/auth/me', '/api/units', '/api/evaluations', '/api/evaluations/1', '/api/dashboard', '/api/imports/1']) {
      assert.equal((await t.app.inject(url)).statusCode, 401, url);
    }
  });

  test('scope: for every route a user of unit A gets 404 or 403 for unit B data', async () => {
    const a = await login('fillA');
    const b = await login('fillB');
    const revA = await login('revA');
    const evB = await create(b, u.b, sampleEvaluation('乙单位项目'));
    const evA = await create(a, u.a, sampleEvaluation('甲单位项目'));
    const jobB = await b.call('POST', '/api/imports', undefined, multipart([{ name: 'b.json', content: JSON.stringify(sampleEvaluation('乙导入')) }]));
    assert.equal(jobB.status, 202);
    const full = { version: evB.version, evaluation: sampleEvaluation('篡改') };
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/evaluations/${evB.id}`],
      ['PUT', `/api/evaluations/${evB.id}`, full],
      ['POST', `/api/evaluations/${evB.id}/carry-forward`, { fiscalYear: 2025 }],
      ['GET', `/api/evaluations/${evB.id}/versions`],
      ['GET', `/api/evaluations/${evB.id}/versions/1`],
      ['GET', `/api/evaluations/${evB.id}/changes`],
      ['POST', `/api/evaluations/${evB.id}/submit`],
      ['POST', `/api/evaluations/${evB.id}/return`, { comment: 'x' }],
      ['POST', `/api/evaluations/${evB.id}/approve`],
      ['POST', `/api/evaluations/${evB.id}/publish`],
      ['POST', `/api/evaluations/${evB.id}/recheck`],
      ['GET', `/api/evaluations/${evB.id}/comments`],
      ['POST', `/api/evaluations/${evB.id}/comments`, { indicatorId: null, text: '越权意见' }],
      ['GET', `/api/evaluations/${evB.id}/audit`],
      ['GET', `/api/evaluations/${evB.id}/download?format=docx`],
      ['GET', `/api/public/evaluations/${evB.id}`],
      ['POST', `/api/evaluations`, { unitId: u.b, evaluation: sampleEvaluation('放进乙单位') }],
      ['GET', `/api/imports/${jobB.json.jobId}`],
      ['GET', `/api/users`],
      ['POST', `/api/users`, { username: 'evil', role: 'admin', password: 'password123' }],
      ['POST', `/api/units`, { name: '假单位', parentId: u.b }],
      ['PATCH', `/api/users/1`, { disabled: true }],
      ['PATCH', `/api/users/1`, { role: 'filler', unitId: u.a }],
    ];
    for (const c of [a, revA]) {
      for (const [m, url, body] of routes) {
        const r = await c.call(m, url, body);
        assert.ok(r.status === 404 || r.status === 403, `${m} ${url} → ${r.status}`);
      }
      const up = await c.call('POST', '/api/imports', undefined, multipart([{ name: 'x.json', content: '{}' }], { unitId: String(u.b) }));
      assert.equal(up.status, 404);
      // lists and aggregates leave B out, even when asked for B
      const list = await c.call('GET', `/api/evaluations?unitId=${u.b}`);
      assert.equal(list.json.total, 0);
      const all = await c.call('GET', `/api/evaluations?pageSize=500`);
      assert.ok(all.json.items.every((i: any) => i.unitId === u.a), 'only unit A');
      assert.ok(all.json.items.some((i: any) => i.id === evA.id));
      const units = await c.call('GET', '/api/units');
      assert.ok(units.json.items.length && !units.json.items.some((x: any) => x.id === u.b));
      const dash = await c.call('GET', '/api/dashboard');
      assert.ok(!dash.json.inflated.items.some((p: any) => p.id === evB.id));
      assert.ok(!dash.json.coverage.items.some((p: any) => p.unitId === u.b));
      for (const q of [`unitId=${u.b}`, `parentUnitId=${u.depB}`]) assert.equal((await c.call('GET', `/api/dashboard?${q}`)).json.count, 0, q);
    }
    // nothing of B changed
    const after = await b.call('GET', `/api/evaluations/${evB.id}`);
    assert.equal(after.json.version, 1);
    assert.equal(after.json.evaluation.title, '乙单位项目');
    assert.equal((await b.call('GET', `/api/evaluations/${evB.id}/comments`)).json.length, 0);
    // the finance bureau sees both
    const fin = await login('fin');
    assert.equal((await fin.call('GET', `/api/evaluations/${evB.id}`)).status, 200);
    assert.equal((await fin.call('GET', `/api/evaluations/${evA.id}`)).status, 200);
  });

  test('SQL-looking input is stored and shown as text; oversized input is refused', async () => {
    const a = await login('fillA');
    const evil = `'); DROP TABLE evaluations; -- 项目 " OR 1=1`;
    const ev = sampleEvaluation(evil);
    ev.indicators[2].actual = `1; DELETE FROM users WHERE '1'='1`;
    const { id } = await create(a, u.a, ev);
    const r = await a.call('GET', `/api/evaluations/${id}`);
    assert.equal(r.json.evaluation.title, evil);
    assert.equal(r.json.evaluation.indicators[2].actual, `1; DELETE FROM users WHERE '1'='1`);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users`);
    assert.equal(n, 7);
    const search = await a.call('GET', `/api/evaluations?q=${encodeURIComponent("%' OR '1'='1")}`);
    assert.equal(search.json.total, 0);
    const found = await a.call('GET', `/api/evaluations?q=${encodeURIComponent('DROP TABLE')}`);
    assert.deepEqual(found.json.items.map((i: any) => i.id), [id]);
    const long = await a.call('POST', '/api/evaluations', { unitId: u.a, evaluation: sampleEvaluation('长'.repeat(600)) });
    assert.equal(long.status, 400);
    assert.match(long.json.error, /项目名称/);
    const notNumber = sampleEvaluation('分值不是数字');
    notNumber.indicators[0].weight = '50; DROP TABLE x';
    assert.equal((await a.call('POST', '/api/evaluations', { unitId: u.a, evaluation: notNumber })).status, 400);
    const twice = sampleEvaluation('指标编号重复');
    twice.indicators[1].id = twice.indicators[0].id;
    assert.equal((await a.call('POST', '/api/evaluations', { unitId: u.a, evaluation: twice })).status, 400);
    const huge = await a.call('POST', '/api/evaluations', undefined, {
      payload: Buffer.from(JSON.stringify({ unitId: u.a, evaluation: sampleEvaluation('x'.repeat(6 * 1024 * 1024)) })),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(huge.status, 413);
    assert.equal((await a.call('GET', `/api/evaluations/abc`)).status, 400);
    assert.equal((await a.call('GET', `/api/evaluations?fiscalYear=2024;DROP`)).status, 400);
  });

  test('two server processes on one database: sessions work on either; import jobs are claimed once', async () => {
    const db2 = t.dbUrl ? await openDb({ databaseUrl: t.dbUrl }) : t.db; // PGlite has a single owner; PostgreSQL a second pool
    const opts2: AppOptions = { db: db2, webDist: null };
    const app2 = await buildApp(opts2);
    const queue2 = new ImportQueue(db2, { pollMs: 60_000 });
    try {
      const a = await login('fillA');
      const me = await app2.inject({ url: '/api/auth/me', headers: { cookie: a.cookie } });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().user.username, 'fillA');
      const jobs: number[] = [];
      for (let j = 0; j < 4; j++) {
        const files = Array.from({ length: 3 }, (_, f) => ({ name: `m${j}-${f}.json`, content: JSON.stringify(sampleEvaluation(`多进程${j}-${f}`)) }));
        const up = await a.call('POST', '/api/imports', undefined, multipart(files));
        jobs.push(up.json.jobId);
        queue2.kick();
      }
      t.queue.kick();
      await Promise.all([t.queue.idle(), queue2.idle()]);
      t.queue.kick();
      queue2.kick();
      await Promise.all([t.queue.idle(), queue2.idle()]);
      for (const jobId of jobs) {
        const job = (await a.call('GET', `/api/imports/${jobId}`)).json;
        assert.equal(job.status, 'done');
        assert.deepEqual(job.files.map((f: any) => f.evaluations.length), [1, 1, 1]);
      }
      const [{ n, d }] = await t.db.query(
        `SELECT count(*)::int AS n, count(DISTINCT title)::int AS d FROM evaluations WHERE title LIKE '多进程%'`,
      );
      assert.deepEqual({ n, d }, { n: 12, d: 12 });
      // logging out on one process is seen by the other
      const out = await app2.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: a.cookie, 'x-csrf-token': a.csrf } });
      assert.equal(out.statusCode, 200);
      assert.equal((await a.call('GET', '/api/auth/me')).status, 401);
    } finally {
      await queue2.stop();
      await app2.close();
      if (db2 !== t.db) await db2.close();
    }
  });
});
