// One small interface over both backends: PGlite (embedded, one connection) and PostgreSQL (pg pool).
// Inside tx() use only the handle it passes: on PGlite an outer query would wait for the
// transaction that is waiting for it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import * as schema from './schema.ts';

/**
 * A statement run often with the same text: on PostgreSQL it is parsed and planned once per
 * connection (a named prepared statement, named after its text) instead of at every call.
 */
export interface Prepared {
  name: string;
  text: string;
}

const byText = new Map<string, Prepared>();
/**
 * The prepared form of a statement whose text is fixed or one of a few variants (e.g. one per role's
 * scope condition). Values always go in as parameters, never into the text.
 */
export function preparedText(text: string): Prepared | string {
  let p = byText.get(text);
  if (!p) {
    // a bound on what each connection keeps; past it statements simply run unprepared
    if (byText.size >= 1000) return text;
    p = { name: `jx-${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text };
    byText.set(text, p);
  }
  return p;
}

export interface Queryable {
  query<T = Record<string, any>>(text: string | Prepared, params?: unknown[]): Promise<T[]>;
  exec(text: string): Promise<void>;
}

export interface Db extends Queryable {
  kind: 'pglite' | 'postgres';
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** drizzle over the same connection(s), typed by schema.ts */
  orm: any;
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent PGlite is used */
  databaseUrl?: string | null;
  /** PGlite data directory; null or 'memory://' = in memory */
  dataDir?: string | null;
  poolSize?: number;
}

export async function openDb(opts: OpenOptions): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts.dataDir ?? null);
}

/**
 * PGlite has no lock of its own: two processes opening one data folder (the server and `jixiao
 * backup`, or two servers) would corrupt it. A lock file with the owner's pid guards the folder; one
 * left by a process that no longer runs is taken over.
 */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`数据目录 ${dataDir} 正由另一个 jixiao 进程（pid ${pid}）使用：内嵌数据库只能由一个进程打开。请先停止该服务再操作，或改用 PostgreSQL（DATABASE_URL）。`);
  }
}

function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'jixiao.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      const release = () => {
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return () => {
        process.off('exit', release);
        release();
      };
    } catch (e: any) {
      if (e.code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new DataDirBusyError(dataDir, pid);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`无法锁定数据目录 ${dataDir}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e: any) {
    return e.code === 'EPERM';
  }
  // a killed process its parent has not reaped yet still answers signal 0
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch (e: any) {
    if (e.code === 'ENOENT' && existsSync('/proc/self/stat')) return false; // it ended in between
    return true; // no /proc here: trust the signal
  }
}

async function openPglite(dataDir: string | null): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const memory = !dataDir || dataDir.startsWith('memory://');
  if (!memory) mkdirSync(dataDir!, { recursive: true });
  const unlock = memory ? () => {} : lockDataDir(dataDir!);
  let pg;
  try {
    pg = memory ? new PGlite() : new PGlite(dataDir!);
    await pg.waitReady;
  } catch (e) {
    unlock();
    throw e;
  }
  const wrap = (h: { query: Function; exec: Function }): Queryable => ({
    async query(text, params) {
      const r = await h.query(typeof text === 'string' ? text : text.text, params ?? []);
      return r.rows;
    },
    async exec(text) {
      await h.exec(text);
    },
  });
  const base = wrap(pg);
  let closed = false;
  return {
    kind: 'pglite',
    ...base,
    tx: (fn) => pg.transaction((t) => fn(wrap(t))),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pg.close();
      } finally {
        unlock();
      }
    },
    orm: drizzlePglite(pg, { schema }),
  };
}

async function openPostgres(url: string, max: number): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => {
    /* idle client lost; the next query reconnects */
  });
  const wrap = (h: { query: Function }): Queryable => ({
    async query(text, params) {
      const r = await (typeof text === 'string' ? h.query(text, params ?? []) : h.query({ name: text.name, text: text.text, values: params ?? [] }));
      return r.rows;
    },
    async exec(text) {
      await h.query(text);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async tx(fn) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const r = await fn(wrap(c));
        await c.query('COMMIT');
        return r;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        c.release();
      }
    },
    async close() {
      await pool.end();
    },
    orm: drizzlePg(pool, { schema }),
  };
}
