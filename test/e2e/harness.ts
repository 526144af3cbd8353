// Browser-test harness: the real server (startServer from @jixiao/server) on a free port with a
// throw-away PGlite directory and demo users, the production UI build, Debian's Chromium.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { before, after, afterEach } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '@jixiao/server';

export const ROOT = resolve(import.meta.dirname, '../..');
export const WEB_DIST = join(ROOT, 'packages/web/dist');
export const SEEDS = join(ROOT, 'packages/documents/test-fixtures/seeds');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const VIEWPORT = { width: 1366, height: 768 };

function newestMtime(dir: string): number {
  let m = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    m = Math.max(m, s.isDirectory() ? newestMtime(p) : s.mtimeMs);
  }
  return m;
}

/** Build the UI when dist is missing or older than the sources (web and core). */
export function ensureWebBuild(): void {
  const fresh = () => {
    const index = join(WEB_DIST, 'index.html');
    const built = existsSync(index) ? statSync(index).mtimeMs : 0;
    return built > Math.max(newestMtime(join(ROOT, 'packages/web/src')), newestMtime(join(ROOT, 'packages/core/src')));
  };
  if (fresh()) return;
  // test files run in parallel processes: one builds, the others wait (a directory as the lock)
  const lock = join(tmpdir(), 'jixiao-web-build.lock');
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - statSync(lock, { throwIfNoEntry: false } as any)?.mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(sleeper, 0, 0, 200);
    }
  }
  try {
    if (!fresh()) execFileSync('npm', ['run', 'build', '-w', '@jixiao/web', '--silent'], { cwd: ROOT, stdio: 'pipe' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface DemoUser {
  username: string;
  role: string;
  unit: string;
  password: string;
}

export interface TestApp {
  url: string;
  server: RunningServer;
  users: Record<'filler' | 'reviewer' | 'finance' | 'admin', DemoUser>;
  close(): Promise<void>;
}

/** The real server with demo units and users; no seeds queued unless asked (the tests import what they need). */
export async function startApp(opts: { seeds?: boolean } = {}): Promise<TestApp> {
  ensureWebBuild();
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-e2e-'));
  const noSeeds = join(dir, 'no-seeds');
  mkdirSync(noSeeds);
  let printed = '';
  const server = await startServer({
    port: 0,
    dataDir: join(dir, 'pglite'),
    demo: true,
    seedsDir: opts.seeds ? SEEDS : noSeeds,
    webDist: WEB_DIST,
    print: (t) => (printed += t + '\n'),
  });
  const users = {} as TestApp['users'];
  for (const line of printed.split('\n')) {
    const m = line.match(/^\s*(\S+)\s+(filler|reviewer|finance)\s+(\S+)\s+密码：(\S+)/);
    if (m) users[m[2] as 'filler'] = { username: m[1], role: m[2], unit: m[3], password: m[4] };
    const a = line.match(/一次性密码：(\S+)/);
    if (a) users.admin = { username: 'admin', role: 'admin', unit: '', password: a[1] };
  }
  if (!users.filler || !users.reviewer) throw new Error(`服务器首次启动没有给出演示账号：\n${printed}`);
  // the first start's administrator password is one-time: changed here, as an administrator does first
  if (users.admin) users.admin = { ...users.admin, password: await changeOneTimePassword(server.url, users.admin.password) };
  return {
    url: server.url,
    server,
    users,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`找不到 Chromium（${CHROMIUM}）。请安装 Debian 的 chromium 软件包：apt-get install chromium（.ci/run 会自动安装），或用 CHROMIUM_PATH 指定路径。`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function login(page: Page, url: string, user: DemoUser): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('用户名').fill(user.username);
  await page.getByLabel('密码').fill(user.password);
  await page.getByRole('button', { name: '登录' }).click();
  // home, or 账号 for a user whose password is one-time (changed before anything else)
  await page.getByRole('heading', { name: /^(绩效自评|账号)$/ }).waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出' }).click();
  await page.getByRole('heading', { name: '登录' }).waitFor();
}

export interface AppAndBrowser {
  app: TestApp;
  browser: Browser;
  /** console errors the current test expects (a refused save answers 409, which Chromium logs) */
  allowConsoleErrors(pattern: RegExp): void;
}

/**
 * Start the real server and a browser before a test file's tests, and stop both after them. Every
 * page opened in the browser is watched: a console error or an uncaught exception on any page fails
 * the test it happened in (after it), unless the test declared it with allowConsoleErrors.
 */
export function useAppAndBrowser(): AppAndBrowser {
  const errors: string[] = [];
  let allowed: RegExp[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (e) => errors.push(`${page.url()}: 未捕获的异常 ${e.message}`));
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const text = `${m.location().url || page.url()}: ${m.text()}`;
      if (!allowed.some((r) => r.test(text))) errors.push(text);
    });
  };
  const env = {
    allowConsoleErrors: (pattern: RegExp) => void allowed.push(pattern),
  } as AppAndBrowser;
  before(async () => {
    env.app = await startApp();
    const browser = await launchBrowser();
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (o) => {
      const ctx = await newContext(o);
      ctx.on('page', watch);
      return ctx;
    };
    browser.newPage = async (o) => (await browser.newContext(o)).newPage();
    env.browser = browser;
  });
  afterEach(() => {
    const seen = errors.splice(0);
    allowed = [];
    if (seen.length) throw new Error(`浏览器控制台有错误：\n${seen.join('\n')}`);
  });
  after(async () => {
    await env.browser?.close();
    await env.app?.close();
  });
  return env;
}

const ADMIN_PASSWORD = 'e2e-admin-pass-1';

async function changeOneTimePassword(url: string, password: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
  if (!r.ok) throw new Error(`管理员登录失败 ${r.status}`);
  const body = await r.json();
  const c = await fetch(`${url}/api/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: r.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': body.csrfToken },
    body: JSON.stringify({ oldPassword: password, newPassword: ADMIN_PASSWORD }),
  });
  if (!c.ok) throw new Error(`修改管理员一次性密码失败 ${c.status}`);
  return ADMIN_PASSWORD;
}
