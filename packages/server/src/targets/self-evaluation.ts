// The self-evaluation started from the approved targets (自评): the approved tree and targets filled
// in, linked to the table (evaluation_targets) so the monitoring round's notes are at hand, and a
// target changed later is flagged by core's T10 (与批复目标不一致).
import { evaluationFromTargets, type MonitoringRound } from '@jixiao/core';
import type { Db, Queryable } from '../db/client.ts';
import type { User } from '../auth/store.ts';
import { auditObject } from '../audit.ts';
import { HttpError } from '../errors.ts';
import { requireAllowed } from '../scope.ts';
import { analyzeEvaluation, insertEvaluation, requireInScope } from '../evaluations/store.ts';
import { approvedTable } from '../monitoring/store.ts';
import { OBJECT, tableInScope } from './store.ts';

export async function startSelfEvaluation(db: Db, user: User, tableId: number) {
  requireAllowed(user, 'create');
  return db.tx(async (q) => {
    const t = await tableInScope(q, user, tableId, true);
    const table = await approvedTable(q, t);
    const dup = await q.query('SELECT evaluation_id FROM evaluation_targets WHERE target_table_id = $1', [tableId]);
    if (dup.length) throw new HttpError(409, 'exists', '该绩效目标已开始自评', { id: dup[0].evaluation_id });
    const ev = evaluationFromTargets(table, { tableId, version: t.approved_version });
    const json = analyzeEvaluation(ev, table.ruleset ?? null);
    const r = await insertEvaluation(q, { unitId: t.unit_id, json, actor: user, action: 'from-targets' });
    await q.query('INSERT INTO evaluation_targets (evaluation_id, target_table_id, approved_version) VALUES ($1, $2, $3)', [r.id, tableId, t.approved_version]);
    await auditObject(q, user, OBJECT, tableId, t.unit_id, [{ action: 'self-evaluation', field: 'evaluation', to: String(r.id) }]);
    return r;
  });
}

/** For an evaluation made from targets: the table, and what the monitoring rounds said per indicator. */
export async function targetsOfEvaluation(q: Queryable, user: User, evaluationId: number) {
  await requireInScope(q, user, evaluationId);
  const [link] = await q.query('SELECT target_table_id, approved_version FROM evaluation_targets WHERE evaluation_id = $1', [evaluationId]);
  if (!link) return { targetTableId: null, approvedVersion: null, monitoring: [] };
  const rounds = await q.query('SELECT id, period_from, period_to, status, light, data FROM monitoring_rounds WHERE target_table_id = $1 ORDER BY period_to', [link.target_table_id]);
  return {
    targetTableId: link.target_table_id,
    approvedVersion: link.approved_version,
    monitoring: rounds.map((r: any) => ({
      id: r.id,
      period: { from: r.period_from, to: r.period_to },
      status: r.status,
      light: r.light,
      rows: (r.data as MonitoringRound).rows.filter((x) => x.progress || x.expected || x.cause || x.note),
    })),
  };
}
