// Bulk import over HTTP, on PGlite and on PostgreSQL: files become evaluations; an evaluation whose
// unit is not in the tree, or that repeats one already there, waits for the reviewer instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { multipart, sampleEvaluation } from '../testing.ts';
import type { Client } from '../testing-api.ts';
import { describeApi } from '../testing-api.ts';

describeApi('导入', (t) => {
  const { u, login } = t;

  test('bulk import: each JSON file becomes evaluations; a bad file fails alone', async () => {
    const a = await login('fillA');
    const files = [
      { name: '甲单位自评.json', content: JSON.stringify(sampleEvaluation('导入一')) },
      { name: 'two.json', content: JSON.stringify([sampleEvaluation('导入二甲'), sampleEvaluation('导入二乙')]) },
      { name: 'bad.json', content: '{ not json' },
    ];
    const up = await a.call('POST', '/api/imports', undefined, multipart(files));
    assert.equal(up.status, 202);
    t.queue.kick();
    await t.queue.idle();
    const job = (await a.call('GET', `/api/imports/${up.json.jobId}`)).json;
    assert.equal(job.status, 'done');
    assert.equal(job.done, 3);
    assert.deepEqual(job.files.map((f: any) => [f.name, f.status, f.evaluations.map((e: any) => e.title)]), [
      ['甲单位自评.json', 'ok', ['导入一']],
      ['two.json', 'ok', ['导入二甲', '导入二乙']],
      ['bad.json', 'error', []],
    ]);
    assert.match(job.files[2].error, /JSON/);
    const ev = (await a.call('GET', `/api/evaluations/${job.files[1].evaluations[0].id}`)).json;
    assert.equal(ev.unitId, u.a);
  });

  const importFiles = async (c: Client, files: { name: string; content: string }[], fields: Record<string, string> = {}) => {
    const up = await c.call('POST', '/api/imports', undefined, multipart(files, fields));
    assert.equal(up.status, 202);
    t.queue.kick();
    await t.queue.idle();
    return (await c.call('GET', `/api/imports/${up.json.jobId}`)).json;
  };
  const evaluationsTitled = async (title: string) =>
    (await t.db.query<{ id: number; unit_id: number }>(`SELECT id, unit_id FROM evaluations WHERE title = $1 ORDER BY id`, [title]));

  test('a file waiting or being read says so (排队 / 读取中), not a result', async () => {
    const a = await login('fillA');
    const up = await a.call('POST', '/api/imports', undefined, multipart([{ name: 'q.json', content: JSON.stringify(sampleEvaluation('排队中')) }]));
    const job = (await a.call('GET', `/api/imports/${up.json.jobId}`)).json;
    // the upload kicks the queue: the file may already be in a worker
    assert.deepEqual(job.files.map((f: any) => [f.status, f.evaluations.length, f.held.length, f.error]), [['pending', 0, 0, undefined]]);
    assert.ok(['queued', 'reading'].includes(job.files[0].state), job.files[0].state);
    t.queue.kick();
    await t.queue.idle();
    const done = (await a.call('GET', `/api/imports/${up.json.jobId}`)).json;
    assert.deepEqual(done.files.map((f: any) => f.state), ['done']);
  });

  test('a report from a unit not in the tree is held for the reviewer, never filed under the reviewer’s unit', async () => {
    const rev = await login('revA');
    const ev = sampleEvaluation('未知单位的项目', { unit: '甲单位第二分校' });
    const job = await importFiles(rev, [{ name: '未知.json', content: JSON.stringify(ev) }]);
    assert.equal(job.status, 'done');
    const [f] = job.files;
    assert.equal(f.state, 'held');
    assert.deepEqual(f.evaluations, []);
    assert.equal(f.held.length, 1);
    const h = f.held[0];
    assert.equal(h.reason, 'unknown-unit');
    assert.equal(h.unitName, '甲单位第二分校');
    // the close name in the reviewer's scope is offered; nothing was written
    assert.deepEqual(h.candidates.map((c: any) => c.name), ['甲单位']);
    assert.deepEqual(await evaluationsTitled('未知单位的项目'), []);
    // a unit outside the reviewer's scope cannot be chosen
    const out = await rev.call('POST', `/api/imports/${job.id}/held/${h.id}`, { action: 'place', unitId: t.u.b });
    assert.equal(out.status, 404);
    const placed = await rev.call('POST', `/api/imports/${job.id}/held/${h.id}`, { action: 'place', unitId: t.u.a });
    assert.equal(placed.status, 200, JSON.stringify(placed.json));
    const rows = await evaluationsTitled('未知单位的项目');
    assert.deepEqual(rows.map((r) => r.unit_id), [t.u.a]);
    const after = (await rev.call('GET', `/api/imports/${job.id}`)).json;
    assert.equal(after.files[0].state, 'done');
    assert.deepEqual(after.files[0].evaluations.map((e: any) => e.id), [rows[0].id]);
    // decided once only
    const again = await rev.call('POST', `/api/imports/${job.id}/held/${h.id}`, { action: 'place', unitId: t.u.a });
    assert.equal(again.status, 409);
  });

  test('a report naming a unit of the tree is filed there; one naming none waits for a reviewer', async () => {
    const rev = await login('revA');
    const job = await importFiles(rev, [
      { name: '甲.json', content: JSON.stringify(sampleEvaluation('甲单位的项目', { unit: '甲 单位' })) },
      { name: '无名.json', content: JSON.stringify(sampleEvaluation('未注明单位的项目')) },
    ]);
    assert.deepEqual(job.files.map((f: any) => f.state), ['done', 'held']);
    assert.deepEqual((await evaluationsTitled('甲单位的项目')).map((r) => r.unit_id), [t.u.a]);
    assert.deepEqual(await evaluationsTitled('未注明单位的项目'), []);
    assert.equal(job.files[1].held[0].unitName, null);
  });

  test('the same report imported again is a duplicate with its differences: update, keep both or skip', async () => {
    const a = await login('fillA');
    const ev = sampleEvaluation('重复导入的项目');
    const first = await importFiles(a, [{ name: '一.json', content: JSON.stringify(ev) }]);
    const [orig] = first.files[0].evaluations;
    assert.ok(orig);
    // the very same file: held as identical, nothing new
    const same = await importFiles(a, [{ name: '一.json', content: JSON.stringify(ev) }]);
    const hs = same.files[0].held[0];
    assert.deepEqual([same.files[0].state, hs.reason, hs.identical, hs.changes.length, hs.duplicateOf.id], ['held', 'duplicate', true, 0, orig.id]);
    assert.equal((await evaluationsTitled('重复导入的项目')).length, 1);
    assert.equal((await a.call('POST', `/api/imports/${same.id}/held/${hs.id}`, { action: 'skip' })).status, 200);
    assert.equal((await evaluationsTitled('重复导入的项目')).length, 1);
    // a changed copy: the difference is shown, cell by cell
    const changed = structuredClone(ev);
    changed.indicators[2].actual = '110人次';
    const second = await importFiles(a, [{ name: '二.json', content: JSON.stringify(changed) }]);
    const hc = second.files[0].held[0];
    assert.equal(hc.identical, false);
    assert.deepEqual(hc.changes.map((c: any) => [c.indicatorId, c.field, c.from, c.to]), [['1.1.1', 'actual', '120人次', '110人次']]);
    const up = await a.call('POST', `/api/imports/${second.id}/held/${hc.id}`, { action: 'update' });
    assert.equal(up.status, 200, JSON.stringify(up.json));
    const now = (await a.call('GET', `/api/evaluations/${orig.id}`)).json;
    assert.equal(now.version, 2);
    assert.equal(now.evaluation.indicators[2].actual, '110人次');
    assert.equal((await evaluationsTitled('重复导入的项目')).length, 1);
    // keep both: a second evaluation beside the first
    const third = await importFiles(a, [{ name: '三.json', content: JSON.stringify(ev) }]);
    const hk = third.files[0].held[0];
    assert.equal((await a.call('POST', `/api/imports/${third.id}/held/${hk.id}`, { action: 'keep' })).status, 200);
    assert.equal((await evaluationsTitled('重复导入的项目')).length, 2);
  });

  test('two tables of one project in the same file are not duplicates of each other', async () => {
    const a = await login('fillA');
    const job = await importFiles(a, [
      { name: '同文件.json', content: JSON.stringify([sampleEvaluation('同一文件两张表'), sampleEvaluation('同一文件两张表', { statedTotal: '99' })]) },
    ]);
    assert.equal(job.files[0].evaluations.length, 2);
    assert.deepEqual(job.files[0].held, []);
  });
});
