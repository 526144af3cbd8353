// Monitoring rounds over HTTP (运行监控, 双监控) and the finance bureau's list of red lights.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.ts';
import { body, id, idParams, route, user } from '../http.ts';
import { intParam } from '../validate.ts';
import { parseRound } from '../targets/validate.ts';
import { auditOfRound, createRound, redRounds, roundDetail, roundsOfTable, saveRound, submitRound } from './store.ts';

export function monitoringRoutes(app: FastifyInstance, db: Db) {
  app.post('/api/targets/:id/monitoring', route('运行监控', '为已批复的绩效目标新建监控表（默认 1–7 月）', idParams), async (req) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const from = b.from == null ? 1 : intParam(b.from, '起始月份');
    const to = b.to == null ? 7 : intParam(b.to, '截止月份');
    return createRound(db, user(req), id(req), { from, to });
  });
  app.get('/api/targets/:id/monitoring', route('运行监控', '该项目的监控表', idParams), async (req) => roundsOfTable(db, user(req), id(req)));
  app.get('/api/monitoring/red', route('运行监控', '红灯项目（已提交的监控表，可见范围内）'), async (req) => {
    const qy = req.query as Record<string, string | undefined>;
    return redRounds(db, user(req), qy.fiscalYear ? intParam(qy.fiscalYear, '年度') : null);
  });
  app.get('/api/monitoring/:id', route('运行监控', '打开监控表（含红黄绿灯）', idParams), async (req) => roundDetail(db, user(req), id(req)));
  app.put('/api/monitoring/:id', route('运行监控', '保存监控表（带版本号）', idParams), async (req) => {
    const b = body(req);
    return saveRound(db, user(req), id(req), intParam(b.version, '版本号'), parseRound(b.round));
  });
  app.post('/api/monitoring/:id/submit', route('运行监控', '提交监控表（偏差须填写原因）', idParams), async (req) => submitRound(db, user(req), id(req)));
  app.get('/api/monitoring/:id/audit', route('运行监控', '审计日志', idParams), async (req) => auditOfRound(db, user(req), id(req)));
}
