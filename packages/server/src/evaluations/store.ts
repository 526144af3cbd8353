// Evaluations: list, open, create, save (versioned, audited), carry forward. Every read goes through
// scopeSql() (lists: scopeByPathSql() on the joined unit); writes first load the row in scope (404
// otherwise). The review workflow is in workflow.ts, versions and changes in history.ts, comments in
// comments.ts.
import { analyzeToJson, countFindings, fromJson, type Evaluation, type EvaluationJson, type Status } from '@jixiao/core';
import { carryForward as carryForwardEvaluation } from '@jixiao/core/frameworks/index.ts';
import { keptReason } from '@jixiao/core/rulesets/select.ts';
import { unitPathNames } from './unit-path.ts';
import { preparedText, type Db, type Queryable } from '../db/client.ts';
import type { User } from '../auth/store.ts';
import { audit, type Actor } from '../audit.ts';
import { requireAllowed, scopeSql } from '../scope.ts';
import { HttpError, notFound, badRequest } from '../errors.ts';
import { diffEvaluations, type Change } from '@jixiao/core/model/diff.ts';
import { filterSql, type ListFilters } from './filters.ts';
import { diffJson } from './patch.ts';
import { countFromStats, selectionNodes, statsAnswer } from '../dashboard/stats.ts';

/**
 * Score and check by the stored ruleset (or, without one, the choice from the unit's place and the
 * evaluation's words). `before`, the stored JSON, keeps the reason the ruleset was chosen for.
 */
export function analyzeEvaluation(
  ev: Evaluation,
  ruleset?: string | null,
  opts: { unitPath?: string[]; before?: { ruleset?: string | null; rulesetReason?: string | null } | null } = {},
): EvaluationJson {
  const json = analyzeToJson(ev, ruleset ?? undefined, opts.unitPath ? { unitPath: opts.unitPath } : undefined);
  json.rulesetReason = keptReason(json, opts.before);
  return json;
}

export const counts = (json: EvaluationJson) => countFindings(json.findings);

const ITEM_COLS = `e.id, e.unit_id, un.name AS unit_name, e.subject, e.title, e.fiscal_year, e.status, e.version,
  e.total, e.grade, e.grade_label, e.execution_rate, e.errors, e.warnings, e.infos,
  to_char(e.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at`; // ISO text as Date#toISOString gives, without a Date per row

export function itemFromRow(r: any) {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    subject: r.subject,
    title: r.title,
    fiscalYear: r.fiscal_year,
    status: r.status as Status,
    version: r.version,
    total: r.total,
    grade: r.grade,
    gradeLabel: r.grade_label,
    executionRate: r.execution_rate,
    errors: r.errors,
    warnings: r.warnings,
    infos: r.infos,
    updatedAt: iso(r.updated_at),
  };
}

export const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d == null ? null : String(d));

export const indicatorRows = (json: EvaluationJson) =>
  json.indicators.map((i) => ({
    indicator_id: i.id,
    parent_id: i.parentId,
    level: i.level,
    path: i.path.join(' / '),
    name: i.name,
    kind: i.kind ?? null,
    target: i.target,
    actual: i.actual,
    weight: i.weight,
    stated_score: i.statedScore,
    score: i.score,
    method: i.method,
  }));

export const findingRows = (json: EvaluationJson) =>
  (json.findings ?? []).map((f) => ({
    rule: f.rule,
    code: f.code,
    severity: f.severity,
    message: f.message,
    indicator_id: f.where?.indicatorId ?? null,
    field: f.where?.field ?? null,
  }));

/** Denormalised columns, indicator rows and findings of the current JSON. */
export async function writeDerived(q: Queryable, id: number, json: EvaluationJson, fresh: boolean) {
  if (!fresh) {
    await q.query('DELETE FROM indicators WHERE evaluation_id = $1', [id]);
    await q.query('DELETE FROM findings WHERE evaluation_id = $1', [id]);
  }
  if (json.indicators.length) {
    const rows = indicatorRows(json);
    await q.query(
      `INSERT INTO indicators (evaluation_id, indicator_id, parent_id, level, path, name, kind, target, actual, weight, stated_score, score, method)
       SELECT $1, x.indicator_id, x.parent_id, x.level, x.path, x.name, x.kind, x.target, x.actual, x.weight, x.stated_score, x.score, x.method
       FROM jsonb_to_recordset($2::jsonb) AS x(indicator_id text, parent_id text, level int, path text, name text, kind text,
         target text, actual text, weight numeric, stated_score numeric, score numeric, method text)`,
      [id, JSON.stringify(rows)],
    );
  }
  if (json.findings?.length) {
    const rows = findingRows(json);
    await q.query(
      `INSERT INTO findings (evaluation_id, rule, code, severity, message, indicator_id, field)
       SELECT $1, x.rule, x.code, x.severity, x.message, x.indicator_id, x.field
       FROM jsonb_to_recordset($2::jsonb) AS x(rule text, code text, severity text, message text, indicator_id text, field text)`,
      [id, JSON.stringify(rows)],
    );
  }
}

