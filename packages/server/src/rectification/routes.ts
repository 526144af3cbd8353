// Rectification (整改) over HTTP: candidates of an evaluation with the grade's budget consequence,
// items created from them, updated, listed, and counted by unit for the finance bureau.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.ts';
import { badRequest } from '../errors.ts';
import { body, id, idParams, route, user } from '../http.ts';
import { intParam, optText } from '../validate.ts';
import { auditOfItem, candidates, createItems, listItems, openByUnit, updateItem } from './store.ts';

export function rectificationRoutes(app: FastifyInstance, db: Db) {
  app.get('/api/evaluations/:id/rectification', route('整改', '可转为整改事项的问题和错误、已登记的整改事项、等级对应的预算安排建议', idParams), async (req) =>
    candidates(db, user(req), id(req)),
  );
  app.post('/api/rectification', route('整改', '登记整改事项（来自某一评价）'), async (req) => {
    const b = body(req);
    if (!Array.isArray(b.items)) throw badRequest('请提供整改事项列表');
    return createItems(db, user(req), intParam(b.evaluationId, '评价'), b.items);
  });
  app.get('/api/rectification', route('整改', '整改事项（可见范围内，可按状态、单位、评价筛选）'), async (req) => {
    const qy = req.query as Record<string, string | undefined>;
    return listItems(db, user(req), {
      status: optText(qy.status, '状态', 20),
      open: qy.open === '1' || qy.open === 'true',
      unitId: qy.unitId ? intParam(qy.unitId, '单位') : null,
      evaluationId: qy.evaluationId ? intParam(qy.evaluationId, '评价') : null,
    });
  });
  app.get('/api/rectification/by-unit', route('整改', '各单位未完成的整改事项数'), async (req) => openByUnit(db, user(req)));
  app.patch('/api/rectification/:id', route('整改', '更新整改事项：状态、责任人、期限、措施', idParams), async (req) => updateItem(db, user(req), id(req), body(req)));
  app.get('/api/rectification/:id/audit', route('整改', '审计日志', idParams), async (req) => auditOfItem(db, user(req), id(req)));
}
