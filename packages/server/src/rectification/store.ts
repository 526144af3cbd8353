// Rectification items (整改) from an evaluation's problems and error findings, with owner, deadline,
// measures and status; open ones are carried into the project's next target table (targets/store.ts
// carriedItems). The grade's budget consequence comes from the ruleset's lifecycle settings. Scope:
// through the item's unit.
import {
  consequenceOf,
  fromJson,
  getRuleset,
  lifecycleSettings,
  rectificationCandidates,
  RECTIFICATION_STATUS_LABEL,
  RECTIFICATION_STATUSES,
  type EvaluationJson,
  type RectificationStatus,
} from '@jixiao/core';
import type { Db, Queryable } from '../db/client.ts';
import type { User } from '../auth/store.ts';
import { auditObject, auditOfObject, type AuditEntry } from '../audit.ts';
import { scopeSql } from '../scope.ts';
import { badRequest, notFound } from '../errors.ts';
import { loadInScope } from '../evaluations/store.ts';

const OBJECT = 'rectification';
const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d == null ? null : String(d));

function itemOf(r: any) {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    evaluationId: r.evaluation_id,
    targetTableId: r.target_table_id,
    fiscalYear: r.fiscal_year,
    title: r.title,
    problem: r.problem,
    source: r.source,
    owner: r.owner,
    deadline: r.deadline,
    measures: r.measures,
    status: r.status as RectificationStatus,
    statusLabel: RECTIFICATION_STATUS_LABEL[r.status as RectificationStatus],
    updatedAt: iso(r.updated_at),
  };
}

