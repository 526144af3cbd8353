// One small interface over both backends: PGlite (embedded, one connection) and PostgreSQL (pg pool).
// Inside tx() use only the handle it passes: on PGlite an outer query would wait for the
// transaction that is waiting for it.
import { mkdirSync } from 'node:fs';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import * as schema from './schema.ts';

export interface Queryable {
  query<T = Record<string, any>>(text: string, params?: unknown[]): Promise<T[]>;
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
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 20);
  return openPglite(opts.dataDir ?? null);
}

async function openPglite(dataDir: string | null): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const memory = !dataDir || dataDir.startsWith('memory://');
  if (!memory) mkdirSync(dataDir!, { recursive: true });
  const pg = memory ? new PGlite() : new PGlite(dataDir!);
  await pg.waitReady;
  const wrap = (h: { query: Function; exec: Function }): Queryable => ({
    async query(text, params) {
      const r = await h.query(text, params ?? []);
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
      await pg.close();
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
      const r = await h.query(text, params ?? []);
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
