// Where an imported evaluation goes. It is filed only when its unit is certain (the unit chosen at
// upload, a filler's own unit, the only one they may file into, or a unit of the uploader's scope
// with exactly the document's unit name) and it repeats no evaluation already there (same unit, year, kind and title, from
// another file). Otherwise it is held (import_held) with what the reviewer needs to decide: the
// close unit names to choose from, or the existing evaluation and the differences. The reviewer
// then places it, updates the existing evaluation, keeps both or skips it (resolveHeld).
import { fromJson, type EvaluationJson } from '@jixiao/core';
import { diffEvaluations, type Change } from '@jixiao/core/model/diff.ts';
import type { Db, Queryable } from '../db/client.ts';
import type { User } from '../auth/store.ts';
import { audit, type Actor } from '../audit.ts';
import { scopeSql, requireAllowed } from '../scope.ts';
import { badRequest, HttpError, notFound } from '../errors.ts';
import { analyzeEvaluation, counts, insertEvaluation, unitInScope, writeDerived } from '../evaluations/store.ts';
import { withUnitRuleset } from '../evaluations/ruleset.ts';
import { matchUnit, type UnitRef } from './match.ts';

export interface FileContext {
  jobId: number;
  /** the unit chosen at upload, if any */
  jobUnitId: number | null;
  creator: User | null;
  importFileId: number;
  sourceFileId: number | null;
}

export type Placement = { evaluationId: number } | { heldId: number };

/** The units the uploader may file into (their scope). */
export async function unitsInScope(q: Queryable, user: User): Promise<UnitRef[]> {
  const params: unknown[] = [];
  return q.query<UnitRef>(`SELECT id, name FROM units u WHERE ${scopeSql(user, 'u.id', params)} ORDER BY id`, params);
}

/** An evaluation already in `unitId` with the same year, kind and title, not from this same file. */
async function sameEvaluation(q: Queryable, unitId: number, json: EvaluationJson, importFileId: number | null) {
  const rows = await q.query<{ id: number; current: EvaluationJson }>(
    `SELECT id, current FROM evaluations WHERE unit_id = $1 AND title = $2 AND subject = $3 AND fiscal_year IS NOT DISTINCT FROM $4
       AND import_file_id IS DISTINCT FROM $5 ORDER BY id LIMIT 1`,
    [unitId, json.title, json.subject, json.fiscalYear ?? null, importFileId],
  );
  return rows[0] ?? null;
}

export const changesBetween = (existing: EvaluationJson, imported: EvaluationJson): Change[] =>
  diffEvaluations(fromJson(existing), fromJson(imported));

/** File `json` into `unitId`, or hold it there as a duplicate of what the unit already has. */
async function fileInto(q: Queryable, c: FileContext, unitId: number, imported: EvaluationJson, actor: Actor): Promise<Placement> {
  // scored by the rules of the unit's place when the document names none of its own
  const json = await withUnitRuleset(q, unitId, imported);
  const dup = await sameEvaluation(q, unitId, json, c.importFileId);
  if (dup) {
    const identical = changesBetween(dup.current, json).length === 0;
    const [h] = await q.query<{ id: number }>(
      `INSERT INTO import_held (job_id, import_file_id, reason, evaluation, unit_name, unit_id, duplicate_of, identical)
       VALUES ($1, $2, 'duplicate', $3::jsonb, $4, $5, $6, $7) RETURNING id`,
      [c.jobId, c.importFileId, JSON.stringify(json), json.unit ?? null, unitId, dup.id, identical],
    );
    return { heldId: h.id };
  }
  const r = await insertEvaluation(q, { unitId, json, actor, action: 'import', sourceFileId: c.sourceFileId, importFileId: c.importFileId });
  return { evaluationId: r.id };
}

