// Monitoring rounds (运行监控) on approved target tables: created by the unit for a period (1–7月 by
// default), filled, submitted; each save computes the traffic lights by the ruleset's lifecycle
// settings (core/monitoring). The finance bureau sees every submitted round with a red light in its
// scope. Scope as everywhere: through the round's unit.
import { assessRound, getRuleset, lifecycleSettings, leaves, LIGHT_LABEL, periodLabel, type MonitoringRound, type TargetTable } from '@jixiao/core';
import type { Db, Queryable } from '../db/client.ts';
import type { User } from '../auth/store.ts';
import { auditObject, auditOfObject, type AuditEntry } from '../audit.ts';
import { scopeSql } from '../scope.ts';
import { HttpError, badRequest, forbidden, notFound } from '../errors.ts';
import { tableInScope } from '../targets/store.ts';

const OBJECT = 'monitoring_round';
const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d == null ? null : String(d));

const settingsOf = (t: TargetTable) => lifecycleSettings(getRuleset(t.ruleset ?? 'national') ?? null);

/** The approved version of a table (the binding one, also while an adjustment is under way). */
export async function approvedTable(q: Queryable, tableRow: any): Promise<TargetTable> {
  if (!tableRow.approved_version) throw Object.assign(forbidden('绩效目标尚未批复，不能开始运行监控或自评'), { status: 409, code: 'not-approved' });
  const [v] = await q.query('SELECT target_table FROM target_table_versions WHERE target_table_id = $1 AND version = $2', [tableRow.id, tableRow.approved_version]);
  return v.target_table as TargetTable;
}

export async function roundInScope(q: Queryable, user: User, id: number, forUpdate = false): Promise<any> {
  const params: unknown[] = [id];
  const rows = await q.query(
    `SELECT m.*, t.title, t.approved_version, un.name AS unit_name FROM monitoring_rounds m JOIN target_tables t ON t.id = m.target_table_id
       JOIN units un ON un.id = m.unit_id
     WHERE m.id = $1 AND ${scopeSql(user, 'm.unit_id', params)}${forUpdate ? ' FOR UPDATE OF m' : ''}`,
    params,
  );
  if (!rows.length) throw notFound('监控表');
  return rows[0];
}

const mayFill = (user: User) => {
  if (user.role !== 'filler' && user.role !== 'admin') throw forbidden('只有填报单位可以填报运行监控');
};

export async function createRound(db: Db, user: User, tableId: number, period: { from: number; to: number }) {
  mayFill(user);
  if (!(period.from >= 1 && period.to <= 12 && period.from <= period.to)) throw badRequest('监控期间的起止月份不正确');
  return db.tx(async (q) => {
    const t = await tableInScope(q, user, tableId);
    const table = await approvedTable(q, t);
    const dup = await q.query('SELECT id FROM monitoring_rounds WHERE target_table_id = $1 AND period_from = $2 AND period_to = $3', [tableId, period.from, period.to]);
    if (dup.length) throw new HttpError(409, 'exists', `该项目已有 ${periodLabel(period)} 的监控表`, { id: dup[0].id });
    const round: MonitoringRound = {
      period,
      funds: { unit: table.funds.unit, annualBudget: table.funds.total, executed: null, expectedYearEnd: null, note: null },
      rows: leaves(table)
        .filter((i) => i.kind !== 'execution')
        .map((i) => ({ indicatorId: i.id, progress: null, expected: null, cause: null, note: null, likelihood: null })),
    };
    const a = assessRound(table, round, settingsOf(table));
    const [row] = await q.query<{ id: number }>(
      `INSERT INTO monitoring_rounds (target_table_id, unit_id, fiscal_year, period_from, period_to, data, light, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $8) RETURNING id`,
      [tableId, t.unit_id, t.fiscal_year, period.from, period.to, JSON.stringify(round), a.light, user.id],
    );
    await auditObject(q, user, OBJECT, row.id, t.unit_id, [{ action: 'create', field: 'period', to: periodLabel(period) }]);
    return { id: row.id, version: 1 };
  });
}

export async function roundDetail(q: Queryable, user: User, id: number) {
  const r = await roundInScope(q, user, id);
  const [v] = await q.query('SELECT target_table FROM target_table_versions WHERE target_table_id = $1 AND version = $2', [r.target_table_id, r.approved_version]);
  const table = v.target_table as TargetTable;
  const round = r.data as MonitoringRound;
  const settings = settingsOf(table);
  return {
    id: r.id,
    targetTableId: r.target_table_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    title: r.title,
    fiscalYear: r.fiscal_year,
    status: r.status,
    version: r.version,
    light: r.light,
    round,
    table,
    assessment: assessRound(table, round, settings),
    settings: settings.monitoring,
    updatedAt: iso(r.updated_at),
  };
}

