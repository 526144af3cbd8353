// The dashboard: grade distribution, execution rate against score, findings by rule, coverage
// (evaluations due and submitted per unit), over the evaluations in the caller's scope.
import type { Queryable } from '../db/client.ts';
import type { User } from '../auth/store.ts';
import { scopeSql } from '../scope.ts';
import { filterSql, type ListFilters } from '../evaluations/filters.ts';

export async function dashboard(db: Queryable, user: User, f: ListFilters) {
  const params: unknown[] = [];
  const where = filterSql(user, { ...f, page: null, pageSize: null }, params);
  const from = `FROM evaluations e JOIN units un ON un.id = e.unit_id WHERE ${where}`;
  const [grades, points, byRule, coverage] = await Promise.all([
    db.query(`SELECT e.grade, count(*)::int AS n ${from} GROUP BY e.grade`, params),
    db.query(
      `SELECT e.id, e.title, un.name AS unit_name, e.execution_rate, e.total, e.grade ${from} ORDER BY e.id LIMIT 5000`,
      params,
    ),
    db.query(
      `SELECT f.rule, count(*)::int AS n FROM findings f WHERE f.evaluation_id IN (SELECT e.id ${from}) GROUP BY f.rule ORDER BY n DESC, f.rule`,
      params,
    ),
    (() => {
      const p: unknown[] = [];
      const fy = f.fiscalYear != null ? (p.push(f.fiscalYear), `AND e.fiscal_year = $${p.length}`) : '';
      const scope = scopeSql(user, 'u.id', p);
      return db.query(
        `SELECT u.id, u.name, count(e.id)::int AS due, count(e.id) FILTER (WHERE e.status IN ('submitted','approved','published'))::int AS submitted
         FROM units u LEFT JOIN evaluations e ON e.unit_id = u.id ${fy}
         WHERE u.kind = 'unit' AND ${scope} GROUP BY u.id, u.name ORDER BY u.id`,
        p,
      );
    })(),
  ]);
  const g = { excellent: 0, good: 0, fair: 0, poor: 0 } as Record<string, number>;
  for (const r of grades) if (r.grade && r.grade in g) g[r.grade] = r.n;
  return {
    grades: g,
    points: points.map((r) => ({ id: r.id, title: r.title, unitName: r.unit_name, executionRate: r.execution_rate, total: r.total, grade: r.grade })),
    findingsByRule: byRule.map((r) => ({ rule: r.rule, count: r.n })),
    coverage: coverage.map((r) => ({ unitId: r.id, unitName: r.name, due: r.due, submitted: r.submitted })),
  };
}

