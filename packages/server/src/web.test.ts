// The web UI is served from packages/web/dist with an index.html fallback for client routes;
// /api stays JSON (issue 5 §7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { buildApp } from './app.ts';

test('static web UI with SPA fallback; /api routes never fall back to the page', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>绩效</title><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  const db = await openDb({ dataDir: 'memory://' });
  await migrate(db);
  const app = await buildApp({ db, webDist: dir });
  try {
    const root = await app.inject('/');
    assert.equal(root.statusCode, 200);
    assert.match(root.body, /id="root"/);
    const js = await app.inject('/assets/app.js');
    assert.equal(js.body, 'console.log(1)');
    const client = await app.inject('/evaluations/12/edit');
    assert.equal(client.statusCode, 200);
    assert.match(client.body, /id="root"/);
    assert.match(String(client.headers['content-security-policy']), /script-src 'self'/);
    // not the SPA: the API answers JSON (401 before login, whatever the path)
    const api = await app.inject('/api/nothing-here');
    assert.equal(api.statusCode, 401);
    assert.equal(api.json().code, 'unauthenticated');
  } finally {
    await app.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
