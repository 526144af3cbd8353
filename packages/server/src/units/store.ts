// Units (finance bureau → supervising department → unit) and users. Administration is 管理员 only;
// reading is limited to the caller's scope.
import type { Queryable } from '../db/client.ts';
import { hashPassword, passwordProblem, ROLES, type Role, type User, revokeUserSessions } from '../auth/store.ts';
import { scopeSql } from '../scope.ts';
import { badRequest, forbidden, HttpError, notFound } from '../errors.ts';
import { audit, type Actor } from '../audit.ts';

export type UnitKind = 'finance' | 'department' | 'unit';
const DEPTH: Record<UnitKind, number> = { finance: 0, department: 1, unit: 2 };
import { KIND_LABEL } from '@jixiao/core/labels.ts';
export { KIND_LABEL };

export interface UnitQuery {
  /** part of the name */
  q?: string | null;
  kind?: UnitKind | null;
  /** the units directly under this one (a tree opened level by level) */
  parentId?: number | null;
  /** the `next` of the page before */
  after?: string | null;
  limit?: number | null;
}

/**
 * A page of the units in the caller's scope, in tree order (by path), searched by name and kind or
 * one level of the tree; `next` continues after the page's last unit. Pickers ask for what they show,
 * never the whole province's units.
 */
export async function listUnits(q: Queryable, user: User, o: UnitQuery = {}) {
  const params: unknown[] = [];
  const where = [scopeSql(user, 'u.id', params)];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (o.kind) add('u.kind = ?', o.kind);
  if (o.parentId != null) add('u.parent_id = ?', o.parentId);
  if (o.q) add(`u.name ILIKE ? ESCAPE '\\'`, `%${o.q.replace(/[\\%_]/g, (m) => '\\' + m)}%`);
  const countParams = [...params];
  const countWhere = where.join(' AND ');
  if (o.after) add('u.path > ?', o.after);
  const limit = Math.min(Math.max(o.limit ?? 100, 1), 1000);
  const [rows, [{ n }]] = await Promise.all([
    q.query(`SELECT id, name, parent_id, kind, path FROM units u WHERE ${where.join(' AND ')} ORDER BY path LIMIT ${limit + 1}`, params),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM units u WHERE ${countWhere}`, countParams),
  ]);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id, kind: r.kind as UnitKind })),
    total: n,
    next: rows.length > limit ? (page[page.length - 1].path as string) : null,
  };
}

/** Inside a transaction. Kind defaults to one level below the parent. */
export async function addUnit(q: Queryable, actor: Actor, name: string, parentId: number | null, kind?: UnitKind | null) {
  name = name.trim();
  if (!name || name.length > 200) throw badRequest('单位名称不能为空，且不超过 200 字');
  let parent: any = null;
  if (parentId != null) {
    [parent] = await q.query('SELECT id, kind, path FROM units WHERE id = $1', [parentId]);
    if (!parent) throw notFound('上级单位');
  }
  const k: UnitKind = kind ?? (parent ? (parent.kind === 'finance' ? 'department' : 'unit') : 'finance');
  if (!(k in DEPTH)) throw badRequest('单位类型应为 finance、department 或 unit');
  if (parent && DEPTH[k] <= DEPTH[parent.kind as UnitKind]) throw badRequest(`「${KIND_LABEL[k]}」不能设在「${KIND_LABEL[parent.kind as UnitKind]}」之下`);
  if (!parent && k !== 'finance') throw badRequest('顶级单位应为财政部门；请用 --parent 指定上级');
  const dup = await q.query('SELECT 1 FROM units WHERE name = $1 AND parent_id IS NOT DISTINCT FROM $2', [name, parentId]);
  if (dup.length) throw new HttpError(409, 'exists', `同一上级下已有单位「${name}」`);
  const [r] = await q.query<{ id: number }>('INSERT INTO units (name, parent_id, kind) VALUES ($1, $2, $3) RETURNING id', [name, parentId, k]);
  const path = `${parent?.path ?? '/'}${r.id}/`;
  await q.query('UPDATE units SET path = $2 WHERE id = $1', [r.id, path]);
  await audit(q, actor, null, r.id, [{ action: 'unit-add', field: 'name', to: name }]);
  return { id: r.id, name, parentId, kind: k };
}

export async function findUnitByName(q: Queryable, name: string) {
  const rows = await q.query('SELECT id, name, kind FROM units WHERE name = $1 ORDER BY id', [name]);
  return rows;
}

export async function listUsers(q: Queryable, user: User) {
  if (user.role !== 'admin') throw forbidden();
  const rows = await q.query(
    `SELECT u.id, u.username, u.name, u.role, u.unit_id, un.name AS unit_name, u.disabled, u.created_at
     FROM users u LEFT JOIN units un ON un.id = u.unit_id ORDER BY u.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    name: r.name,
    role: r.role,
    unitId: r.unit_id,
    unitName: r.unit_name,
    disabled: r.disabled,
  }));
}

