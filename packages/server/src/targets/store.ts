// Target tables (绩效目标申报表): create (blank, from a template, from last year), save (versioned,
// audited), the review workflow of core/targets (申报 → 主管部门审核 → 财政批复, locked; 调整 with a
// reason), the indicator library. Every read goes through scopeSql(): a unit never sees another
// unit's targets (404, as for a missing one).
import {
  checkTargets,
  copyTargetTable,
  countFindings,
  decideTarget,
  buildLibrary,
  searchLibrary,
  reviewOutcome,
  TARGET_STATUS_LABEL,
  TARGET_WORKFLOW,
  type CarriedItem,
  type TargetAction,
  type TargetRating,
  type TargetStatus,
  type TargetTable,
} from '@jixiao/core';
import type { Db, Queryable } from '../db/client.ts';
import type { User } from '../auth/store.ts';
import { auditObject, auditOfObject, type AuditEntry } from '../audit.ts';
import { scopeSql } from '../scope.ts';
import { HttpError, badRequest, forbidden, notFound } from '../errors.ts';
import { unitInScope } from '../evaluations/store.ts';

export const OBJECT = 'target_table';
const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d == null ? null : String(d));

export function requireTarget(user: User, action: TargetAction, status?: TargetStatus) {
  const v = decideTarget(user.role, action, status);
  if (v.ok) return;
  if (v.reason === 'role') throw forbidden(v.message);
  throw Object.assign(forbidden(v.message), { status: 409, code: 'bad-status' });
}

/** The row of a target table the user may see (with its unit's name), or 404. */
export async function tableInScope(q: Queryable, user: User, id: number, forUpdate = false): Promise<any> {
  const params: unknown[] = [id];
  const rows = await q.query(
    `SELECT t.*, un.name AS unit_name, us.username AS updated_by_name FROM target_tables t JOIN units un ON un.id = t.unit_id
       LEFT JOIN users us ON us.id = t.updated_by
     WHERE t.id = $1 AND ${scopeSql(user, 't.unit_id', params)}${forUpdate ? ' FOR UPDATE OF t' : ''}`,
    params,
  );
  if (!rows.length) throw notFound('绩效目标表');
  return rows[0];
}

/** Open rectification items of earlier years for the same unit and project (carried into this table). */
export async function carriedItems(q: Queryable, unitId: number, title: string, fiscalYear: number | null): Promise<CarriedItem[]> {
  const rows = await q.query(
    `SELECT id, fiscal_year, problem, measures, owner, deadline, status FROM rectification_items
     WHERE unit_id = $1 AND title = $2 AND status <> 'done' AND ($3::int IS NULL OR fiscal_year IS NULL OR fiscal_year < $3) ORDER BY id`,
    [unitId, title, fiscalYear],
  );
  const label: Record<string, string> = { open: '待整改', 'in-progress': '整改中', done: '已完成' };
  return rows.map((r: any) => ({ id: r.id, fiscalYear: r.fiscal_year, problem: r.problem, measures: r.measures, owner: r.owner, deadline: r.deadline, status: label[r.status] ?? r.status }));
}

function itemOf(r: any) {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    subject: r.subject,
    title: r.title,
    fiscalYear: r.fiscal_year,
    status: r.status as TargetStatus,
    statusLabel: TARGET_STATUS_LABEL[r.status as TargetStatus],
    version: r.version,
    rating: r.rating,
    approvedVersion: r.approved_version,
    errors: r.errors,
    warnings: r.warnings,
    updatedAt: iso(r.updated_at),
  };
}

export async function detail(q: Queryable, user: User, id: number) {
  const r = await tableInScope(q, user, id);
  const table = r.current as TargetTable;
  const carried = await carriedItems(q, r.unit_id, r.title, r.fiscal_year);
  const reviews = await q.query(
    `SELECT tr.version, tr.rating, tr.comment, tr.comments, tr.created_at, u.username FROM target_reviews tr LEFT JOIN users u ON u.id = tr.user_id
     WHERE tr.target_table_id = $1 ORDER BY tr.id`,
    [id],
  );
  let approved: TargetTable | null = null;
  if (r.approved_version && r.approved_version !== r.version) {
    const [v] = await q.query('SELECT target_table FROM target_table_versions WHERE target_table_id = $1 AND version = $2', [id, r.approved_version]);
    approved = v?.target_table ?? null;
  }
  return {
    ...itemOf(r),
    updatedBy: r.updated_by_name ?? null,
    adjustmentReason: r.adjustment_reason,
    table: { ...table, carried },
    findings: checkTargets(table),
    reviews: reviews.map((x: any) => ({ version: x.version, rating: x.rating, comment: x.comment, comments: x.comments, at: iso(x.created_at), username: x.username })),
    approved,
  };
}

