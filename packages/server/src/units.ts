// Units (finance bureau → supervising department → unit) and users. Administration is 管理员 only;
// reading is limited to the caller's scope.
import type { Queryable } from './db/client.ts';
import { hashPassword, passwordProblem, ROLES, type Role, type User, revokeUserSessions } from './auth.ts';
import { scopeSql } from './scope.ts';
import { badRequest, forbidden, HttpError, notFound } from './errors.ts';
import { audit, type Actor } from './evaluations.ts';

export type UnitKind = 'finance' | 'department' | 'unit';
const DEPTH: Record<UnitKind, number> = { finance: 0, department: 1, unit: 2 };
export const KIND_LABEL: Record<UnitKind, string> = { finance: '财政部门', department: '主管部门', unit: '单位' };

export async function listUnits(q: Queryable, user: User) {
  const params: unknown[] = [];
  const rows = await q.query(`SELECT id, name, parent_id, kind FROM units u WHERE ${scopeSql(user, 'u.id', params)} ORDER BY path`, params);
  return rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id, kind: r.kind as UnitKind }));
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

export async function addUser(
  q: Queryable,
  actor: Actor,
  u: { username: string; name?: string; role: string; unitId: number | null; password: string },
) {
  if (typeof u.username !== 'string' || !/^[A-Za-z0-9_.@-]{2,64}$/.test(u.username)) {
    throw badRequest('用户名应为 2–64 位字母、数字或 _ . @ -');
  }
  if (!ROLES.includes(u.role as Role)) throw badRequest('角色应为 filler（填报人）、reviewer（审核人）、finance（财政）或 admin（管理员）');
  const pw = passwordProblem(u.password);
  if (pw) throw badRequest(pw);
  const kinds = ROLE_UNIT[u.role as Role];
  if (kinds) {
    if (u.unitId == null) throw badRequest('该角色需要指定所属单位');
    const [unit] = await q.query('SELECT kind FROM units WHERE id = $1', [u.unitId]);
    if (!unit) throw notFound('单位');
    if (!kinds.includes(unit.kind)) throw badRequest(`角色与单位类型不符：该角色应属于${kinds.map((k) => KIND_LABEL[k]).join('或')}`);
  }
  const exists = await q.query('SELECT 1 FROM users WHERE username = $1', [u.username]);
  if (exists.length) throw new HttpError(409, 'exists', `用户名「${u.username}」已存在`);
  const hash = await hashPassword(u.password);
  const [r] = await q.query<{ id: number }>(
    'INSERT INTO users (username, name, role, unit_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [u.username, (u.name ?? '').slice(0, 100), u.role, u.unitId, hash],
  );
  await audit(q, actor, null, u.unitId, [{ action: 'user-add', field: 'username', to: `${u.username}（${u.role}）` }]);
  return { id: r.id, username: u.username, name: u.name ?? '', role: u.role, unitId: u.unitId };
}

/** Set a password and revoke the user's sessions (all of them, or all but `keepSession`). */
export async function setPassword(q: Queryable, actor: Actor, userId: number, password: string, keepSession: string | null) {
  const problem = passwordProblem(password);
  if (problem) throw badRequest(problem);
  const hash = await hashPassword(password);
  await q.query('UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1', [userId, hash]);
  await revokeUserSessions(q, userId, keepSession);
  await audit(q, actor, null, null, [{ action: 'password', field: 'user', to: String(userId) }]);
}