/** The evaluation's findings counted by rule (the aggregates follow this column). */
export function ruleCounts(json: EvaluationJson): string {
  const r: Record<string, number> = {};
  for (const f of json.findings ?? []) r[f.rule] = (r[f.rule] ?? 0) + 1;
  return JSON.stringify(r);
}

function columns(json: EvaluationJson) {
  const c = counts(json);
  return [
    json.subject,
    json.title,
    json.fiscalYear,
    json.total,
    json.grade,
    json.gradeLabel,
    json.budget?.rate ?? null,
    c.errors,
    c.warnings,
    c.infos,
    ruleCounts(json),
  ];
}

export interface InsertOptions {
  unitId: number;
  json: EvaluationJson;
  actor: Actor;
  action: string;
  sourceFileId?: number | null;
  importFileId?: number | null;
}

/** A new evaluation at version 1 (inside the caller's transaction). */
export async function insertEvaluation(q: Queryable, o: InsertOptions): Promise<{ id: number; version: number }> {
  const text = JSON.stringify(o.json);
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO evaluations (unit_id, subject, title, fiscal_year, total, grade, grade_label, execution_rate, errors, warnings, infos,
       rule_counts, current, ruleset, framework, source_file_id, import_file_id, created_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14, $15, $16, $17, $18, $18) RETURNING id`,
    [o.unitId, ...columns(o.json), text, o.json.ruleset, o.json.framework ?? null, o.sourceFileId ?? null, o.importFileId ?? null, o.actor.id],
  );
  await q.query(
    `INSERT INTO evaluation_versions (evaluation_id, version, status, evaluation, created_by) VALUES ($1, 1, 'draft', $2::jsonb, $3)`,
    [row.id, text, o.actor.id],
  );
  await writeDerived(q, row.id, o.json, true);
  await audit(q, o.actor, row.id, o.unitId, [{ action: o.action, field: 'title', from: null, to: o.json.title }]);
  return { id: row.id, version: 1 };
}

/**
 * `columns` of the evaluation with that id, joined with its unit (`un`) and its last editor (`us`),
 * if the user may see it; else 404.
 */
async function rowInScope<T = Record<string, any>>(q: Queryable, user: User, id: number, columns: string, forUpdate = false): Promise<T> {
  const params: unknown[] = [id];
  const rows = await q.query<T>(
    preparedText(`SELECT ${columns} FROM evaluations e
     JOIN units un ON un.id = e.unit_id LEFT JOIN users us ON us.id = e.updated_by
     WHERE e.id = $1 AND ${scopeSql(user, 'e.unit_id', params)}${forUpdate ? ' FOR UPDATE OF e' : ''}`),
    params,
  );
  if (!rows.length) throw notFound('评价');
  return rows[0];
}

/** The row of an evaluation the user may see, or 404. */
export const loadInScope = (q: Queryable, user: User, id: number, forUpdate = false) =>
  rowInScope(q, user, id, 'e.*, un.name AS unit_name, us.username AS updated_by_name', forUpdate);

/** 404 unless the user may see the evaluation; reads only its key columns (not the evaluation JSON). */
export const requireInScope = (q: Queryable, user: User, id: number) =>
  rowInScope<{ id: number; unit_id: number; status: Status; version: number }>(q, user, id, 'e.id, e.unit_id, e.status, e.version');

/**
 * The response body of GET /api/evaluations/:id as JSON text. The evaluation JSON is spliced in as the
 * database holds it (jsonb as text) instead of being parsed into objects and serialised again, which
 * was most of the cost of opening one.
 */
export async function detailJson(q: Queryable, user: User, id: number): Promise<string> {
  const r = await rowInScope<Record<string, any>>(
    q,
    user,
    id,
    'e.id, e.unit_id, un.name AS unit_name, e.status, e.version, e.updated_at, us.username AS updated_by_name, e.current::text AS current_text',
  );
  const { evaluation: _, ...head } = detailFromRow({ ...r, current: null });
  return `${JSON.stringify(head).slice(0, -1)},"evaluation":${r.current_text}}`;
}

export function detailFromRow(r: any) {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    status: r.status as Status,
    version: r.version,
    updatedAt: iso(r.updated_at),
    updatedBy: r.updated_by_name ?? null,
    evaluation: r.current as EvaluationJson,
  };
}

export type { ListFilters };

/** The list's cursor: the last row's updated_at (to the microsecond) and id. */
const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)_(\d{1,9})$/;
/** A text search counts its matches up to this many (then the total is a lower bound). */
const SEARCH_COUNT_CAP = 10_000;

/**
 * One page of the list, newest first, by keyset: `after` is the `next` the page before returned, so
 * the 400th page costs what the first does (index evaluations_year_status_updated). The total comes
 * from the maintained aggregates (exact); with a text search it is counted up to 10,000 and
 * `totalExact` says whether it was cut there.
 */
export async function listEvaluations(db: Queryable, user: User | null, f: ListFilters) {
  const params: unknown[] = [];
  const where = filterSql(user, f, params);
  const pageSize = Math.min(Math.max(f.pageSize ?? 50, 1), 500);
  let keyset = '';
  if (f.after) {
    const m = CURSOR.exec(f.after);
    if (!m) throw badRequest('翻页位置不正确，请从第一页重新开始');
    params.push(m[1], Number(m[2]));
    keyset = ` AND (e.updated_at, e.id) < ($${params.length - 1}::timestamptz, $${params.length})`;
  }
  const rows = await db.query(
    preparedText(`SELECT ${ITEM_COLS}, to_char(e.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
     FROM evaluations e JOIN units un ON un.id = e.unit_id WHERE ${where}${keyset}
     ORDER BY e.updated_at DESC, e.id DESC LIMIT $${params.length + 1}`),
    [...params, pageSize + 1],
  );
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  const next = rows.length > pageSize ? `${last.cursor_at}_${last.id}` : null;
  let total: number;
  let totalExact = true;
  if (statsAnswer(f)) {
    total = await countFromStats(db, await selectionNodes(db, user, f), f, user == null);
  } else {
    const p: unknown[] = [];
    const w = filterSql(user, f, p);
    const [r] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM evaluations e JOIN units un ON un.id = e.unit_id WHERE ${w} LIMIT ${SEARCH_COUNT_CAP + 1}) x`,
      p,
    );
    total = Math.min(r.n, SEARCH_COUNT_CAP);
    totalExact = r.n <= SEARCH_COUNT_CAP;
  }
  return { items: page.map(itemFromRow), total, totalExact, next };
}

