// npm run bench -- api: the HTTP API under 100 concurrent clients (autocannon on loopback)
// against a database of 10,000 evaluations (250,000 indicator rows), generated reproducibly and
// inserted in bulk; on PGlite and on PostgreSQL (a server this script starts with initdb).
// Prints one plain line per measurement: req/s, p50, p99 for list (finance bureau, with
// filters), open and save.
// BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' passes node flags to the server processes.
// Env: BENCH_SCENARIOS=list,open,save  BENCH_RATE=100  BENCH_BACKENDS=pglite,postgres  BENCH_EVALUATIONS=10000  BENCH_SECONDS=10  BENCH_CONNECTIONS=100  BENCH_WORKERS=2
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { analyzeToJson, type Evaluation, type EvaluationJson } from '@jixiao/core';
import { openDb, type Db } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { hashPassword } from '../src/auth/store.ts';
import { ruleCounts } from '../src/evaluations/store.ts';
import { createDatabase, freePort, startPostgres, type TestPostgres } from '../src/testing.ts';

const N = Number(process.env.BENCH_EVALUATIONS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',');
/** server processes on PostgreSQL (node:cluster, one port) */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
/** connections to PostgreSQL per server process: 6 suits this 2-core machine (0 = the server default, 10) */
const POOL = Number(process.env.BENCH_POOL_SIZE ?? 6);
const DEPARTMENTS = 20;
const UNITS_PER_DEPARTMENT = 25; // 500 units, 20 evaluations each
const PASSWORD = 'bench-password';
const STATUSES = ['draft', 'draft', 'submitted', 'approved', 'published'];

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// 25 rows: 产出 50 (数量 4, 质量 3, 时效 2, 成本 1), 效益 30 (社会 3, 可持续 1), 满意度 10 (1)
const TREE: [string, number, [string, number, number][]][] = [
  ['产出指标', 50, [['数量指标', 4, 5], ['质量指标', 3, 5], ['时效指标', 2, 5], ['成本指标', 1, 5]]],
  ['效益指标', 30, [['社会效益指标', 3, 6], ['可持续影响指标', 1, 12]]],
  ['满意度指标', 10, [['服务对象满意度指标', 1, 10]]],
];

export function generate(i: number): Evaluation {
  const rnd = mulberry32(1000 + i);
  const indicators: Evaluation['indicators'] = [];
  let total = 0;
  TREE.forEach(([l1, w1, l2s], a) => {
    const id1 = `${a + 1}`;
    const start1 = indicators.length;
    indicators.push({ id: id1, parentId: null, level: 1, path: [l1], name: l1, target: null, actual: null, weight: String(w1), statedScore: null });
    let s1 = 0;
    l2s.forEach(([l2, leaves, w], b) => {
      const id2 = `${id1}.${b + 1}`;
      const at2 = indicators.length;
      indicators.push({ id: id2, parentId: id1, level: 2, path: [l1, l2], name: l2, target: null, actual: null, weight: String(leaves * w), statedScore: null });
      let s2 = 0;
      for (let c = 0; c < leaves; c++) {
        const name = `${l2.replace('指标', '')}${c + 1}`;
        const target = Math.floor(50 + rnd() * 950);
        const actual = Math.floor(target * (0.7 + rnd() * 0.4));
        const score = actual >= target ? w : Math.round((w * actual) / target * 100) / 100;
        s2 += score;
        indicators.push({
          id: `${id2}.${c + 1}`,
          parentId: id2,
          level: 3,
          path: [l1, l2, name],
          name,
          target: `≥${target}个`,
          actual: `${actual}个`,
          weight: String(w),
          statedScore: String(score),
          deviation: actual < target ? '受客观因素影响，部分任务顺延' : null,
        });
      }
      indicators[at2].statedScore = s2.toFixed(2);
      s1 += s2;
    });
    indicators[start1].statedScore = s1.toFixed(2);
    total += s1;
  });
  const adjusted = Math.floor(100 + rnd() * 900);
  const executed = Math.round(adjusted * (0.6 + rnd() * 0.4) * 100) / 100;
  const budgetScore = Math.min(10, Math.round((executed / adjusted) * 1000) / 100);
  total += budgetScore;
  return {
    subject: 'project',
    title: `项目${String(i + 1).padStart(5, '0')}：${['培训', '设备购置', '信息化建设', '公共服务', '基础设施维护'][i % 5]}`,
    unit: null,
    fiscalYear: 2023 + (i % 2),
    budget: {
      unit: '万元',
      initialBudget: String(adjusted),
      adjustedBudget: String(adjusted),
      executed: executed.toFixed(2),
      weight: '10',
      statedRate: ((executed / adjusted) * 100).toFixed(2),
      statedScore: budgetScore.toFixed(2),
      lines: [{ fundSource: 'total', label: '年度资金总额', initialBudget: String(adjusted), adjustedBudget: String(adjusted), executed: executed.toFixed(2) }],
    },
    indicators,
    statedTotal: total.toFixed(2),
    statedGrade: null,
    sections: [],
    facts: [],
    problems: [],
  };
}