export async function saveRound(db: Db, user: User, id: number, version: number, round: MonitoringRound) {
  mayFill(user);
  return db.tx(async (q) => {
    const r = await roundInScope(q, user, id, true);
    if (r.version !== version) throw new HttpError(409, 'conflict', '该监控表已被他人修改，请刷新后再保存', { current: { version: r.version } });
    if (r.status !== 'draft') throw Object.assign(forbidden('监控表已提交，不能修改'), { status: 409, code: 'bad-status' });
    const [v] = await q.query('SELECT target_table FROM target_table_versions WHERE target_table_id = $1 AND version = $2', [r.target_table_id, r.approved_version]);
    const table = v.target_table as TargetTable;
    const known = new Set(leaves(table).map((i) => i.id));
    for (const row of round.rows) if (!known.has(row.indicatorId)) throw badRequest(`指标「${row.indicatorId}」不在批复的绩效目标中`);
    const a = assessRound(table, round, settingsOf(table));
    await q.query(`UPDATE monitoring_rounds SET data = $2::jsonb, light = $3, version = $4, period_from = $5, period_to = $6, updated_at = now(), updated_by = $7 WHERE id = $1`, [
      id,
      JSON.stringify(round),
      a.light,
      version + 1,
      round.period.from,
      round.period.to,
      user.id,
    ]);
    const old = r.data as MonitoringRound;
    const entries: AuditEntry[] = [];
    const before = new Map(old.rows.map((x) => [x.indicatorId, x]));
    for (const x of round.rows) {
      const o = before.get(x.indicatorId);
      for (const k of ['progress', 'expected', 'cause', 'note', 'likelihood'] as const) {
        if ((o?.[k] ?? null) !== (x[k] ?? null)) entries.push({ action: 'save', field: `rows[${x.indicatorId}].${k}`, from: o?.[k] ?? null, to: x[k] ?? null });
      }
    }
    for (const k of ['annualBudget', 'executed', 'expectedYearEnd'] as const) {
      if ((old.funds[k] ?? null) !== (round.funds[k] ?? null)) entries.push({ action: 'save', field: `funds.${k}`, from: old.funds[k] ?? null, to: round.funds[k] ?? null });
    }
    if (r.light !== a.light) entries.push({ action: 'save', field: 'light', from: LIGHT_LABEL[r.light as keyof typeof LIGHT_LABEL], to: LIGHT_LABEL[a.light] });
    await auditObject(q, user, OBJECT, id, r.unit_id, entries);
    return { version: version + 1, light: a.light, assessment: a };
  });
}

export async function submitRound(db: Db, user: User, id: number) {
  mayFill(user);
  return db.tx(async (q) => {
    const r = await roundInScope(q, user, id, true);
    if (r.status !== 'draft') throw Object.assign(forbidden('监控表已提交'), { status: 409, code: 'bad-status' });
    const [v] = await q.query('SELECT target_table FROM target_table_versions WHERE target_table_id = $1 AND version = $2', [r.target_table_id, r.approved_version]);
    const a = assessRound(v.target_table, r.data, settingsOf(v.target_table));
    if (a.missing.length) throw new HttpError(422, 'incomplete', `还有 ${a.missing.length} 项偏差未填写原因，不能提交`, { missing: a.missing });
    await q.query(`UPDATE monitoring_rounds SET status = 'submitted', version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1`, [id, user.id]);
    await auditObject(q, user, OBJECT, id, r.unit_id, [{ action: 'submit', field: 'status', from: '草稿', to: '已提交' }]);
    return { status: 'submitted', version: r.version + 1 };
  });
}

export async function roundsOfTable(q: Queryable, user: User, tableId: number) {
  await tableInScope(q, user, tableId);
  const rows = await q.query('SELECT id, period_from, period_to, status, light, version FROM monitoring_rounds WHERE target_table_id = $1 ORDER BY period_to, id', [tableId]);
  return rows.map((r: any) => ({ id: r.id, period: { from: r.period_from, to: r.period_to }, status: r.status, light: r.light, version: r.version }));
}

/** The finance bureau's view: submitted rounds with a red light in scope, each with its red items. */
export async function redRounds(q: Queryable, user: User, fiscalYear: number | null) {
  if (user.role === 'filler') throw forbidden('红灯项目清单供主管部门和财政部门查看');
  const params: unknown[] = [];
  const where = [`m.light = 'red'`, `m.status = 'submitted'`, scopeSql(user, 'm.unit_id', params)];
  if (fiscalYear) where.push(`m.fiscal_year = $${params.push(fiscalYear)}`);
  const rows = await q.query(
    `SELECT m.*, t.title, un.name AS unit_name, v.target_table FROM monitoring_rounds m JOIN target_tables t ON t.id = m.target_table_id
       JOIN units un ON un.id = m.unit_id JOIN target_table_versions v ON v.target_table_id = t.id AND v.version = t.approved_version
     WHERE ${where.join(' AND ')} ORDER BY un.path, m.id`,
    params,
  );
  return rows.map((r: any) => {
    const a = assessRound(r.target_table, r.data, settingsOf(r.target_table));
    const red = a.indicators.filter((i) => i.light === 'red').map((i) => ({ indicatorId: i.indicatorId, path: i.path, reasons: i.reasons }));
    const byId = new Map((r.data as MonitoringRound).rows.map((x) => [x.indicatorId, x]));
    return {
      id: r.id,
      targetTableId: r.target_table_id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      title: r.title,
      fiscalYear: r.fiscal_year,
      period: { from: r.period_from, to: r.period_to },
      funds: a.funds,
      red: red.map((x) => ({ ...x, cause: byId.get(x.indicatorId)?.cause ?? null, note: byId.get(x.indicatorId)?.note ?? null })),
    };
  });
}

export async function auditOfRound(q: Queryable, user: User, id: number) {
  await roundInScope(q, user, id);
  return auditOfObject(q, OBJECT, id);
}
