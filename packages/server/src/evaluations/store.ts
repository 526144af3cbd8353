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
       current, ruleset, framework, source_file_id, import_file_id, created_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15, $16, $17, $17) RETURNING id`,
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

export async function listEvaluations(db: Queryable, user: User | null, f: ListFilters) {
  const params: unknown[] = [];
  const where = filterSql(user, f, params);
  const pageSize = Math.min(Math.max(f.pageSize ?? 50, 1), 500);
  const page = Math.max(f.page ?? 1, 1);
  // one round trip: the total rides along on every row (window count), a second query only for an empty page
  const rows = await db.query(
    preparedText(`SELECT ${ITEM_COLS}, count(*) OVER () ::int AS full_count FROM evaluations e JOIN units un ON un.id = e.unit_id WHERE ${where}
     ORDER BY e.updated_at DESC, e.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`),
    [...params, pageSize, (page - 1) * pageSize],
  );
  const n = rows.length
    ? rows[0].full_count
    : page === 1
      ? 0
      : (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM evaluations e JOIN units un ON un.id = e.unit_id WHERE ${where}`, params))[0].n;
  const items = rows;
  return { items: items.map(itemFromRow), total: n };
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

const SAVE = preparedText(
  `WITH u AS (
         UPDATE evaluations SET subject = $2, title = $3, fiscal_year = $4, total = $5, grade = $6, grade_label = $7, execution_rate = $8,
           errors = $9, warnings = $10, infos = $11, current = $12::jsonb, version = $13, updated_at = now(), updated_by = $14
         WHERE id = $1 AND version = $21 AND status = $15 RETURNING id),
       v AS (INSERT INTO evaluation_versions (evaluation_id, version, status, evaluation, created_by) SELECT $1, $13, $15, $12::jsonb, $14 FROM u),
       ni AS (SELECT * FROM jsonb_to_recordset($16::jsonb) AS x(indicator_id text, parent_id text, level int, path text, name text, kind text,
         target text, actual text, weight numeric, stated_score numeric, score numeric, method text)),
       di AS (DELETE FROM indicators WHERE evaluation_id = $1 AND EXISTS (SELECT 1 FROM u) AND indicator_id NOT IN (SELECT indicator_id FROM ni)),
       ii AS (INSERT INTO indicators (evaluation_id, indicator_id, parent_id, level, path, name, kind, target, actual, weight, stated_score, score, method)
         SELECT $1, indicator_id, parent_id, level, path, name, kind, target, actual, weight, stated_score, score, method FROM ni WHERE EXISTS (SELECT 1 FROM u)
         ON CONFLICT (evaluation_id, indicator_id) DO UPDATE SET parent_id = EXCLUDED.parent_id, level = EXCLUDED.level, path = EXCLUDED.path,
           name = EXCLUDED.name, kind = EXCLUDED.kind, target = EXCLUDED.target, actual = EXCLUDED.actual, weight = EXCLUDED.weight,
           stated_score = EXCLUDED.stated_score, score = EXCLUDED.score, method = EXCLUDED.method
         WHERE (indicators.parent_id, indicators.level, indicators.path, indicators.name, indicators.kind, indicators.target, indicators.actual,
             indicators.weight::text, indicators.stated_score::text, indicators.score::text, indicators.method)
           IS DISTINCT FROM (EXCLUDED.parent_id, EXCLUDED.level, EXCLUDED.path, EXCLUDED.name, EXCLUDED.kind, EXCLUDED.target, EXCLUDED.actual,
             EXCLUDED.weight::text, EXCLUDED.stated_score::text, EXCLUDED.score::text, EXCLUDED.method)),
       df AS (DELETE FROM findings WHERE evaluation_id = $1 AND EXISTS (SELECT 1 FROM u)),
       fi AS (INSERT INTO findings (evaluation_id, rule, code, severity, message, indicator_id, field)
         SELECT $1, x.rule, x.code, x.severity, x.message, x.indicator_id, x.field
         FROM jsonb_to_recordset($17::jsonb) AS x(rule text, code text, severity text, message text, indicator_id text, field text) WHERE EXISTS (SELECT 1 FROM u)),
       au AS (INSERT INTO audit_log (user_id, username, evaluation_id, unit_id, action, field, old_value, new_value)
         SELECT $14, $18, $1, $19, x.action, x.field, x.old_value, x.new_value
         FROM jsonb_to_recordset($20::jsonb) AS x(action text, field text, old_value text, new_value text) WHERE EXISTS (SELECT 1 FROM u))
       SELECT id FROM u`,
);

/**
 * Save = one statement, so one atomic transaction without a BEGIN/COMMIT round trip: the row (only if
 * it is still at the version the client edited and in the same status), the version row, the indicator
 * rows (upsert, rewriting only the rows that changed, and delete the gone), the findings and the audit
 * entries. Every part is conditioned on the row update, so when another save got in first nothing is
 * written and the client gets 409 with what is there now. The evaluation is read, scored and diffed
 * before, outside any lock.
 */
export async function saveEvaluation(
  db: Db,
  user: User,
  id: number,
  version: number,
  ev: Evaluation,
  chosen?: { ruleset: string; rulesetReason: string },
) {
  const row = await loadInScope(db, user, id);
  if (row.version !== version) throw conflict(row);
  requireAllowed(user, 'edit', row.status);
  // the approved targets it started from are the server's, not the client's to change (T10)
  const approved = (row.current as EvaluationJson).approvedTargets;
  if (approved) ev.approvedTargets = approved;
  else delete ev.approvedTargets;
  const json = analyzeEvaluation(ev, chosen?.ruleset ?? row.ruleset, { before: chosen ?? row.current });
  const next = version + 1;
  const changes = diffEvaluations(fromJson(row.current), fromJson(json));
  const auditRows = changes.map((c) => ({ action: 'save', field: fieldName(c), old_value: c.from, new_value: c.to }));
  const text = JSON.stringify(json);
  const done = await db.query(
    SAVE,
    [id, ...columns(json), text, next, user.id, row.status, JSON.stringify(indicatorRows(json)), JSON.stringify(findingRows(json)), user.username, row.unit_id, JSON.stringify(auditRows), version],
  );
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

