// Target tables over HTTP: declare (blank, template, full table), save, 申报 → 审核 → 批复 with
// roles, scope and the audit log; locked once approved; 调整 with a reason through the same steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeApi } from '../testing-api.ts';
import { approved, declared, haichuang } from './testing.ts';

describeApi('绩效目标', (t) => {
  const { u, login } = t;

  test('targets: from the national template: the tree of the form, the funds weight 10, no actuals; only the unit and those above it see it', async () => {
    const a = await login('fillA');
    const r = await a.call('POST', '/api/targets', { unitId: u.a, frameworkId: 'national-project', title: '模板项目', fiscalYear: 2025 });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const d = (await a.call('GET', `/api/targets/${r.json.id}`)).json;
    assert.equal(d.status, 'draft');
    assert.equal(d.table.unit, '甲单位');
    assert.deepEqual(d.table.indicators.filter((i: any) => i.level === 1).map((i: any) => [i.name, i.weight]), [['产出', '50'], ['效益', '30'], ['满意度', '10']]);
    assert.equal(d.table.executionWeight, '10');
    assert.ok(d.table.indicators.every((i: any) => i.actual === null));
    // the empty template's targets are findings (T02), listed with the table
    assert.ok(d.findings.some((f: any) => f.rule === 'target-measurable'));
    for (const other of ['fillB', 'revB']) {
      const c = await login(other);
      assert.equal((await c.call('GET', `/api/targets/${r.json.id}`)).status, 404, other);
      assert.ok(!(await c.call('GET', '/api/targets')).json.items.some((x: any) => x.id === r.json.id), other);
    }
    for (const above of ['revA', 'fin', 'admin']) {
      assert.equal((await (await login(above)).call('GET', `/api/targets/${r.json.id}`)).status, 200, above);
    }
    // a filler cannot declare for another unit
    assert.equal((await a.call('POST', '/api/targets', { unitId: u.b, title: '越权', fiscalYear: 2025 })).status, 404);
    assert.equal((await (await login('revA')).call('POST', '/api/targets', { unitId: u.a, title: '审核人新建', fiscalYear: 2025 })).status, 403);
  });

  test('targets: 申报 → 审核 (rating, a comment on one indicator) → 批复, each move by its role only, then locked; the audit log has every step', async () => {
    const a = await login('fillA');
    const rev = await login('revA');
    const revB = await login('revB');
    const fin = await login('fin');
    const id = await declared(t, a);
    let d = (await a.call('GET', `/api/targets/${id}`)).json;
    // save: the target of 资助孵化海创数量 raised, audited with old and new value
    const table = d.table;
    table.indicators.find((i: any) => i.id === '1.1.1').target = '≥60个';
    const saved = await a.call('PUT', `/api/targets/${id}`, { version: d.version, table });
    assert.equal(saved.status, 200);
    assert.equal((await a.call('PUT', `/api/targets/${id}`, { version: d.version, table })).status, 409); // stale version
    assert.equal((await rev.call('POST', `/api/targets/${id}/review`, { rating: '优' })).status, 409); // not submitted yet
    assert.equal((await rev.call('POST', `/api/targets/${id}/submit`)).status, 403);
    assert.equal((await a.call('POST', `/api/targets/${id}/submit`)).json.status, 'submitted');
    d = (await a.call('GET', `/api/targets/${id}`)).json;
    assert.equal((await a.call('PUT', `/api/targets/${id}`, { version: d.version, table })).status, 409); // submitted: not editable
    assert.equal((await revB.call('POST', `/api/targets/${id}/review`, { rating: '优' })).status, 404); // another department
    assert.equal((await rev.call('POST', `/api/targets/${id}/review`, {})).status, 400); // a rating is needed
    assert.equal((await rev.call('POST', `/api/targets/${id}/review`, { rating: '甲' })).status, 400);
    assert.equal((await fin.call('POST', `/api/targets/${id}/approve`)).status, 409); // not reviewed yet
    const reviewed = await rev.call('POST', `/api/targets/${id}/review`, {
      rating: '良',
      comment: '总体可行',
      comments: [{ indicatorId: '2.1.1', text: '“得到提升”请量化，例如技术合同成交额增长率' }],
    });
    assert.equal(reviewed.json.status, 'reviewed');
    assert.equal((await rev.call('POST', `/api/targets/${id}/approve`)).status, 403); // finance approves
    assert.equal((await a.call('POST', `/api/targets/${id}/approve`)).status, 403);
    assert.equal((await fin.call('POST', `/api/targets/${id}/approve`)).json.status, 'approved');
    d = (await a.call('GET', `/api/targets/${id}`)).json;
    assert.equal(d.status, 'approved');
    assert.equal(d.approvedVersion, d.version);
    assert.equal(d.rating, '良');
    assert.deepEqual(d.reviews[0].comments, [{ indicatorId: '2.1.1', text: '“得到提升”请量化，例如技术合同成交额增长率' }]);
    const locked = await a.call('PUT', `/api/targets/${id}`, { version: d.version, table });
    assert.equal(locked.status, 409);
    assert.equal(locked.json.error, '绩效目标已批复并锁定；如需修改，请申请调整（须填写理由）');
    const log = (await a.call('GET', `/api/targets/${id}/audit`)).json as any[];
    const rows = log.map((e) => [e.username, e.action, e.field, e.from, e.to]);
    assert.deepEqual(rows.find((r) => r[2] === 'indicators[1.1.1].target'), ['fillA', 'save', 'indicators[1.1.1].target', '≥50个', '≥60个']);
    assert.deepEqual(
      rows.filter((r) => r[2] === 'status').map((r) => [r[0], r[3], r[4]]),
      [['fillA', '草稿', '已申报'], ['revA', '已申报', '主管部门已审核'], ['fin', '主管部门已审核', '已批复']],
    );
    assert.ok(rows.some((r) => r[0] === 'revA' && r[2] === 'rating' && r[4] === '良'));
    assert.ok(rows.some((r) => r[0] === 'revA' && r[2] === 'indicators[2.1.1].comment'));
    assert.equal((await (await login('fillB')).call('GET', `/api/targets/${id}/audit`)).status, 404);
  });

  test('targets: 调整 needs a reason, goes through review and approval again, keeps the approved version binding meanwhile and the history', async () => {
    const id = await approved(t);
    const a = await login('fillA');
    const rev = await login('revA');
    const fin = await login('fin');
    const before = (await a.call('GET', `/api/targets/${id}`)).json;
    assert.equal((await a.call('POST', `/api/targets/${id}/adjust`, {})).status, 400);
    assert.equal((await rev.call('POST', `/api/targets/${id}/adjust`, { reason: 'x' })).status, 403);
    assert.equal((await a.call('POST', `/api/targets/${id}/adjust`, { reason: '预算调减至 1300 万元' })).json.status, 'adjusting');
    let d = (await a.call('GET', `/api/targets/${id}`)).json;
    assert.equal(d.adjustmentReason, '预算调减至 1300 万元');
    assert.equal(d.approvedVersion, before.approvedVersion);
    const table = d.table;
    table.funds.total = '1300';
    table.indicators.find((i: any) => i.id === '1.4.1').target = '1300万元';
    assert.equal((await a.call('PUT', `/api/targets/${id}`, { version: d.version, table })).status, 200);
    d = (await a.call('GET', `/api/targets/${id}`)).json;
    assert.equal(d.approved.funds.total, '2700'); // the binding version, shown beside the adjustment
    assert.equal((await a.call('POST', `/api/targets/${id}/submit`)).status, 200);
    assert.equal((await rev.call('POST', `/api/targets/${id}/review`, { rating: '优' })).json.status, 'reviewed');
    assert.equal((await fin.call('POST', `/api/targets/${id}/approve`)).json.status, 'approved');
    d = (await a.call('GET', `/api/targets/${id}`)).json;
    assert.equal(d.approvedVersion, d.version);
    assert.equal(d.table.funds.total, '1300');
    assert.equal(d.adjustmentReason, null);
    const versions = (await a.call('GET', `/api/targets/${id}/versions`)).json as any[];
    assert.deepEqual(versions.filter((v) => v.reason).map((v) => [v.statusLabel, v.reason]), [['调整中', '预算调减至 1300 万元']]);
    assert.equal((await a.call('GET', `/api/targets/${id}/versions/${before.approvedVersion}`)).json.funds.total, '2700');
    const log = (await a.call('GET', `/api/targets/${id}/audit`)).json as any[];
    assert.ok(log.some((e) => e.action === 'adjust' && e.field === 'reason' && e.to === '预算调减至 1300 万元'));
    assert.ok(log.some((e) => e.field === 'funds.total' && e.from === '2700' && e.to === '1300'));
  });

  test('targets: 申报 refused while a check finds an error (weights 105, T03); 中 sends the table back with comments', async () => {
    const a = await login('fillA');
    const rev = await login('revA');
    const bad = haichuang('分值超标项目');
    bad.indicators.find((i) => i.id === '1.1.1')!.weight = '20';
    const id = await declared(t, a, bad);
    const r = await a.call('POST', `/api/targets/${id}/submit`);
    assert.equal(r.status, 422);
    assert.deepEqual(r.json.findings.map((f: any) => f.rule), ['target-weights']);
    assert.equal(r.json.error, '绩效目标还有 1 个错误未处理，不能申报');
    const id2 = await declared(t, a, haichuang('中等项目'));
    await a.call('POST', `/api/targets/${id2}/submit`);
    assert.equal((await rev.call('POST', `/api/targets/${id2}/review`, { rating: '中' })).status, 400);
    const back = await rev.call('POST', `/api/targets/${id2}/review`, { rating: '中', comment: '效益指标不可衡量，请修改后重新申报' });
    assert.equal(back.json.status, 'returned');
    const d = (await a.call('GET', `/api/targets/${id2}`)).json;
    assert.equal(d.status, 'returned');
    assert.equal(d.reviews.at(-1).comment, '效益指标不可衡量，请修改后重新申报');
    assert.equal((await a.call('PUT', `/api/targets/${id2}`, { version: d.version, table: d.table })).status, 200);
  });

  test('targets: the indicator library finds what the unit used before, by name and category, within scope', async () => {
    const a = await login('fillA');
    await declared(t, a, haichuang('指标库来源'));
    const found = (await a.call('GET', `/api/targets/library?q=${encodeURIComponent('满意度')}`)).json as any[];
    assert.ok(found.some((e) => e.name === '资助企业满意度指标' && e.target === '≥80%'));
    const cost = (await a.call('GET', `/api/targets/library?category=${encodeURIComponent('成本指标')}`)).json as any[];
    assert.ok(cost.some((e) => e.name === '项目预算控制数' && e.target === '2700'));
    assert.ok(cost.every((e) => e.category.some((c: string) => c.includes('成本指标'))));
    assert.deepEqual((await (await login('fillB')).call('GET', `/api/targets/library?q=${encodeURIComponent('海创')}`)).json, []);
  });

  test('targets: bad input is refused in Chinese', async () => {
    const a = await login('fillA');
    const r = await a.call('POST', '/api/targets', { unitId: u.a, table: { ...haichuang(), title: '' } });
    assert.equal(r.status, 400);
    assert.match(r.json.error, /项目名称/);
    const r2 = await a.call('POST', '/api/targets', { unitId: u.a, table: { ...haichuang(), funds: { unit: '万元', total: '1,000', appropriation: null, other: null } } });
    assert.equal(r2.status, 400);
    assert.match(r2.json.error, /项目资金/);
  });
});