const ROLE_UNIT: Record<Role, UnitKind[] | null> = {
  filler: ['unit', 'department'],
  reviewer: ['department'],
  finance: ['finance'],
  admin: null,
};

/** A role belongs to units of certain kinds (填报人 a unit or department, 审核人 a department, 财政 a finance bureau). */
async function checkRoleUnit(q: Queryable, role: Role, unitId: number | null) {
  const kinds = ROLE_UNIT[role];
  if (!kinds) return;
  if (unitId == null) throw badRequest('该角色需要指定所属单位');
  const [unit] = await q.query('SELECT kind FROM units WHERE id = $1', [unitId]);
  if (!unit) throw notFound('单位');
  if (!kinds.includes(unit.kind)) throw badRequest(`角色与单位类型不符：该角色应属于${kinds.map((k) => KIND_LABEL[k]).join('或')}`);
}

export async function addUser(
  q: Queryable,
  actor: Actor,
  u: { username: string; name?: string; role: string; unitId: number | null; password: string; mustChangePassword?: boolean },
) {
  // full-width letters typed on a Chinese keyboard are the same name as their ASCII forms
  if (typeof u.username === 'string') u = { ...u, username: u.username.normalize('NFKC') };
  if (typeof u.username !== 'string' || !/^[A-Za-z0-9_.@-]{2,64}$/.test(u.username)) {
    throw badRequest('用户名应为 2–64 位字母、数字或 _ . @ -');
  }
  if (!ROLES.includes(u.role as Role)) throw badRequest('角色应为 filler（填报人）、reviewer（审核人）、finance（财政）或 admin（管理员）');
  const pw = passwordProblem(u.password);
  if (pw) throw badRequest(pw);
  await checkRoleUnit(q, u.role as Role, u.unitId);
  // ADMIN and admin are one name: compared in lower case (the index users_username_lower)
  const [same] = await q.query('SELECT username FROM users WHERE lower(username) = lower($1)', [u.username]);
  if (same) throw new HttpError(409, 'exists', same.username === u.username ? `用户名「${u.username}」已存在` : `用户名「${u.username}」与已有的「${same.username}」只差大小写或全角半角，不能再用`);
  const hash = await hashPassword(u.password);
  const [r] = await q.query<{ id: number }>(
    'INSERT INTO users (username, name, role, unit_id, password_hash, must_change_password) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [u.username, (u.name ?? '').slice(0, 100), u.role, u.unitId, hash, u.mustChangePassword === true],
  );
  await audit(q, actor, null, u.unitId, [{ action: 'user-add', field: 'username', to: `${u.username}（${u.role}）` }]);
  return { id: r.id, username: u.username, name: u.name ?? '', role: u.role, unitId: u.unitId };
}

/** Set a password and revoke the user's sessions (all of them, or all but `keepSession`). A password
 *  set by someone else than the user is one-time: it must be changed at the next login. */