export async function listTables(q: Queryable, user: User, f: { fiscalYear?: number | null; status?: string | null; unitId?: number | null }) {
  const params: unknown[] = [];
  const where = [scopeSql(user, 't.unit_id', params)];
  if (f.fiscalYear) where.push(`t.fiscal_year = $${params.push(f.fiscalYear)}`);
  if (f.status) where.push(`t.status = $${params.push(f.status)}`);
  if (f.unitId) where.push(`t.unit_id = $${params.push(f.unitId)}`);
  const rows = await q.query(
    `SELECT t.*, un.name AS unit_name FROM target_tables t JOIN units un ON un.id = t.unit_id WHERE ${where.join(' AND ')}
     ORDER BY t.updated_at DESC, t.id DESC LIMIT 500`,
    params,
  );
  return { items: rows.map(itemOf) };
}

export async function createTable(db: Db, user: User, unitId: number, table: TargetTable, how: string) {
  requireTarget(user, 'create');
  const c = countFindings(checkTargets(table));
  return db.tx(async (q) => {
    const unit = await unitInScope(q, user, unitId);
    table.unit ??= unit.name;
    const text = JSON.stringify(table);
    const [row] = await q.query<{ id: number }>(
      `INSERT INTO target_tables (unit_id, subject, title, fiscal_year, current, errors, warnings, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $8) RETURNING id`,
      [unitId, table.subject, table.title, table.fiscalYear, text, c.errors, c.warnings, user.id],
    );
    await q.query(`INSERT INTO target_table_versions (target_table_id, version, status, target_table, created_by) VALUES ($1, 1, 'draft', $2::jsonb, $3)`, [
      row.id,
      text,
      user.id,
    ]);
    await auditObject(q, user, OBJECT, row.id, unitId, [{ action: 'create', field: 'from', to: how }, { action: 'create', field: 'title', to: table.title }]);
    return { id: row.id, version: 1 };
  });
}

/** Field-level changes between two versions of a table, for the audit log. */
export function tableChanges(a: TargetTable, b: TargetTable): AuditEntry[] {
  const out: AuditEntry[] = [];
  const put = (field: string, from: unknown, to: unknown) => {
    const f = from == null ? null : String(from);
    const t = to == null ? null : String(to);
    if (f !== t) out.push({ action: 'save', field, from: f, to: t });
  };
  put('title', a.title, b.title);
  put('fiscalYear', a.fiscalYear, b.fiscalYear);
  put('funds.total', a.funds.total, b.funds.total);
  put('funds.appropriation', a.funds.appropriation, b.funds.appropriation);
  put('funds.other', a.funds.other, b.funds.other);
  put('funds.unit', a.funds.unit, b.funds.unit);
  put('goals.longTerm', a.goals.longTerm, b.goals.longTerm);
  put('goals.annual', a.goals.annual, b.goals.annual);
  put('executionWeight', a.executionWeight, b.executionWeight);
  const before = new Map(a.indicators.map((i) => [i.id, i]));
  const after = new Map(b.indicators.map((i) => [i.id, i]));
  for (const [id, i] of after) {
    const o = before.get(id);
    if (!o) {
      out.push({ action: 'save', field: `indicators[${id}]`, from: null, to: i.path.join('/') });
      continue;
    }
    put(`indicators[${id}].name`, o.name, i.name);
    put(`indicators[${id}].target`, o.target, i.target);
    put(`indicators[${id}].weight`, o.weight, i.weight);
  }
  for (const [id, o] of before) if (!after.has(id)) out.push({ action: 'save', field: `indicators[${id}]`, from: o.path.join('/'), to: null });
  return out;
}

export async function saveTable(db: Db, user: User, id: number, version: number, table: TargetTable) {
  return db.tx(async (q) => {
    const r = await tableInScope(q, user, id, true);
    if (r.version !== version) {
      throw new HttpError(409, 'conflict', '该绩效目标表已被他人修改，请刷新后再保存', { current: { version: r.version, updatedBy: r.updated_by_name ?? null } });
    }
    requireTarget(user, 'edit', r.status);
    const c = countFindings(checkTargets(table));
    const next = version + 1;
    const text = JSON.stringify(table);
    await q.query(
      `UPDATE target_tables SET title = $2, subject = $3, fiscal_year = $4, current = $5::jsonb, errors = $6, warnings = $7, version = $8, updated_at = now(), updated_by = $9 WHERE id = $1`,
      [id, table.title, table.subject, table.fiscalYear, text, c.errors, c.warnings, next, user.id],
    );
    await q.query(`INSERT INTO target_table_versions (target_table_id, version, status, target_table, created_by) VALUES ($1, $2, $3, $4::jsonb, $5)`, [
      id,
      next,
      r.status,
      text,
      user.id,
    ]);
    await auditObject(q, user, OBJECT, id, r.unit_id, tableChanges(r.current, table));
    return { version: next, findings: checkTargets(table) };
  });
}

export interface TransitionInput {
  comment?: string | null;
  rating?: TargetRating | null;
  /** per indicator comments of a review */
  comments?: { indicatorId: string; text: string }[];
}

