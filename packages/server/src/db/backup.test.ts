// Backup and restore of a whole database, on PGlite and on PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from './client.ts';
import { migrate } from './migrate.ts';
import { backup, restore } from './backup.ts';
import { TABLE_ORDER } from './schema.ts';
import { multipart, sampleEvaluation } from '../testing.ts';
import { describeApi, pgUrl } from '../testing-api.ts';

describeApi('备份与恢复', (t) => {
  const { u, login, create } = t;

  test('backup to one file and restore into an empty database: every row back, exact decimals and bytes', async () => {
    const a = await login('fillA');
    const ev = sampleEvaluation('备份测试');
    ev.budget!.executed = '12345678901234.123456789';
    await create(a, u.a, ev);
    // an uploaded file (source_files: bytes) and the evaluation imported from it
    const up = await a.call('POST', '/api/imports', undefined, multipart([{ name: '备份导入.json', content: JSON.stringify(sampleEvaluation('备份导入')) }]));
    assert.equal(up.status, 202);
    t.queue.kick();
    await t.queue.idle();
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-backup-'));
    const target = await openDb(t.backend === 'pglite' ? { dataDir: 'memory://' } : { databaseUrl: await pgUrl(`jx_restore_${Date.now()}`) });
    try {
      const file = join(dir, 'backup.jsonl');
      const counts = await backup(t.db, file);
      assert.ok(counts.evaluations > 0 && counts.audit_log > 0 && counts.source_files > 0);
      await migrate(target);
      await restore(target, file);
      for (const table of TABLE_ORDER) {
        const [{ n }] = await target.query(`SELECT count(*)::int AS n FROM ${table}`);
        assert.equal(n, counts[table], table);
      }
      const digest = `SELECT md5(string_agg(id::text || ':' || encode(sha256(bytes), 'hex'), ',' ORDER BY id)) AS h FROM source_files`;
      assert.deepEqual(await target.query(digest), await t.db.query(digest));
      const money = `SELECT current->'budget'->>'executed' AS x FROM evaluations WHERE title = '备份测试'`;
      assert.deepEqual(await target.query(money), [{ x: '12345678901234.123456789' }]);
      const audit = `SELECT md5(string_agg(concat_ws('|', id, at, username, action, field, old_value, new_value), ',' ORDER BY id)) AS h FROM audit_log`;
      assert.deepEqual(await target.query(audit), await t.db.query(audit));
      // sequences follow: the next unit gets a new id
      const [{ id }] = await target.query(`INSERT INTO units (name, kind) VALUES ('恢复后新增', 'finance') RETURNING id`);
      const [{ m }] = await t.db.query(`SELECT max(id)::int AS m FROM units`);
      assert.equal(id, m + 1);
      // restoring over data needs --force
      await assert.rejects(restore(target, file), /已有数据/);
    } finally {
      await target.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