/** The unit row if the user may put evaluations there, else 404. */
export async function unitInScope(q: Queryable, user: User, unitId: number) {
  const params: unknown[] = [unitId];
  const rows = await q.query(`SELECT * FROM units u WHERE u.id = $1 AND ${scopeSql(user, 'u.id', params)}`, params);
  if (!rows.length) throw notFound('单位');
  return rows[0];
}

export async function createEvaluation(db: Db, user: User, unitId: number, ev: Evaluation, action = 'create', ruleset?: string | null) {
  requireAllowed(user, 'create');
  // the unit's place in the unit tree chooses the ruleset (or, for a form's own ruleset, says why)
  const json = analyzeEvaluation(ev, ruleset, { unitPath: await unitPathNames(db, unitId) });
  return db.tx(async (q) => {
    await unitInScope(q, user, unitId);
    return insertEvaluation(q, { unitId, json, actor: user, action });
  });
}

export function conflict(row: any) {
  return new HttpError(409, 'conflict', '该评价已被他人修改，请查看最新版本后再保存', {
    current: { version: row.version, updatedBy: row.updated_by_name ?? null, updatedAt: iso(row.updated_at), evaluation: row.current },
  });
}

/** The columns of a row of `indicators` / `findings` as one text, to compare two versions' rows. */
const rowKey = (r: Record<string, unknown>) => JSON.stringify(r);

/**
 * What a save changes in the indicator rows: the rows that are new or differ (upserted), and the ids
 * of the rows that are gone.
 */
