// The integration suite: the same tests against PGlite (in memory) and against a real
// PostgreSQL this file starts itself (initdb in a temp dir). Issue 5 "Must show".
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeToJson, type Evaluation } from '@jixiao/core';
import { openDb, type Db } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { buildApp, type AppOptions } from './app.ts';
import { addUnit, addUser } from './units.ts';
import { ImportQueue } from './imports.ts';
import { createDatabase, multipart, sampleEvaluation, startPostgres, type TestPostgres } from './testing.ts';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backup, restore } from './backup.ts';
import { TABLE_ORDER } from './db/schema.ts';

const PW = 'correct-horse-1';

let pgServer: TestPostgres | null = null;
let pgStarting: Promise<TestPostgres> | null = null;
const pgUrl = async (name: string) => {
  pgStarting ??= startPostgres().then((s) => (pgServer = s));
  return createDatabase((await pgStarting).url, name);
};
after(() => pgServer?.stop());
process.on('exit', () => pgServer?.stop()); // also when the run is cut short

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`API on ${backend}`, () => {
    let db: Db;
    let app: FastifyInstance;
    let queue: ImportQueue;
    const u: Record<string, number> = {};
    let ipCounter = 1;
    let dbUrl: string | null = null;

    before(async () => {
      if (backend === 'postgres') dbUrl = await pgUrl(`jx_api_${Date.now()}`);
      db = await openDb(dbUrl ? { databaseUrl: dbUrl } : { dataDir: 'memory://' });
      await migrate(db);
      const sys = { id: null, username: 'test' };
      await db.tx(async (q) => {
        const fin = await addUnit(q, sys, '测试市财政局', null);
        const depA = await addUnit(q, sys, '甲主管部门', fin.id);
        const depB = await addUnit(q, sys, '乙主管部门', fin.id);
        const a = await addUnit(q, sys, '甲单位', depA.id);
        const b = await addUnit(q, sys, '乙单位', depB.id);
        Object.assign(u, { fin: fin.id, depA: depA.id, depB: depB.id, a: a.id, b: b.id });
        for (const [username, role, unitId] of [
          ['admin', 'admin', null],
          ['fin', 'finance', fin.id],
          ['revA', 'reviewer', depA.id],
          ['revB', 'reviewer', depB.id],
          ['fillA', 'filler', a.id],
          ['fillA2', 'filler', a.id],
          ['fillB', 'filler', b.id],
        ] as const) {
          await addUser(q, sys, { username, role, unitId, password: PW });
        }
      });
      const opts: AppOptions = { db, webDist: null };
      app = await buildApp(opts);
      queue = new ImportQueue(db, { pollMs: 60_000 });
      opts.queue = queue;
      await queue.start();
    });

    after(async () => {
      await queue?.stop();
      await app?.close();
      await db?.close();
    });

    interface Client {
      cookie: string;
      csrf: string;
      call(method: string, url: string, body?: unknown, o?: { csrf?: boolean; headers?: Record<string, string>; payload?: Buffer }): Promise<{ status: number; json: any; headers: any }>;
    }

    async function login(username: string, password = PW): Promise<Client> {
      const ip = `10.0.0.${ipCounter++}`;
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
      assert.equal(r.statusCode, 200, r.body);
      const cookie = String(r.headers['set-cookie']).split(';')[0];
      const csrf = r.json().csrfToken;
      return client(cookie, csrf);
    }

    function client(cookie: string, csrf: string): Client {
      return {
        cookie,
        csrf,
        async call(method, url, body, o = {}) {
          const headers: Record<string, string> = { cookie, ...(o.headers ?? {}) };
          if (o.csrf !== false && method !== 'GET') headers['x-csrf-token'] = csrf;
          const r = await app.inject({ method: method as any, url, headers, payload: o.payload ?? (body as any) });
          let json: any = null;
          try {
            json = r.json();
          } catch {
            /* not JSON */
          }
          return { status: r.statusCode, json, headers: r.headers };
        },
      };
    }

    async function create(c: Client, unitId: number, ev: Evaluation = sampleEvaluation()) {
      const r = await c.call('POST', '/api/evaluations', { unitId, evaluation: ev });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      return r.json as { id: number; version: number };
    }

    test('health and readiness', async () => {
      assert.equal((await app.inject('/api/health')).statusCode, 200);
      const r = await app.inject('/api/ready');
      assert.equal(r.statusCode, 200);
      assert.equal(r.json().database, backend);
    });

    test('OpenAPI description at /api/openapi.json and the UI at /api/docs', async () => {
      const spec = (await app.inject('/api/openapi.json')).json();
      for (const path of ['/api/evaluations', '/api/evaluations/{id}', '/api/evaluations/{id}/submit', '/api/imports', '/api/auth/login']) {
        assert.ok(spec.paths[path], path);
      }
      const ui = await app.inject('/api/docs/');
      assert.equal(ui.statusCode, 200);
      assert.match(ui.body, /swagger/i);
    });

    test('security headers: CSP allows the app itself only', async () => {
      const r = await app.inject('/api/health');
      assert.match(String(r.headers['content-security-policy']), /default-src 'self'/);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
    });

    test('login sets an httpOnly SameSite=Strict cookie; me returns the user and the CSRF token', async () => {
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'fillA', password: PW }, remoteAddress: '10.1.0.1' });
      const sc = String(r.headers['set-cookie']);
      assert.match(sc, /jx_session=/);
      assert.match(sc, /HttpOnly/);
      assert.match(sc, /SameSite=Strict/);
      const c = client(sc.split(';')[0], r.json().csrfToken);
      const me = await c.call('GET', '/api/auth/me');
      assert.equal(me.json.user.username, 'fillA');
      assert.equal(me.json.user.unitName, '甲单位');
      assert.equal(me.json.csrfToken, c.csrf);
    });

    test('without a login every non-public route answers 401', async () => {
      for (const url of ['/api/auth/me', '/api/units', '/api/evaluations', '/api/evaluations/1', '/api/dashboard', '/api/imports/1']) {
        assert.equal((await app.inject(url)).statusCode, 401, url);
      }
    });

    test('state-changing requests without the CSRF token are refused with 403', async () => {
      const c = await login('fillA');
      const r = await c.call('POST', '/api/evaluations', { unitId: u.a, evaluation: sampleEvaluation() }, { csrf: false });
      assert.equal(r.status, 403);
      assert.equal(r.json.code, 'csrf');
      const wrong = await c.call('POST', '/api/evaluations', { unitId: u.a, evaluation: sampleEvaluation() }, { csrf: false, headers: { 'x-csrf-token': 'x'.repeat(32) } });
      assert.equal(wrong.status, 403);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM evaluations`);
      const ok = await c.call('POST', '/api/evaluations', { unitId: u.a, evaluation: sampleEvaluation('有令牌') });
      assert.equal(ok.status, 200);
      const [{ n: n2 }] = await db.query(`SELECT count(*)::int AS n FROM evaluations`);
      assert.equal(n2, n + 1);
    });

    test('the session cookie of a logged-out user is refused', async () => {
      const c = await login('fillA');
      assert.equal((await c.call('POST', '/api/auth/logout')).status, 200);
      assert.equal((await c.call('GET', '/api/auth/me')).status, 401);
      assert.equal((await c.call('GET', '/api/evaluations')).status, 401);
    });

    test('changing the password revokes the other sessions', async () => {
      const s1 = await login('fillA2');
      const s2 = await login('fillA2');
      const r = await s1.call('POST', '/api/auth/password', { oldPassword: PW, newPassword: 'new-password-2' });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      assert.equal((await s2.call('GET', '/api/auth/me')).status, 401);
      assert.equal((await s1.call('GET', '/api/auth/me')).status, 200);
      await login('fillA2', 'new-password-2');
    });

    test('20 wrong passwords in a row: the first 5 are answered 401, then 429, and even the right password waits', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 20; i++) {
        const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'revB', password: 'wrong' + i }, remoteAddress: `10.2.0.${i}` });
        codes.push(r.statusCode);
        if (r.statusCode === 429) assert.ok(Number(r.headers['retry-after']) >= 1);
      }
      assert.deepEqual(codes.slice(0, 5), [401, 401, 401, 401, 401]);
      assert.ok(codes.slice(5).every((c) => c === 429), codes.join(','));
      const right = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'revB', password: PW }, remoteAddress: '10.2.1.1' });
      assert.equal(right.statusCode, 429);
    });

    test('per IP: 5 failures from one address on different usernames also slow that address', async () => {
      for (let i = 0; i < 5; i++) {
        const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `nobody${i}`, password: 'x' }, remoteAddress: '10.3.0.1' });
        assert.equal(r.statusCode, 401);
      }
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'fillB', password: PW }, remoteAddress: '10.3.0.1' });
      assert.equal(r.statusCode, 429);
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
        assert.ok(!units.json.some((x: any) => x.id === u.b));
        const dash = await c.call('GET', '/api/dashboard');
        assert.ok(!dash.json.points.some((p: any) => p.id === evB.id));
        assert.ok(!dash.json.coverage.some((p: any) => p.unitId === u.b));
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
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM users`);
      assert.equal(n, 7);
      const search = await a.call('GET', `/api/evaluations?q=${encodeURIComponent("%' OR '1'='1")}`);
      assert.equal(search.json.total, 0);
      const found = await a.call('GET', `/api/evaluations?q=${encodeURIComponent('DROP TABLE')}`);
      assert.deepEqual(found.json.items.map((i: any) => i.id), [id]);
      const long = await a.call('POST', '/api/evaluations', { unitId: u.a, evaluation: sampleEvaluation('长'.repeat(600)) });
      assert.equal(long.status, 400);
      assert.match(long.json.error, /标题/);
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

    test('two saves of the same version: one 200, one 409 with the current one, the first intact', async () => {
      const a = await login('fillA');
      const a2 = await login('fillA');
      const { id, version } = await create(a, u.a);
      const e1 = sampleEvaluation('第一人的修改');
      const e2 = sampleEvaluation('第二人的修改');
      const [r1, r2] = await Promise.all([
        a.call('PUT', `/api/evaluations/${id}`, { version, evaluation: e1 }),
        a2.call('PUT', `/api/evaluations/${id}`, { version, evaluation: e2 }),
      ]);
      const codes = [r1.status, r2.status].sort();
      assert.deepEqual(codes, [200, 409]);
      const [won, lost] = r1.status === 200 ? [r1, r2] : [r2, r1];
      assert.equal(lost.json.code, 'conflict');
      assert.equal(lost.json.current.version, version + 1);
      assert.equal(lost.json.current.evaluation.title, won.json.evaluation.title);
      const now = await a.call('GET', `/api/evaluations/${id}`);
      assert.equal(now.json.version, version + 1);
      assert.equal(now.json.evaluation.title, won.json.evaluation.title);
      const versions = await a.call('GET', `/api/evaluations/${id}/versions`);
      assert.deepEqual(versions.json.map((v: any) => v.version), [2, 1]);
      // a save based on the stale version is refused again
      assert.equal((await a.call('PUT', `/api/evaluations/${id}`, { version, evaluation: e2 })).status, 409);
    });

    test('the audit log shows every change with old and new values; indicator rows follow the save', async () => {
      const a = await login('fillA');
      const { id, version } = await create(a, u.a, sampleEvaluation('审计测试'));
      const ev = sampleEvaluation('审计测试（改）');
      ev.indicators[2].actual = '130人次';
      ev.indicators[2].statedScore = '49';
      ev.budget!.executed = '95.5';
      const r = await a.call('PUT', `/api/evaluations/${id}`, { version, evaluation: ev });
      assert.equal(r.status, 200);
      const log = (await a.call('GET', `/api/evaluations/${id}/audit`)).json as any[];
      const entry = (field: string) => log.find((l) => l.field === field && l.action === 'save');
      assert.deepEqual({ from: entry('title')?.from, to: entry('title')?.to, user: entry('title')?.user }, { from: '审计测试', to: '审计测试（改）', user: 'fillA' });
      assert.deepEqual([entry('indicators[1.1.1].actual')?.from, entry('indicators[1.1.1].actual')?.to], ['120人次', '130人次']);
      assert.deepEqual([entry('indicators[1.1.1].statedScore')?.from, entry('indicators[1.1.1].statedScore')?.to], ['50', '49']);
      assert.deepEqual([entry('budget.executed')?.from, entry('budget.executed')?.to], ['100', '95.5']);
      assert.equal(log.filter((l) => l.action === 'save').length, 4);
      const rows = await db.query(`SELECT actual, stated_score FROM indicators WHERE evaluation_id = $1 AND indicator_id = '1.1.1'`, [id]);
      assert.deepEqual(rows, [{ actual: '130人次', stated_score: '49' }]);
      // append-only
      await assert.rejects(db.query(`DELETE FROM audit_log WHERE evaluation_id = $1`, [id]));
    });

    test('a removed indicator leaves the indicator rows and is in the audit log as removed', async () => {
      const a = await login('fillA');
      const { id, version } = await create(a, u.a, sampleEvaluation('删除指标'));
      const ev = sampleEvaluation('删除指标');
      ev.indicators = ev.indicators.filter((i) => i.id !== '2.1.1');
      assert.equal((await a.call('PUT', `/api/evaluations/${id}`, { version, evaluation: ev })).status, 200);
      const rows = await db.query(`SELECT indicator_id FROM indicators WHERE evaluation_id = $1 ORDER BY indicator_id`, [id]);
      assert.deepEqual(rows.map((r) => r.indicator_id), ['1', '1.1', '1.1.1', '2', '2.1', '3', '3.1', '3.1.1']);
      const log = (await a.call('GET', `/api/evaluations/${id}/audit`)).json as any[];
      assert.ok(log.some((l) => l.field === 'indicators[2.1.1].indicator' && l.from === '技能提升' && l.to === null));
    });

    test('workflow: submit refused with the findings while errors remain (V02 得分 > 分值)', async () => {
      const a = await login('fillA');
      const bad = sampleEvaluation('得分超过分值');
      bad.indicators[8].statedScore = '12'; // 学员满意度: 分值 10, 得分 12
      const expected = analyzeToJson(bad).findings.filter((f) => f.severity === 'error');
      assert.ok(expected.length > 0, 'core check() must report 得分 > 分值 as an error (V02)');
      const { id } = await create(a, u.a, bad);
      const r = await a.call('POST', `/api/evaluations/${id}/submit`);
      assert.equal(r.status, 422);
      assert.equal(r.json.code, 'has-errors');
      assert.deepEqual(r.json.findings.map((f: any) => f.rule), expected.map((f) => f.rule));
      assert.equal((await a.call('GET', `/api/evaluations/${id}`)).json.status, 'draft');
    });

    test('workflow: draft → submitted → returned (comment) → submitted → approved → published, roles enforced, public read', async () => {
      const a = await login('fillA');
      const rev = await login('revA');
      const fin = await login('fin');
      const { id } = await create(a, u.a, sampleEvaluation('流程测试'));
      assert.equal((await rev.call('POST', `/api/evaluations/${id}/approve`)).status, 409); // still a draft
      assert.equal((await a.call('POST', `/api/evaluations/${id}/submit`)).json.status, 'submitted');
      assert.equal((await a.call('POST', `/api/evaluations/${id}/approve`)).status, 403);
      let cur = (await a.call('GET', `/api/evaluations/${id}`)).json;
      assert.equal((await a.call('PUT', `/api/evaluations/${id}`, { version: cur.version, evaluation: sampleEvaluation('提交后修改') })).status, 409);
      assert.equal((await rev.call('POST', `/api/evaluations/${id}/return`, {})).status, 400);
      assert.equal((await rev.call('POST', `/api/evaluations/${id}/return`, { comment: '请补充偏差原因' })).json.status, 'returned');
      const comments = (await a.call('GET', `/api/evaluations/${id}/comments`)).json;
      assert.equal(comments.at(-1).text, '请补充偏差原因');
      cur = (await a.call('GET', `/api/evaluations/${id}`)).json;
      const changed = sampleEvaluation('流程测试');
      changed.indicators[5].deviation = '已补充';
      assert.equal((await a.call('PUT', `/api/evaluations/${id}`, { version: cur.version, evaluation: changed })).status, 200);
      const diff = (await a.call('GET', `/api/evaluations/${id}/changes`)).json;
      assert.deepEqual(diff.map((d: any) => [d.indicatorId, d.field, d.from, d.to]), [['2.1.1', 'deviation', null, '已补充']]);
      assert.equal((await a.call('POST', `/api/evaluations/${id}/submit`)).status, 200);
      // resubmitted: the reviewer sees the change since the submission they returned
      const seen = (await rev.call('GET', `/api/evaluations/${id}/changes`)).json;
      assert.deepEqual(seen.map((d: any) => [d.indicatorId, d.field, d.to]), [['2.1.1', 'deviation', '已补充']]);
      assert.equal((await rev.call('POST', `/api/evaluations/${id}/approve`)).json.status, 'approved');
      assert.equal((await rev.call('POST', `/api/evaluations/${id}/publish`)).status, 403);
      assert.equal((await app.inject(`/api/public/evaluations/${id}`)).statusCode, 404);
      assert.equal((await fin.call('POST', `/api/evaluations/${id}/publish`)).json.status, 'published');
      const pub = await app.inject(`/api/public/evaluations/${id}`);
      assert.equal(pub.statusCode, 200);
      assert.equal(pub.json().evaluation.title, '流程测试');
      const publist = await app.inject(`/api/public/evaluations?fiscalYear=2024`);
      assert.ok(publist.json().items.some((i: any) => i.id === id));
      assert.ok(publist.json().items.every((i: any) => i.status === 'published'));
      const log = (await a.call('GET', `/api/evaluations/${id}/audit`)).json as any[];
      assert.deepEqual(
        log.filter((l) => l.field === 'status').map((l) => `${l.from}→${l.to}`),
        ['草稿→已提交', '已提交→退回', '退回→已提交', '已提交→审核通过', '审核通过→已公开'],
      );
    });

    test('carry-forward keeps targets and empties actuals', async () => {
      const a = await login('fillA');
      const { id } = await create(a, u.a, sampleEvaluation('结转'));
      const r = await a.call('POST', `/api/evaluations/${id}/carry-forward`, { fiscalYear: 2025 });
      assert.equal(r.status, 200);
      const e = (await a.call('GET', `/api/evaluations/${r.json.id}`)).json.evaluation;
      assert.equal(e.fiscalYear, 2025);
      assert.equal(e.indicators[2].target, '≥100人次');
      assert.equal(e.indicators[2].actual, null);
      assert.equal(e.budget.executed, null);
    });

    test('bulk import: each JSON file becomes evaluations; a bad file fails alone', async () => {
      const a = await login('fillA');
      const files = [
        { name: '甲单位自评.json', content: JSON.stringify(sampleEvaluation('导入一')) },
        { name: 'two.json', content: JSON.stringify([sampleEvaluation('导入二甲'), sampleEvaluation('导入二乙')]) },
        { name: 'bad.json', content: '{ not json' },
      ];
      const up = await a.call('POST', '/api/imports', undefined, multipart(files));
      assert.equal(up.status, 202);
      queue.kick();
      await queue.idle();
      const job = (await a.call('GET', `/api/imports/${up.json.jobId}`)).json;
      assert.equal(job.status, 'done');
      assert.equal(job.done, 3);
      assert.deepEqual(job.files.map((f: any) => [f.name, f.status, f.evaluations.map((e: any) => e.title)]), [
        ['甲单位自评.json', 'ok', ['导入一']],
        ['two.json', 'ok', ['导入二甲', '导入二乙']],
        ['bad.json', 'error', []],
      ]);
      assert.match(job.files[2].error, /JSON/);
      const ev = (await a.call('GET', `/api/evaluations/${job.files[1].evaluations[0].id}`)).json;
      assert.equal(ev.unitId, u.a);
    });

    test('admin adds units and users; the new user sees only their unit', async () => {
      const admin = await login('admin');
      const unit = await admin.call('POST', '/api/units', { name: '丙单位', parentId: u.depA });
      assert.equal(unit.status, 200);
      assert.equal(unit.json.kind, 'unit');
      const usr = await admin.call('POST', '/api/users', { username: 'fillC', role: 'filler', unitId: unit.json.id, password: 'password-c1' });
      assert.equal(usr.status, 200);
      const c = await login('fillC', 'password-c1');
      assert.deepEqual((await c.call('GET', '/api/units')).json.map((x: any) => x.name), ['丙单位']);
      assert.equal((await c.call('GET', '/api/evaluations')).json.total, 0);
      const rev = await login('revA');
      assert.ok((await rev.call('GET', '/api/units')).json.some((x: any) => x.name === '丙单位'));
    });

    test('admin disables a user (their sessions end at once), enables them again, moves them and resets the password; all audited', async () => {
      const admin = await login('admin');
      const unit = await admin.call('POST', '/api/units', { name: '丁单位', parentId: u.depA });
      const made = await admin.call('POST', '/api/users', { username: 'fillD', role: 'filler', unitId: unit.json.id, password: 'password-d1' });
      const d = await login('fillD', 'password-d1');
      assert.equal((await d.call('GET', '/api/auth/me')).status, 200);
      const off = await admin.call('PATCH', `/api/users/${made.json.id}`, { disabled: true });
      assert.equal(off.status, 200);
      assert.equal(off.json.disabled, true);
      // the open session is refused at once, and logging in again too
      assert.equal((await d.call('GET', '/api/auth/me')).status, 401);
      const again = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'fillD', password: 'password-d1' }, remoteAddress: '10.9.0.1' });
      assert.equal(again.statusCode, 401);
      assert.equal((await admin.call('PATCH', `/api/users/${made.json.id}`, { disabled: false })).json.disabled, false);
      // to another unit: the new scope, an old session ended
      const d2 = await login('fillD', 'password-d1');
      const moved = await admin.call('PATCH', `/api/users/${made.json.id}`, { unitId: u.a });
      assert.deepEqual([moved.status, moved.json.unitId, moved.json.unitName], [200, u.a, '甲单位']);
      assert.equal((await d2.call('GET', '/api/auth/me')).status, 401);
      const d3 = await login('fillD', 'password-d1');
      assert.deepEqual((await d3.call('GET', '/api/units')).json.map((x: any) => x.name), ['甲单位']);
      // a filler cannot belong to a finance bureau; an administrator cannot lock themself out
      assert.equal((await admin.call('PATCH', `/api/users/${made.json.id}`, { unitId: u.fin })).status, 400);
      const me = (await admin.call('GET', '/api/auth/me')).json.user;
      assert.match((await admin.call('PATCH', `/api/users/${me.id}`, { disabled: true })).json.error, /不能停用自己的账号/);
      assert.equal((await admin.call('PATCH', `/api/users/99999`, { disabled: true })).status, 404);
      // a new password ends the sessions too
      assert.equal((await admin.call('PATCH', `/api/users/${made.json.id}`, { password: 'password-d2' })).status, 200);
      assert.equal((await d3.call('GET', '/api/auth/me')).status, 401);
      await login('fillD', 'password-d2');
      const log = await db.query(`SELECT action, field, old_value, new_value FROM audit_log WHERE field LIKE 'fillD.%' ORDER BY id`);
      assert.deepEqual(
        log.map((l) => [l.action, l.field, l.old_value, l.new_value]),
        [
          ['user-disable', 'fillD.disabled', 'false', 'true'],
          ['user-enable', 'fillD.disabled', 'true', 'false'],
          ['user-edit', 'fillD.unit', String(unit.json.id), String(u.a)],
        ],
      );
    });

    test('downloads answer 501 with a Chinese message until rendering exists, or the file', async () => {
      const a = await login('fillA');
      const { id } = await create(a, u.a);
      const r = await a.call('GET', `/api/evaluations/${id}/download?format=docx`);
      assert.ok(r.status === 200 || (r.status === 501 && /文书/.test(r.json.error)), String(r.status));
      assert.equal((await a.call('GET', `/api/evaluations/${id}/download?format=exe`)).status, 400);
    });

    test('PDF downloads: printed by one shared Chromium, several at once, each the evaluation asked for', async () => {
      const a = await login('fillA');
      const ids = [];
      for (const t of ['甲PDF一', '甲PDF二', '甲PDF三']) ids.push((await create(a, u.a, sampleEvaluation(t))).id);
      const res = await Promise.all(ids.map((i) => app.inject({ method: 'GET', url: `/api/evaluations/${i}/download?format=pdf`, headers: { cookie: a.cookie } })));
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

    test('backup to one file and restore into an empty database: every row back, exact decimals and bytes', async () => {
      const a = await login('fillA');
      const ev = sampleEvaluation('备份测试');
      ev.budget!.executed = '12345678901234.123456789';
      await create(a, u.a, ev);
      const dir = mkdtempSync(join(tmpdir(), 'jixiao-backup-'));
      const target = await openDb(backend === 'pglite' ? { dataDir: 'memory://' } : { databaseUrl: await pgUrl(`jx_restore_${Date.now()}`) });
      try {
        const file = join(dir, 'backup.jsonl');
        const counts = await backup(db, file);
        assert.ok(counts.evaluations > 0 && counts.audit_log > 0 && counts.source_files > 0);
        await migrate(target);
        await restore(target, file);
        for (const t of TABLE_ORDER) {
          const [{ n }] = await target.query(`SELECT count(*)::int AS n FROM ${t}`);
          assert.equal(n, counts[t], t);
        }
        const digest = `SELECT md5(string_agg(id::text || ':' || encode(sha256(bytes), 'hex'), ',' ORDER BY id)) AS h FROM source_files`;
        assert.deepEqual(await target.query(digest), await db.query(digest));
        const money = `SELECT current->'budget'->>'executed' AS x FROM evaluations WHERE title = '备份测试'`;
        assert.deepEqual(await target.query(money), [{ x: '12345678901234.123456789' }]);
        const audit = `SELECT md5(string_agg(concat_ws('|', id, at, username, action, field, old_value, new_value), ',' ORDER BY id)) AS h FROM audit_log`;
        assert.deepEqual(await target.query(audit), await db.query(audit));
        // sequences follow: the next unit gets a new id
        const [{ id }] = await target.query(`INSERT INTO units (name, kind) VALUES ('恢复后新增', 'finance') RETURNING id`);
        const [{ m }] = await db.query(`SELECT max(id)::int AS m FROM units`);
        assert.equal(id, m + 1);
        // restoring over data needs --force
        await assert.rejects(restore(target, file), /已有数据/);
      } finally {
        await target.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('two server processes on one database: sessions work on either; import jobs are claimed once', async () => {
      const db2 = dbUrl ? await openDb({ databaseUrl: dbUrl }) : db; // PGlite has a single owner; PostgreSQL a second pool
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
        queue.kick();
        await Promise.all([queue.idle(), queue2.idle()]);
        queue.kick();
        queue2.kick();
        await Promise.all([queue.idle(), queue2.idle()]);
        for (const jobId of jobs) {
          const job = (await a.call('GET', `/api/imports/${jobId}`)).json;
          assert.equal(job.status, 'done');
          assert.deepEqual(job.files.map((f: any) => f.evaluations.length), [1, 1, 1]);
        }
        const [{ n, d }] = await db.query(
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
        if (db2 !== db) await db2.close();
      }
    });
  });
}
