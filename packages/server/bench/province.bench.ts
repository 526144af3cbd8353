// npm run bench -- province: a province's year on PostgreSQL (a throw-away cluster started here,
// initdb in a temp dir, a free port): 100,000 evaluations (2.5 M indicator rows, about 200,000
// findings) in 5,001 units (a finance bureau, 100 departments, 4,900 units), generated in the
// database with generate_series, not through the API. Then 20 clients (autocannon, each sending its
// next request when the last one answers) ask for the finance bureau's filtered list (first pages
// and deep pages by keyset), the dashboard (whole province, one department) and the units tree and
// pickers; one line per request type with req/s, p50, p99, answer size and CPU per request.
// Env: BENCH_EVALUATIONS=100000  BENCH_SECONDS=15  BENCH_CONNECTIONS=20  BENCH_WORKERS=2  BENCH_POOL_SIZE=6
import autocannon from 'autocannon';
import { analyzeToJson } from '@jixiao/core';
import { openDb } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { hashPassword } from '../src/auth/store.ts';
import { createDatabase, freePort, startPostgres } from '../src/testing.ts';
import { cpuNow, generate, login, startChild, watched } from './api.bench.ts';

const N = Number(process.env.BENCH_EVALUATIONS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const POOL = Number(process.env.BENCH_POOL_SIZE ?? 6);
const DEPARTMENTS = 100;
const UNITS = 4_900;
const RULES = ['V01', 'V02', 'V05', 'V09', 'S03', 'R01', 'B02', 'C04'];

async function fill(url: string) {
  const t0 = Date.now();
  const db = await openDb({ databaseUrl: url, poolSize: 2 });
  await migrate(db);
  const hash = await hashPassword('bench-password');
  // one realistic evaluation document (about 7 KB of JSON) stored in every row, so the tables have
  // the size they would have
  const doc = JSON.stringify(analyzeToJson(generate(0)));
  await db.exec('ALTER TABLE evaluations DISABLE TRIGGER evaluations_stats');
  await db.query(`INSERT INTO units (id, name, kind, path) VALUES (1, '省财政厅', 'finance', '/1/')`);
  await db.query(
    `INSERT INTO units (id, name, parent_id, kind, path) SELECT 1 + d, '主管部门' || d, 1, 'department', '/1/' || (1 + d) || '/' FROM generate_series(1, $1) d`,
    [DEPARTMENTS],
  );
  await db.query(
    `INSERT INTO units (id, name, parent_id, kind, path)
     SELECT 1 + $1 + k, '预算单位' || k, 2 + (k - 1) % $1, 'unit', '/1/' || (2 + (k - 1) % $1) || '/' || (1 + $1 + k) || '/' FROM generate_series(1, $2) k`,
    [DEPARTMENTS, UNITS],
  );
  await db.query(`SELECT setval(pg_get_serial_sequence('units', 'id'), (SELECT max(id) FROM units))`);
  await db.query(
    `INSERT INTO users (id, username, name, role, unit_id, password_hash) VALUES (1, 'admin', '管理员', 'admin', NULL, $1), (2, 'fin', '财政', 'finance', 1, $1),
       (3, 'rev', '审核', 'reviewer', 2, $1)`,
    [hash],
  );
  await db.query(`SELECT setval(pg_get_serial_sequence('users', 'id'), 3)`);
  // reproducible pseudo-random figures from the id (no random(): the same database every run)
  await db.query(
    `INSERT INTO evaluations (id, unit_id, subject, title, fiscal_year, status, version, total, grade, grade_label, execution_rate, errors, warnings, infos,
       current, ruleset, created_by, updated_by, updated_at)
     SELECT i, ${DEPARTMENTS + 2} + (i::bigint * 7919) % ${UNITS}, CASE WHEN i % 20 = 0 THEN 'department' ELSE 'project' END,
       '项目' || i || (ARRAY['培训', '设备购置', '信息化建设', '公共服务', '基础设施维护'])[1 + i % 5], 2024,
       (ARRAY['draft', 'submitted', 'submitted', 'approved', 'published', 'returned'])[1 + (i * 31) % 6], 1,
       t, CASE WHEN t >= 90 THEN 'excellent' WHEN t >= 80 THEN 'good' WHEN t >= 60 THEN 'fair' ELSE 'poor' END,
       CASE WHEN t >= 90 THEN '优' WHEN t >= 80 THEN '良' WHEN t >= 60 THEN '中' ELSE '差' END, r, (i % 3), (i % 2), 0,
       $1::jsonb, 'national', 1, 1, timestamptz '2025-03-31 18:00+08' - ((i::bigint * 104729) % 7776000) * interval '1 second'
     FROM (SELECT i, round((55 + (i::bigint * 48271) % 4600 / 100.0)::numeric, 2) AS t, round((40 + (i::bigint * 16807) % 7000 / 100.0)::numeric, 2) AS r
           FROM generate_series(1, $2) i) x`,
    [doc, N],
  );
  await db.query(`SELECT setval(pg_get_serial_sequence('evaluations', 'id'), $1)`, [N]);
  await db.query(`INSERT INTO evaluation_versions (evaluation_id, version, status, evaluation, created_by) SELECT id, 1, status, current, 1 FROM evaluations`);
  await db.query(
    `INSERT INTO indicators (evaluation_id, indicator_id, parent_id, level, path, name, target, actual, weight, stated_score, score, method)
     SELECT e, '1.' || k, '1', 2, '产出指标 / 指标' || k, '指标' || k, '≥' || (50 + (e + k) % 900) || '个', (45 + (e * k) % 900) || '个', 4, 4, 4, 'ratio'
     FROM generate_series(1, $1) e, generate_series(1, 25) k`,
    [N],
  );
  await db.query(
    `INSERT INTO findings (evaluation_id, rule, code, severity, message, indicator_id, field)
     SELECT e, r, r, CASE WHEN j = 0 THEN 'warning' ELSE 'info' END, '示例问题 ' || r, '1.' || (1 + j), 'actual'
     FROM generate_series(1, $1) e, generate_series(0, 3) j, LATERAL (SELECT ($2::text[])[1 + (e * 13 + j * 5) % ${RULES.length}] AS r) x
     WHERE j < (e * 17) % 4`,
    [N, RULES],
  );
  // rule_counts and the aggregates recounted once, as after a restore
  await db.query('SELECT jixiao_rebuild_stats()');
  await db.exec('ALTER TABLE evaluations ENABLE TRIGGER evaluations_stats');
  await db.exec('VACUUM ANALYZE');
  const [c] = await db.query(
    `SELECT (SELECT count(*) FROM evaluations)::int AS e, (SELECT count(*) FROM indicators)::int AS i, (SELECT count(*) FROM findings)::int AS f,
       (SELECT count(*) FROM units)::int AS u, pg_size_pretty(pg_database_size(current_database())) AS size`,
  );
  console.log(`database: ${c.e} evaluations, ${c.i} indicator rows, ${c.f} findings, ${c.u} units, ${c.size}; generated in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  await db.close();
}

interface Case {
  name: string;
  paths: () => string;
}

async function measure(base: string, name: string, cookie: string, next: () => string) {
  const cpu0 = cpuNow();
  let bytes = 0;
  const r = await new Promise<autocannon.Result>((resolve, reject) =>
    autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        duration: SECONDS,
        headers: { cookie },
        requests: [{ setupRequest: (req: any) => ({ ...req, path: next() }), onResponse: (_s: number, body: string) => void (bytes += Buffer.byteLength(body)) }],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    ),
  );
  const c = cpuNow();
  const n = r.requests.total;
  console.log(
    `${name}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${n - r.non2xx} ok, ${r.non2xx} non-2xx, ` +
      `answer ${(bytes / Math.max(1, n) / 1024).toFixed(1)} KB (${CONNECTIONS} clients, ${SECONDS} s); ` +
      `CPU per request: server ${((c.server - cpu0.server) / n).toFixed(2)} ms, database ${((c.database - cpu0.database) / n).toFixed(2)} ms`,
  );
}

async function main() {
  const pg = await startPostgres();
  let child: Awaited<ReturnType<typeof startChild>> | null = null;
  try {
    const url = await createDatabase(pg.url, 'jixiao_province');
    await fill(url);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = await startChild(WORKERS > 1 ? ['--workers', String(WORKERS)] : [], { DATABASE_URL: url, DATABASE_POOL_SIZE: String(POOL) }, port);
    watched.server = child.pid ?? null;
    watched.database = pg.pid;
    const fin = await login(base, 'fin');
    // the cursors of the first 200 pages of the finance bureau's list of submitted evaluations
    const list = '/api/evaluations?fiscalYear=2024&status=submitted&pageSize=50';
    const cursors: string[] = [];
    let after: string | null = null;
    for (let p = 0; p < 200; p++) {
      const r: any = await (await fetch(`${base}${list}${after ? `&after=${encodeURIComponent(after)}` : ''}`, { headers: { cookie: fin.cookie } })).json();
      if (p === 0) console.log(`list: ${r.total} submitted evaluations in 2024 (total ${r.totalExact ? 'exact' : 'a lower bound'})`);
      if (!r.next) break;
      cursors.push(r.next);
      after = r.next;
    }
    // the cursor of the coverage table's 20th page
    let coverageAfter = '';
    for (let p = 1; p < 20; p++) {
      const r: any = await (await fetch(`${base}/api/dashboard?fiscalYear=2024${coverageAfter ? `&coverageAfter=${encodeURIComponent(coverageAfter)}` : ''}`, { headers: { cookie: fin.cookie } })).json();
      coverageAfter = r.coverage.next;
    }
    let k = 0;
    const dept = () => 2 + (k++ * 37) % DEPARTMENTS;
    const cases: Case[] = [
      { name: 'list, first page (fiscalYear=2024, status=submitted, 50 per page)', paths: () => list },
      { name: 'list, pages 2–200 by keyset', paths: () => `${list}&after=${encodeURIComponent(cursors[k++ % cursors.length])}` },
      { name: 'list of one department (parentUnitId, 50 per page)', paths: () => `/api/evaluations?fiscalYear=2024&parentUnitId=${dept()}&pageSize=50` },
      { name: 'dashboard, whole province (fiscalYear=2024)', paths: () => '/api/dashboard?fiscalYear=2024' },
      { name: 'dashboard, one department', paths: () => `/api/dashboard?fiscalYear=2024&parentUnitId=${dept()}` },
      { name: 'dashboard, coverage page 20 (50 units a page)', paths: () => `/api/dashboard?fiscalYear=2024&coverageAfter=${encodeURIComponent(coverageAfter)}` },
      {
        name: 'units tree (the departments, then one department\'s units) and a picker search',
        paths: () => {
          const j = k++ % 3;
          return j === 0 ? '/api/units?parentId=1' : j === 1 ? `/api/units?parentId=${dept()}` : `/api/units?kind=unit&q=${encodeURIComponent('预算单位' + (k % 49))}&limit=50`;
        },
      },
    ];
    const only = process.env.BENCH_CASES?.split(',');
    for (const [i, c] of cases.entries()) if (!only || only.includes(String(i + 1))) await measure(base, c.name, fin.cookie, c.paths);
  } finally {
    child?.kill('SIGTERM');
    if (child) await new Promise((r) => (child!.exitCode !== null ? r(null) : child!.once('exit', r)));
    pg.stop();
  }
}

await main();