export function indicatorChanges(before: EvaluationJson, after: EvaluationJson) {
  const old = new Map(before.indicators.map((i) => [i.id, i]));
  const changed = after.indicators.filter((b) => {
    const a = old.get(b.id);
    return (
      !a ||
      a.parentId !== b.parentId ||
      a.level !== b.level ||
      a.name !== b.name ||
      (a.kind ?? null) !== (b.kind ?? null) ||
      a.target !== b.target ||
      a.actual !== b.actual ||
      a.weight !== b.weight ||
      a.statedScore !== b.statedScore ||
      a.score !== b.score ||
      a.method !== b.method ||
      a.path.length !== b.path.length ||
      a.path.some((p, k) => p !== b.path[k])
    );
  });
  const ids = new Set(after.indicators.map((i) => i.id));
  const removed = [...old.keys()].filter((id) => !ids.has(id));
  return { upsert: indicatorRows({ ...after, indicators: changed }), removed };
}

/**
 * What a save changes in the findings: the findings (by all their columns) whose number changed; all
 * rows of each are deleted and inserted again as many times as they are found now.
 */
export function findingChanges(before: EvaluationJson, after: EvaluationJson) {
  const tally = (json: EvaluationJson) => {
    const m = new Map<string, { row: ReturnType<typeof findingRows>[number]; n: number }>();
    for (const row of findingRows(json)) {
      const k = rowKey(row);
      const e = m.get(k);
      if (e) e.n++;
      else m.set(k, { row, n: 1 });
    }
    return m;
  };
  const a = tally(before);
  const b = tally(after);
  const changed: ReturnType<typeof findingRows> = [];
  const insert: ReturnType<typeof findingRows> = [];
  for (const [k, x] of a) if (b.get(k)?.n !== x.n) changed.push(x.row);
  for (const [k, y] of b) {
    if (a.get(k)?.n === y.n) continue;
    if (!a.has(k)) changed.push(y.row);
    for (let i = 0; i < y.n; i++) insert.push(y.row);
  }
  return { changed, insert };
}

/** Every tenth version is stored whole, the others as their change from the version before. */
export const SNAPSHOT_EVERY = 10;

const FINDING_COLS = 'rule text, code text, severity text, message text, indicator_id text, field text';
const SAVE = preparedText(
  `WITH u AS (
         UPDATE evaluations SET subject = $2, title = $3, fiscal_year = $4, total = $5, grade = $6, grade_label = $7, execution_rate = $8,
           errors = $9, warnings = $10, infos = $11, rule_counts = $12::jsonb, current = $13::jsonb, version = $14, updated_at = now(), updated_by = $15
         WHERE id = $1 AND version = $16 AND status = $17 RETURNING id),
       v AS (INSERT INTO evaluation_versions (evaluation_id, version, status, evaluation, patch, created_by)
         SELECT $1, $14, $17, $18::jsonb, $19::jsonb, $15 FROM u),
       di AS (DELETE FROM indicators WHERE evaluation_id = $1 AND EXISTS (SELECT 1 FROM u) AND indicator_id = ANY($21::text[])),
       ii AS (INSERT INTO indicators (evaluation_id, indicator_id, parent_id, level, path, name, kind, target, actual, weight, stated_score, score, method)
         SELECT $1, indicator_id, parent_id, level, path, name, kind, target, actual, weight, stated_score, score, method
         FROM jsonb_to_recordset($20::jsonb) AS x(indicator_id text, parent_id text, level int, path text, name text, kind text,
           target text, actual text, weight numeric, stated_score numeric, score numeric, method text)
         WHERE EXISTS (SELECT 1 FROM u)
         ON CONFLICT (evaluation_id, indicator_id) DO UPDATE SET parent_id = EXCLUDED.parent_id, level = EXCLUDED.level, path = EXCLUDED.path,
           name = EXCLUDED.name, kind = EXCLUDED.kind, target = EXCLUDED.target, actual = EXCLUDED.actual, weight = EXCLUDED.weight,
           stated_score = EXCLUDED.stated_score, score = EXCLUDED.score, method = EXCLUDED.method),
       df AS (DELETE FROM findings f WHERE f.evaluation_id = $1 AND EXISTS (SELECT 1 FROM u)
         AND EXISTS (SELECT 1 FROM jsonb_to_recordset($22::jsonb) AS x(${FINDING_COLS})
           WHERE x.rule = f.rule AND x.code = f.code AND x.severity = f.severity AND x.message = f.message
             AND x.indicator_id IS NOT DISTINCT FROM f.indicator_id AND x.field IS NOT DISTINCT FROM f.field)),
       fi AS (INSERT INTO findings (evaluation_id, rule, code, severity, message, indicator_id, field)
         SELECT $1, x.rule, x.code, x.severity, x.message, x.indicator_id, x.field
         FROM jsonb_to_recordset($23::jsonb) AS x(${FINDING_COLS}) WHERE EXISTS (SELECT 1 FROM u)),
       au AS (INSERT INTO audit_log (user_id, username, evaluation_id, unit_id, action, field, old_value, new_value)
         SELECT $15, $24, $1, $25, x.action, x.field, x.old_value, x.new_value
         FROM jsonb_to_recordset($26::jsonb) AS x(action text, field text, old_value text, new_value text) WHERE EXISTS (SELECT 1 FROM u))
       SELECT id FROM u`,
);