/** What of an evaluation can become an item, the items already made, and the grade's budget consequence. */
export async function candidates(q: Queryable, user: User, evaluationId: number) {
  const row = await loadInScope(q, user, evaluationId);
  const json = row.current as EvaluationJson;
  const settings = lifecycleSettings(getRuleset(row.ruleset) ?? null);
  const items = await q.query(`SELECT r.*, un.name AS unit_name FROM rectification_items r JOIN units un ON un.id = r.unit_id WHERE r.evaluation_id = $1 ORDER BY r.id`, [evaluationId]);
  return {
    evaluationId,
    title: json.title,
    grade: json.grade,
    gradeLabel: json.gradeLabel,
    total: json.total,
    consequence: consequenceOf(json.grade, settings),
    candidates: rectificationCandidates(fromJson(json), json.findings ?? []),
    items: items.map(itemOf),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function text(v: unknown, what: string, max: number, required = false): string | null {
  if (v == null || v === '') {
    if (required) throw badRequest(`请填写${what}`);
    return null;
  }
  if (typeof v !== 'string' || v.length > max) throw badRequest(`${what}不正确`);
  const t = v.trim();
  if (required && !t) throw badRequest(`请填写${what}`);
  return t || null;
}
function deadline(v: unknown): string | null {
  const d = text(v, '整改期限', 10);
  if (d && (!DATE.test(d) || Number.isNaN(Date.parse(d)))) throw badRequest('整改期限应为日期（如 2025-06-30）');
  return d;
}

export async function createItems(db: Db, user: User, evaluationId: number, items: unknown[]) {
  if (!items.length) throw badRequest('请至少选择一项问题');
  if (items.length > 200) throw badRequest('一次最多登记 200 项整改');
  return db.tx(async (q) => {
    const row = await loadInScope(q, user, evaluationId);
    const [link] = await q.query('SELECT target_table_id FROM evaluation_targets WHERE evaluation_id = $1', [evaluationId]);
    const ids: number[] = [];
    for (const raw of items) {
      const it = (raw ?? {}) as Record<string, unknown>;
      const problem = text(it.problem, '问题', 5000, true)!;
      const src = (it.source ?? { kind: 'problem', text: problem }) as Record<string, unknown>;
      const source = {
        kind: src.kind === 'finding' ? 'finding' : 'problem',
        rule: typeof src.rule === 'string' ? src.rule.slice(0, 100) : undefined,
        code: typeof src.code === 'string' ? src.code.slice(0, 20) : undefined,
        indicatorId: typeof src.indicatorId === 'string' ? src.indicatorId.slice(0, 50) : null,
        text: problem,
      };
      const [r] = await q.query<{ id: number }>(
        `INSERT INTO rectification_items (unit_id, evaluation_id, target_table_id, fiscal_year, title, problem, source, owner, deadline, measures, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11) RETURNING id`,
        [row.unit_id, evaluationId, link?.target_table_id ?? null, row.fiscal_year, row.title, problem, JSON.stringify(source), text(it.owner, '责任人', 100), deadline(it.deadline), text(it.measures, '整改措施', 5000), user.id],
      );
      ids.push(r.id);
      await auditObject(q, user, OBJECT, r.id, row.unit_id, [
        { action: 'create', field: 'evaluation', to: String(evaluationId) },
        { action: 'create', field: 'problem', to: problem },
      ]);
    }
    return { ids };
  });
}

async function itemInScope(q: Queryable, user: User, id: number, forUpdate = false) {
  const params: unknown[] = [id];
  const rows = await q.query(
    `SELECT r.*, un.name AS unit_name FROM rectification_items r JOIN units un ON un.id = r.unit_id WHERE r.id = $1 AND ${scopeSql(user, 'r.unit_id', params)}${forUpdate ? ' FOR UPDATE OF r' : ''}`,
    params,
  );
  if (!rows.length) throw notFound('整改事项');
  return rows[0];
}

export async function updateItem(db: Db, user: User, id: number, patch: Record<string, unknown>) {
  return db.tx(async (q) => {
    const r = await itemInScope(q, user, id, true);
    const next = { ...r };
    if ('status' in patch) {
      if (!RECTIFICATION_STATUSES.includes(patch.status as RectificationStatus)) throw badRequest('整改状态应为 open、in-progress 或 done');
      next.status = patch.status;
    }
    if ('owner' in patch) next.owner = text(patch.owner, '责任人', 100);
    if ('deadline' in patch) next.deadline = deadline(patch.deadline);
    if ('measures' in patch) next.measures = text(patch.measures, '整改措施', 5000);
    const entries: AuditEntry[] = [];
    for (const k of ['status', 'owner', 'deadline', 'measures'] as const) {
      if ((r[k] ?? null) !== (next[k] ?? null)) entries.push({ action: 'update', field: k, from: r[k] ?? null, to: next[k] ?? null });
    }
    if (!entries.length) return itemOf(r);
    await q.query(`UPDATE rectification_items SET status = $2, owner = $3, deadline = $4, measures = $5, updated_at = now() WHERE id = $1`, [id, next.status, next.owner, next.deadline, next.measures]);
    await auditObject(q, user, OBJECT, id, r.unit_id, entries);
    return itemOf({ ...next, updated_at: new Date() });
  });
}

export async function listItems(q: Queryable, user: User, f: { status?: string | null; unitId?: number | null; evaluationId?: number | null; open?: boolean }) {
  const params: unknown[] = [];
  const where = [scopeSql(user, 'r.unit_id', params)];
  if (f.status) where.push(`r.status = $${params.push(f.status)}`);
  if (f.open) where.push(`r.status <> 'done'`);
  if (f.unitId) where.push(`r.unit_id = $${params.push(f.unitId)}`);
  if (f.evaluationId) where.push(`r.evaluation_id = $${params.push(f.evaluationId)}`);
  const rows = await q.query(
    `SELECT r.*, un.name AS unit_name FROM rectification_items r JOIN units un ON un.id = r.unit_id WHERE ${where.join(' AND ')} ORDER BY un.path, r.id LIMIT 1000`,
    params,
  );
  return { items: rows.map(itemOf) };
}

/** Open items counted by unit (the finance bureau's view). */
export async function openByUnit(q: Queryable, user: User) {
  const params: unknown[] = [];
  const rows = await q.query(
    `SELECT un.id, un.name, count(*) FILTER (WHERE r.status = 'open')::int AS open, count(*) FILTER (WHERE r.status = 'in-progress')::int AS in_progress,
       count(*) FILTER (WHERE r.status <> 'done' AND r.deadline IS NOT NULL AND r.deadline < to_char(now(), 'YYYY-MM-DD'))::int AS overdue
     FROM rectification_items r JOIN units un ON un.id = r.unit_id
     WHERE r.status <> 'done' AND ${scopeSql(user, 'r.unit_id', params)} GROUP BY un.id, un.name, un.path ORDER BY un.path`,
    params,
  );
  return rows.map((r: any) => ({ unitId: r.id, unitName: r.name, open: r.open, inProgress: r.in_progress, overdue: r.overdue }));
}

export async function auditOfItem(q: Queryable, user: User, id: number) {
  await itemInScope(q, user, id);
  return auditOfObject(q, OBJECT, id);
}
