// Monitoring rounds over HTTP: only on approved targets, 1–7月 by default, lights computed on save,
// a deviation needs its cause before submission, the finance bureau's red list, scope and audit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeApi } from '../testing-api.ts';
import { readDocument } from '@jixiao/documents';
import { readMonitoringForm, readTargetForm } from '@jixiao/documents/cycle/index.ts';
import { approved, declared, haichuang } from '../targets/testing.ts';

describeApi('运行监控', (t) => {
  const { login } = t;

  test('monitoring: not before approval; a 1–7月 round with one red light; cause required; finance sees it in the red list, another department does not', async () => {
    const a = await login('fillA');
    const draft = await declared(t, a, haichuang('未批复项目'));
    const early = await a.call('POST', `/api/targets/${draft}/monitoring`, {});
    assert.equal(early.status, 409);
    assert.equal(early.json.error, '绩效目标尚未批复，不能开始运行监控或自评');

    const id = await approved(t, haichuang('监控项目'));
    const created = await a.call('POST', `/api/targets/${id}/monitoring`, {});
    assert.equal(created.status, 200);
    assert.equal((await a.call('POST', `/api/targets/${id}/monitoring`, {})).status, 409); // one 1–7月 round per project
    assert.equal((await (await login('revA')).call('POST', `/api/targets/${id}/monitoring`, {})).status, 403);
    const rid = created.json.id;
    let d = (await a.call('GET', `/api/monitoring/${rid}`)).json;
    assert.deepEqual(d.round.period, { from: 1, to: 7 });
    assert.equal(d.round.funds.annualBudget, '2700');
    assert.equal(d.round.rows.length, 8); // the eight 三级 indicators of the approved table
    assert.equal(d.light, 'none');

    const round = d.round;
    round.funds.executed = '1600';
    round.funds.expectedYearEnd = '2650';
    for (const r of round.rows) Object.assign(r, { progress: '按计划推进', expected: d.table.indicators.find((i: any) => i.id === r.indicatorId).target, likelihood: '确定能' });
    const count = round.rows.find((r: any) => r.indicatorId === '1.1.1');
    Object.assign(count, { progress: '18个', expected: '30个', likelihood: '完全不可能' });
    const saved = await a.call('PUT', `/api/monitoring/${rid}`, { version: d.version, round });
    assert.equal(saved.status, 200, JSON.stringify(saved.json));
    assert.equal(saved.json.light, 'red');
    assert.deepEqual(
      saved.json.assessment.indicators.filter((i: any) => i.light !== 'green').map((i: any) => [i.indicatorId, i.light]),
      [['1.1.1', 'red']],
    );
    assert.equal(saved.json.assessment.funds.rate, '59.26');
    // submission waits for the cause of the deviation
    const refused = await a.call('POST', `/api/monitoring/${rid}/submit`);
    assert.equal(refused.status, 422);
    assert.deepEqual(refused.json.missing, ['“产出指标/数量指标/资助孵化海创数量”有偏差，请选择偏差原因']);
    // the finance bureau does not see drafts
    const fin = await login('fin');
    assert.ok(!(await fin.call('GET', '/api/monitoring/red')).json.some((x: any) => x.id === rid));
    Object.assign(count, { cause: '制度保障', note: '扶持政策修订，申报推迟到 9 月' });
    assert.equal((await a.call('PUT', `/api/monitoring/${rid}`, { version: saved.json.version, round })).status, 200);
    assert.equal((await a.call('PUT', `/api/monitoring/${rid}`, { version: saved.json.version, round })).status, 409);
    assert.equal((await a.call('POST', `/api/monitoring/${rid}/submit`)).json.status, 'submitted');
    d = (await a.call('GET', `/api/monitoring/${rid}`)).json;
    assert.equal((await a.call('PUT', `/api/monitoring/${rid}`, { version: d.version, round })).status, 409);

    const red = (await fin.call('GET', '/api/monitoring/red?fiscalYear=2024')).json as any[];
    const mine = red.find((x) => x.id === rid);
    assert.ok(mine);
    assert.equal(mine.unitName, '甲单位');
    assert.deepEqual(mine.red.map((x: any) => [x.indicatorId, x.cause, x.note]), [['1.1.1', '制度保障', '扶持政策修订，申报推迟到 9 月']]);
    assert.ok((await (await login('revA')).call('GET', '/api/monitoring/red')).json.some((x: any) => x.id === rid));
    assert.ok(!(await (await login('revB')).call('GET', '/api/monitoring/red')).json.some((x: any) => x.id === rid));
    assert.equal((await a.call('GET', '/api/monitoring/red')).status, 403);
    assert.equal((await (await login('fillB')).call('GET', `/api/monitoring/${rid}`)).status, 404);
    const log = (await a.call('GET', `/api/monitoring/${rid}/audit`)).json as any[];
    assert.ok(log.some((e) => e.field === 'rows[1.1.1].expected' && e.to === '30个'));
    assert.ok(log.some((e) => e.field === 'light' && e.to === '红灯'));
    assert.ok(log.some((e) => e.action === 'submit' && e.username === 'fillA'));
    assert.deepEqual((await a.call('GET', `/api/targets/${id}/monitoring`)).json.map((r: any) => [r.period.to, r.light, r.status]), [[7, 'red', 'submitted']]);
    // both forms downloaded in the official layouts and read back with the same values
    for (const format of ['xlsx', 'docx']) {
      const m = await t.app.inject({ method: 'GET', url: `/api/monitoring/${rid}/export?format=${format}`, headers: { cookie: a.cookie } });
      assert.equal(m.statusCode, 200);
      const back = readMonitoringForm(await readDocument(new Uint8Array(m.rawPayload), `m.${format}`));
      assert.deepEqual(back.funds, { unit: '万元', annualBudget: '2700', executed: '1600', expectedYearEnd: '2650' });
      assert.deepEqual(back.rows.find((x) => x.path.at(-1) === '资助孵化海创数量'), {
        path: ['产出指标', '数量指标', '资助孵化海创数量'], target: '≥50个', progress: '18个', expected: '30个', cause: '制度保障', note: '扶持政策修订，申报推迟到 9 月', likelihood: '完全不可能',
      });
      const tt = await t.app.inject({ method: 'GET', url: `/api/targets/${id}/export?format=${format}`, headers: { cookie: a.cookie } });
      assert.equal(tt.statusCode, 200);
      const table = readTargetForm(await readDocument(new Uint8Array(tt.rawPayload), `t.${format}`));
      assert.deepEqual(table.indicators.map((i) => [i.path.join('/'), i.target]), d.table.indicators.map((i: any) => [i.path.join('/'), i.target]));
    }
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/targets/${id}/export?format=pdf`, headers: { cookie: a.cookie } })).statusCode, 400);
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/monitoring/${rid}/export`, headers: { cookie: (await login('fillB')).cookie } })).statusCode, 404);
  });

  test('monitoring: a configured 1–6月 round; bad cause or period refused in Chinese; an indicator not in the approved table refused', async () => {
    const a = await login('fillA');
    const id = await approved(t, haichuang('半年监控项目'));
    assert.equal((await a.call('POST', `/api/targets/${id}/monitoring`, { from: 7, to: 6 })).status, 400);
    const r = await a.call('POST', `/api/targets/${id}/monitoring`, { from: 1, to: 6 });
    const d = (await a.call('GET', `/api/monitoring/${r.json.id}`)).json;
    assert.equal(d.assessment.funds.schedule, '50.00');
    const round = d.round;
    round.rows[0].cause = '天气原因';
    const bad = await a.call('PUT', `/api/monitoring/${r.json.id}`, { version: d.version, round });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error, /偏差原因/);
    round.rows[0].cause = null;
    round.rows.push({ indicatorId: '9.9.9', progress: '1', expected: '1', cause: null, note: null, likelihood: null });
    assert.equal((await a.call('PUT', `/api/monitoring/${r.json.id}`, { version: d.version, round })).status, 400);
  });
});
