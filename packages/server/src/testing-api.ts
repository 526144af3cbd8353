// Test support for the HTTP suites of each domain: the same tests against PGlite (in memory) and
// against a real PostgreSQL the test file starts itself (initdb in a temp dir), each on a fresh
// database with a finance bureau, two departments, two units and one user per role.
import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Evaluation } from '@jixiao/core';
import { openDb, type Db } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { buildApp, type AppOptions } from './app.ts';
import { addUnit, addUser } from './units/store.ts';
import { ImportQueue } from './imports/queue.ts';
import { createDatabase, sampleEvaluation, startPostgres, type TestPostgres } from './testing.ts';

export const PW = 'correct-horse-1';

let pgServer: TestPostgres | null = null;
let pgStarting: Promise<TestPostgres> | null = null;
/** A fresh database on this file's PostgreSQL server (started at the first call). */
export const pgUrl = async (name: string) => {
  pgStarting ??= startPostgres().then((s) => (pgServer = s));
  return createDatabase((await pgStarting).url, name);
};
after(() => pgServer?.stop());
process.on('exit', () => pgServer?.stop()); // also when the run is cut short

export interface Client {
  cookie: string;
  csrf: string;
  call(method: string, url: string, body?: unknown, o?: { csrf?: boolean; headers?: Record<string, string>; payload?: Buffer }): Promise<{ status: number; json: any; headers: any }>;
}

export interface ApiSuite {
  backend: 'pglite' | 'postgres';
  /** set before the first test */
  db: Db;
  app: FastifyInstance;
  queue: ImportQueue;
  /** the PostgreSQL database of the suite (null on PGlite) */
  dbUrl: string | null;
  /** unit ids: fin (finance bureau), depA, depB (departments), a, b (units) */
  u: Record<'fin' | 'depA' | 'depB' | 'a' | 'b', number>;
  login(username: string, password?: string): Promise<Client>;
  client(cookie: string, csrf: string): Client;
  create(c: Client, unitId: number, ev?: Evaluation): Promise<{ id: number; version: number }>;
}

/** `body` registers the tests of one suite, run once per backend. Users: admin, fin (finance), revA, revB
 *  (reviewers of the departments), fillA, fillA2, fillB (fillers of the units); password PW. */
export function describeApi(title: string, body: (s: ApiSuite) => void) {
  for (const backend of ['pglite', 'postgres'] as const) {
    describe(`${title} on ${backend}`, () => {
      let ipCounter = 1;
      const s: ApiSuite = {
        backend,
        db: null as unknown as Db,
        app: null as unknown as FastifyInstance,
        queue: null as unknown as ImportQueue,
        dbUrl: null,
        u: {} as ApiSuite['u'],
        async login(username, password = PW) {
          const ip = `10.0.0.${ipCounter++}`;
          const r = await s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
          assert.equal(r.statusCode, 200, r.body);
          const cookie = String(r.headers['set-cookie']).split(';')[0];
          return s.client(cookie, r.json().csrfToken);
        },
        client(cookie, csrf) {
          return {
            cookie,
            csrf,
            async call(method, url, body, o = {}) {
              const headers: Record<string, string> = { cookie, ...(o.headers ?? {}) };
              if (o.csrf !== false && method !== 'GET') headers['x-csrf-token'] = csrf;
              const r = await s.app.inject({ method: method as any, url, headers, payload: o.payload ?? (body as any) });
              let json: any = null;
              try {
                json = r.json();
              } catch {
                /* not JSON */
              }
              return { status: r.statusCode, json, headers: r.headers };
            },
          };
        },
        async create(c, unitId, ev = sampleEvaluation()) {
          const r = await c.call('POST', '/api/evaluations', { unitId, evaluation: ev });
          assert.equal(r.status, 200, JSON.stringify(r.json));
          return r.json as { id: number; version: number };
        },
      };

      before(async () => {
        if (backend === 'postgres') s.dbUrl = await pgUrl(`jx_api_${Date.now()}`);
        s.db = await openDb(s.dbUrl ? { databaseUrl: s.dbUrl } : { dataDir: 'memory://' });
        await migrate(s.db);
        const sys = { id: null, username: 'test' };
        await s.db.tx(async (q) => {
          const fin = await addUnit(q, sys, '测试市财政局', null);
          const depA = await addUnit(q, sys, '甲主管部门', fin.id);
          const depB = await addUnit(q, sys, '乙主管部门', fin.id);
          const a = await addUnit(q, sys, '甲单位', depA.id);
          const b = await addUnit(q, sys, '乙单位', depB.id);
          Object.assign(s.u, { fin: fin.id, depA: depA.id, depB: depB.id, a: a.id, b: b.id });
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
        const opts: AppOptions = { db: s.db, webDist: null };
        s.app = await buildApp(opts);
        s.queue = new ImportQueue(s.db, { pollMs: 60_000 });
        opts.queue = s.queue;
        await s.queue.start();
      });

      after(async () => {
        await s.queue?.stop();
        await s.app?.close();
        await s.db?.close();
      });

      body(s);
    });
  }
}
