// The dashboard: grade distribution, execution rate against total (a grid of counts), the likely
// inflated evaluations, findings by rule, and coverage (evaluations due and submitted per unit, one
// page of units at a time), over the evaluations in the caller's scope.
//
// Every figure describes the whole selection. Without a text search they come from the maintained
// aggregates (stats.ts), whose cost does not grow with the number of evaluations; with one (`q`) they
// are counted over the matching evaluations.
import type { Queryable } from '../db/client.ts';
import type { User } from '../auth/store.ts';
import { badRequest } from '../errors.ts';
import { filterSql, type ListFilters } from '../evaluations/filters.ts';
import { optInt, optText } from '../validate.ts';
import { coverageStats, evaluationStats, ruleStats, selectionNodes, statsAnswer, type StatsRow } from './stats.ts';

/** The zone of likely inflated scores (national rules: total ≥ 95 while the execution rate is below 80 %). */
export const INFLATED = { totalAtLeast: 95, executionBelow: 80 };
/** the grid of the scatter: execution rate by 10 % (the last cell: 120 % and above), total by 5 points */
const RATE_STEP = 10;
const TOTAL_STEP = 5;
const RATE_LAST = 12;
const TOTAL_LAST = 20;

export interface CoverageQuery {
  q: string | null;
  /** the `next` of the page before (a unit's path: the table is in tree order) */
  after: string | null;
  pageSize: number;
}

export const coverageFrom = (qs: any): CoverageQuery => {
  const pageSize = optInt(qs.coveragePageSize, '覆盖情况每页条数') ?? 50;
  if (pageSize < 1 || pageSize > 200) throw badRequest('覆盖情况每页条数应为 1–200');
  return { q: optText(qs.coverageQ, '单位搜索词', 200), after: optText(qs.coverageAfter, '覆盖情况翻页位置', 500), pageSize };
};

export async function dashboard(db: Queryable, user: User, f: ListFilters, cov: CoverageQuery = { q: null, after: null, pageSize: 50 }) {
  const nodes = await selectionNodes(db, user, f);
  const fromStats = statsAnswer(f);
  const [stats, rules, inflatedItems, coverage] = await Promise.all([
    fromStats ? evaluationStats(db, nodes, f) : liveStats(db, user, f),
    fromStats ? ruleStats(db, nodes, f) : liveRules(db, user, f),
    inflatedList(db, user, f),
    coveragePage(db, nodes, f.fiscalYear ?? null, cov),
  ]);
  const grades = { excellent: 0, good: 0, fair: 0, poor: 0 } as Record<string, number>;
  const cells = new Map<string, { rate: number; total: number; count: number }>();
  let count = 0;
  let withoutRate = 0;
  let inflated = 0;
  for (const r of stats) {
    count += r.n;
    if (r.grade && r.grade in grades) grades[r.grade] += r.n;
    if (r.rate_bucket == null || r.total_bucket == null) {
      withoutRate += r.n;
      continue;
    }
    const key = `${r.rate_bucket}/${r.total_bucket}`;
    const c = cells.get(key) ?? { rate: r.rate_bucket, total: r.total_bucket, count: 0 };
    c.count += r.n;
    cells.set(key, c);
    if (r.total_bucket * TOTAL_STEP >= INFLATED.totalAtLeast && (r.rate_bucket + 1) * RATE_STEP <= INFLATED.executionBelow) inflated += r.n;
  }
  return {
    count,
    grades,
    scatter: {
      /** counts per cell of the grid over the whole selection, not a sample */
      kind: 'aggregate' as const,
      cells: [...cells.values()]
        .sort((a, b) => a.rate - b.rate || a.total - b.total)
        .map((c) => ({
          rateFrom: c.rate * RATE_STEP,
          rateTo: c.rate === RATE_LAST ? null : (c.rate + 1) * RATE_STEP,
          totalFrom: c.total * TOTAL_STEP,
          totalTo: c.total === TOTAL_LAST ? null : (c.total + 1) * TOTAL_STEP,
          count: c.count,
        })),
      /** evaluations without an execution rate or a total (not drawn) */
      withoutRate,
    },
    inflated: { ...INFLATED, count: inflated, items: inflatedItems },
    findingsByRule: rules.map((r) => ({ rule: r.rule, count: r.n })),
    coverage,
  };
}

