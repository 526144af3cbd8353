// startServer(): open the database (PGlite in dataDir, or PostgreSQL), migrate, first-start
// setup, import queue, HTTP. close() finishes requests, hands running jobs back, closes the DB.
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { openDb, type Db } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { buildApp, type AppOptions } from './app.ts';
import { ImportQueue, type QueueOptions } from './imports/queue.ts';
import { firstStart, firstStartText } from './seed.ts';

export interface ServerOptions {
  host?: string;
  port?: number;
  /** PGlite data directory (default ./data); 'memory://' for a throw-away database */
  dataDir?: string;
  /** PostgreSQL connection string; PGlite when absent */
  databaseUrl?: string | null;
  /** demo units, users and seed reports on an empty database (default: on for PGlite, off for PostgreSQL) */
  demo?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** where the first-start passwords go (default stdout) */
  print?: (text: string) => void;
  webDist?: string | null;
  seedsDir?: string;
  secureCookie?: boolean;
  trustProxy?: boolean;
  queue?: QueueOptions;
  poolSize?: number;
}

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  queue: ImportQueue;
  url: string;
  close(): Promise<void>;
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerOptions {
  return {
    host: env.HOST || undefined,
    port: env.PORT ? Number(env.PORT) : undefined,
    dataDir: env.JIXIAO_DATA || undefined,
    databaseUrl: env.DATABASE_URL || null,
  };
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const databaseUrl = opts.databaseUrl ?? null;
  const db = await openDb({ databaseUrl, dataDir: opts.dataDir ?? './data', poolSize: opts.poolSize });
  try {
    await migrate(db);
    const first = await firstStart(db, { demo: opts.demo ?? !databaseUrl, seedsDir: opts.seedsDir });
    if (first) (opts.print ?? ((t: string) => process.stdout.write(t + '\n')))(firstStartText(first));
  } catch (e) {
    await db.close();
    throw e;
  }
  const appOptions: AppOptions = {
    db,
    logger: opts.logger ?? false,
    webDist: opts.webDist,
    secureCookie: opts.secureCookie,
    trustProxy: opts.trustProxy,
  };
  const app = await buildApp(appOptions);
  const queue = new ImportQueue(db, { log: app.log, ...opts.queue });
  appOptions.queue = queue; // read by POST /api/imports
  const url = await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 3000 });
  await queue.start();
  let closing: Promise<void> | null = null;
  return {
    app,
    db,
    queue,
    url,
    close() {
      closing ??= (async () => {
        await queue.stop();
        await app.close();
        await db.close();
      })();
      return closing;
    },
  };
}

export { buildApp, openDb, migrate, ImportQueue };