/** One evaluation of an imported file: filed, or held for the reviewer (inside the file's transaction). */
export async function fileOrHold(q: Queryable, c: FileContext, json: EvaluationJson): Promise<Placement> {
  const actor: Actor = { id: c.creator?.id ?? null, username: c.creator?.username ?? 'system' };
  if (c.jobUnitId) return fileInto(q, c, c.jobUnitId, json, actor);
  // a filler may file into one unit only, their own: what they upload is their unit's
  if (c.creator?.role === 'filler' && c.creator.unitId) return fileInto(q, c, c.creator.unitId, json, actor);
  const units = c.creator ? await unitsInScope(q, c.creator) : [];
  const m = matchUnit(json.unit, units);
  if (m.unit) return fileInto(q, c, m.unit.id, json, actor);
  const [h] = await q.query<{ id: number }>(
    `INSERT INTO import_held (job_id, import_file_id, reason, evaluation, unit_name, candidates) VALUES ($1, $2, 'unknown-unit', $3::jsonb, $4, $5::jsonb) RETURNING id`,
    [c.jobId, c.importFileId, JSON.stringify(json), json.unit?.trim() || null, JSON.stringify(m.candidates)],
  );
  return { heldId: h.id };
}

export type HeldAction = 'place' | 'update' | 'keep' | 'skip';

/**
 * The reviewer's decision on a held evaluation. `place` files an unknown-unit one into `unitId` (held
 * again as a duplicate if that unit already has it); `update` writes it as a new version of the
 * existing evaluation (a draft or returned one only); `keep` files it beside the existing one; `skip`
 * drops it. Returns the held item as it now stands.
 */
export async function resolveHeld(db: Db, user: User, jobId: number, heldId: number, action: HeldAction, unitId: number | null) {
  requireAllowed(user, 'import');
  return db.tx(async (q) => {
    const [h] = await q.query(`SELECT * FROM import_held WHERE id = $1 AND job_id = $2 FOR UPDATE`, [heldId, jobId]);
    if (!h) throw notFound('待确认的评价');
    if (h.resolution) throw new HttpError(409, 'conflict', '这份评价已经处理过了');
    const json = h.evaluation as EvaluationJson;
    const c: FileContext = { jobId, jobUnitId: null, creator: user, importFileId: h.import_file_id, sourceFileId: null };
    const [f] = await q.query(`SELECT source_file_id FROM import_files WHERE id = $1`, [h.import_file_id]);
    c.sourceFileId = f?.source_file_id ?? null;
    let evaluationId: number | null = null;
    let resolution: string;
    if (action === 'skip') {
      resolution = 'skipped';
    } else if (action === 'place') {
      if (h.reason !== 'unknown-unit') throw badRequest('这份评价的单位已确定，请选择更新、保留两份或跳过');
      if (unitId == null) throw badRequest('请选择单位');
      await unitInScope(q, user, unitId);
      const p = await fileInto(q, c, unitId, json, user);
      if ('heldId' in p) {
        // the unit already has it: this item is resolved into a duplicate to decide on
        await q.query(`UPDATE import_held SET resolution = 'placed', resolved_by = $2, resolved_at = now() WHERE id = $1`, [heldId, user.id]);
        return { id: p.heldId, resolution: null, movedFrom: heldId };
      }
      evaluationId = p.evaluationId;
      resolution = 'placed';
    } else if (action === 'keep') {
      if (h.reason !== 'duplicate') throw badRequest('请先选择这份评价所属的单位');
      await unitInScope(q, user, h.unit_id);
      evaluationId = (await insertEvaluation(q, { unitId: h.unit_id, json: await withUnitRuleset(q, h.unit_id, json), actor: user, action: 'import', sourceFileId: c.sourceFileId, importFileId: h.import_file_id })).id;
      resolution = 'kept';
    } else if (action === 'update') {
      if (h.reason !== 'duplicate') throw badRequest('请先选择这份评价所属的单位');
      evaluationId = await updateWithImport(q, user, h.duplicate_of, json);
      resolution = 'updated';
    } else {
      throw badRequest('未知的处理方式');
    }
    await q.query(`UPDATE import_held SET resolution = $2, evaluation_id = $3, resolved_by = $4, resolved_at = now() WHERE id = $1`, [
      heldId,
      resolution,
      evaluationId,
      user.id,
    ]);
    if (evaluationId != null && resolution !== 'updated') {
      await q.query(`UPDATE import_files SET evaluation_ids = evaluation_ids || $2::jsonb WHERE id = $1`, [h.import_file_id, JSON.stringify([evaluationId])]);
    }
    return { id: heldId, resolution, evaluationId };
  });
}

