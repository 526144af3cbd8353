// Units and users administered over HTTP, on PGlite and on PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeApi } from '../testing-api.ts';

describeApi('单位与用户', (t) => {
  const { u, login } = t;

  test('admin adds units and users; the new user sees only their unit', async () => {
    const admin = await login('admin');
    const unit = await admin.call('POST', '/api/units', { name: '丙单位', parentId: u.depA });
    assert.equal(unit.status, 200);
    assert.equal(unit.json.kind, 'unit');
    const usr = await admin.call('POST', '/api/users', { username: 'fillC', role: 'filler', unitId: unit.json.id, password: 'password-c1' });
    assert.equal(usr.status, 200);
    const first = await login('fillC', 'password-c1');
    assert.equal((await first.call('POST', '/api/auth/password', { oldPassword: 'password-c1', newPassword: 'fillC-own-pass' })).status, 200);
    const c = await login('fillC', 'fillC-own-pass');
    assert.deepEqual((await c.call('GET', '/api/units')).json.items.map((x: any) => x.name), ['丙单位']);
    assert.equal((await c.call('GET', '/api/evaluations')).json.total, 0);
    const rev = await login('revA');
    assert.ok((await rev.call('GET', '/api/units')).json.items.some((x: any) => x.name === '丙单位'));
  });

  test('admin disables a user (their sessions end at once), enables them again, moves them and resets the password; all audited', async () => {
    const admin = await login('admin');
    const unit = await admin.call('POST', '/api/units', { name: '丁单位', parentId: u.depA });
    const made = await admin.call('POST', '/api/users', { username: 'fillD', role: 'filler', unitId: unit.json.id, password: 'password-d0' });
    // the password the administrator set is one-time: changed at the first login
    const d0 = await login('fillD', 'password-d0');
    assert.equal((await d0.call('POST', '/api/auth/password', { oldPassword: 'password-d0', newPassword: 'password-d1' })).status, 200);
    const d = await login('fillD', 'password-d1');
    assert.equal((await d.call('GET', '/api/auth/me')).status, 200);
    const off = await admin.call('PATCH', `/api/users/${made.json.id}`, { disabled: true });
    assert.equal(off.status, 200);
    assert.equal(off.json.disabled, true);
    // the open session is refused at once, and logging in again too
    assert.equal((await d.call('GET', '/api/auth/me')).status, 401);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'fillD', password: 'password-d1' }, remoteAddress: '10.9.0.1' });
    assert.equal(again.statusCode, 401);
    assert.equal((await admin.call('PATCH', `/api/users/${made.json.id}`, { disabled: false })).json.disabled, false);
    // to another unit: the new scope, an old session ended
    const d2 = await login('fillD', 'password-d1');
    const moved = await admin.call('PATCH', `/api/users/${made.json.id}`, { unitId: u.a });
    assert.deepEqual([moved.status, moved.json.unitId, moved.json.unitName], [200, u.a, '甲单位']);
    assert.equal((await d2.call('GET', '/api/auth/me')).status, 401);
    const d3 = await login('fillD', 'password-d1');
    assert.deepEqual((await d3.call('GET', '/api/units')).json.items.map((x: any) => x.name), ['甲单位']);
    // a filler cannot belong to a finance bureau; an administrator cannot lock themself out
    assert.equal((await admin.call('PATCH', `/api/users/${made.json.id}`, { unitId: u.fin })).status, 400);
    const me = (await admin.call('GET', '/api/auth/me')).json.user;
    assert.match((await admin.call('PATCH', `/api/users/${me.id}`, { disabled: true })).json.error, /不能停用自己的账号/);
    assert.equal((await admin.call('PATCH', `/api/users/99999`, { disabled: true })).status, 404);
    // a new password ends the sessions too
    assert.equal((await admin.call('PATCH', `/api/users/${made.json.id}`, { password: 'password-d2' })).status, 200);
    assert.equal((await d3.call('GET', '/api/auth/me')).status, 401);
    await login('fillD', 'password-d2');
    const log = await t.db.query(`SELECT action, field, old_value, new_value FROM audit_log WHERE field LIKE 'fillD.%' ORDER BY id`);
    assert.deepEqual(
      log.map((l) => [l.action, l.field, l.old_value, l.new_value]),
      [
        ['user-disable', 'fillD.disabled', 'false', 'true'],
        ['user-enable', 'fillD.disabled', 'true', 'false'],
        ['user-edit', 'fillD.unit', String(unit.json.id), String(u.a)],
      ],
    );
  });
});