export async function fill(db: Db) {
  const t0 = Date.now();
  await migrate(db);
  const hash = await hashPassword(PASSWORD);
  await db.tx(async (q) => {
    await q.query(`INSERT INTO units (id, name, kind, path) VALUES (1, '基准市财政局', 'finance', '/1/')`);
    for (let d = 0; d < DEPARTMENTS; d++) {
      const did = 2 + d;
      await q.query(`INSERT INTO units (id, name, parent_id, kind, path) VALUES ($1, $2, 1, 'department', $3)`, [did, `主管部门${d + 1}`, `/1/${did}/`]);
    }
    const units = [];
    for (let k = 0; k < DEPARTMENTS * UNITS_PER_DEPARTMENT; k++) {
      const id = 2 + DEPARTMENTS + k;
      const did = 2 + Math.floor(k / UNITS_PER_DEPARTMENT);
      units.push({ id, name: `单位${k + 1}`, parent_id: did, kind: 'unit', path: `/1/${did}/${id}/` });
    }
    await q.query(
      `INSERT INTO units (id, name, parent_id, kind, path) SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id int, name text, parent_id int, kind text, path text)`,
      [JSON.stringify(units)],
    );
    await q.query(`SELECT setval(pg_get_serial_sequence('units', 'id'), (SELECT max(id) FROM units))`);
    await q.query(`INSERT INTO users (id, username, name, role, unit_id, password_hash) VALUES (1, 'admin', '管理员', 'admin', NULL, $1), (2, 'fin', '财政', 'finance', 1, $1)`, [hash]);
    await q.query(`SELECT setval(pg_get_serial_sequence('users', 'id'), 2)`);
  });
  const unitCount = DEPARTMENTS * UNITS_PER_DEPARTMENT;
  const BATCH = 250;
  for (let start = 0; start < N; start += BATCH) {
    const evs: any[] = [];
    const inds: any[] = [];
    const finds: any[] = [];
    for (let i = start; i < Math.min(N, start + BATCH); i++) {
      const json: EvaluationJson = analyzeToJson(generate(i));
      const c = { error: 0, warning: 0, info: 0 } as Record<string, number>;
      for (const f of json.findings) c[f.severity]++;
      const id = i + 1;
      evs.push({
        id,
        unit_id: 2 + DEPARTMENTS + (i % unitCount),
        subject: json.subject,
        title: json.title,
        fiscal_year: json.fiscalYear,
        status: STATUSES[i % STATUSES.length],
        total: json.total,
        grade: json.grade,
        grade_label: json.gradeLabel,
        execution_rate: json.budget?.rate ?? null,
        errors: c.error,
        warnings: c.warning,
        infos: c.info,
        current: json,
        ruleset: json.ruleset,
        rule_counts: JSON.parse(ruleCounts(json)),
      });
      for (const x of json.indicators) {
        inds.push({ e: id, i: x.id, p: x.parentId, l: x.level, path: x.path.join(' / '), n: x.name, t: x.target, a: x.actual, w: x.weight, ss: x.statedScore, s: x.score, m: x.method });
      }
      for (const f of json.findings) finds.push({ e: id, rule: f.rule, code: f.code, severity: f.severity, message: f.message, ind: f.where?.indicatorId ?? null, field: f.where?.field ?? null });
    }
    await db.tx(async (q) => {
      const payload = JSON.stringify(evs);
      await q.query(
        `INSERT INTO evaluations (id, unit_id, subject, title, fiscal_year, status, version, total, grade, grade_label, execution_rate, errors, warnings, infos, current, ruleset, rule_counts, created_by, updated_by, updated_at)
         SELECT id, unit_id, subject, title, fiscal_year, status, 1, total, grade, grade_label, execution_rate, errors, warnings, infos, current, ruleset, rule_counts, 1, 1,
           now() - (id || ' minutes')::interval
         FROM jsonb_to_recordset($1::jsonb) AS x(id int, unit_id int, subject text, title text, fiscal_year int, status text, total numeric, grade text,
           grade_label text, execution_rate numeric, errors int, warnings int, infos int, current jsonb, ruleset text, rule_counts jsonb)`,
        [payload],
      );
      await q.query(
        `INSERT INTO evaluation_versions (evaluation_id, version, status, evaluation, created_by)
         SELECT id, 1, status, current, 1 FROM jsonb_to_recordset($1::jsonb) AS x(id int, status text, current jsonb)`,
        [payload],
      );
      await q.query(
        `INSERT INTO indicators (evaluation_id, indicator_id, parent_id, level, path, name, target, actual, weight, stated_score, score, method)
         SELECT e, i, p, l, path, n, t, a, w, ss, s, m FROM jsonb_to_recordset($1::jsonb)
           AS x(e int, i text, p text, l int, path text, n text, t text, a text, w numeric, ss numeric, s numeric, m text)`,
        [JSON.stringify(inds)],
      );
      if (finds.length) {
        await q.query(
          `INSERT INTO findings (evaluation_id, rule, code, severity, message, indicator_id, field)
           SELECT e, rule, code, severity, message, ind, field FROM jsonb_to_recordset($1::jsonb)
             AS x(e int, rule text, code text, severity text, message text, ind text, field text)`,
          [JSON.stringify(finds)],
        );
      }
    });
  }
  await db.query(`SELECT setval(pg_get_serial_sequence('evaluations', 'id'), $1)`, [N]);
  await db.exec('ANALYZE');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM indicators`);
  console.log(`database: ${N} evaluations, ${n} indicator rows, generated and inserted in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

export async function startChild(args: string[], env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', join(import.meta.dirname, '../src/bin.ts'), '--no-demo', '--port', String(port), ...args], {
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/ready`)).ok) return child;
    } catch {
      /* not yet */
    }
    if (child.exitCode !== null) throw new Error('server exited');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server not ready');
}

export async function login(base: string, username: string) {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!r.ok) throw new Error(`login ${username}: ${r.status}`);
  return { cookie: r.headers.get('set-cookie')!.split(';')[0], csrf: (await r.json()).csrfToken as string };
}

/**
 * requests per second in all for the paced runs (a comma-separated list runs each rate in turn): at 100,
 * each of the 100 clients sends one request a second
 */
const RATES = (process.env.BENCH_RATE ?? '100').split(',').map(Number);
/** which scenarios to run (list, open, save), default all */
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'list,open,save').split(',');

interface Req {
  method?: string;
  path: string;
  body?: string;
}
interface Scenario {
  headers: Record<string, string>;
  /** print the CPU-per-request summary line under this name after the saturated run */
  summary?: string;
  next(): Req;
  onResponse?(req: Req, status: number, body: string): void;
}

/** processes whose CPU time is counted: the server's and the database's (each with its children) */
export const watched: { server: number | null; database: number | null } = { server: null, database: null };

/** user + system CPU milliseconds of a process and all its descendants (Linux /proc; 0 elsewhere) */
function treeCpuMs(root: number | null): number {
  if (!root) return 0;
  const procs: { pid: number; ppid: number; ms: number }[] = [];
  let dirs: string[] = [];
  try {
    dirs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  const tick = 10; // ms per clock tick (USER_HZ 100)
  for (const d of dirs) {
    try {
      const f = readFileSync(`/proc/${d}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      // own time and that of children already exited and waited for (so the sum never goes down)
      procs.push({ pid: Number(d), ppid: Number(rest[1]), ms: (Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14])) * tick });
    } catch {
      /* gone */
    }
  }
  const inTree = new Set([root]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const p of procs) if (!inTree.has(p.pid) && inTree.has(p.ppid)) (inTree.add(p.pid), (grown = true));
  }
  return procs.filter((p) => inTree.has(p.pid)).reduce((a, p) => a + p.ms, 0);
}
export const cpuNow = () => ({ server: treeCpuMs(watched.server), database: treeCpuMs(watched.database) });
const cpuPer = (a: { server: number; database: number }, n: number) => {
  const b = cpuNow();
  return n && (b.server || b.database) ? `; CPU per request: server ${((b.server - a.server) / n).toFixed(2)} ms, database ${((b.database - a.database) / n).toFixed(2)} ms` : '';
};

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * Paced (open loop): request k is due at k/RATE seconds, sent by client k mod CONNECTIONS on its own
 * keep-alive connection, so the 100 clients each send one request a second, spread evenly over the
 * second (not all at the same instant). Latency is counted from when the request was due, so a client
 * still waiting for its previous answer does not hide the delay (no coordinated omission).
 */
