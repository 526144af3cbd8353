// Which ruleset scores an evaluation on the server: the unit's place in the unit tree goes to the
// choice (core/rulesets/select.ts), on create and on import, and the user may name another one.
import { fromJson, type Evaluation, type EvaluationJson } from '@jixiao/core';
import { getRuleset, rulesetFor } from '@jixiao/core/rulesets/index.ts';
import { keptReason } from '@jixiao/core/rulesets/select.ts';
import { analyzeToJson } from '@jixiao/core';
import type { Db, Queryable } from '../db/client.ts';
import { unitPathNames } from './unit-path.ts';
import type { User } from '../auth/store.ts';
import { audit } from '../audit.ts';
import { requireAllowed } from '../scope.ts';
import { badRequest } from '../errors.ts';
import { conflict, loadInScope, saveEvaluation } from './store.ts';

/**
 * An imported evaluation whose document names no place with rules of its own (scored by the
 * national ruleset) takes the ruleset of the unit it is filed under, when the unit's place has one
 * and the form fits it. A document that names its place keeps the choice it made.
 */
export async function withUnitRuleset(q: Queryable, unitId: number, json: EvaluationJson): Promise<EvaluationJson> {
  if (json.ruleset !== 'national') return json;
  const unitPath = await unitPathNames(q, unitId);
  if (!unitPath.length) return json;
  const ev: Evaluation = fromJson(json);
  const choice = rulesetFor(ev, null, { unitPath });
  if (choice.by !== 'unit') return json;
  return analyzeToJson(ev, null, { unitPath });
}

/**
 * The user names the ruleset (or `null`: the automatic choice again, from the unit's place and the
 * evaluation's own words): stored, audited, and the evaluation scored again as a new version.
 */
export async function setRuleset(db: Db, user: User, id: number, version: number, rulesetId: string | null) {
  const row = await loadInScope(db, user, id);
  if (row.version !== version) throw conflict(row);
  requireAllowed(user, 'edit', row.status);
  if (rulesetId != null && !getRuleset(rulesetId)) throw badRequest(`评分规则「${rulesetId}」不存在`);
  const ev = fromJson(row.current);
  const unitPath = await unitPathNames(db, row.unit_id);
  const choice = rulesetFor(ev, rulesetId, { unitPath });
  const before = (row.current as EvaluationJson).rulesetReason ?? null;
  await db.tx(async (q) => {
    const done = await q.query(`UPDATE evaluations SET ruleset = $2 WHERE id = $1 AND version = $3 RETURNING id`, [id, choice.ruleset.id, version]);
    if (!done.length) throw conflict(await loadInScope(q, user, id));
    await audit(q, user, id, row.unit_id, [{ action: 'ruleset', field: 'ruleset', from: before, to: choice.reason }]);
  });
  return saveEvaluation(db, user, id, version, ev, { ruleset: choice.ruleset.id, rulesetReason: choice.reason });
}
