// Issue 13, accounts: the password rule, user names unique without regard to case and width, a
// one-time password changed at first login, and a Secure cookie behind a TLS proxy (TRUST_PROXY).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDb } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { buildApp } from '../app.ts';
import { describeApi } from '../testing-api.ts';
import { passwordProblem } from './passwords.ts';

test('accounts: the password rule', () => {
  for (const [pw, why] of [
    [' '.repeat(8), '密码至少 10 位'],
    ['short-pw', '密码至少 10 位'],
    [' '.repeat(12), '密码不能全是空格'],
    ['Password123', '密码过于常见或简单，请换一个不易猜到的密码'],
    ['1234567890', '密码过于常见或简单，请换一个不易猜到的密码'],
    ['qwertyuiop', '密码过于常见或简单，请换一个不易猜到的密码'],
    ['WOAINI1314520'.toLowerCase().slice(0, 10), '密码过于常见或简单，请换一个不易猜到的密码'],
    ['aaaaaaaaaaaa', '密码过于常见或简单，请换一个不易猜到的密码'],
    ['ababababab', '密码过于常见或简单，请换一个不易猜到的密码'],
    ['abcdefghijk', '密码过于常见或简单，请换一个不易猜到的密码'],
    ['x'.repeat(201), '密码过长（最多 200 位）'],
  ] as const) {
    assert.equal(passwordProblem(pw), why, JSON.stringify(pw));
  }
  for (const pw of ['correct-horse-1', '财政局绩效自评2026', 'n7 kd2 q9 ww']) assert.equal(passwordProblem(pw), null, pw);
});

describeApi('账号', (t) => {
  test('weak passwords are refused when an administrator adds a user or resets one, and when a user changes theirs', async () => {
    const admin = await t.login('admin');
    for (const password of [' '.repeat(8), 'password123', '1234567890', 'short']) {
      const r = await admin.call('POST', '/api/users', { username: 'weak1', role: 'filler', unitId: t.u.a, password });
      assert.equal(r.status, 400, password);
    }
    const me = await t.login('fillB');
    const r = await me.call('POST', '/api/auth/password', { oldPassword: 'correct-horse-1', newPassword: ' '.repeat(10) });
    assert.deepEqual([r.status, r.json.error], [400, '密码不能全是空格']);
  });

  test('user names differing only in case or width are refused; login takes any case', async () => {
    const admin = await t.login('admin');
    const made = await admin.call('POST', '/api/users', { username: 'Zhang.Wei', role: 'filler', unitId: t.u.a, password: 'zhangwei-pass-1' });
    assert.equal(made.status, 200);
    for (const username of ['zhang.wei', 'ZHANG.WEI', 'Ｚｈａｎｇ．Ｗｅｉ']) {
      const r = await admin.call('POST', '/api/users', { username, role: 'filler', unitId: t.u.a, password: 'zhangwei-pass-2' });
      assert.equal(r.status, 409, username);
      assert.equal(r.json.code, 'exists');
    }
    assert.equal((await admin.call('POST', '/api/users', { username: 'ADMIN', role: 'admin', password: 'other-admin-pw' })).status, 409);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE lower(username) IN ('zhang.wei', 'admin')`);
    assert.equal(n, 2);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ZHANG.wei', password: 'zhangwei-pass-1' }, remoteAddress: '10.66.0.1' });
    assert.equal(login.statusCode, 200);
    assert.equal(login.json().user.username, 'Zhang.Wei');
  });

  test('a password set by the administrator must be changed at first login before anything else', async () => {
    const admin = await t.login('admin');
    const made = await admin.call('POST', '/api/users', { username: 'newcomer', role: 'filler', unitId: t.u.a, password: 'given-by-admin1' });
    assert.equal(made.status, 200);
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'newcomer', password: 'given-by-admin1' }, remoteAddress: '10.66.0.2' });
    assert.equal(r.json().user.mustChangePassword, true);
    const c = t.client(String(r.headers['set-cookie']).split(';')[0], r.json().csrfToken);
    assert.equal((await c.call('GET', '/api/auth/me')).json.user.mustChangePassword, true);
    for (const [m, url] of [['GET', '/api/evaluations'], ['GET', '/api/units'], ['POST', '/api/evaluations']] as const) {
      const x = await c.call(m, url, m === 'POST' ? {} : undefined);
      assert.deepEqual([x.status, x.json.code, x.json.error], [403, 'must-change-password', '首次登录（或密码由管理员设置）后，请先修改密码'], url);
    }
    assert.equal((await c.call('POST', '/api/auth/password', { oldPassword: 'given-by-admin1', newPassword: 'my-own-secret-9' })).status, 200);
    assert.equal((await c.call('GET', '/api/auth/me')).json.user.mustChangePassword, false);
    assert.equal((await c.call('GET', '/api/evaluations')).status, 200);
    // a reset by the administrator makes it one-time again
    await admin.call('PATCH', `/api/users/${made.json.id}`, { password: 'reset-by-admin2' });
    const again = await t.login('newcomer', 'reset-by-admin2');
    assert.equal((await again.call('GET', '/api/evaluations')).status, 403);
  });
});

test('accounts: the first start\'s administrator password is one-time; behind a TLS proxy (TRUST_PROXY) the cookie is Secure', async () => {
  const { firstStart } = await import('../seed.ts');
  const db = await openDb({ dataDir: 'memory://' });
  try {
    await migrate(db);
    const seeded = await firstStart(db, { demo: false });
    const app = await buildApp({ db, webDist: null, trustProxy: true });
    const login = (proto: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-proto': proto }, payload: { username: 'admin', password: seeded!.adminPassword } });
    const https = await login('https');
    assert.equal(https.statusCode, 200);
    assert.equal(https.json().user.mustChangePassword, true);
    assert.match(String(https.headers['set-cookie']), /; Secure/);
    const http = await login('http');
    assert.doesNotMatch(String(http.headers['set-cookie']), /Secure/);
    await app.close();
  } finally {
    await db.close();
  }
});
