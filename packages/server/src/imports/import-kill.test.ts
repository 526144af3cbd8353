// Nothing lost (issue 5): a server killed with SIGKILL in the middle of a bulk import leaves each
// file's evaluations whole or absent, and the restarted server finishes the job.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../db/client.ts';
import { freePort, sampleEvaluation } from '../testing.ts';

const BIN = join(import.meta.dirname, '../bin.ts');
const FILES = 24;
const PER_FILE = 60;

function startChild(dataDir: string, port: number): { child: ChildProcess; output: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', BIN, '--no-demo', '--port', String(port), '--data', dataDir], {
    env: { ...process.env, LOG_LEVEL: 'warn', JIXIAO_IMPORT_PAUSE_MS: '150' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const output = new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('一次性密码') || out.includes('jixiao')) resolve(out);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`服务进程退出（${code}）：${out}`)));
  });
  return { child, output };
}

async function waitReady(base: string) {
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`${base}/api/ready`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('服务未就绪');
}

const OWN_PASSWORD = 'kill-test-admin-1';

/** Logs in as admin; the first start's one-time password is changed to OWN_PASSWORD first. */
async function login(base: string, password: string) {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
  assert.equal(r.status, 200);
  const j = await r.json();
  const s = { cookie: r.headers.get('set-cookie')!.split(';')[0], csrf: j.csrfToken as string };
  if (!j.user.mustChangePassword) return s;
  const c = await fetch(`${base}/api/auth/password`, {
    method: 'POST',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ oldPassword: password, newPassword: OWN_PASSWORD }),
  });
  assert.equal(c.status, 200);
  return s;
}

test('SIGKILL during a bulk import: every file whole or absent, and the restarted server finishes the job', { timeout: 480_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-kill-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const children: ChildProcess[] = [];
  try {
    const first = startChild(dir, port);
    children.push(first.child);
    const password = /一次性密码：(\S+)/.exec(await first.output)![1];
    await waitReady(base);
    const s = await login(base, password);
    const unit = await fetch(`${base}/api/units`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '导入测试财政局' }),
    });
    const unitId = (await unit.json()).id;
    const form = new FormData();
    form.set('unitId', String(unitId));
    for (let f = 0; f < FILES; f++) {
      const evs = Array.from({ length: PER_FILE }, (_, i) => sampleEvaluation(`文件${f}-评价${i}`));
      form.append('files', new Blob([JSON.stringify(evs)]), `f${String(f).padStart(2, '0')}.json`);
    }
    const up = await fetch(`${base}/api/imports`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, body: form });
    assert.equal(up.status, 202);
    const { jobId } = await up.json();
    // kill once some files are in and others are not
    for (;;) {
      const j = await (await fetch(`${base}/api/imports/${jobId}`, { headers: { cookie: s.cookie } })).json();
      if (j.done >= 2) {
        assert.ok(j.done < FILES, 'the import finished before the kill; make the files bigger');
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const db = await openDb({ dataDir: dir });
    const files = await db.query(`SELECT id, status FROM import_files WHERE job_id = $1 ORDER BY position`, [jobId]);
    const counts = new Map(
      (await db.query(`SELECT import_file_id, count(*)::int AS n FROM evaluations GROUP BY import_file_id`)).map((r) => [r.import_file_id, r.n]),
    );
    const done = files.filter((f) => f.status === 'ok').length;
    assert.ok(done >= 2 && done < FILES, `files done at the kill: ${done}`);
    for (const f of files) assert.equal(counts.get(f.id) ?? 0, f.status === 'ok' ? PER_FILE : 0, `file ${f.id} (${f.status})`);
    const [{ n: versions }] = await db.query(`SELECT count(*)::int AS n FROM evaluation_versions`);
    assert.equal(versions, done * PER_FILE);
    await db.close();

    const second = startChild(dir, port);
    children.push(second.child);
    second.output.catch(() => {});
    await waitReady(base);
    const s2 = await login(base, OWN_PASSWORD);
    let job: any;
    for (let i = 0; i < 1200; i++) {
      job = await (await fetch(`${base}/api/imports/${jobId}`, { headers: { cookie: s2.cookie } })).json();
      if (job.status === 'done') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(job.status, 'done');
    assert.deepEqual(job.files.map((f: any) => f.evaluations.length), Array(FILES).fill(PER_FILE));
    const list = await (await fetch(`${base}/api/evaluations?pageSize=1`, { headers: { cookie: s2.cookie } })).json();
    assert.equal(list.total, FILES * PER_FILE);
    second.child.kill('SIGTERM');
    const code = await new Promise((r) => second.child.once('exit', r));
    assert.equal(code, 0, 'graceful shutdown exits 0');
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
