// Roles and scope in one place. Every query that touches units, users or evaluations adds
// scopeSql() (or scopeByPathSql() where the unit row is joined); an id outside the scope is
// indistinguishable from a missing one (404).
import type { User } from './auth/store.ts';
import type { Status } from '@jixiao/core';
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

export type Action = 'edit' | 'submit' | 'return' | 'approve' | 'publish' | 'recheck' | 'comment' | 'create' | 'import';

const RULES: Record<Action, { roles: User['role'][]; from?: Status[] }> = {
  create: { roles: ['filler', 'admin'] },
  import: { roles: ['filler', 'reviewer', 'finance', 'admin'] },
  edit: { roles: ['filler', 'admin'], from: ['draft', 'returned'] },
  submit: { roles: ['filler', 'admin'], from: ['draft', 'returned'] },
  return: { roles: ['reviewer', 'finance', 'admin'], from: ['submitted', 'approved'] },
  approve: { roles: ['reviewer', 'finance', 'admin'], from: ['submitted'] },
  publish: { roles: ['finance', 'admin'], from: ['approved'] },
  recheck: { roles: ['finance', 'admin'], from: ['submitted', 'approved', 'published'] },
  comment: { roles: ['filler', 'reviewer', 'finance', 'admin'] },
};

const STATUS_LABEL: Record<Status, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '退回',
  approved: '审核通过',
  published: '已公开',
};
export const statusLabel = (s: Status) => STATUS_LABEL[s] ?? s;

/** Throws 403 (in scope but not allowed) or 409 (wrong status); callers already checked scope. */
export function requireAllowed(user: User, action: Action, status?: Status) {
  const r = RULES[action];
  if (!r.roles.includes(user.role)) throw forbidden();
  if (status && r.from && !r.from.includes(status)) {
    throw Object.assign(forbidden(`当前状态为「${statusLabel(status)}」，不能执行此操作`), { status: 409, code: 'bad-status' });
  }
}
