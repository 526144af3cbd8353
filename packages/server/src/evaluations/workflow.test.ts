// The review workflow over HTTP, on PGlite and on PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeToJson } from '@jixiao/core';
import { WORKFLOW } from '@jixiao/core/workflow/index.ts';
import { sampleEvaluation } from '../testing.ts';
import { describeApi } from '../testing-api.ts';

describeApi('审核流程', (t) => {
  const { u, login, create } = t;

  test('workflow: submit refused with the findings while errors remain (V02 得分 > 分值)', async () => {
    const a = await login('fillA');
    const bad = sampleEvaluation('得分超过分值');
    bad.indicators[8].statedScore = '12'; // 学员满意度: 分值 10, 得分 12
    const expected = analyzeToJson(bad).findings.filter((f) => f.severity === 'error');
    assert.ok(expected.length > 0, 'core check() must report 得分 > 分值 as an error (V02)');
    const { id } = await create(a, u.a, bad);
    const r = await a.call('POST', `/api/evaluations/${id}/submit`);
    assert.equal(r.status, 422);
    assert.equal(r.json.code, 'has-errors');
    assert.deepEqual(r.json.findings.map((f: any) => f.rule), expected.map((f) => f.rule));
    assert.equal((await a.call('GET', `/api/evaluations/${id}`)).json.status, 'draft');
  });

  test('a comment bound to one cell (indicator and field) comes back with both; a field alone or an unknown one is refused', async () => {
    const a = await login('fillA');
    const rev = await login('revA');
    const { id } = await create(a, u.a, sampleEvaluation('单元格批注'));
    const r = await rev.call('POST', `/api/evaluations/${id}/comments`, { indicatorId: '1.1.1', field: 'actual', text: '请附培训签到表' });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal((await rev.call('POST', `/api/evaluations/${id}/comments`, { indicatorId: null, field: 'actual', text: 'x' })).status, 400);
    assert.equal((await rev.call('POST', `/api/evaluations/${id}/comments`, { indicatorId: '1.1.1', field: 'password', text: 'x' })).status, 400);
    assert.equal((await rev.call('POST', `/api/evaluations/${id}/comments`, { indicatorId: '1.1.1', text: '整行的意见' })).status, 200);
    const list = (await a.call('GET', `/api/evaluations/${id}/comments`)).json;
    assert.deepEqual(list.map((c: any) => [c.indicatorId, c.field, c.text]), [
      ['1.1.1', 'actual', '请附培训签到表'],
      ['1.1.1', null, '整行的意见'],
    ]);
    const log = (await a.call('GET', `/api/evaluations/${id}/audit`)).json as any[];
    assert.ok(log.some((e) => e.action === 'comment' && e.field === 'indicators[1.1.1].actual'));
  });

  test('workflow: draft → submitted → returned (comment) → submitted → approved → published, roles enforced, public read', async () => {
    const a = await login('fillA');
    const rev = await login('revA');
    const fin = await login('fin');
    const { id } = await create(a, u.a, sampleEvaluation('流程测试'));
    assert.equal((await rev.call('POST', `/api/evaluations/${id}/approve`)).status, 409); // still a draft
    assert.equal((await a.call('POST', `/api/evaluations/${id}/submit`)).json.status, 'submitted');
    assert.equal((await a.call('POST', `/api/evaluations/${id}/approve`)).status, 403);
    let cur = (await a.call('GET', `/api/evaluations/${id}`)).json;
    assert.equal((await a.call('PUT', `/api/evaluations/${id}`, { version: cur.version, evaluation: sampleEvaluation('提交后修改') })).status, 409);
    assert.equal((await rev.call('POST', `/api/evaluations/${id}/return`, {})).status, 400);
    assert.equal((await rev.call('POST', `/api/evaluations/${id}/return`, { comment: '请补充偏差原因' })).json.status, 'returned');
    const comments = (await a.call('GET', `/api/evaluations/${id}/comments`)).json;
    assert.equal(comments.at(-1).text, '请补充偏差原因');
    cur = (await a.call('GET', `/api/evaluations/${id}`)).json;
    const changed = sampleEvaluation('流程测试');
    changed.indicators[5].deviation = '已补充';
    assert.equal((await a.call('PUT', `/api/evaluations/${id}`, { version: cur.version, evaluation: changed })).status, 200);
    const diff = (await a.call('GET', `/api/evaluations/${id}/changes`)).json;
    assert.deepEqual(diff.map((d: any) => [d.indicatorId, d.field, d.from, d.to]), [['2.1.1', 'deviation', null, '已补充']]);
    assert.equal((await a.call('POST', `/api/evaluations/${id}/submit`)).status, 200);
    // resubmitted: the reviewer sees the change since the submission they returned
    const seen = (await rev.call('GET', `/api/evaluations/${id}/changes`)).json;
    assert.deepEqual(seen.map((d: any) => [d.indicatorId, d.field, d.to]), [['2.1.1', 'deviation', '已补充']]);
    assert.equal((await rev.call('POST', `/api/evaluations/${id}/approve`)).json.status, 'approved');
    assert.equal((await rev.call('POST', `/api/evaluations/${id}/publish`)).status, 403);
    assert.equal((await t.app.inject(`/api/public/evaluations/${id}`)).statusCode, 404);
    assert.equal((await fin.call('POST', `/api/evaluations/${id}/publish`)).json.status, 'published');
    const pub = await t.app.inject(`/api/public/evaluations/${id}`);
    assert.equal(pub.statusCode, 200);
    assert.equal(pub.json().evaluation.title, '流程测试');
    const publist = await t.app.inject(`/api/public/evaluations?fiscalYear=2024`);
    assert.ok(publist.json().items.some((i: any) => i.id === id));
    assert.ok(publist.json().items.every((i: any) => i.status === 'published'));
    const log = (await a.call('GET', `/api/evaluations/${id}/audit`)).json as any[];
    assert.deepEqual(
      log.filter((l) => l.field === 'status').map((l) => `${l.from}→${l.to}`),
      ['草稿→已提交', '已提交→退回', '退回→已提交', '已提交→审核通过', '审核通过→已公开'],
    );
  });
  test('workflow: an approved evaluation cannot be returned by a reviewer; finance reopens it only with a reason', async () => {
    const a = await login('fillA');
    const rev = await login('revA');
    const fin = await login('fin');
    const { id } = await create(a, u.a, sampleEvaluation('已通过'));
    assert.equal((await a.call('POST', `/api/evaluations/${id}/submit`)).status, 200);
    assert.equal((await rev.call('POST', `/api/evaluations/${id}/approve`)).json.status, 'approved');
    const back = await rev.call('POST', `/api/evaluations/${id}/return`, { comment: '再改改' });
    assert.ok(back.status === 403 || back.status === 409, `reviewer return of an approved evaluation: ${back.status}`);
    assert.match(back.json.error, /审核通过/);
    assert.equal((await fin.call('POST', `/api/evaluations/${id}/reopen`, {})).status, 400);
    assert.equal((await fin.call('POST', `/api/evaluations/${id}/reopen`, { comment: '审计发现成本指标需更正' })).json.status, 'returned');
    const log = (await a.call('GET', `/api/evaluations/${id}/audit`)).json as any[];
    assert.ok(log.some((l) => l.field === 'status' && l.from === '审核通过' && l.to === '退回'));
  });

  test('workflow: carrying an evaluation forward into its own year is refused', async () => {
    const a = await login('fillA');
    const ev = sampleEvaluation('同年结转');
    const { id } = await create(a, u.a, ev);
    const r = await a.call('POST', `/api/evaluations/${id}/carry-forward`, { fiscalYear: ev.fiscalYear });
    assert.ok(r.status >= 400 && r.status < 500, `same-year carry-forward: ${r.status}`);
    assert.match(r.json.error, /[\u4e00-\u9fff]/);
  });

  test('workflow: a transition changed in core is what the server enforces (one place)', async () => {
    const a = await login('fillA');
    const { id } = await create(a, u.a, sampleEvaluation('规则在核心'));
    const was = WORKFLOW.submit.from;
    try {
      // core now says: only a returned evaluation may be submitted
      (WORKFLOW.submit as { from?: readonly string[] }).from = ['returned'];
      assert.equal((await a.call('POST', `/api/evaluations/${id}/submit`)).status, 409);
    } finally {
      (WORKFLOW.submit as { from?: readonly string[] }).from = was;
    }
    assert.equal((await a.call('POST', `/api/evaluations/${id}/submit`)).json.status, 'submitted');
  });
});
