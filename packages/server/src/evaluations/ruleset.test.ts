// The ruleset of an evaluation on the server: chosen from the unit's place in the unit tree on create
// and on import, shown with its reason, kept across saves, and changed by the user (issue 15).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { multipart, sampleEvaluation } from '../testing.ts';
import { describeApi, PW } from '../testing-api.ts';
import { addUnit, addUser } from '../units/store.ts';

describeApi('评分规则的选择', (t) => {
  const units: Record<string, number> = {};
  before(async () => {
    const sys = { id: null, username: 'test' };
    await t.db.tx(async (q) => {
      const hubei = await addUnit(q, sys, '湖北省财政厅', null);
      const huanggang = await addUnit(q, sys, '黄冈市财政局', hubei.id);
      units.water = (await addUnit(q, sys, '市农村供水管理站', huanggang.id)).id;
      const sichuan = await addUnit(q, sys, '四川省财政厅', null);
      units.training = (await addUnit(q, sys, '县就业服务中心', sichuan.id)).id;
      await addUser(q, sys, { username: 'fillHb', role: 'filler', unitId: units.water, password: PW });
      await addUser(q, sys, { username: 'fillSc', role: 'filler', unitId: units.training, password: PW });
    });
  });

  test('新建 from the 湖北 20/80 form in a unit under 黄冈: its ruleset, the reason naming the unit tree, kept after a save', async () => {
    const c = await t.login('fillHb');
    const r = await c.call('POST', '/api/evaluations', { unitId: units.water, frameworkId: 'hubei-project-2021', title: '农村饮水维修', fiscalYear: 2021 });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const got = (await c.call('GET', `/api/evaluations/${r.json.id}`)).json;
    assert.equal(got.evaluation.ruleset, 'hubei-2021');
    const reason = /^按湖北省 20\/80 项目绩效自评表（2020–2021）评分：所属单位「黄冈市财政局」含「黄冈」，预算执行分值为 20 分$/;
    assert.match(got.evaluation.rulesetReason, reason);
    const ev = got.evaluation;
    ev.title = '农村饮水维修（改）';
    const saved = await c.call('PUT', `/api/evaluations/${r.json.id}`, { version: got.version, evaluation: ev });
    assert.equal(saved.status, 200);
    assert.match(saved.json.evaluation.rulesetReason, reason);
  });

  test('a national-form evaluation in a unit under 湖北 stays national: the 20/80 ruleset needs its form', async () => {
    const c = await t.login('fillHb');
    const { id } = await t.create(c, units.water, sampleEvaluation('全国表式项目'));
    const got = (await c.call('GET', `/api/evaluations/${id}`)).json;
    assert.equal(got.evaluation.ruleset, 'national');
  });

  test('an imported file that names no place takes the ruleset of the unit it is filed under', async () => {
    const c = await t.login('fillSc');
    const up = await c.call('POST', '/api/imports', undefined, multipart([{ name: '培训补贴.json', content: JSON.stringify(sampleEvaluation('职业技能培训补贴')) }]));
    assert.equal(up.status, 202);
    t.queue.kick();
    await t.queue.idle();
    const job = (await c.call('GET', `/api/imports/${up.json.jobId}`)).json;
    const id = job.files[0].evaluations[0].id;
    const got = (await c.call('GET', `/api/evaluations/${id}`)).json;
    assert.equal(got.unitId, units.training);
    assert.equal(got.evaluation.ruleset, 'sichuan-2023');
    assert.match(got.evaluation.rulesetReason, /^按四川省[^：]+评分：所属单位「四川省财政厅」含「四川」$/);
  });

  test('the user changes the ruleset (a new version, audited), and goes back to the automatic choice', async () => {
    const c = await t.login('fillSc');
    const { id, version } = await t.create(c, units.training, sampleEvaluation('改规则'));
    const first = (await c.call('GET', `/api/evaluations/${id}`)).json;
    assert.equal(first.evaluation.ruleset, 'sichuan-2023');

    const set = await c.call('PUT', `/api/evaluations/${id}/ruleset`, { version, ruleset: 'national' });
    assert.equal(set.status, 200, JSON.stringify(set.json));
    assert.equal(set.json.version, version + 1);
    assert.equal(set.json.evaluation.ruleset, 'national');
    assert.match(set.json.evaluation.rulesetReason, /：指定的评分规则$/);
    // a later save keeps the named ruleset
    const again = await c.call('PUT', `/api/evaluations/${id}`, { version: set.json.version, evaluation: set.json.evaluation });
    assert.equal(again.json.evaluation.ruleset, 'national');
    const log = (await c.call('GET', `/api/evaluations/${id}/audit`)).json as any[];
    assert.ok(log.some((l) => l.action === 'ruleset' && /指定的评分规则/.test(l.to)), JSON.stringify(log));

    const auto = await c.call('PUT', `/api/evaluations/${id}/ruleset`, { version: again.json.version, ruleset: null });
    assert.equal(auto.json.evaluation.ruleset, 'sichuan-2023');
    assert.match(auto.json.evaluation.rulesetReason, /所属单位「四川省财政厅」含「四川」/);

    // stale version, unknown ruleset: refused with a Chinese message
    assert.equal((await c.call('PUT', `/api/evaluations/${id}/ruleset`, { version, ruleset: 'national' })).status, 409);
    const bad = await c.call('PUT', `/api/evaluations/${id}/ruleset`, { version: auto.json.version, ruleset: 'nowhere' });
    assert.equal(bad.status, 400);
    assert.match(bad.json.message ?? bad.json.error ?? '', /评分规则「nowhere」不存在/);
  });
});