async function paced(base: string, s: Scenario, RATE: number): Promise<{ rps: number; p50: number; p99: number; ok: number; bad: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const { hostname, port } = new URL(base);
  const total = Math.round(RATE * SECONDS);
  const latencies: number[] = [];
  let bad = 0;
  const send = (r: Req) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const body = r.body ?? null;
      const req = http.request(
        { host: hostname, port, agent, method: r.method ?? 'GET', path: r.path, headers: { ...s.headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        },
      );
      req.on('error', reject);
      req.end(body ?? undefined);
    });
  const t0 = performance.now() + 50;
  const clients = Array.from({ length: CONNECTIONS }, async (_, c) => {
    for (let k = c; k < total; k += CONNECTIONS) {
      const due = t0 + (k * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const r = s.next();
      const res = await send(r);
      if (res.status >= 200 && res.status < 300) latencies.push(performance.now() - due);
      else bad++;
      s.onResponse?.(r, res.status, res.body);
    }
  });
  await Promise.all(clients);
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rps: total / elapsed, p50: pct(latencies, 50), p99: pct(latencies, 99), ok: latencies.length, bad };
}

/**
 * Each scenario runs twice: saturated (autocannon, every client sends its next request as soon as the
 * last one answers, which measures the most the server can do; with 100 clients the latency is then
 * mostly queueing, Little's law) and paced at RATE requests per second in all (how fast one request is
 * answered while 100 clients use the server at a steady pace; at several rates, how much the server
 * takes while answering fast).
 */
