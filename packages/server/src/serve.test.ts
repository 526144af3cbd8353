// `jixiao serve` options (issue 5, point 6): flags and environment alike, bad values refused in Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServeArgs } from './serve.ts';

test('serve: flags and environment give the same options', () => {
  const env = { HOST: '0.0.0.0', PORT: '8080', JIXIAO_DATA: '/srv/jx', DATABASE_URL: 'postgres://db/jx', WORKERS: '3', DATABASE_POOL_SIZE: '8' };
  const fromEnv = parseServeArgs([], env);
  const fromFlags = parseServeArgs(['--host', '0.0.0.0', '--port=8080', '--data', '/srv/jx', '--database-url', 'postgres://db/jx', '--workers', '3', '--pool-size', '8'], {});
  for (const o of [fromEnv, fromFlags]) {
    assert.deepEqual(
      { host: o.host, port: o.port, dataDir: o.dataDir, databaseUrl: o.databaseUrl, workers: o.workers, poolSize: o.poolSize },
      { host: '0.0.0.0', port: 8080, dataDir: '/srv/jx', databaseUrl: 'postgres://db/jx', workers: 3, poolSize: 8 },
    );
  }
  // defaults: loopback, port 3000, ./data, one process, the database layer's own pool size
  const d = parseServeArgs([], {});
  assert.deepEqual([d.host, d.port, d.dataDir, d.workers, d.poolSize, d.databaseUrl], ['127.0.0.1', 3000, './data', 1, undefined, null]);
});

test('serve: bad values are refused with a Chinese message', () => {
  assert.throws(() => parseServeArgs(['--pool-size', '0'], {}), /--pool-size 应为 1–200 的整数/);
  assert.throws(() => parseServeArgs(['--pool-size', 'many'], {}), /--pool-size/);
  assert.throws(() => parseServeArgs(['--port', '70000'], {}), /端口/);
  assert.throws(() => parseServeArgs(['--workers', '2'], {}), /内嵌数据库只能由一个进程使用/);
  assert.throws(() => parseServeArgs(['--frobnicate'], {}), /未知参数：--frobnicate/);
  assert.throws(() => parseServeArgs(['--host'], {}), /参数 --host 缺少取值/);
});
