// The dashboard, the list's total and paging and the unit pickers at any scale: the maintained
// aggregates agree with counting the evaluations themselves after creates, saves and workflow steps,
// in every scope; the list pages by keyset to its last row; the coverage table and /api/units come
// a page at a time. On PGlite and on PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleEvaluation } from '../testing.ts';
import { describeApi } from '../testing-api.ts';
import { compactStats } from './stats.ts';

/** an evaluation scored 100 whose money was 60 % spent: in the 可能虚高 zone */
const inflatedEvaluation = (title: string) => {
  const ev = sampleEvaluation(title);
  ev.budget = { ...ev.budget!, executed: '60', statedRate: '60', statedScore: '10', lines: [{ ...ev.budget!.lines[0], executed: '60' }] };
  return ev;
};

describeApi('统计与分页', (t) => {
  const { u, login, create } = t;

  /** the dashboard's figures counted directly over the evaluations (what the aggregates must equal) */
  async function counted(where: string, params: unknown[]) {
    const rows = await t.db.query<{ grade: string | null; n: number; inflated: number }>(
      `SELECT e.grade, count(*)::int AS n, count(*) FILTER (WHERE e.total >= 95 AND e.execution_rate < 80)::int AS inflated
       FROM evaluations e JOIN units un ON un.id = e.unit_id WHERE ${where} GROUP BY e.grade`,
      params,
    );
    const rules = await t.db.query<{ rule: string; n: number }>(
      `SELECT f.rule, count(*)::int AS n FROM findings f JOIN evaluations e ON e.id = f.evaluation_id JOIN units un ON un.id = e.unit_id
       WHERE ${where} GROUP BY f.rule ORDER BY 2 DESC, 1`,
      params,
    );
    const grades = { excellent: 0, good: 0, fair: 0, poor: 0 } as Record<string, number>;
    for (const r of rows) if (r.grade) grades[r.grade] = r.n;
    return {
      count: rows.reduce((a, r) => a + r.n, 0),
      inflated: rows.reduce((a, r) => a + r.inflated, 0),
      grades,
      rules: rules.map((r) => ({ rule: r.rule, count: r.n })),
    };
  }

  async function agrees(label: string) {
    const fin = await login('fin');
    const revA = await login('revA');
    const fillB = await login('fillB');
    const cases: [string, typeof fin, string, string, unknown[]][] = [
      ['财政', fin, '', 'TRUE', []],
      ['财政 2024 草稿', fin, '?fiscalYear=2024&status=draft', `e.fiscal_year = 2024 AND e.status = 'draft'`, []],
      ['财政 甲主管部门', fin, `?parentUnitId=${u.depA}`, `un.path LIKE (SELECT path FROM units WHERE id = $1) || '%'`, [u.depA]],
      ['财政 优', fin, '?grade=excellent', `e.grade = 'excellent'`, []],
      ['审核人甲', revA, '', `un.path LIKE (SELECT path FROM units WHERE id = $1) || '%'`, [u.depA]],
      ['填报人乙', fillB, '', `e.unit_id = $1`, [u.b]],
    ];
    for (const [who, c, qs, where, params] of cases) {
      const want = await counted(where, params);
      const dash = (await c.call('GET', `/api/dashboard${qs}`)).json;
      assert.deepEqual(
        { count: dash.count, grades: dash.grades, inflated: dash.inflated.count, rules: dash.findingsByRule },
        { count: want.count, grades: want.grades, inflated: want.inflated, rules: want.rules },
        `${label}: ${who}`,
      );
      assert.equal(dash.scatter.kind, 'aggregate');
      assert.equal(dash.scatter.cells.reduce((a: number, c: any) => a + c.count, 0) + dash.scatter.withoutRate, want.count, `${label}: ${who} scatter`);
      const list = (await c.call('GET', `/api/evaluations${qs}`)).json;
      assert.deepEqual([list.total, list.totalExact], [want.count, true], `${label}: ${who} list total`);
    }
  }

  test('the aggregates equal the evaluations counted directly, after creates, saves, workflow steps and compaction', async () => {
    const a = await login('fillA');
    const b = await login('fillB');
    const rev = await login('revA');
    const made = [];
    for (let i = 0; i < 4; i++) made.push(await create(a, u.a, sampleEvaluation(`甲项目${i}`)));
    made.push(await create(a, u.a, inflatedEvaluation('甲虚高项目')));
    made.push(await create(b, u.b, sampleEvaluation('乙项目', { fiscalYear: 2023 })));
    await agrees('created');
    // a save that lowers the grade and adds findings, one that moves into the inflated zone
    const worse = sampleEvaluation('甲项目0');
    worse.indicators[2].actual = '50人次';
    worse.indicators[2].statedScore = '50';
    let r = await a.call('PUT', `/api/evaluations/${made[0].id}`, { version: made[0].version, evaluation: worse });
    assert.equal(r.status, 200);
    assert.notEqual(r.json.evaluation.grade, 'excellent');
    r = await a.call('PUT', `/api/evaluations/${made[1].id}`, { version: made[1].version, evaluation: inflatedEvaluation('甲项目1') });
    assert.equal(r.status, 200);
    await agrees('saved');
    // submitted and approved: the status moves in the aggregates
    assert.equal((await a.call('POST', `/api/evaluations/${made[2].id}/submit`)).status, 200);
    assert.equal((await rev.call('POST', `/api/evaluations/${made[2].id}/approve`)).status, 200);
    assert.equal((await a.call('POST', `/api/evaluations/${made[3].id}/submit`)).status, 200);
    await agrees('workflow');
    const before = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM evaluation_stats`);
    for (const node of [u.fin, u.depA, u.depB, u.a, u.b]) await compactStats(t.db, node);
    const afterRows = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM evaluation_stats`);
    assert.ok(afterRows[0].n < before[0].n, 'compaction folds the appended rows');
    await agrees('compacted');
    const fin = await login('fin');
    const dash = (await fin.call('GET', '/api/dashboard')).json;
    // the two inflated ones are listed, newest first
    assert.deepEqual(dash.inflated.items.map((i: any) => i.title), ['甲项目1', '甲虚高项目']);
    assert.deepEqual([dash.inflated.totalAtLeast, dash.inflated.executionBelow], [95, 80]);
    const zone = dash.scatter.cells.filter((c: any) => c.totalFrom >= 95 && c.rateTo != null && c.rateTo <= 80);
    assert.equal(zone.reduce((x: number, c: any) => x + c.count, 0), 2);
  });

  test('the list pages by keyset through every row, newest first, each row once; a broken cursor is refused', async () => {
    const a = await login('fillA');
    const ids = new Set<number>();
    for (let i = 0; i < 11; i++) ids.add((await create(a, u.a, sampleEvaluation(`翻页${i}`, { fiscalYear: 2030 }))).id);
    const seen: number[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const r: any = await a.call('GET', `/api/evaluations?fiscalYear=2030&pageSize=4${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      assert.equal(r.status, 200);
      assert.equal(r.json.total, 11);
      seen.push(...r.json.items.map((i: any) => i.id));
      after = r.json.next;
      pages++;
    } while (after);
    assert.equal(pages, 3);
    assert.deepEqual(seen, [...ids].reverse());
    // a text search counts its matches
    const found = (await a.call('GET', '/api/evaluations?q=%E7%BF%BB%E9%A1%B5&pageSize=2')).json;
    assert.deepEqual([found.total, found.totalExact, found.items.length, typeof found.next], [11, true, 2, 'string']);
    const bad = await a.call('GET', '/api/evaluations?after=2024-01-01');
    assert.equal(bad.status, 400);
    assert.match(bad.json.error, /翻页位置/);
  });

  test('the coverage table comes a page of units at a time, searched by name', async () => {
    const admin = await login('admin');
    for (let i = 0; i < 5; i++) assert.equal((await admin.call('POST', '/api/units', { name: `覆盖单位${i}`, parentId: u.depB })).status, 200);
    const fin = await login('fin');
    const p1 = (await fin.call('GET', '/api/dashboard?fiscalYear=2024&coveragePageSize=3')).json.coverage;
    assert.equal(p1.total, 7);
    assert.equal(p1.items.length, 3);
    const p2 = (await fin.call('GET', `/api/dashboard?fiscalYear=2024&coveragePageSize=3&coverageAfter=${encodeURIComponent(p1.next)}`)).json.coverage;
    const p3 = (await fin.call('GET', `/api/dashboard?fiscalYear=2024&coveragePageSize=3&coverageAfter=${encodeURIComponent(p2.next)}`)).json.coverage;
    assert.equal(p3.next, null);
    const all = [...p1.items, ...p2.items, ...p3.items];
    assert.equal(new Set(all.map((c: any) => c.unitId)).size, 7);
    // 甲单位 has the five 2024 evaluations of the first test, two of them submitted or approved
    const a = all.find((c: any) => c.unitId === u.a);
    assert.deepEqual([a.due, a.submitted], [5, 2]);
    const found = (await fin.call('GET', `/api/dashboard?coverageQ=${encodeURIComponent('覆盖单位3')}`)).json.coverage;
    assert.deepEqual(found.items.map((c: any) => c.unitName), ['覆盖单位3']);
    assert.equal((await fin.call('GET', '/api/dashboard?coveragePageSize=900')).status, 400);
  });

  test('/api/units: searched by name and kind, one level of the tree, a page at a time', async () => {
    const fin = await login('fin');
    const deps = (await fin.call('GET', '/api/units?kind=department')).json;
    assert.deepEqual(deps.items.map((x: any) => x.name).sort(), ['乙主管部门', '甲主管部门']);
    const found = (await fin.call('GET', `/api/units?q=${encodeURIComponent('覆盖')}&limit=2`)).json;
    assert.deepEqual([found.total, found.items.length], [5, 2]);
    const rest = (await fin.call('GET', `/api/units?q=${encodeURIComponent('覆盖')}&limit=10&after=${encodeURIComponent(found.next)}`)).json;
    assert.deepEqual([rest.items.length, rest.next], [3, null]);
    assert.equal(new Set([...found.items, ...rest.items].map((x: any) => x.id)).size, 5);
    const children = (await fin.call('GET', `/api/units?parentId=${u.depA}`)).json;
    assert.deepEqual(children.items.map((x: any) => x.name), ['甲单位']);
    // a reviewer does not see the other department's units
    const revA = await login('revA');
    assert.equal((await revA.call('GET', `/api/units?q=${encodeURIComponent('覆盖')}`)).json.total, 0);
    assert.equal((await fin.call('GET', '/api/units?kind=province')).status, 400);
  });
});