async function run(name: string, base: string, s: Scenario): Promise<void> {
  const cpu0 = cpuNow();
  await new Promise<void>((resolve, reject) => {
    const o: autocannon.Options = {
      url: base,
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: s.headers,
      requests: [
        {
          setupRequest: (req: any, ctx: any) => {
            const r = s.next();
            ctx.r = r;
            return { ...req, method: r.method ?? 'GET', path: r.path, ...(r.body ? { body: r.body } : {}) };
          },
          onResponse: (status: number, body: string, ctx: any) => s.onResponse?.(ctx.r, status, body),
        },
      ],
    };
    autocannon(o, (err, r) => {
      if (err) return reject(err);
      const ok = r.requests.total - r.non2xx;
      console.log(
        `${name} [saturated]: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${ok} ok, ${r.non2xx} non-2xx, ${r.errors} errors (${CONNECTIONS} clients, ${SECONDS} s)${cpuPer(cpu0, r.requests.total)}`,
      );
      if (s.summary) {
        const c = cpuNow();
        const server = (c.server - cpu0.server) / r.requests.total;
        const database = (c.database - cpu0.database) / r.requests.total;
        console.log(`${s.summary}: ${(server + database).toFixed(2)} ms CPU per ${s.summary} (server ${server.toFixed(2)} + database ${database.toFixed(2)}); saturated p99 ${r.latency.p99} ms at ${r.requests.average.toFixed(0)}/s`);
      }
      resolve();
    });
  });
  for (const rate of RATES) {
    const c0 = cpuNow();
    const p = await paced(base, s, rate);
    console.log(
      `${name} [paced at ${rate} req/s]: ${p.rps.toFixed(0)} req/s, p50 ${p.p50.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms, ${p.ok} ok, ${p.bad} non-2xx (${CONNECTIONS} clients, ${SECONDS} s)${cpuPer(c0, p.ok + p.bad)}`,
    );
  }
}

