// The maintained aggregates (migration 0003: evaluation_stats, rule_stats, kept by a trigger on
// evaluations). Each evaluation counts at every unit of its path, so what a scope holds is the rows
// of one node (or of the top units, for 管理员 and the public pages): reading them costs the same
// for 100 or 100,000 evaluations. Rows are appended (+1/−1) and summed here; a node whose rows pile
// up is folded into one row per key after the answer (compactStats).
import type { Queryable } from '../db/client.ts';
import type { User } from '../auth/store.ts';
import type { ListFilters } from '../evaluations/filters.ts';

/** The filters the aggregates answer: all but the text search. */
export const statsAnswer = (f: ListFilters) => !f.q;

/**
 * The nodes whose aggregates make up the selection: the filter's unit or department if it lies in
 * the user's scope (none otherwise), else the user's own unit, else (管理员, public) the top units.
 */
export async function selectionNodes(q: Queryable, user: User | null, f: ListFilters): Promise<number[]> {
  const pick = f.unitId ?? f.parentUnitId ?? null;
  if (pick != null && f.unitId != null && f.parentUnitId != null) {
    // both: the unit, if it lies below the department
    const rows = await q.query(`SELECT 1 FROM units u, units p WHERE u.id = $1 AND p.id = $2 AND u.path LIKE p.path || '%'`, [f.unitId, f.parentUnitId]);
    if (!rows.length) return [];
  }
  if (pick != null) {
    const params: unknown[] = [pick];
    const inScope = user && user.role !== 'admin' ? ` AND path LIKE $2` : '';
    if (inScope) params.push((user!.unitPath || '\u0000') + '%');
    const rows = await q.query<{ id: number }>(`SELECT id FROM units WHERE id = $1${inScope}`, params);
    return rows.map((r) => r.id);
  }
  if (user && user.role !== 'admin') return user.unitId != null && user.unitPath ? [user.unitId] : [];
  return (await q.query<{ id: number }>(`SELECT id FROM units WHERE parent_id IS NULL`)).map((r) => r.id);
}

/** WHERE clause on a stats table for the nodes and the filters other than the unit ones. */
function statsWhere(nodes: number[], f: ListFilters, publicOnly: boolean, params: unknown[]) {
  params.push(nodes);
  const w = [`node_id = ANY($${params.length}::int[])`];
  const add = (col: string, v: unknown) => {
    params.push(v);
    w.push(`${col} = $${params.length}`);
  };
  if (f.fiscalYear != null) add('fiscal_year', f.fiscalYear);
  if (f.subject) add('subject', f.subject);
  if (publicOnly) add('status', 'published');
  else if (f.status) add('status', f.status);
  if (f.grade) add('grade', f.grade);
  return w.join(' AND ');
}

/** Fold a node's appended rows into one row per key once they are this many more than the keys. */
const COMPACT_AFTER = 200;

/** How many evaluations match (exact, from the aggregates). */
export async function countFromStats(q: Queryable, nodes: number[], f: ListFilters, publicOnly = false): Promise<number> {
  if (!nodes.length) return 0;
  const params: unknown[] = [];
  const [r] = await q.query<{ n: number; rows: number }>(
    `SELECT coalesce(sum(n), 0)::int AS n, count(*)::int AS rows FROM evaluation_stats WHERE ${statsWhere(nodes, f, publicOnly, params)}`,
    params,
  );
  // the keys of one node number a few thousand at most (status × grade × buckets)
  maybeCompact(q, nodes, r.rows, 5000);
  return r.n;
}

export interface StatsRow {
  status: string;
  grade: string | null;
  rate_bucket: number | null;
  total_bucket: number | null;
  n: number;
}

