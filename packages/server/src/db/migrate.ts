// A small migrator: *.sql files in ./migrations applied in name order, each in its own
// transaction, recorded in schema_migrations. The same files run on PGlite and PostgreSQL.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './client.ts';

const dir = join(import.meta.dirname, 'migrations');

export function migrationIds(): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
}

export async function migrate(db: Db): Promise<string[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const applied: string[] = [];
  for (const id of migrationIds()) {
    const sql = readFileSync(join(dir, id), 'utf8');
    await db.tx(async (q) => {
      // several server processes may start at once on one PostgreSQL
      await q.query('SELECT pg_advisory_xact_lock(4242001)');
      const done = await q.query('SELECT 1 FROM schema_migrations WHERE id = $1', [id]);
      if (done.length) return;
      await q.exec(sql);
      await q.query('INSERT INTO schema_migrations (id) VALUES ($1)', [id]);
      applied.push(id);
    });
  }
  return applied;
}
