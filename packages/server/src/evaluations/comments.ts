// Comments on an evaluation, on one of its indicator rows, or on one cell of a row (indicator and
// field); the return comment of the workflow too.
import type { EvaluationJson } from '@jixiao/core';
import type { Db, Queryable } from '../db/client.ts';
import type { User } from '../auth/store.ts';
import { audit } from '../audit.ts';
import { requireAllowed } from '../scope.ts';
import { badRequest, notFound } from '../errors.ts';
import { iso, loadInScope, requireInScope } from './store.ts';

export async function commentsOf(db: Queryable, user: User, id: number) {
  await requireInScope(db, user, id);
  const rows = await db.query(
    `SELECT c.id, c.indicator_id, c.field, c.text, c.kind, c.created_at, u.username, u.name FROM comments c LEFT JOIN users u ON u.id = c.user_id
     WHERE c.evaluation_id = $1 ORDER BY c.id`,
    [id],
  );
  return rows.map((r) => ({
    id: r.id,
    indicatorId: r.indicator_id,
    field: r.field ?? null,
    text: r.text,
    kind: r.kind,
    createdAt: iso(r.created_at),
    user: r.username,
    userName: r.name,
  }));
}

/** The cells of an indicator row a comment may name. */
export const COMMENT_FIELDS = ['name', 'target', 'actual', 'weight', 'statedScore', 'score', 'deviation', 'basis', 'rule'] as const;

export async function addComment(db: Db, user: User, id: number, indicatorId: string | null, body: string, field: string | null = null) {
  requireAllowed(user, 'comment');
  if (field && !indicatorId) throw badRequest('批注某一栏时请同时指明指标');
  if (field && !(COMMENT_FIELDS as readonly string[]).includes(field)) throw badRequest(`不能对「${field}」一栏批注`);
  return db.tx(async (q) => {
    const row = await loadInScope(q, user, id);
    if (indicatorId && !(row.current as EvaluationJson).indicators.some((i) => i.id === indicatorId)) throw notFound('指标');
    const [c] = await q.query(
      `INSERT INTO comments (evaluation_id, indicator_id, field, text, user_id) VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at`,
      [id, indicatorId, field, body, user.id],
    );
    await audit(q, user, id, row.unit_id, [{ action: 'comment', field: indicatorId ? `indicators[${indicatorId}]${field ? `.${field}` : ''}` : null, to: body }]);
    return { id: c.id, indicatorId, field, text: body, createdAt: iso(c.created_at), user: user.username };
  });
}