/** The selection's evaluations counted by status, grade and the two buckets. */
export async function evaluationStats(q: Queryable, nodes: number[], f: ListFilters): Promise<StatsRow[]> {
  if (!nodes.length) return [];
  const params: unknown[] = [];
  const rows = await q.query<StatsRow & { rows: number }>(
    `SELECT status, grade, rate_bucket, total_bucket, sum(n)::int AS n, count(*)::int AS rows FROM evaluation_stats
     WHERE ${statsWhere(nodes, f, false, params)} GROUP BY status, grade, rate_bucket, total_bucket`,
    params,
  );
  maybeCompact(q, nodes, rows.reduce((a, r) => a + r.rows, 0), rows.length);
  return rows.filter((r) => r.n !== 0);
}

/** The selection's findings counted by rule. */
export async function ruleStats(q: Queryable, nodes: number[], f: ListFilters): Promise<{ rule: string; n: number }[]> {
  if (!nodes.length) return [];
  const params: unknown[] = [];
  const rows = await q.query<{ rule: string; n: number; rows: number }>(
    `SELECT rule, sum(n)::int AS n, count(*)::int AS rows FROM rule_stats WHERE ${statsWhere(nodes, f, false, params)} GROUP BY rule ORDER BY 2 DESC, 1`,
    params,
  );
  // a few hundred keys per rule at most (status × grade × year × subject)
  maybeCompact(q, nodes, rows.reduce((a, r) => a + r.rows, 0), rows.length * 200);
  return rows.filter((r) => r.n !== 0).map((r) => ({ rule: r.rule, n: r.n }));
}

/** Due and submitted per unit, for the coverage table's page of units. */
export async function coverageStats(q: Queryable, unitIds: number[], fiscalYear: number | null) {
  if (!unitIds.length) return new Map<number, { due: number; submitted: number }>();
  const params: unknown[] = [unitIds];
  const fy = fiscalYear != null ? (params.push(fiscalYear), ` AND fiscal_year = $2`) : '';
  const rows = await q.query<{ node_id: number; due: number; submitted: number }>(
    `SELECT node_id, coalesce(sum(n), 0)::int AS due, coalesce(sum(n) FILTER (WHERE status IN ('submitted', 'approved', 'published')), 0)::int AS submitted
     FROM evaluation_stats WHERE node_id = ANY($1::int[])${fy} GROUP BY node_id`,
    params,
  );
  return new Map(rows.map((r) => [r.node_id, { due: r.due, submitted: r.submitted }]));
}

const compacting = new Set<number>();
function maybeCompact(q: Queryable, nodes: number[], rowsRead: number, keys: number) {
  if (rowsRead - keys < COMPACT_AFTER) return;
  for (const node of nodes) {
    if (compacting.has(node)) continue;
    compacting.add(node);
    compactStats(q, node)
      .catch(() => {
        /* another process folded them first, or the database is going away: the rows stay correct */
      })
      .finally(() => compacting.delete(node));
  }
}

/**
 * A node's rows in both tables replaced by their sums, one row per key (the zero sums dropped). Safe
 * beside concurrent saves and other compactions: a row appended meanwhile is not deleted, and a row
 * another compaction deleted first is skipped, so each row is summed exactly once.
 */
export async function compactStats(q: Queryable, node: number) {
  await q.query(
    `WITH d AS (DELETE FROM evaluation_stats WHERE node_id = $1 RETURNING *)
     INSERT INTO evaluation_stats (node_id, fiscal_year, subject, status, grade, rate_bucket, total_bucket, n)
     SELECT node_id, fiscal_year, subject, status, grade, rate_bucket, total_bucket, sum(n) FROM d
     GROUP BY node_id, fiscal_year, subject, status, grade, rate_bucket, total_bucket HAVING sum(n) <> 0`,
    [node],
  );
  await q.query(
    `WITH d AS (DELETE FROM rule_stats WHERE node_id = $1 RETURNING *)
     INSERT INTO rule_stats (node_id, fiscal_year, subject, status, grade, rule, n)
     SELECT node_id, fiscal_year, subject, status, grade, rule, sum(n) FROM d
     GROUP BY node_id, fiscal_year, subject, status, grade, rule HAVING sum(n) <> 0`,
    [node],
  );
}