async function measure(label: string, base: string) {
  const fin = await login(base, 'fin');
  const admin = await login(base, 'admin');
  const rnd = mulberry32(7);
  if (SCENARIOS.includes('list'))
    await run(`${label} list (finance bureau, fiscalYear+parentUnitId+status filters, 50 per page)`, base, {
      headers: { cookie: fin.cookie },
      next: () => ({ path: `/api/evaluations?fiscalYear=2024&parentUnitId=${2 + Math.floor(rnd() * DEPARTMENTS)}&status=draft&pageSize=50` }),
    });
  if (SCENARIOS.includes('open'))
    await run(`${label} open`, base, {
      headers: { cookie: fin.cookie },
      next: () => ({ path: `/api/evaluations/${1 + Math.floor(rnd() * N)}` }),
    });
  // saves: drafts taken in turn (4,000 of them, so no two clients hold the same one), each PUT
  // sending the version last returned for it
  if (SCENARIOS.includes('save')) {
    const versions = new Map<number, number>();
    const drafts = Array.from({ length: N }, (_, i) => i + 1).filter((id) => STATUSES[(id - 1) % STATUSES.length] === 'draft');
    let turn = 0;
    const inFlight = new Set<number>();
    await run(`${label} save (PUT with version, one transaction)`, base, {
      summary: label.startsWith('PostgreSQL') ? 'save' : undefined,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      next: () => {
        // the next draft not waiting for an answer (a slow server can still hold one when the turn comes
        // round again; sending it again with the same version would be a genuine 409)
        let id = drafts[turn++ % drafts.length];
        while (inFlight.has(id)) id = drafts[turn++ % drafts.length];
        inFlight.add(id);
        const ev = generate(id - 1);
        ev.indicators[2].actual = `${turn}个`;
        return { method: 'PUT', path: `/api/evaluations/${id}`, body: JSON.stringify({ version: versions.get(id) ?? 1, evaluation: ev }) };
      },
      onResponse: (r, status, body) => {
        const id = Number(r.path.split('/').pop());
        inFlight.delete(id);
        if (status === 200) versions.set(id, JSON.parse(body).version);
        else if (!reported++) console.log(`  first failed save: ${status} ${body.slice(0, 200)}`);
      },
    });
  }
}

let reported = 0;

async function bench(backend: string) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let pg: TestPostgres | null = null;
  let dir: string | null = null;
  let child: ChildProcess | null = null;
  try {
    if (backend === 'pglite') {
      dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
      const db = await openDb({ dataDir: dir });
      await fill(db);
      await db.close();
      child = await startChild(['--data', dir], {}, port);
      watched.server = child.pid ?? null;
      watched.database = null; // PGlite runs inside the server process
    } else {
      pg = await startPostgres();
      const url = await createDatabase(pg.url, 'jixiao_bench');
      const db = await openDb({ databaseUrl: url });
      await fill(db);
      await db.close();
      child = await startChild(WORKERS > 1 ? ['--workers', String(WORKERS)] : [], { DATABASE_URL: url, ...(POOL ? { DATABASE_POOL_SIZE: String(POOL) } : {}) }, port);
      watched.server = child.pid ?? null;
      watched.database = pg.pid;
    }
    await measure(backend === 'pglite' ? 'PGlite (1 process)' : `PostgreSQL (${WORKERS} server processes)`, base);
  } finally {
    child?.kill('SIGTERM');
    if (child) await new Promise((r) => (child!.exitCode !== null ? r(null) : child!.once('exit', r)));
    pg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const b of BACKENDS) await bench(b);
}