const liveFrom = (user: User, f: ListFilters, params: unknown[]) =>
  `FROM evaluations e JOIN units un ON un.id = e.unit_id WHERE ${filterSql(user, f, params)}`;

/** The same counts as evaluationStats(), over the evaluations matching a text search. */
async function liveStats(db: Queryable, user: User, f: ListFilters): Promise<StatsRow[]> {
  const params: unknown[] = [];
  return db.query<StatsRow>(
    `SELECT e.status, e.grade, jixiao_rate_bucket(e.execution_rate) AS rate_bucket, jixiao_total_bucket(e.total) AS total_bucket, count(*)::int AS n
     ${liveFrom(user, f, params)} GROUP BY 1, 2, 3, 4`,
    params,
  );
}

async function liveRules(db: Queryable, user: User, f: ListFilters) {
  const params: unknown[] = [];
  return db.query<{ rule: string; n: number }>(
    `SELECT r.key AS rule, sum(r.value::int)::int AS n FROM evaluations e JOIN units un ON un.id = e.unit_id
     CROSS JOIN LATERAL jsonb_each_text(e.rule_counts) r WHERE ${filterSql(user, f, params)} GROUP BY 1 ORDER BY 2 DESC, 1`,
    params,
  );
}

/** The newest 20 likely inflated evaluations of the selection (partial index evaluations_inflated). */
async function inflatedList(db: Queryable, user: User, f: ListFilters) {
  const params: unknown[] = [];
  const rows = await db.query(
    `SELECT e.id, e.title, un.name AS unit_name, e.execution_rate, e.total ${liveFrom(user, f, params)}
       AND e.total >= ${INFLATED.totalAtLeast} AND e.execution_rate < ${INFLATED.executionBelow}
     ORDER BY e.updated_at DESC, e.id DESC LIMIT 20`,
    params,
  );
  return rows.map((r) => ({ id: r.id, title: r.title, unitName: r.unit_name, executionRate: r.execution_rate, total: r.total }));
}

/** One page of the units below the selection (in tree order, optionally searched by name) with their coverage. */
async function coveragePage(db: Queryable, nodes: number[], fiscalYear: number | null, c: CoverageQuery) {
  if (!nodes.length) return { items: [], total: 0, next: null };
  // the selection's nodes lie in the user's scope (selectionNodes), so the units below them do too
  const paths = (await db.query<{ path: string }>(`SELECT path FROM units WHERE id = ANY($1::int[]) AND path <> ''`, [nodes])).map((r) => r.path);
  if (!paths.length) return { items: [], total: 0, next: null };
  const params: unknown[] = [];
  const below = paths.map((p) => (params.push(p.replace(/[\\%_]/g, (m) => '\\' + m) + '%'), `u.path LIKE $${params.length}`));
  const where = [`u.kind = 'unit'`, below.length === 1 ? below[0] : `(${below.join(' OR ')})`];
  if (c.q) {
    params.push(`%${c.q.replace(/[\\%_]/g, (m) => '\\' + m)}%`);
    where.push(`u.name ILIKE $${params.length} ESCAPE '\\'`);
  }
  const countParams = [...params];
  const countWhere = where.join(' AND ');
  if (c.after != null) {
    params.push(c.after);
    where.push(`u.path > $${params.length}`);
  }
  params.push(c.pageSize + 1);
  const [units, [{ n }]] = await Promise.all([
    db.query<{ id: number; name: string; path: string }>(`SELECT u.id, u.name, u.path FROM units u WHERE ${where.join(' AND ')} ORDER BY u.path LIMIT $${params.length}`, params),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM units u WHERE ${countWhere}`, countParams),
  ]);
  const page = units.slice(0, c.pageSize);
  const figures = await coverageStats(db, page.map((u) => u.id), fiscalYear);
  return {
    items: page.map((u) => ({ unitId: u.id, unitName: u.name, due: figures.get(u.id)?.due ?? 0, submitted: figures.get(u.id)?.submitted ?? 0 })),
    total: n,
    next: units.length > c.pageSize ? page[page.length - 1].path : null,
  };
}
