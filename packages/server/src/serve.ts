// `jixiao serve`: flags and environment alike (HOST, PORT, JIXIAO_DATA, DATABASE_URL),
// JSON logs, graceful shutdown on SIGTERM/SIGINT.
import cluster from 'node:cluster';
import { startServer, type ServerOptions } from './index.ts';

export const SERVE_USAGE = `用法：jixiao serve [--host 127.0.0.1] [--port 3000] [--data ./data] [--database-url postgres://…] [--no-demo] [--workers N] [--pool-size N]
  --workers N：在同一端口启动 N 个服务进程（仅 PostgreSQL；进程不保存状态）
  --pool-size N：每个服务进程与 PostgreSQL 的连接数（默认 10；数据库 CPU 少时取小值，延迟更低）
  环境变量同样可用：HOST、PORT、JIXIAO_DATA、DATABASE_URL（设置后使用 PostgreSQL）、DATABASE_POOL_SIZE、LOG_LEVEL、
  JIXIAO_IMPORT_PAUSE_MS（批量导入时每个文件之间的停顿，毫秒）、
  TRUST_PROXY=1（在反向代理之后：采用 X-Forwarded-For/-Proto，https 时 Cookie 加 Secure）`;

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServerOptions & { workers: number } {
  const o: ServerOptions & { workers: number } = {
    workers: env.WORKERS ? Number(env.WORKERS) : 1,
    host: env.HOST || '127.0.0.1',
    port: env.PORT ? Number(env.PORT) : 3000,
    dataDir: env.JIXIAO_DATA || './data',
    databaseUrl: env.DATABASE_URL || null,
    poolSize: env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`参数 ${flag} 缺少取值`);
      return v;
    };
    if (flag === '--host') o.host = value();
    else if (flag === '--port') o.port = Number(value());
    else if (flag === '--data') o.dataDir = value();
    else if (flag === '--database-url') o.databaseUrl = value();
    else if (flag === '--no-demo') o.demo = false;
    else if (flag === '--demo') o.demo = true;
    else if (flag === '--workers') o.workers = Number(value());
    else if (flag === '--pool-size') o.poolSize = Number(value());
    else throw new Error(`未知参数：${a}`);
  }
  if (!Number.isInteger(o.port) || o.port! < 0 || o.port! > 65535) throw new Error('端口应为 0–65535 的整数');
  if (!Number.isInteger(o.workers) || o.workers < 1 || o.workers > 64) throw new Error('--workers 应为 1–64 的整数');
  if (o.poolSize !== undefined && (!Number.isInteger(o.poolSize) || o.poolSize < 1 || o.poolSize > 200)) throw new Error('--pool-size 应为 1–200 的整数');
  if (o.workers > 1 && !o.databaseUrl) throw new Error('内嵌数据库只能由一个进程使用；多个进程请使用 PostgreSQL（DATABASE_URL）');
  return o;
}

export async function serve(argv: string[]): Promise<number> {
  let opts: ServerOptions & { workers: number };
  try {
    opts = parseServeArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${SERVE_USAGE}\n`);
    return 2;
  }
  if (opts.workers > 1 && cluster.isPrimary) return primary(opts.workers);
  let server;
  try {
    const pauseMs = Number(process.env.JIXIAO_IMPORT_PAUSE_MS) || undefined;
    const trustProxy = process.env.TRUST_PROXY === '1' || process.env.TRUST_PROXY === 'true';
    server = await startServer({ ...opts, trustProxy, logger: { level: process.env.LOG_LEVEL || 'info' }, queue: { pauseMs } });
  } catch (e) {
    process.stderr.write(`服务启动失败：${(e as Error).message}\n`);
    return 1;
  }
  server.app.log.info({ url: server.url, database: server.db.kind, dataDir: opts.databaseUrl ? undefined : opts.dataDir }, 'jixiao 已启动');
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      server.app.log.info({ signal }, '正在停止：完成进行中的请求，导入任务留待下次继续');
      const force = setTimeout(() => resolve(1), 20_000);
      force.unref();
      const done = (code: number) => {
        // a cluster worker stays alive while its IPC channel is open
        if (cluster.isWorker) process.disconnect?.();
        resolve(code);
      };
      server.close().then(
        () => done(0),
        () => done(1),
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

/** Several server processes on one port (node:cluster); signals are passed on, exit when all stopped. */
function primary(n: number): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    let failed = false;
    for (let i = 0; i < n; i++) cluster.fork();
    cluster.on('exit', (w, code, signal) => {
      // a worker still starting when the signal came dies of it: that is a clean stop too
      if (code !== 0 && !(stopping && (signal === 'SIGTERM' || signal === 'SIGINT'))) failed = true;
      if (!stopping && code !== 0) {
        process.stderr.write(`服务进程 ${w.process.pid} 异常退出（${code}），正在重启\n`);
        cluster.fork();
      }
      if (Object.keys(cluster.workers ?? {}).length === 0 && stopping) resolve(failed ? 1 : 0);
    });
    const stop = (signal: NodeJS.Signals) => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
