// Issue 13: one input boundary. A NUL or a lone surrogate in any string of any route's body, query
// string, route parameters, headers or uploaded file names is refused with 400 naming the field
// (it gave 500: PostgreSQL refuses NUL in text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { multipart, sampleEvaluation } from './testing.ts';
import { describeApi } from './testing-api.ts';
import { findBadText } from './boundary.ts';

const BAD = { NUL: 'a\u0000b', 'lone surrogate': 'a\ud800b', 'lone low surrogate': '\udc00' };

// every string field the API reads, top level and nested
const FIELDS = ['username', 'password', 'oldPassword', 'newPassword', 'name', 'role', 'kind', 'comment', 'text', 'indicatorId', 'title', 'format'];

test('boundary: findBadText names the first bad string, keys included, and passes paired surrogates', () => {
  assert.equal(findBadText({ a: ['ok', { b: 'x\u0000' }] }, ''), 'a[1].b');
  assert.equal(findBadText({ ['k\ud800']: 1 }, ''), '（字段名）');
  assert.equal(findBadText({ a: '😀 汉字' }, ''), null);
  assert.equal(findBadText('\udc00\ud800', 'x'), 'x');
});

describeApi('输入边界', (t) => {
  test('NUL or a lone surrogate in every string field of every route gives 400 naming the field', async () => {
    const admin = await t.login('admin');
    const { id } = await t.create(await t.login('fillA'), t.u.a);
    const paths = (t.app.swagger() as any).paths as Record<string, Record<string, unknown>>;
    const routes: [string, string][] = [];
    for (const [p, methods] of Object.entries(paths)) {
      for (const m of Object.keys(methods)) routes.push([m.toUpperCase(), p.replace(/\{[^}]+\}/g, String(id))]);
    }
    assert.ok(routes.length >= 30, `routes: ${routes.length}`);
    const wrong: string[] = [];
    for (const [method, url] of routes) {
      for (const [what, bad] of Object.entries(BAD)) {
        // the query string, on every route (a surrogate cannot be percent-encoded: UTF-8 has no bytes for it)
        if (what === 'NUL') {
          const q = await admin.call(method, `${url}?q=a%00b`, method === 'GET' ? undefined : {});
          if (q.status !== 400 || !/查询参数 q/.test(q.json?.error)) wrong.push(`${method} ${url} query ${what}: ${q.status} ${q.json?.error}`);
        }
        if (method === 'GET' || method === 'DELETE') continue;
        for (const f of FIELDS) {
          const r = await admin.call(method, url, { [f]: bad });
          if (r.status !== 400 || r.json?.field !== f) wrong.push(`${method} ${url} ${f} ${what}: ${r.status} ${JSON.stringify(r.json)}`);
        }
        // nested in an evaluation
        const ev = { ...sampleEvaluation(), title: '好' } as any;
        ev.indicators[0].name = bad;
        const r = await admin.call(method, url, { unitId: t.u.a, evaluation: ev });
        if (r.status !== 400 || r.json?.field !== 'evaluation.indicators[0].name') wrong.push(`${method} ${url} nested ${what}: ${r.status}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('login with a NUL in the user name, a search for %00: 400, not 500', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin\u0000', password: 'x' }, remoteAddress: '10.77.0.1' });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error, '「username」中含有不允许的字符（空字符或不成对的代理字符），请删除后重试');
    const admin = await t.login('admin');
    const s = await admin.call('GET', '/api/evaluations?q=%00');
    assert.equal(s.status, 400);
    assert.equal(s.json.code, 'bad-characters');
  });

  test('an uploaded file name with a NUL: 400 naming the file (a surrogate cannot arrive: multipart names are UTF-8 bytes)', async () => {
    const fill = await t.login('fillA');
    const m = multipart([{ name: 'ok.txt', content: '项目名称：x' }, { name: 'a\u0000.txt', content: '项目名称：x' }]);
    const r = await fill.call('POST', '/api/imports', undefined, { headers: m.headers, payload: m.payload });
    assert.equal(r.status, 400, JSON.stringify(r.json));
    assert.equal(r.json.field, '文件名（第 2 个文件）');
  });
});