export async function transitionTable(db: Db, user: User, id: number, action: Exclude<TargetAction, 'create' | 'edit'>, input: TransitionInput) {
  const rule = TARGET_WORKFLOW[action];
  return db.tx(async (q) => {
    const r = await tableInScope(q, user, id, true);
    requireTarget(user, action, r.status);
    if (rule.reason && !input.comment?.trim()) throw badRequest(rule.reason);
    const table = r.current as TargetTable;
    let to: TargetStatus = rule.to!;
    const entries: AuditEntry[] = [];
    const sets: string[] = [];
    const params: unknown[] = [id];
    if (action === 'submit') {
      const errors = checkTargets(table).filter((f) => f.severity === 'error');
      if (errors.length) throw new HttpError(422, 'has-errors', `绩效目标还有 ${errors.length} 个错误未处理，不能申报`, { findings: errors });
    }
    if (action === 'review') {
      if (!input.rating) throw badRequest('审核时请选择审核等级（优/良/中/差）');
      to = reviewOutcome(input.rating);
      if (to === 'returned' && !input.comment?.trim() && !input.comments?.length) throw badRequest('审核等级为中或差时，请填写修改意见');
      const known = new Set(table.indicators.map((i) => i.id));
      for (const c of input.comments ?? []) if (!known.has(c.indicatorId)) throw badRequest(`指标「${c.indicatorId}」不在该绩效目标表中`);
      await q.query(`INSERT INTO target_reviews (target_table_id, version, rating, comment, comments, user_id) VALUES ($1, $2, $3, $4, $5::jsonb, $6)`, [
        id,
        r.version,
        input.rating,
        input.comment ?? null,
        JSON.stringify(input.comments ?? []),
        user.id,
      ]);
      sets.push(`rating = $${params.push(input.rating)}`);
      entries.push({ action, field: 'rating', from: r.rating, to: input.rating });
      for (const c of input.comments ?? []) entries.push({ action, field: `indicators[${c.indicatorId}].comment`, to: c.text });
    }
    const next = r.version + 1;
    if (action === 'approve') sets.push(`approved_version = ${next}`, 'adjustment_reason = NULL');
    if (action === 'adjust') sets.push(`adjustment_reason = $${params.push(input.comment)}`);
    params.push(to, next, user.id);
    const n = params.length;
    await q.query(
      `UPDATE target_tables SET ${[...sets, `status = $${n - 2}`, `version = $${n - 1}`, `updated_at = now()`, `updated_by = $${n}`].join(', ')} WHERE id = $1`,
      params,
    );
    await q.query(
      `INSERT INTO target_table_versions (target_table_id, version, status, target_table, reason, created_by) VALUES ($1, $2, $3, $4::jsonb, $5, $6)`,
      [id, next, to, JSON.stringify(table), input.comment ?? null, user.id],
    );
    entries.unshift({ action, field: 'status', from: TARGET_STATUS_LABEL[r.status as TargetStatus], to: TARGET_STATUS_LABEL[to] });
    if (input.comment) entries.push({ action, field: action === 'adjust' ? 'reason' : 'comment', to: input.comment });
    await auditObject(q, user, OBJECT, id, r.unit_id, entries);
    return { status: to, version: next };
  });
}

export async function versionsOf(q: Queryable, user: User, id: number) {
  await tableInScope(q, user, id);
  const rows = await q.query(
    `SELECT v.version, v.status, v.reason, v.created_at, u.username FROM target_table_versions v LEFT JOIN users u ON u.id = v.created_by
     WHERE v.target_table_id = $1 ORDER BY v.version`,
    [id],
  );
  return rows.map((r: any) => ({ version: r.version, status: r.status, statusLabel: TARGET_STATUS_LABEL[r.status as TargetStatus], reason: r.reason, at: iso(r.created_at), username: r.username }));
}

export async function versionOf(q: Queryable, user: User, id: number, version: number) {
  await tableInScope(q, user, id);
  const [v] = await q.query('SELECT target_table FROM target_table_versions WHERE target_table_id = $1 AND version = $2', [id, version]);
  if (!v) throw notFound('该版本');
  return v.target_table as TargetTable;
}

export async function auditOfTable(q: Queryable, user: User, id: number) {
  await tableInScope(q, user, id);
  return auditOfObject(q, OBJECT, id);
}

/** Next year's table copied from this one (上年目标复制), with the open rectification items of the project. */
export async function copyToYear(db: Db, user: User, id: number, fiscalYear: number) {
  const r = await tableInScope(db, user, id);
  if (r.fiscal_year != null && fiscalYear <= r.fiscal_year) throw badRequest(`只能复制到 ${r.fiscal_year} 年以后的年度`);
  const next = copyTargetTable(r.current as TargetTable, fiscalYear);
  delete next.carried;
  return createTable(db, user, r.unit_id, next, `copy:${id}`);
}

/** The indicator library: the indicators of the target tables the user may see, searched by name and category. */
export async function library(q: Queryable, user: User, query: string, category: string | null) {
  const params: unknown[] = [];
  const rows = await q.query(
    `SELECT t.current FROM target_tables t WHERE ${scopeSql(user, 't.unit_id', params)} ORDER BY t.updated_at DESC LIMIT 1000`,
    params,
  );
  return searchLibrary(buildLibrary(rows.map((r: any) => r.current as TargetTable)), query, category).slice(0, 100);
}