/** What a save starts from: the evaluation as it is now (its JSON as text), if the user may see it. */
const SAVE_BASE = (user: User) => {
  const params: unknown[] = [];
  const scope = scopeSql(user, 'e.unit_id', params);
  return { text: preparedText(`SELECT e.version, e.status, e.unit_id, e.ruleset, e.current::text AS current_text FROM evaluations e WHERE e.id = $${params.length + 1} AND ${scope}`), params };
};

/**
 * Save = one statement, so one atomic transaction without a BEGIN/COMMIT round trip, that writes what
 * changed from the version the client edited: the row (only if it is still at that version and in the
 * same status), the version as its change from that one (whole every tenth), the indicator rows that
 * changed (and the gone ones deleted), the findings that changed, and the audit entries. Every part is
 * conditioned on the row update, so when another save got in first nothing is written and the client
 * gets 409 with what is there now. The evaluation is read, scored and compared before, outside any
 * lock; nothing written is read back.
 */
export async function saveEvaluation(
  db: Db,
  user: User,
  id: number,
  version: number,
  ev: Evaluation,
  chosen?: { ruleset: string; rulesetReason: string },
) {
  const q = SAVE_BASE(user);
  const [row] = await db.query(q.text, [...q.params, id]);
  if (!row) throw notFound('评价');
  if (row.version !== version) throw conflict(await loadInScope(db, user, id));
  requireAllowed(user, 'edit', row.status);
  const before = JSON.parse(row.current_text) as EvaluationJson;
  // the approved targets it started from are the server's, not the client's to change (T10)
  const approved = before.approvedTargets;
  if (approved) ev.approvedTargets = approved;
  else delete ev.approvedTargets;
  const json = analyzeEvaluation(ev, chosen?.ruleset ?? row.ruleset, { before: chosen ?? before });
  const next = version + 1;
  // diffEvaluations reads only the fields an officer edits, which the analysed JSON carries as they are
  const changes = diffEvaluations(before as unknown as Evaluation, json as unknown as Evaluation);
  const auditRows = changes.map((c) => ({ action: 'save', field: fieldName(c), old_value: c.from, new_value: c.to }));
  const text = JSON.stringify(json);
  const whole = next % SNAPSHOT_EVERY === 1;
  const ind = indicatorChanges(before, json);
  const fnd = findingChanges(before, json);
  const done = await db.query(SAVE, [
    id,
    ...columns(json),
    text,
    next,
    user.id,
    version,
    row.status,
    whole ? text : null,
    whole ? null : JSON.stringify(diffJson(before, json)),
    JSON.stringify(ind.upsert),
    ind.removed,
    JSON.stringify(fnd.changed),
    JSON.stringify(fnd.insert),
    user.username,
    row.unit_id,
    JSON.stringify(auditRows),
  ]);
  // another save or a workflow step changed the row since it was read
  if (!done.length) throw conflict(await loadInScope(db, user, id));
  return { version: next, evaluation: json, text };
}

const fieldName = (c: Change) => (c.indicatorId ? `indicators[${c.indicatorId}].${c.field}` : c.field);

export async function carryForward(db: Db, user: User, id: number, fiscalYear: number) {
  const row = await loadInScope(db, user, id);
  requireAllowed(user, 'create');
  let next: Evaluation;
  try {
    next = carryForwardEvaluation(fromJson(row.current), fiscalYear);
  } catch (e) {
    throw badRequest((e as Error).message);
  }
  const json = analyzeEvaluation(next, row.ruleset, { before: row.current });
  return db.tx(async (q) => {
    const r = await insertEvaluation(q, { unitId: row.unit_id, json, actor: user, action: 'carry-forward' });
    await audit(q, user, r.id, row.unit_id, [{ action: 'carry-forward', field: 'from', from: null, to: `${row.id}` }]);
    return r;
  });
}

