// Bulk import over HTTP, on PGlite and on PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { multipart, sampleEvaluation } from '../testing.ts';
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
});
