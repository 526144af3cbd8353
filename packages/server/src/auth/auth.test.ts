// Login, sessions, CSRF and login throttling over HTTP, on PGlite and on PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleEvaluation } from '../testing.ts';
import { describeApi, PW } from '../testing-api.ts';

describeApi('认证', (t) => {
  const { u, login, client } = t;

  test('login sets an httpOnly SameSite=Strict cookie; me returns the user and the CSRF token', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'fillA', password: PW }, remoteAddress: '10.1.0.1' });
    const sc = String(r.headers['set-cookie']);
    assert.match(sc, /jx_session=/);
    assert.match(sc, /HttpOnly/);
    assert.match(sc, /SameSite=Strict/);
    const c = client(sc.split(';')[0], r.json().csrfToken);
    const me = await c.call('GET', '/api/auth/me');
    assert.equal(me.json.user.username, 'fillA');
    assert.equal(me.json.user.unitName, '甲单位');
    assert.equal(me.json.csrfToken, c.csrf);
  });

  test('state-changing requests without the CSRF token are refused with 403', async () => {
    const c = await login('fillA');
    const r = await c.call('POST', '/api/evaluations', { unitId: u.a, evaluation: sampleEvaluation() }, { csrf: false });
    assert.equal(r.status, 403);
    assert.equal(r.json.code, 'csrf');
    const wrong = await c.call('POST', '/api/evaluations', { unitId: u.a, evaluation: sampleEvaluation() }, { csrf: false, headers: { 'x-csrf-token': 'x'.repeat(32) } });
    assert.equal(wrong.status, 403);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM evaluations`);
    const ok = await c.call('POST', '/api/evaluations', { unitId: u.a, evaluation: sampleEvaluation('有令牌') });
    assert.equal(ok.status, 200);
    const [{ n: n2 }] = await t.db.query(`SELECT count(*)::int AS n FROM evaluations`);
    assert.equal(n2, n + 1);
  });

  test('the session cookie of a logged-out user is refused', async () => {
    const c = await login('fillA');
    assert.equal((await c.call('POST', '/api/auth/logout')).status, 200);
    assert.equal((await c.call('GET', '/api/auth/me')).status, 401);
    assert.equal((await c.call('GET', '/api/evaluations')).status, 401);
  });

  test('/api/auth/session answers 200 with or without a session (the web UI logs no failed request)', async () => {
    const c = await login('fillA');
    const inside = await c.call('GET', '/api/auth/session');
    assert.equal(inside.status, 200);
    assert.equal(inside.json.user.username, 'fillA');
    assert.ok(inside.json.csrfToken);
    assert.equal((await c.call('POST', '/api/auth/logout')).status, 200);
    const outside = await c.call('GET', '/api/auth/session');
    assert.deepEqual([outside.status, outside.json], [200, { user: null, csrfToken: null }]);
  });

  test('changing the password revokes the other sessions', async () => {
    const s1 = await login('fillA2');
    const s2 = await login('fillA2');
    const r = await s1.call('POST', '/api/auth/password', { oldPassword: PW, newPassword: 'new-password-2' });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal((await s2.call('GET', '/api/auth/me')).status, 401);
    assert.equal((await s1.call('GET', '/api/auth/me')).status, 200);
    await login('fillA2', 'new-password-2');
  });

  test('20 wrong passwords in a row: the first 5 are answered 401, then 429, and even the right password waits', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'revB', password: 'wrong' + i }, remoteAddress: `10.2.0.${i}` });
      codes.push(r.statusCode);
      if (r.statusCode === 429) assert.ok(Number(r.headers['retry-after']) >= 1);
    }
    assert.deepEqual(codes.slice(0, 5), [401, 401, 401, 401, 401]);
    assert.ok(codes.slice(5).every((c) => c === 429), codes.join(','));
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'revB', password: PW }, remoteAddress: '10.2.1.1' });
    assert.equal(right.statusCode, 429);
  });

  test('per IP: 5 failures from one address on different usernames also slow that address', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `nobody${i}`, password: 'x' }, remoteAddress: '10.3.0.1' });
      assert.equal(r.statusCode, 401);
    }
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'fillB', password: PW }, remoteAddress: '10.3.0.1' });
    assert.equal(r.statusCode, 429);
  });
});
