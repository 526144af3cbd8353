// The target table and the monitoring table written as .xlsx and .docx in the official layouts and
// read back through the same readers as the self-evaluation, with the same rows and values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedTable } from '@jixiao/core/targets/test-fixtures/index.ts';
import type { MonitoringRound, TargetTable } from '@jixiao/core';
import { readDocument } from '../read/index.ts';
import { readMonitoringForm, readTargetForm, renderMonitoringTable, renderTargetTable } from './index.ts';

const table: TargetTable = { ...seedTable('海创扶持资金'), fiscalYear: 2021, funds: { unit: '万元', total: '2700', appropriation: '2700', other: null } };
table.goals.longTerm = '培育一批具有自主知识产权的优质中小企业';
table.indicators[0].weight = '50'; // 产出指标（50分）: an upper weight travels too

const rowsOf = (t: TargetTable) => t.indicators.map((i) => [i.id, i.path.join('/'), i.target, i.weight]);

for (const format of ['xlsx', 'docx'] as const) {
  test(`target table (S1 海创扶持资金) as .${format}: read back with the same head, funds, goals and every row`, async () => {
    const bytes = await renderTargetTable(table, format);
    const back = readTargetForm(await readDocument(bytes, `目标.${format}`));
    assert.equal(back.title, '海创扶持资金');
    assert.equal(back.fiscalYear, 2021);
    assert.equal(back.parentUnit, table.parentUnit);
    assert.equal(back.unit, table.unit);
    assert.deepEqual(back.funds, table.funds);
    assert.deepEqual(back.goals, table.goals);
    assert.equal(back.executionWeight, '10');
    assert.deepEqual(rowsOf(back), rowsOf(table));
  });

  test(`monitoring table as .${format}: funds, period and each indicator's 执行情况, 预计, 偏差原因, 可能性 read back`, async () => {
    const round: MonitoringRound = {
      period: { from: 1, to: 7 },
      funds: { unit: '万元', annualBudget: '2700', executed: '1600.5', expectedYearEnd: '2650' },
      rows: table.indicators.filter((i) => i.target).map((i) => ({ indicatorId: i.id, progress: '按计划推进', expected: i.target, cause: null, note: null, likelihood: '确定能' as const })),
    };
    Object.assign(round.rows[0], { progress: '18个', expected: '30个', cause: '制度保障', note: '政策修订，申报推迟', likelihood: '完全不可能' });
    const bytes = await renderMonitoringTable(table, round, format);
    const back = readMonitoringForm(await readDocument(bytes, `监控.${format}`));
    assert.equal(back.title, '海创扶持资金');
    assert.deepEqual(back.period, { from: 1, to: 7 });
    assert.deepEqual(back.funds, { unit: '万元', annualBudget: '2700', executed: '1600.5', expectedYearEnd: '2650' });
    const byPath = new Map(table.indicators.map((i) => [i.path.join('/'), i.id]));
    assert.deepEqual(
      back.rows.map((r) => [byPath.get(r.path.join('/')), r.target, r.progress, r.expected, r.cause, r.note, r.likelihood]),
      round.rows.map((r) => [r.indicatorId, table.indicators.find((i) => i.id === r.indicatorId)!.target, r.progress, r.expected, r.cause, r.note, r.likelihood]),
    );
  });
}

test('a document without the form is refused with a Chinese message', async () => {
  const doc = { format: 'text' as const, blocks: [{ kind: 'paragraph' as const, text: '没有表格' }], warnings: [] };
  assert.throws(() => readTargetForm(doc), /没有找到绩效目标申报表/);
  assert.throws(() => readMonitoringForm(doc), /没有找到运行监控表/);
});
