// Roles and scope in one place. Every query that touches units, users or evaluations adds
// scopeSql() (or scopeByPathSql() where the unit row is joined); an id outside the scope is
// indistinguishable from a missing one (404).
import type { User } from './auth/store.ts';
import { decide, STATUS_LABEL, type Status, type WorkflowAction } from '@jixiao/core';
import { forbidden } from './errors.ts';

/**
 * SQL condition limiting `unitColumn` to the units the user may see: their unit and every unit
 * below it (填报人: own unit; 审核人: the department's units; 财政: its region). 管理员 sees all.
 * Pushes its parameter onto `params`.
 */
export function scopeSql(user: User, unitColumn: string, params: unknown[]): string {
  if (user.role === 'admin') return 'TRUE';
  if (!user.unitPath) return 'FALSE';
  params.push(user.unitPath + '%');
  return `${unitColumn} IN (SELECT id FROM units WHERE path LIKE $${params.length})`;
}

/**
 * The same scope as scopeSql(), for a query that has already joined the unit row: its `path` column
 * tested directly (a unit is in scope when its path starts with the user's unit's path). Lets the
 * planner filter the units once instead of joining them a second time.
 */
export function scopeByPathSql(user: User, pathColumn: string, params: unknown[]): string {
  if (user.role === 'admin') return 'TRUE';
  if (!user.unitPath) return 'FALSE';
  params.push(user.unitPath + '%');
  return `${pathColumn} LIKE $${params.length}`;
}

// The workflow's rules (who may do what from which state) live in @jixiao/core/workflow.
export type Action = WorkflowAction;

export const statusLabel = (s: Status) => STATUS_LABEL[s] ?? s;

/** Throws 403 (in scope but not allowed) or 409 (wrong status); callers already checked scope.
 *  The reason a move needs is checked by the caller (400), once the rest is allowed. */
export function requireAllowed(user: User, action: Action, status?: Status) {
  const v = decide(user.role, action, status, 'x');
  if (v.ok) return;
  if (v.reason === 'role') throw forbidden(v.message);
  throw Object.assign(forbidden(v.message), { status: 409, code: 'bad-status' });
}
