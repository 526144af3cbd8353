// Units and users: the units in the caller's scope; adding units and users and changing users is
// for administrators.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.ts';
import { badRequest, forbidden } from '../errors.ts';
import { body, id, idParams, route, user } from '../http.ts';
import { optInt, optText } from '../validate.ts';
import { addUnit, addUser, KIND_LABEL, listUnits, listUsers, updateUser, type UnitKind } from './store.ts';

export function unitRoutes(app: FastifyInstance, db: Db) {
  app.get(
    '/api/units',
    route('单位与用户', '可见范围内的单位（分页；可按名称、类型搜索，或只取某单位的下一级）', {
      querystring: { type: 'object', properties: Object.fromEntries(['q', 'kind', 'parentId', 'after', 'limit'].map((k) => [k, { type: 'string' }])) },
    }),
    async (req) => {
      const qs = req.query as Record<string, unknown>;
      const kind = optText(qs.kind, '单位类型', 20);
      if (kind && !(kind in KIND_LABEL)) throw badRequest('单位类型应为 finance、department 或 unit');
      return listUnits(db, user(req), {
        q: optText(qs.q, '搜索词', 200),
        kind: kind as UnitKind | null,
        parentId: optInt(qs.parentId, '上级单位'),
        after: optText(qs.after, '翻页位置', 500),
        limit: optInt(qs.limit, '每页条数'),
      });
    },
  );
  app.post('/api/units', route('单位与用户', '新增单位（管理员）'), async (req) => {
    const u = user(req);
    if (u.role !== 'admin') throw forbidden();
    const b = body(req);
    return db.tx((q) => addUnit(q, u, String(b.name ?? ''), optInt(b.parentId, '上级单位'), b.kind ?? null));
  });
  app.get('/api/users', route('单位与用户', '用户列表（管理员）'), async (req) => listUsers(db, user(req)));
  app.post('/api/users', route('单位与用户', '新增用户（管理员）'), async (req) => {
    const u = user(req);
    if (u.role !== 'admin') throw forbidden();
    const b = body(req);
    return db.tx((q) =>
      addUser(q, u, { username: b.username, name: b.name, role: b.role, unitId: optInt(b.unitId, '单位'), password: b.password, mustChangePassword: true }),
    );
  });

  app.patch('/api/users/:id', route('单位与用户', '修改用户：停用/启用、角色与单位、姓名、重设密码（管理员；停用、改角色或重设密码即结束其会话）', idParams), async (req) => {
    const b = body(req);
    return db.tx((q) =>
      updateUser(q, user(req), id(req), {
        disabled: b.disabled,
        role: b.role,
        unitId: 'unitId' in b ? optInt(b.unitId, '单位') : undefined,
        name: b.name,
        password: b.password,
      }),
    );
  });
}
