// Saving evaluations over HTTP (versions, conflicts, audit, indicator rows) and carrying them forward,
// on PGlite and on PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleEvaluation } from '../testing.ts';
import { describeApi } from '../testing-api.ts';

describeApi('评价的保存与历史', (t) => {
  const { u, login, create } = t;

  test('two saves of the same version: one 200, one 409 with the current one, the first intact', async () => {
    const a = await login('fillA');
    const a2 = await login('fillA');
    const { id, version } = await create(a, u.a);
    const e1 = sampleEvaluation('第一人的修改');
    const e2 = sampleEvaluation('第二人的修改');
    const [r1, r2] = await Promise.all([
      a.call('PUT', `/api/evaluations/${id}`, { version, evaluation: e1 }),
      a2.call('PUT', `/api/evaluations/${id}`, { version, evaluation: e2 }),
    ]);
    const codes = [r1.status, r2.status].sort();
    assert.deepEqual(codes, [200, 409]);
    const [won, lost] = r1.status === 200 ? [r1, r2] : [r2, r1];
    assert.equal(lost.json.code, 'conflict');
    assert.equal(lost.json.current.version, version + 1);
    assert.equal(lost.json.current.evaluation.title, won.json.evaluation.title);
    const now = await a.call('GET', `/api/evaluations/${id}`);
    assert.equal(now.json.version, version + 1);
    assert.equal(now.json.evaluation.title, won.json.evaluation.title);
    const versions = await a.call('GET', `/api/evaluations/${id}/versions`);
    assert.deepEqual(versions.json.map((v: any) => v.version), [2, 1]);
    // a save based on the stale version is refused again
    assert.equal((await a.call('PUT', `/api/evaluations/${id}`, { version, evaluation: e2 })).status, 409);
  });

  test('the audit log shows every change with old and new values; indicator rows follow the save', async () => {
    const a = await login('fillA');
    const { id, version } = await create(a, u.a, sampleEvaluation('审计测试'));
    const ev = sampleEvaluation('审计测试（改）');
    ev.indicators[2].actual = '130人次';
    ev.indicators[2].statedScore = '49';
    ev.budget!.executed = '95.5';
    const r = await a.call('PUT', `/api/evaluations/${id}`, { version, evaluation: ev });
    assert.equal(r.status, 200);
    const log = (await a.call('GET', `/api/evaluations/${id}/audit`)).json as any[];
    const entry = (field: string) => log.find((l) => l.field === field && l.action === 'save');
    assert.deepEqual({ from: entry('title')?.from, to: entry('title')?.to, user: entry('title')?.user }, { from: '审计测试', to: '审计测试（改）', user: 'fillA' });
    assert.deepEqual([entry('indicators[1.1.1].actual')?.from, entry('indicators[1.1.1].actual')?.to], ['120人次', '130人次']);
    assert.deepEqual([entry('indicators[1.1.1].statedScore')?.from, entry('indicators[1.1.1].statedScore')?.to], ['50', '49']);
    assert.deepEqual([entry('budget.executed')?.from, entry('budget.executed')?.to], ['100', '95.5']);
    assert.equal(log.filter((l) => l.action === 'save').length, 4);
    const rows = await t.db.query(`SELECT actual, stated_score FROM indicators WHERE evaluation_id = $1 AND indicator_id = '1.1.1'`, [id]);
    assert.deepEqual(rows, [{ actual: '130人次', stated_score: '49' }]);
    // append-only
    await assert.rejects(t.db.query(`DELETE FROM audit_log WHERE evaluation_id = $1`, [id]));
  });

  test('a removed indicator leaves the indicator rows and is in the audit log as removed', async () => {
    const a = await login('fillA');
    const { id, version } = await create(a, u.a, sampleEvaluation('删除指标'));
    const ev = sampleEvaluation('删除指标');
    ev.indicators = ev.indicators.filter((i) => i.id !== '2.1.1');
    assert.equal((await a.call('PUT', `/api/evaluations/${id}`, { version, evaluation: ev })).status, 200);
    const rows = await t.db.query(`SELECT indicator_id FROM indicators WHERE evaluation_id = $1 ORDER BY indicator_id`, [id]);
    assert.deepEqual(rows.map((r) => r.indicator_id), ['1', '1.1', '1.1.1', '2', '2.1', '3', '3.1', '3.1.1']);
    const log = (await a.call('GET', `/api/evaluations/${id}/audit`)).json as any[];
    assert.ok(log.some((l) => l.field === 'indicators[2.1.1].indicator' && l.from === '技能提升' && l.to === null));
  });

  test('carry-forward keeps targets and empties actuals', async () => {
    const a = await login('fillA');
    const { id } = await create(a, u.a, sampleEvaluation('结转'));
    const r = await a.call('POST', `/api/evaluations/${id}/carry-forward`, { fiscalYear: 2025 });
    assert.equal(r.status, 200);
    const e = (await a.call('GET', `/api/evaluations/${r.json.id}`)).json.evaluation;
    assert.equal(e.fiscalYear, 2025);
    assert.equal(e.indicators[2].target, '≥100人次');
    assert.equal(e.indicators[2].actual, null);
    assert.equal(e.budget.executed, null);
  });

  test('a save writes what changed: versions as changes (whole every tenth) read back exactly; indicator rows and findings follow', async () => {
    const a = await login('fillA');
    let { id, version } = await create(a, u.a, sampleEvaluation('版本差异'));
    const saved = new Map<number, unknown>();
    saved.set(1, (await a.call('GET', `/api/evaluations/${id}/versions/1`)).json.evaluation);
    for (let k = 0; k < 11; k++) {
      const ev = sampleEvaluation(k % 3 ? '版本差异' : `版本差异${k}`);
      ev.indicators[2].actual = `${90 + k}人次`;
      if (k === 4) ev.indicators = ev.indicators.filter((i) => i.id !== '2.1.1');
      if (k === 7) ev.sections = [{ heading: '一、基本情况', text: '新增的正文' }];
      const r = await a.call('PUT', `/api/evaluations/${id}`, { version, evaluation: ev });
      assert.equal(r.status, 200);
      version = r.json.version;
      saved.set(version, r.json.evaluation);
    }
    const stored = await t.db.query(`SELECT version, evaluation IS NOT NULL AS whole, patch IS NOT NULL AS patch FROM evaluation_versions WHERE evaluation_id = $1 ORDER BY version`, [id]);
    assert.deepEqual(stored.filter((r) => r.whole).map((r) => r.version), [1, 11]);
    assert.ok(stored.every((r) => r.whole !== r.patch));
    for (const [v, ev] of saved) {
      const got = (await a.call('GET', `/api/evaluations/${id}/versions/${v}`)).json.evaluation;
      assert.deepEqual(got, ev, `version ${v}`);
    }
    // the rows beside the JSON are those of the last version
    const last = saved.get(version) as any;
    const rows = await t.db.query(`SELECT indicator_id, actual, score::text AS score FROM indicators WHERE evaluation_id = $1 ORDER BY indicator_id`, [id]);
    assert.deepEqual(rows, last.indicators.map((i: any) => ({ indicator_id: i.id, actual: i.actual, score: i.score })).sort((x: any, y: any) => (x.indicator_id < y.indicator_id ? -1 : 1)));
    const findings = await t.db.query(`SELECT rule, message FROM findings WHERE evaluation_id = $1 ORDER BY rule, message`, [id]);
    assert.deepEqual(findings, last.findings.map((f: any) => ({ rule: f.rule, message: f.message })).sort((x: any, y: any) => (x.rule + x.message < y.rule + y.message ? -1 : 1)));
    assert.ok(last.findings.length > 0, 'the last version has findings to compare');
    // changes since the last submission are computed from the stored changes too
    const ch = (await a.call('GET', `/api/evaluations/${id}/changes`)).json as any[];
    assert.ok(ch.some((c) => c.field === 'actual' && c.from === '120人次' && c.to === '100人次'));
  });
});