/** The imported content as the next version of an existing evaluation, which must still be editable. */
async function updateWithImport(q: Queryable, user: User, id: number, imported: EvaluationJson): Promise<number> {
  const params: unknown[] = [id];
  const [row] = await q.query(`SELECT * FROM evaluations e WHERE e.id = $1 AND ${scopeSql(user, 'e.unit_id', params)} FOR UPDATE`, params);
  if (!row) throw notFound('评价');
  if (row.status !== 'draft' && row.status !== 'returned') {
    throw new HttpError(409, 'bad-status', '已有的评价已提交或审核，不能用导入的内容覆盖；可以保留两份或跳过');
  }
  const json = analyzeEvaluation(fromJson(imported), row.ruleset);
  const changes = changesBetween(row.current, json);
  const next = row.version + 1;
  const c = counts(json);
  await q.query(
    `UPDATE evaluations SET subject = $2, title = $3, fiscal_year = $4, total = $5, grade = $6, grade_label = $7, execution_rate = $8,
       errors = $9, warnings = $10, infos = $11, current = $12::jsonb, version = $13, updated_at = now(), updated_by = $14 WHERE id = $1`,
    [id, json.subject, json.title, json.fiscalYear, json.total, json.grade, json.gradeLabel, json.budget?.rate ?? null, c.errors, c.warnings, c.infos, JSON.stringify(json), next, user.id],
  );
  await q.query(`INSERT INTO evaluation_versions (evaluation_id, version, status, evaluation, created_by) VALUES ($1, $2, $3, $4::jsonb, $5)`, [
    id,
    next,
    row.status,
    JSON.stringify(json),
    user.id,
  ]);
  await writeDerived(q, id, json, false);
  await audit(q, user, id, row.unit_id, [
    { action: 'import-update', field: null, from: `${row.version}`, to: `${next}` },
    ...changes.map((ch) => ({ action: 'import-update', field: ch.indicatorId ? `indicators[${ch.indicatorId}].${ch.field}` : ch.field, from: ch.from, to: ch.to })),
  ]);
  return id;
}

/** The held items of a job as its page shows them, with the differences for an open duplicate. */
export async function heldOfJob(q: Queryable, jobId: number) {
  const rows = await q.query(
    `SELECT h.*, e.title AS dup_title, e.status AS dup_status, e.current AS dup_current, un.name AS unit_label
     FROM import_held h LEFT JOIN evaluations e ON e.id = h.duplicate_of LEFT JOIN units un ON un.id = h.unit_id
     WHERE h.job_id = $1 ORDER BY h.id`,
    [jobId],
  );
  return rows.map((h) => {
    const json = h.evaluation as EvaluationJson;
    return {
      id: h.id,
      importFileId: h.import_file_id,
      reason: h.reason as 'unknown-unit' | 'duplicate',
      title: json.title,
      fiscalYear: json.fiscalYear ?? null,
      total: json.total ?? null,
      unitName: h.unit_name ?? null,
      candidates: h.candidates as UnitRef[],
      unitId: h.unit_id ?? null,
      unitLabel: h.unit_label ?? null,
      duplicateOf: h.duplicate_of ? { id: h.duplicate_of, title: h.dup_title, status: h.dup_status } : null,
      identical: h.identical,
      changes: h.reason === 'duplicate' && !h.resolution && h.dup_current ? changesBetween(h.dup_current, json) : [],
      resolution: h.resolution ?? null,
      evaluationId: h.evaluation_id ?? null,
    };
  });
}
