// The review workflow on the server: submit / return / approve / reopen / publish / recheck as a new
// version with the new status, audited, the comment or reason kept. Who may do what from which status,
// and which moves need a reason, is core's workflow (WORKFLOW, through requireAllowed() in scope.ts).
import { fromJson, WORKFLOW, type Status } from '@jixiao/core';
import type { Db } from '../db/client.ts';
import type { User } from '../auth/store.ts';
import { audit, type AuditEntry } from '../audit.ts';
import { requireAllowed, statusLabel, type Action } from '../scope.ts';
import { HttpError, badRequest } from '../errors.ts';
import { analyzeEvaluation, counts, loadInScope, ruleCounts, writeDerived } from './store.ts';

/** A move of the workflow: a new version with the state core's workflow leads to. */
export async function transition(db: Db, user: User, id: number, action: Action, comment: string | null) {
  const row = await loadInScope(db, user, id);
  requireAllowed(user, action, row.status);
  const needs = WORKFLOW[action].reason;
  if (needs && !comment?.trim()) throw badRequest(needs);
  // analysed again with the current rules: the code may have learnt new checks since the save
  const analyse = (r: any) => {
    const json = analyzeEvaluation(fromJson(r.current), r.ruleset, { before: r.current });
    if (action === 'submit') {
      const errors = json.findings.filter((f) => f.severity === 'error');
      if (errors.length) throw new HttpError(422, 'has-errors', `还有 ${errors.length} 个错误未处理，不能提交`, { findings: errors });
    }
    return json;
  };
  let json = analyse(row);
  return db.tx(async (q) => {
    const r = await loadInScope(q, user, id, true);
    requireAllowed(user, action, r.status);
    if (r.version !== row.version) json = analyse(r); // saved in between: judge what is there now
    const status: Status = WORKFLOW[action].to ?? r.status;
    const next = r.version + 1;
    await q.query(
      `UPDATE evaluations SET status = $2, version = $3, current = $4::jsonb, total = $5, grade = $6, grade_label = $7, execution_rate = $8,
         errors = $9, warnings = $10, infos = $11, updated_at = now(), updated_by = $12, rule_counts = $13::jsonb
         ${action === 'submit' ? ', last_submitted_version = $3' : ''}
       WHERE id = $1`,
      [id, status, next, JSON.stringify(json), json.total, json.grade, json.gradeLabel, json.budget?.rate ?? null, ...Object.values(counts(json)), user.id, ruleCounts(json)],
    );
    await q.query(
      `INSERT INTO evaluation_versions (evaluation_id, version, status, evaluation, created_by) VALUES ($1, $2, $3, $4::jsonb, $5)`,
      [id, next, status, JSON.stringify(json), user.id],
    );
    await writeDerived(q, id, json, false);
    const entries: AuditEntry[] = [{ action, field: 'status', from: statusLabel(r.status), to: statusLabel(status) }];
    if (comment) entries.push({ action, field: 'comment', from: null, to: comment });
    await audit(q, user, id, r.unit_id, entries);
    if (comment) {
      await q.query(`INSERT INTO comments (evaluation_id, indicator_id, text, kind, user_id) VALUES ($1, NULL, $2, $3, $4)`, [
        id,
        comment,
        action,
        user.id,
      ]);
    }
    return { status, version: next };
  });
}

