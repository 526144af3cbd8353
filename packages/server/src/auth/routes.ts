// Login, logout, the current user, password change; and the hook that authenticates every request
// under /api (session cookie) and checks the CSRF token of every state-changing one.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.ts';
import { HttpError, badRequest } from '../errors.ts';
import { COOKIE, body, route, user } from '../http.ts';
import { setPassword } from '../units/store.ts';
import {
  clearFailures,
  createSession,
  csrfMatches,
  findSession,
  recordFailure,
  revokeSession,
  throttleWait,
  USER_SELECT,
  userFromRow,
  usernameKey,
  verifyPassword,
  type Session,
  type User,
} from './store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
}

const PUBLIC = [/^\/api\/health$/, /^\/api\/ready$/, /^\/api\/public\//, /^\/api\/docs/, /^\/api\/openapi\.json$/, /^\/api\/auth\/login$/, /^\/api\/auth\/session$/];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const userJson = (u: User) => ({
  id: u.id,
  username: u.username,
  name: u.name,
  role: u.role,
  unitId: u.unitId,
  unitName: u.unitName,
  mustChangePassword: u.mustChangePassword,
});

// what a user whose password is one-time may still do: see who they are, change it, log out
const BEFORE_CHANGE = new Set(['GET /api/auth/me', 'POST /api/auth/password', 'POST /api/auth/logout']);

/** Registered first: authentication and CSRF for everything under /api except the public routes. */
export function authHook(app: FastifyInstance, db: Db) {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0];
    if (!path.startsWith('/api/')) return;
    const token = req.cookies[COOKIE];
    if (token) req.session = await findSession(db, token);
    if (PUBLIC.some((r) => r.test(path))) return;
    if (!req.session) throw new HttpError(401, 'unauthenticated', '请先登录');
    if (UNSAFE.has(req.method) && !csrfMatches(req.session.csrfToken, req.headers['x-csrf-token'])) {
      throw new HttpError(403, 'csrf', '安全校验失败，请刷新页面后重试');
    }
    if (req.session.user.mustChangePassword && !BEFORE_CHANGE.has(`${req.method} ${path}`)) {
      throw new HttpError(403, 'must-change-password', '首次登录（或密码由管理员设置）后，请先修改密码');
    }
  });
}

export function authRoutes(app: FastifyInstance, db: Db, o: { secureCookie?: boolean }) {
  app.post('/api/auth/login', route('登录', '登录，返回用户与 CSRF 令牌'), async (req, reply) => {
    const b = body(req);
    const username = typeof b.username === 'string' ? b.username.slice(0, 100) : '';
    const password = typeof b.password === 'string' ? b.password.slice(0, 300) : '';
    if (!username || !password) throw badRequest('请输入用户名和密码');
    const keys = [`user:${usernameKey(username)}`, `ip:${req.ip}`];
    const wait = await throttleWait(db, keys);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new HttpError(429, 'too-many-attempts', `登录失败次数过多，请 ${wait} 秒后再试`, { retryAfter: wait });
    }
    // the name as typed in any case or width (names are unique that way)
    const [row] = await db.query(`${USER_SELECT} WHERE lower(u.username) = lower($1) ORDER BY u.id LIMIT 1`, [username.normalize('NFKC')]);
    const ok = await verifyPassword(row && !row.disabled ? row.password_hash : null, password);
    if (!ok) {
      await recordFailure(db, keys);
      throw new HttpError(401, 'bad-credentials', '用户名或密码错误');
    }
    await clearFailures(db, keys[0]);
    const s = await createSession(db, row.id, req.ip);
    reply.setCookie(COOKIE, s.token, { path: '/', httpOnly: true, sameSite: 'strict', secure: o.secureCookie ?? req.protocol === 'https' });
    return { user: userJson(userFromRow(row)), csrfToken: s.csrfToken };
  });

  app.post('/api/auth/logout', route('登录', '退出登录（会话作废）'), async (req, reply) => {
    await revokeSession(db, req.session!.id);
    reply.clearCookie(COOKIE, { path: '/' });
    return { ok: true };
  });

  // the web UI asks this on every page load: 200 with user null when not logged in, so a visitor's
  // browser logs no failed request
  app.get('/api/auth/session', route('登录', '当前会话：已登录时为用户与 CSRF 令牌，未登录时 user 为 null'), async (req) =>
    req.session ? { user: userJson(req.session.user), csrfToken: req.session.csrfToken } : { user: null, csrfToken: null },
  );
  app.get('/api/auth/me', route('登录', '当前用户与 CSRF 令牌'), async (req) => ({ user: userJson(user(req)), csrfToken: req.session!.csrfToken }));

  app.post('/api/auth/password', route('登录', '修改密码（其他会话作废）'), async (req) => {
    const b = body(req);
    const u = user(req);
    const [row] = await db.query('SELECT password_hash FROM users WHERE id = $1', [u.id]);
    if (!(await verifyPassword(row?.password_hash ?? null, String(b.oldPassword ?? '')))) throw new HttpError(400, 'bad-password', '原密码不正确');
    await db.tx((q) => setPassword(q, u, u.id, String(b.newPassword ?? ''), req.session!.id));
    return { ok: true };
  });
}
