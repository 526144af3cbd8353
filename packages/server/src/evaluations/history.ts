// The history of an evaluation: its versions, the changes since the last submission, its audit log.
import { fromJson, type EvaluationJson } from '@jixiao/core';
import { applyJson, type Op } from './patch.ts';
import type { Queryable } from '../db/client.ts';
import type { User } from '../auth/store.ts';
import { notFound } from '../errors.ts';
import { diffEvaluations, type Change } from '@jixiao/core/model/diff.ts';
import { iso, loadInScope, requireInScope } from './store.ts';

export async function versions(db: Queryable, user: User, id: number) {
  await requireInScope(db, user, id);
  const rows = await db.query(
    `SELECT v.version, v.created_at, u.username, v.status FROM evaluation_versions v LEFT JOIN users u ON u.id = v.created_by
     WHERE v.evaluation_id = $1 ORDER BY v.version DESC`,
    [id],
  );
  return rows.map((r) => ({ version: r.version, createdAt: iso(r.created_at), createdBy: r.username ?? null, status: r.status }));
}

/**
 * The evaluation as it was at version `v`: the last version at or before it stored whole, with the
 * changes of the versions after it applied in turn; null if there is no such version.
 */
export async function evaluationAt(db: Queryable, id: number, v: number): Promise<EvaluationJson | null> {
  const rows = await db.query<{ version: number; evaluation: string | null; patch: string | null }>(
    `SELECT version, evaluation::text AS evaluation, patch::text AS patch FROM evaluation_versions
     WHERE evaluation_id = $1 AND version <= $2
       AND version >= (SELECT max(version) FROM evaluation_versions WHERE evaluation_id = $1 AND version <= $2 AND evaluation IS NOT NULL)
     ORDER BY version`,
    [id, v],
  );
  if (!rows.length || rows[rows.length - 1].version !== v) return null;
  let json: unknown = JSON.parse(rows[0].evaluation!);
  for (const r of rows.slice(1)) json = r.evaluation != null ? JSON.parse(r.evaluation) : applyJson(json, JSON.parse(r.patch!) as Op[]);
  return json as EvaluationJson;
}

export async function version(db: Queryable, user: User, id: number, v: number) {
  await requireInScope(db, user, id);
  const rows = await db.query(
    `SELECT v.version, v.created_at, u.username, v.status FROM evaluation_versions v LEFT JOIN users u ON u.id = v.created_by
     WHERE v.evaluation_id = $1 AND v.version = $2`,
    [id, v],
  );
  if (!rows.length) throw notFound('版本');
  const r = rows[0];
  return { version: r.version, createdAt: iso(r.created_at), createdBy: r.username ?? null, status: r.status, evaluation: await evaluationAt(db, id, v) };
}

/**
 * Changes since the last submission. While the evaluation is being edited (draft, returned) the base
 * is the last submitted version; once submitted again it is the submission before, so a reviewer
 * sees what changed since they last looked. Without an earlier submission the base is version 1.
 */
export async function changes(db: Queryable, user: User, id: number): Promise<Change[]> {
  const row = await loadInScope(db, user, id);
  const submitted = await db.query<{ version: number }>(
    `SELECT version FROM evaluation_versions WHERE evaluation_id = $1 AND status = 'submitted' ORDER BY version DESC LIMIT 2`,
    [id],
  );
  const editing = row.status === 'draft' || row.status === 'returned';
  const baseVersion = (editing ? submitted[0] : submitted[1])?.version ?? 1;
  const base = await evaluationAt(db, id, baseVersion);
  if (!base) return [];
  return diffEvaluations(fromJson(base), fromJson(row.current));
}

export async function auditOf(db: Queryable, user: User, id: number) {
  await requireInScope(db, user, id);
  const rows = await db.query(
    `SELECT at, username, action, field, old_value, new_value FROM audit_log WHERE evaluation_id = $1 ORDER BY id`,
    [id],
  );
  return rows.map((r) => ({ at: iso(r.at), user: r.username, action: r.action, field: r.field, from: r.old_value, to: r.new_value }));
}

