// Self-evaluation from approved targets (T10 on a changed target, the monitoring notes at hand),
// rectification items from its findings, the finance bureau's open items by unit, and the open items
// carried into next year's target table. Scope and audit throughout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeApi } from '../testing-api.ts';
import { approved, haichuang } from '../targets/testing.ts';

describeApi('自评与整改', (t) => {
  const { login } = t;

  test('self-evaluation: starts with the approved targets; a changed target is flagged (T10) and the client cannot drop the approved copy', async () => {
    const a = await login('fillA');
    const id = await approved(t, haichuang('自评项目'));
    assert.equal((await (await login('revA')).call('POST', `/api/targets/${id}/self-evaluation`)).status, 403);
    const r = await a.call('POST', `/api/targets/${id}/self-evaluation`);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal((await a.call('POST', `/api/targets/${id}/self-evaluation`)).status, 409);
    let e = (await a.call('GET', `/api/evaluations/${r.json.id}`)).json;
    const table = (await a.call('GET', `/api/targets/${id}`)).json.table;
    assert.deepEqual(e.evaluation.indicators.map((i: any) => [i.id, i.target]), table.indicators.map((i: any) => [i.id, i.target]));
    assert.equal(e.evaluation.budget.adjustedBudget, '2700');
    assert.ok(!e.evaluation.findings.some((f: any) => f.rule === 'approved-target-changed'));
    const ev = e.evaluation;
    ev.indicators.find((i: any) => i.id === '1.1.1').target = '≥40个';
    delete ev.approvedTargets;
    const saved = await a.call('PUT', `/api/evaluations/${r.json.id}`, { version: e.version, evaluation: ev });
    assert.equal(saved.status, 200);
    const t10 = saved.json.evaluation.findings.filter((f: any) => f.rule === 'approved-target-changed');
    assert.deepEqual(t10.map((f: any) => f.message), ['与批复目标不一致：“产出指标/数量指标/资助孵化海创数量”的年度指标值“≥40个”，批复为“≥50个”']);
    e = (await a.call('GET', `/api/evaluations/${r.json.id}`)).json;
    assert.equal(e.evaluation.approvedTargets.tableId, id);
    const link = (await a.call('GET', `/api/evaluations/${r.json.id}/targets`)).json;
    assert.equal(link.targetTableId, id);
    assert.equal((await (await login('fillB')).call('GET', `/api/evaluations/${r.json.id}/targets`)).status, 404);
  });

  test('rectification: two findings become items; the grade suggests the budget consequence; fin sees open items by unit; next year’s table carries them until done', async () => {
    const a = await login('fillA');
    const id = await approved(t, haichuang('整改项目'));
    const ev = (await a.call('POST', `/api/targets/${id}/self-evaluation`)).json;
    let e = (await a.call('GET', `/api/evaluations/${ev.id}`)).json;
    const evaluation = e.evaluation;
    evaluation.indicators.find((i: any) => i.id === '1.1.1').target = '≥40个'; // T10
    evaluation.indicators.find((i: any) => i.id === '1.1.1').actual = '45个';
    evaluation.indicators.find((i: any) => i.id === '1.1.1').statedScore = '16'; // 分值 15: V02 error
    evaluation.budget.executed = '1160';
    evaluation.sections = [{ heading: '四、存在问题', key: 'problems', text: '部分项目暂不符合资金扶持条件。' }];
    assert.equal((await a.call('PUT', `/api/evaluations/${ev.id}`, { version: e.version, evaluation })).status, 200);
    const c = (await a.call('GET', `/api/evaluations/${ev.id}/rectification`)).json;
    const t10 = c.candidates.find((x: any) => x.source.rule === 'approved-target-changed');
    const problem = c.candidates.find((x: any) => x.source.kind === 'problem');
    assert.ok(t10 && problem);
    assert.equal(problem.problem, '部分项目暂不符合资金扶持条件。');
    assert.ok(c.candidates.some((x: any) => x.source.kind === 'finding' && x.source.rule === 'score-range'));
    assert.equal(typeof c.consequence?.action, c.grade ? 'string' : 'undefined');
    const made = await a.call('POST', '/api/rectification', {
      evaluationId: ev.id,
      items: [
        { ...t10, owner: '项目科 张三', deadline: '2025-06-30', measures: '按批复目标重新填报' },
        { ...problem, owner: '项目科 李四', deadline: '2025-03-31' },
      ],
    });
    assert.equal(made.status, 200, JSON.stringify(made.json));
    assert.equal(made.json.ids.length, 2);
    assert.equal((await a.call('POST', '/api/rectification', { evaluationId: ev.id, items: [{ problem: '期限错', deadline: '2025-13-45' }] })).status, 400);
    assert.equal((await (await login('fillB')).call('POST', '/api/rectification', { evaluationId: ev.id, items: [{ problem: '越权' }] })).status, 404);

    const fin = await login('fin');
    const byUnit = (await fin.call('GET', '/api/rectification/by-unit')).json as any[];
    assert.ok(byUnit.find((x) => x.unitName === '甲单位').open >= 2);
    assert.ok(!(await (await login('revB')).call('GET', '/api/rectification/by-unit')).json.some((x: any) => x.unitName === '甲单位'));
    assert.deepEqual((await (await login('fillB')).call('GET', `/api/rectification?evaluationId=${ev.id}`)).json.items, []);

    // next year's table of the project carries both open items
    const next = await a.call('POST', `/api/targets/${id}/copy`, { fiscalYear: 2025 });
    assert.equal(next.status, 200);
    assert.equal((await a.call('POST', `/api/targets/${id}/copy`, { fiscalYear: 2024 })).status, 400);
    let nt = (await a.call('GET', `/api/targets/${next.json.id}`)).json;
    assert.equal(nt.table.fiscalYear, 2025);
    assert.deepEqual(nt.table.carried.map((x: any) => [x.problem, x.owner, x.status]).sort(), [
      ['与批复目标不一致：“产出指标/数量指标/资助孵化海创数量”的年度指标值“≥40个”，批复为“≥50个”', '项目科 张三', '待整改'],
      ['部分项目暂不符合资金扶持条件。', '项目科 李四', '待整改'],
    ].sort());
    // done items are no longer carried; the change is audited
    const [first] = made.json.ids;
    const upd = await a.call('PATCH', `/api/rectification/${first}`, { status: 'done' });
    assert.equal(upd.json.statusLabel, '已完成');
    assert.equal((await a.call('PATCH', `/api/rectification/${first}`, { status: 'closed' })).status, 400);
    nt = (await a.call('GET', `/api/targets/${next.json.id}`)).json;
    assert.deepEqual(nt.table.carried.map((x: any) => x.problem), ['部分项目暂不符合资金扶持条件。']);
    const log = (await a.call('GET', `/api/rectification/${first}/audit`)).json as any[];
    assert.deepEqual(log.filter((x) => x.field === 'status').map((x) => [x.username, x.from, x.to]), [['fillA', 'open', 'done']]);
    assert.equal((await (await login('fillB')).call('PATCH', `/api/rectification/${first}`, { status: 'open' })).status, 404);
  });
});
