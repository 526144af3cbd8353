// The HTTP API (docs/api.md): the frame (http.ts), then each domain's routes. Authentication and
// CSRF are one hook (auth/); scope is checked in the store functions (scope.ts).
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Db } from './db/client.ts';
import { createHttp, docsAndWebUi } from './http.ts';
import { healthRoutes } from './health.ts';
import { authHook, authRoutes } from './auth/routes.ts';
import { unitRoutes } from './units/routes.ts';
import { evaluationRoutes } from './evaluations/routes.ts';
import { downloadRoutes } from './downloads/routes.ts';
import { dashboardRoutes } from './dashboard/routes.ts';
import { importRoutes } from './imports/routes.ts';
import { targetRoutes } from './targets/routes.ts';
import { monitoringRoutes } from './monitoring/routes.ts';
import { rectificationRoutes } from './rectification/routes.ts';
import type { ImportQueue } from './imports/queue.ts';

export interface AppOptions {
  db: Db;
  /** read at each upload: may be set after the app is built */
  queue?: ImportQueue | null;
  logger?: FastifyServerOptions['logger'];
  /** folder of the built web UI; default packages/web/dist */
  webDist?: string | null;
  /** set the Secure flag on the cookie (behind https) */
  secureCookie?: boolean;
  trustProxy?: boolean;
}

export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const app = await createHttp(o);
  authHook(app, o.db);
  healthRoutes(app, o.db);
  authRoutes(app, o.db, o);
  unitRoutes(app, o.db);
  evaluationRoutes(app, o.db);
  downloadRoutes(app, o.db);
  dashboardRoutes(app, o.db);
  importRoutes(app, o.db, o);
  targetRoutes(app, o.db);
  monitoringRoutes(app, o.db);
  rectificationRoutes(app, o.db);
  await docsAndWebUi(app, o.webDist);
  return app;
}
