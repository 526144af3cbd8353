// jixiao unit add / user add / user passwd for scripted setup (issue 5 §5), on an embedded database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupCommand, unitCommand, userCommand } from './admin-cli.ts';
import { migrate } from './db/migrate.ts';
import { openDb } from './db/client.ts';
import { verifyPassword } from './auth/store.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

test('unit add builds the tree; user add and passwd print a one-time password that verifies; bad input exits 2 in Chinese', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));
  const data = ['--data', dir];
  try {
    let c = capture();
    assert.equal(await unitCommand(['add', '某市财政局', ...data], c.io), 0);
    assert.equal(await unitCommand(['add', '某局', '--parent', '某市财政局', ...data], c.io), 0);
    assert.equal(await unitCommand(['add', '某中心', '--parent', '某局', ...data], c.io), 0);
    c = capture();
    assert.equal(await userCommand(['add', 'zhang', '--role', 'filler', '--unit', '某中心', '--name', '张三', ...data], c.io), 0);
    const pw1 = /密码：(\S+)（/.exec(c.out.join('\n'))![1];
    assert.match(c.out.join('\n'), /首次登录后须修改/);
    {
      // the password the command printed is one-time: the user must change it before anything else
      const db = await openDb({ dataDir: dir });
      assert.equal((await db.query(`SELECT must_change_password FROM users WHERE username = 'zhang'`))[0].must_change_password, true);
      await db.close();
    }
    c = capture();
    assert.equal(await userCommand(['add', 'li', '--role', 'reviewer', '--unit', '某中心', ...data], c.io), 1);
    assert.match(c.err.join('\n'), /角色与单位类型不符/);
    c = capture();
    assert.equal(await userCommand(['add', 'x', '--role', 'filler', '--unit', '不存在', ...data], c.io), 2);
    assert.match(c.err.join('\n'), /找不到单位/);
    c = capture();
    assert.equal(await userCommand(['passwd', 'zhang', ...data], c.io), 0);
    const pw2 = /密码：(\S+)（/.exec(c.out.join('\n'))![1];
    assert.notEqual(pw1, pw2);
    c = capture();
    assert.equal(await userCommand(['disable', 'zhang', ...data], c.io), 0);
    assert.match(c.out.join('\n'), /已停用用户 zhang/);
    c = capture();
    assert.equal(await userCommand(['list', ...data], c.io), 0);
    assert.match(c.out.join('\n'), /zhang\tfiller\t某中心\t张三\t（已停用）/);
    c = capture();
    assert.equal(await userCommand(['disable', 'nobody', ...data], c.io), 2);
    assert.match(c.err.join('\n'), /找不到用户「nobody」/);
    {
      const db = await openDb({ dataDir: dir });
      assert.equal((await db.query(`SELECT disabled FROM users WHERE username = 'zhang'`))[0].disabled, true);
      const log = await db.query(`SELECT action, field FROM audit_log WHERE field = 'zhang.disabled'`);
      assert.deepEqual(log.map((l) => l.action), ['user-disable']);
      await db.close();
    }
    assert.equal(await userCommand(['enable', 'zhang', ...data], capture().io), 0);
    const db = await openDb({ dataDir: dir });
    assert.equal((await db.query(`SELECT disabled FROM users WHERE username = 'zhang'`))[0].disabled, false);
    const units = await db.query(`SELECT name, kind, path FROM units ORDER BY id`);
    assert.deepEqual(units.map((u) => [u.name, u.kind]), [['某市财政局', 'finance'], ['某局', 'department'], ['某中心', 'unit']]);
    assert.equal(units[2].path, '/1/2/3/');
    const [user] = await db.query(`SELECT password_hash, role FROM users WHERE username = 'zhang'`);
    assert.equal(user.role, 'filler');
    assert.ok(user.password_hash.startsWith('$argon2id$'));
    assert.equal(await verifyPassword(user.password_hash, pw2), true);
    assert.equal(await verifyPassword(user.password_hash, pw1), false);
    await db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the embedded database folder is locked: backup while a server holds it says so (exit 1); a lock left by a dead process is taken over', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-lock-'));
  const data = ['--data', dir];
  try {
    const server = await openDb({ dataDir: dir });
    await migrate(server);
    let c = capture();
    assert.equal(await backupCommand([join(dir, 'b.jixiao'), ...data], c.io), 1);
    assert.match(c.err.join('\n'), new RegExp(`正由另一个 jixiao 进程（pid ${process.pid}）使用`));
    assert.ok(!existsSync(join(dir, 'b.jixiao')), 'no backup file written');
    await server.close();
    assert.ok(!existsSync(join(dir, 'jixiao.lock')), 'lock released on close');
    // a process that has exited left its lock behind (killed with SIGKILL)
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    writeFileSync(join(dir, 'jixiao.lock'), dead.stdout.trim());
    c = capture();
    assert.equal(await backupCommand([join(dir, 'b.jixiao'), ...data], c.io), 0, c.err.join('\n'));
    assert.ok(existsSync(join(dir, 'b.jixiao')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
