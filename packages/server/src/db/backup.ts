// Backup and restore to and from one file on both backends: JSON lines, a header then one line
// per row ({"table": …, "row": …}) in dependency order. Rows are written and read back by the
// database itself (row_to_json / json_populate_recordset), so NUMERIC and bytea survive exactly.
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Db } from './client.ts';
import { migrationIds } from './migrate.ts';
import { TABLE_ORDER } from './schema.ts';

const ORDER_BY: Record<string, string> = {
  roles: 'id',
  sessions: 'id',
  login_throttle: 'key',
  evaluation_versions: 'evaluation_id, version',
  indicators: 'evaluation_id, indicator_id',
  target_table_versions: 'target_table_id, version',
  evaluation_targets: 'evaluation_id',
};
const SERIAL = ['units', 'users', 'source_files', 'evaluations', 'findings', 'comments', 'audit_log', 'import_jobs', 'import_files', 'target_tables', 'target_reviews', 'monitoring_rounds', 'rectification_items', 'import_held'];
const BATCH = 500;

export interface BackupHeader {
  format: 'jixiao-backup';
  version: 1;
  createdAt: string;
  migrations: string[];
  tables: Record<string, number>;
}

export async function backup(db: Db, file: string): Promise<Record<string, number>> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const counts: Record<string, number> = {};
  try {
    await db.tx(async (q) => {
      // one consistent snapshot of every table
      await q.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      for (const t of TABLE_ORDER) {
        const [{ n }] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
        counts[t] = n;
      }
      const migrations = (await q.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id')).map((r) => r.id);
      const header: BackupHeader = { format: 'jixiao-backup', version: 1, createdAt: new Date().toISOString(), migrations, tables: counts };
      await write(JSON.stringify(header) + '\n');
      for (const t of TABLE_ORDER) {
        const order = ORDER_BY[t] ?? 'id';
        for (let offset = 0; offset < counts[t]; offset += BATCH) {
          const rows = await q.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM ${t} t ORDER BY ${order} LIMIT ${BATCH} OFFSET ${offset}`);
          // the row text is kept as the database wrote it: no float round trip for NUMERIC
          await write(rows.map((r) => `{"table":"${t}","row":${r.j}}\n`).join(''));
        }
      }
    });
  } finally {
    out.end();
    await once(out, 'close');
  }
  return counts;
}

export class RestoreError extends Error {}

/** Restore into a migrated database that holds no users (or any database with force). */
export async function restore(db: Db, file: string, opts: { force?: boolean } = {}): Promise<Record<string, number>> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next();
  let header: BackupHeader;
  try {
    header = JSON.parse(first.value ?? '');
  } catch {
    throw new RestoreError('不是 jixiao 备份文件（首行无法解析）');
  }
  if (header?.format !== 'jixiao-backup') throw new RestoreError('不是 jixiao 备份文件');
  const known = new Set(migrationIds());
  const unknown = header.migrations.filter((m) => !known.has(m));
  if (unknown.length) throw new RestoreError(`备份来自更新版本的 jixiao（未知迁移：${unknown.join('、')}），请先升级`);
  const counts: Record<string, number> = {};
  await db.tx(async (q) => {
    const [{ n }] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    if (n > 0 && !opts.force) throw new RestoreError('目标数据库已有数据；如确定要覆盖，请加 --force');
    await q.exec(`TRUNCATE ${[...TABLE_ORDER].reverse().join(', ')} RESTART IDENTITY CASCADE`);
    let table = '';
    let batch: string[] = [];
    const flush = async () => {
      if (!batch.length) return;
      await q.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json)`, [`[${batch.join(',')}]`]);
      counts[table] = (counts[table] ?? 0) + batch.length;
      batch = [];
    };
    const order = new Map(TABLE_ORDER.map((t, i) => [t, i]));
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      const line = next.value;
      if (!line) continue;
      const m = /^\{"table":"([a-z_]+)","row":/.exec(line);
      if (!m || !order.has(m[1] as never) || !line.endsWith('}')) throw new RestoreError('备份文件已损坏（无法识别的行）');
      if (m[1] !== table) {
        await flush();
        table = m[1];
      }
      batch.push(line.slice(m[0].length, -1));
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    for (const t of TABLE_ORDER) {
      if ((counts[t] ?? 0) !== (header.tables[t] ?? 0)) {
        throw new RestoreError(`备份文件不完整：表 ${t} 应有 ${header.tables[t] ?? 0} 行，读到 ${counts[t] ?? 0} 行`);
      }
    }
    // the aggregates (not in the file) recounted from what was restored
    await q.query('SELECT jixiao_rebuild_stats()');
    for (const t of SERIAL) {
      await q.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), GREATEST((SELECT max(id) FROM ${t}), 1), (SELECT max(id) FROM ${t}) IS NOT NULL)`);
    }
  });
  return counts;
}