export async function setPassword(q: Queryable, actor: Actor, userId: number, password: string, keepSession: string | null) {
  const problem = passwordProblem(password);
  if (problem) throw badRequest(problem);
  const hash = await hashPassword(password);
  await q.query('UPDATE users SET password_hash = $2, password_changed_at = now(), must_change_password = $3 WHERE id = $1', [userId, hash, actor.id !== userId]);
  await revokeUserSessions(q, userId, keepSession);
  await audit(q, actor, null, null, [{ action: 'password', field: 'user', to: String(userId) }]);
}

/**
 * 管理员 changes a user: disable or enable (disabling ends all their sessions at once), role and unit,
 * display name, or a new password (ends their sessions too). Each change goes into the audit log.
 */
export async function updateUser(
  q: Queryable,
  actor: User,
  userId: number,
  c: { disabled?: unknown; role?: unknown; unitId?: number | null; name?: unknown; password?: unknown },
) {
  if (actor.role !== 'admin') throw forbidden();
  const [cur] = await q.query('SELECT id, username, name, role, unit_id, disabled FROM users WHERE id = $1 FOR UPDATE', [userId]);
  if (!cur) throw notFound('用户');
  const entries: { action: string; field: string; from?: string | null; to?: string | null }[] = [];
  const role = c.role === undefined ? cur.role : c.role;
  const unitId = c.unitId === undefined ? cur.unit_id : c.unitId;
  if (!ROLES.includes(role as Role)) throw badRequest('角色应为 filler（填报人）、reviewer（审核人）、finance（财政）或 admin（管理员）');
  if (role !== cur.role || unitId !== cur.unit_id) {
    await checkRoleUnit(q, role as Role, unitId);
    if (cur.id === actor.id && role !== 'admin') throw badRequest('不能取消自己的管理员角色');
    await q.query('UPDATE users SET role = $2, unit_id = $3 WHERE id = $1', [userId, role, unitId]);
    // a new role or unit is a new scope: sessions opened under the old one end
    await revokeUserSessions(q, userId, null);
    if (role !== cur.role) entries.push({ action: 'user-edit', field: 'role', from: cur.role, to: String(role) });
    if (unitId !== cur.unit_id) entries.push({ action: 'user-edit', field: 'unit', from: cur.unit_id == null ? null : String(cur.unit_id), to: unitId == null ? null : String(unitId) });
  }
  if (c.name !== undefined) {
    if (typeof c.name !== 'string' || c.name.length > 100) throw badRequest('姓名应为不超过 100 字的文字');
    if (c.name !== cur.name) {
      await q.query('UPDATE users SET name = $2 WHERE id = $1', [userId, c.name]);
      entries.push({ action: 'user-edit', field: 'name', from: cur.name, to: c.name });
    }
  }
  if (c.disabled !== undefined) {
    if (typeof c.disabled !== 'boolean') throw badRequest('disabled 应为 true 或 false');
    if (c.disabled && cur.id === actor.id) throw badRequest('不能停用自己的账号');
    if (c.disabled !== cur.disabled) entries.push(await setDisabled(q, userId, c.disabled));
  }
  if (entries.length) await audit(q, actor, null, unitId ?? null, entries.map((e) => ({ ...e, field: `${cur.username}.${e.field}` })));
  if (c.password !== undefined) {
    if (typeof c.password !== 'string') throw badRequest('密码应为文字');
    await setPassword(q, actor, userId, c.password, null);
  }
  const [u] = await q.query(
    `SELECT u.id, u.username, u.name, u.role, u.unit_id, un.name AS unit_name, u.disabled FROM users u LEFT JOIN units un ON un.id = u.unit_id WHERE u.id = $1`,
    [userId],
  );
  return { id: u.id, username: u.username, name: u.name, role: u.role, unitId: u.unit_id, unitName: u.unit_name, disabled: u.disabled };
}

/** Disable (ending all the user's sessions) or enable a user; the audit entry to write. */
export async function setDisabled(q: Queryable, userId: number, disabled: boolean) {
  await q.query('UPDATE users SET disabled = $2 WHERE id = $1', [userId, disabled]);
  if (disabled) await revokeUserSessions(q, userId, null);
  return { action: disabled ? 'user-disable' : 'user-enable', field: 'disabled', from: String(!disabled), to: String(disabled) };
}
