// The audit log (append-only table audit_log): who changed what, with the old and the new value.
// Written by every domain that changes data (evaluations, units and users, the CLI); read per
// evaluation in evaluations/history.ts.
import type { Queryable } from './db/client.ts';

export interface Actor {
  id: number | null;
  username: string;
}

export interface AuditEntry {
  action: string;
  field?: string | null;
  from?: string | null;
  to?: string | null;
}

export async function audit(q: Queryable, actor: Actor, evaluationId: number | null, unitId: number | null, entries: AuditEntry[]) {
  if (!entries.length) return;
  const rows = entries.map((e) => ({ action: e.action, field: e.field ?? null, old_value: e.from ?? null, new_value: e.to ?? null }));
  await q.query(
    `INSERT INTO audit_log (user_id, username, evaluation_id, unit_id, action, field, old_value, new_value)
     SELECT $1, $2, $3, $4, x.action, x.field, x.old_value, x.new_value
     FROM jsonb_to_recordset($5::jsonb) AS x(action text, field text, old_value text, new_value text)`,
    [actor.id, actor.username, evaluationId, unitId, JSON.stringify(rows)],
  );
}


/** Audit entries about an object other than an evaluation (target_table, monitoring_round, rectification). */
export async function auditObject(q: Queryable, actor: Actor, objectType: string, objectId: number, unitId: number | null, entries: AuditEntry[]) {
  if (!entries.length) return;
  const rows = entries.map((e) => ({ action: e.action, field: e.field ?? null, old_value: e.from ?? null, new_value: e.to ?? null }));
  await q.query(
    `INSERT INTO audit_log (user_id, username, unit_id, object_type, object_id, action, field, old_value, new_value)
     SELECT $1, $2, $3, $4, $5, x.action, x.field, x.old_value, x.new_value
     FROM jsonb_to_recordset($6::jsonb) AS x(action text, field text, old_value text, new_value text)`,
    [actor.id, actor.username, unitId, objectType, objectId, JSON.stringify(rows)],
  );
}

/** The audit entries of such an object, oldest first. */
export async function auditOfObject(q: Queryable, objectType: string, objectId: number) {
  const rows = await q.query(
    `SELECT at, username, action, field, old_value, new_value FROM audit_log WHERE object_type = $1 AND object_id = $2 ORDER BY id`,
    [objectType, objectId],
  );
  return rows.map((r: any) => ({ at: r.at instanceof Date ? r.at.toISOString() : String(r.at), username: r.username, action: r.action, field: r.field, from: r.old_value, to: r.new_value }));
}
