// Operations: liveness and readiness (the database answers).
import type { FastifyInstance } from 'fastify';
import type { Db } from './db/client.ts';
import { route } from './http.ts';

export function healthRoutes(app: FastifyInstance, db: Db) {
  app.get('/api/health', route('运维', '存活检查'), async () => ({ status: 'ok' }));
  app.get('/api/ready', route('运维', '就绪检查（数据库可用）'), async (_req, reply) => {
    try {
      await db.query('SELECT 1');
      return { status: 'ready', database: db.kind };
    } catch {
      return reply.status(503).send({ error: '数据库不可用', code: 'not-ready' });
    }
  });
}
