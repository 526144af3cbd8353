// The dashboard over HTTP (the same filters as the list, and the coverage table's page and search).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.ts';
import { route, user } from '../http.ts';
import { filtersFrom, listQuery } from '../evaluations/filters.ts';
import { coverageFrom, dashboard } from './store.ts';

const query = {
  querystring: {
    type: 'object',
    properties: { ...listQuery.querystring.properties, coverageQ: { type: 'string' }, coverageAfter: { type: 'string' }, coveragePageSize: { type: 'string' } },
  },
};

export function dashboardRoutes(app: FastifyInstance, db: Db) {
  app.get('/api/dashboard', route('统计', '看板：等级分布、执行率与得分（全部所选评价的分格计数）、可能虚高、问题分布、覆盖情况（分页、可搜索单位）', query), async (req) =>
    dashboard(db, user(req), filtersFrom(req.query), coverageFrom(req.query)),
  );
}
