// Test support: a throw-away PostgreSQL server (initdb in a temp dir, a free port, stopped at the
// end), backends for the shared integration suite, and small fixtures.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Evaluation } from '@jixiao/core';

export const PG_USER = 'jixiaopg';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function have(cmd: string) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** Debian keeps the server binaries outside PATH (/usr/lib/postgresql/<version>/bin). */
function addPostgresToPath() {
  if (have('initdb')) return;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  if (versions.length) process.env.PATH = `${join(base, versions[0], 'bin')}:${process.env.PATH}`;
}

/** postgres refuses to run as root: run its tools as a system user then. */
function asPg(name: string, args: string[]) {
  const cmd = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  if (process.getuid?.() === 0) {
    if (spawnSync('id', ['-u', PG_USER]).status !== 0) {
      execFileSync('useradd', ['-r', '-M', '-s', '/usr/sbin/nologin', PG_USER]);
    }
    return execFileSync('runuser', ['-u', PG_USER, '--', cmd, ...args], { stdio: 'pipe' });
  }
  return execFileSync(cmd, args, { stdio: 'pipe' });
}

export interface TestPostgres {
  url: string;
  /** process id of the postmaster (its backends are its children) */
  pid: number;
  stop(): void;
}

export async function startPostgres(): Promise<TestPostgres> {
  addPostgresToPath();
  for (const t of ['initdb', 'pg_ctl']) {
    if (!have(t)) throw new Error(`找不到 PostgreSQL 程序 ${t}：测试需要 PostgreSQL 服务端（Debian：apt-get install postgresql），initdb、pg_ctl 在 PATH 或 /usr/lib/postgresql/<版本>/bin 中`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  asPg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  asPg('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', opts, '-w', 'start']);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pid: Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        asPg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A fresh database on the server for one suite. */
export async function createDatabase(url: string, name: string): Promise<string> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  return url.replace(/\/[^/]*$/, `/${name}`);
}

/** A small project evaluation: 产出 50 / 效益 30 / 满意度 10 + budget 10. */
export function sampleEvaluation(title = '示例项目', o: Partial<Evaluation> = {}): Evaluation {
  const ind = (id: string, parentId: string | null, path: string[], weight: string, statedScore: string | null, target: string | null = null, actual: string | null = null) => ({
    id,
    parentId,
    level: path.length,
    path,
    name: path[path.length - 1],
    target,
    actual,
    weight,
    statedScore,
    deviation: null,
    basis: null,
  });
  return {
    subject: 'project',
    title,
    unit: null,
    fiscalYear: 2024,
    budget: {
      unit: '万元',
      initialBudget: '100',
      adjustedBudget: '100',
      executed: '100',
      weight: '10',
      statedRate: '100',
      statedScore: '10',
      lines: [{ fundSource: 'total', label: '年度资金总额', initialBudget: '100', adjustedBudget: '100', executed: '100' }],
    },
    indicators: [
      ind('1', null, ['产出指标'], '50', '50'),
      ind('1.1', '1', ['产出指标', '数量指标'], '50', '50'),
      ind('1.1.1', '1.1', ['产出指标', '数量指标', '培训人次'], '50', '50', '≥100人次', '120人次'),
      ind('2', null, ['效益指标'], '30', '30'),
      ind('2.1', '2', ['效益指标', '社会效益指标'], '30', '30'),
      ind('2.1.1', '2.1', ['效益指标', '社会效益指标', '技能提升'], '30', '30', '提升', '达成'),
      ind('3', null, ['满意度指标'], '10', '10'),
      ind('3.1', '3', ['满意度指标', '服务对象满意度指标'], '10', '10'),
      ind('3.1.1', '3.1', ['满意度指标', '服务对象满意度指标', '学员满意度'], '10', '10', '≥90%', '95%'),
    ],
    statedTotal: '100',
    statedGrade: '优',
    sections: [],
    facts: [],
    problems: [],
    ...o,
  } as Evaluation;
}

export function multipart(files: { name: string; content: string | Uint8Array }[], fields: Record<string, string> = {}) {
  const boundary = '----jixiao' + Math.random().toString(16).slice(2);
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
    );
    chunks.push(Buffer.from(f.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
