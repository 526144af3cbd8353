// The dashboard over HTTP (the same filters as the list).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.ts';
import { route, user } from '../http.ts';
import { filtersFrom, listQuery } from '../evaluations/filters.ts';
import { dashboard } from './store.ts';

export function dashboardRoutes(app: FastifyInstance, db: Db) {
  app.get('/api/dashboard', route('统计', '看板：等级分布、执行率与得分、问题分布、覆盖情况', listQuery), async (req) =>
    dashboard(db, user(req), filtersFrom(req.query)),
  );
}
