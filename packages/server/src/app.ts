// The HTTP API (docs/api.md) on Fastify. Auth and CSRF are checked in one onRequest hook;
// scope is checked in the store functions (scope.ts).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fstatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { EvaluationJson } from '@jixiao/core';
import { frameworks, getFramework, newEvaluationFromFramework } from '@jixiao/core/frameworks/index.ts';
import type { Db } from './db/client.ts';
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
  verifyPassword,
  type Session,
  type User,
} from './auth.ts';
import { HttpError, badRequest, forbidden, notFound } from './errors.ts';
import * as ev from './evaluations.ts';
import { addUnit, addUser, listUnits, listUsers, setPassword, updateUser } from './units.ts';
import { createImportJob, getImportJob, type ImportQueue, type Upload } from './imports.ts';
import { intParam, optInt, optText, parseEvaluation } from './validate.ts';
import { requireAllowed } from './scope.ts';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
}

export interface AppOptions {
  db: Db;
  queue?: ImportQueue | null;
  logger?: FastifyServerOptions['logger'];
  /** folder of the built web UI; default packages/web/dist */
  webDist?: string | null;
  /** set the Secure flag on the cookie (behind https) */
  secureCookie?: boolean;
  trustProxy?: boolean;
}

export const COOKIE = 'jx_session';
export const JSON_LIMIT = 5 * 1024 * 1024;
export const FILE_LIMIT = 50 * 1024 * 1024;
export const MAX_FILES = 500;
const WEB_DIST = resolve(import.meta.dirname, '../../web/dist');

const PUBLIC = [/^\/api\/health$/, /^\/api\/ready$/, /^\/api\/public\//, /^\/api\/docs/, /^\/api\/openapi\.json$/, /^\/api\/auth\/login$/];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const GRADES = ['excellent', 'good', 'fair', 'poor'];
const STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published'];
const SUBJECTS = ['project', 'department'];

function route(tag: string, summary: string, extra: Record<string, unknown> = {}) {
  return { schema: { tags: [tag], summary, ...extra } };
}
const idParams = { params: { type: 'object', properties: { id: { type: 'integer' } } } };

export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const { db } = o;
  const pdf = pdfPrinter();
  const printPdf = pdf.print;
  const app = Fastify({
    logger: o.logger ?? false,
    bodyLimit: JSON_LIMIT,
    trustProxy: o.trustProxy ?? false,
    // we validate with our own checks and Chinese messages; schemas are for the OpenAPI document
    ajv: { customOptions: { coerceTypes: false } },
  });
  app.setValidatorCompiler(() => () => true);
  app.decorateRequest('session', null);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: FILE_LIMIT, files: MAX_FILES, fields: 20, fieldSize: 1000 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'jixiao API', description: '预算绩效自评：单位、用户、评价、审核流程、导入与下载。见 docs/api.md。', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: COOKIE }, csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' } } },
      security: [{ session: [], csrf: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.addHook('onClose', async () => pdf.close());

  app.setErrorHandler((err: any, req, reply) => {
    if (err instanceof HttpError) return reply.status(err.status).send(err.body());
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.code === 'FST_REQ_FILE_TOO_LARGE' || err.statusCode === 413) {
      return reply.status(413).send({ error: '上传内容过大', code: 'too-large' });
    }
    if (err.code === 'FST_FILES_LIMIT' || err.code === 'FST_PARTS_LIMIT' || err.code === 'FST_FIELDS_LIMIT') {
      return reply.status(413).send({ error: `一次最多上传 ${MAX_FILES} 个文件`, code: 'too-many-files' });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(400).send({ error: '请求格式不正确', code: 'bad-request' });
    }
    req.log.error({ err }, 'request failed');
    return reply.status(500).send({ error: '服务器内部错误，请稍后重试', code: 'internal' });
  });

  // authentication and CSRF for everything under /api except the public routes
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
  });

  const user = (req: FastifyRequest): User => req.session!.user;
  const body = (req: FastifyRequest): Record<string, any> => {
    const b = req.body;
    if (!b || typeof b !== 'object' || Array.isArray(b)) throw badRequest('请求内容应为 JSON 对象');
    return b as Record<string, any>;
  };
  const id = (req: FastifyRequest) => intParam((req.params as any).id);
  const userJson = (u: User) => ({ id: u.id, username: u.username, name: u.name, role: u.role, unitId: u.unitId, unitName: u.unitName });

  // ---- health
  app.get('/api/health', route('运维', '存活检查'), async () => ({ status: 'ok' }));
  app.get('/api/ready', route('运维', '就绪检查（数据库可用）'), async (_req, reply) => {
    try {
      await db.query('SELECT 1');
      return { status: 'ready', database: db.kind };
    } catch {
      return reply.status(503).send({ error: '数据库不可用', code: 'not-ready' });
    }
  });

  // ---- auth
  app.post('/api/auth/login', route('登录', '登录，返回用户与 CSRF 令牌'), async (req, reply) => {
    const b = body(req);
    const username = typeof b.username === 'string' ? b.username.slice(0, 100) : '';
    const password = typeof b.password === 'string' ? b.password.slice(0, 300) : '';
    if (!username || !password) throw badRequest('请输入用户名和密码');
    const keys = [`user:${username.toLowerCase()}`, `ip:${req.ip}`];
    const wait = await throttleWait(db, keys);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new HttpError(429, 'too-many-attempts', `登录失败次数过多，请 ${wait} 秒后再试`, { retryAfter: wait });
    }
    const [row] = await db.query(`${USER_SELECT} WHERE u.username = $1`, [username]);
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

  app.get('/api/auth/me', route('登录', '当前用户与 CSRF 令牌'), async (req) => ({ user: userJson(user(req)), csrfToken: req.session!.csrfToken }));

  app.post('/api/auth/password', route('登录', '修改密码（其他会话作废）'), async (req) => {
    const b = body(req);
    const u = user(req);
    const [row] = await db.query('SELECT password_hash FROM users WHERE id = $1', [u.id]);
    if (!(await verifyPassword(row?.password_hash ?? null, String(b.oldPassword ?? '')))) throw new HttpError(400, 'bad-password', '原密码不正确');
    await db.tx((q) => setPassword(q, u, u.id, String(b.newPassword ?? ''), req.session!.id));
    return { ok: true };
  });

  // ---- units and users
  app.get('/api/units', route('单位与用户', '可见范围内的单位'), async (req) => listUnits(db, user(req)));
  app.post('/api/units', route('单位与用户', '新增单位（管理员）'), async (req) => {
    const u = user(req);
    if (u.role !== 'admin') throw forbidden();
    const b = body(req);
    return db.tx((q) => addUnit(q, u, String(b.name ?? ''), optInt(b.parentId, '上级单位'), b.kind ?? null));
  });
  app.get('/api/users', route('单位与用户', '用户列表（管理员）'), async (req) => listUsers(db, user(req)));
  app.post('/api/users', route('单位与用户', '新增用户（管理员）'), async (req) => {
    const u = user(req);
    if (u.role !== 'admin') throw forbidden();
    const b = body(req);
    return db.tx((q) =>
      addUser(q, u, { username: b.username, name: b.name, role: b.role, unitId: optInt(b.unitId, '单位'), password: b.password }),
    );
  });

  app.patch('/api/users/:id', route('单位与用户', '修改用户：停用/启用、角色与单位、姓名、重设密码（管理员；停用、改角色或重设密码即结束其会话）', idParams), async (req) => {
    const b = body(req);
    return db.tx((q) =>
      updateUser(q, user(req), id(req), {
        disabled: b.disabled,
        role: b.role,
        unitId: 'unitId' in b ? optInt(b.unitId, '单位') : undefined,
        name: b.name,
        password: b.password,
      }),
    );
  });

  // ---- frameworks and rulesets (data from core)
  app.get('/api/frameworks', route('评分', '指标体系'), async () =>
    frameworks.map((f) => ({ id: f.id, name: f.name, subject: f.subject, jurisdiction: f.jurisdiction, ruleset: f.ruleset })),
  );
  app.get('/api/rulesets', route('评分', '评分规则'), async () => {
    const core = await import('@jixiao/core');
    return core.rulesets.map((r) => ({ id: r.id, name: r.name }));
  });

  // ---- evaluations
  const filters = (qs: any): ev.ListFilters => ({
    fiscalYear: optInt(qs.fiscalYear, '年度'),
    unitId: optInt(qs.unitId, '单位'),
    parentUnitId: optInt(qs.parentUnitId, '主管部门'),
    subject: oneOf(qs.subject, SUBJECTS, '评价对象'),
    status: oneOf(qs.status, STATUSES, '状态'),
    grade: oneOf(qs.grade, GRADES, '等级'),
    q: optText(qs.q, '搜索词', 200),
    page: optInt(qs.page, '页码'),
    pageSize: optInt(qs.pageSize, '每页条数'),
  });
  const listQuery = {
    querystring: {
      type: 'object',
      properties: Object.fromEntries(
        ['fiscalYear', 'unitId', 'parentUnitId', 'subject', 'status', 'grade', 'q', 'page', 'pageSize'].map((k) => [k, { type: 'string' }]),
      ),
    },
  };

  // the list's answer described for the OpenAPI document and serialised from the schema (fast-json-stringify)
  const str = { type: 'string' };
  const strOrNull = { type: ['string', 'null'] };
  const int = { type: 'integer' };
  const listResponse = {
    response: {
      200: {
        type: 'object',
        required: ['items', 'total'],
        properties: {
          total: int,
          items: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: int,
                unitId: int,
                unitName: str,
                subject: str,
                title: str,
                fiscalYear: { type: ['integer', 'null'] },
                status: str,
                version: int,
                total: strOrNull,
                grade: strOrNull,
                gradeLabel: strOrNull,
                executionRate: strOrNull,
                errors: int,
                warnings: int,
                infos: int,
                updatedAt: strOrNull,
              },
            },
          },
        },
      },
    },
  };

  app.get('/api/evaluations', route('评价', '评价列表（可见范围内，可筛选）', { ...listQuery, ...listResponse }), async (req) =>
    ev.listEvaluations(db, user(req), filters(req.query)),
  );

  app.post('/api/evaluations', route('评价', '新建评价（按指标体系或提交完整评价）'), async (req) => {
    const b = body(req);
    const unitId = intParam(b.unitId, '单位');
    if (b.evaluation !== undefined) return ev.createEvaluation(db, user(req), unitId, parseEvaluation(b.evaluation));
    const fw = getFramework(String(b.frameworkId ?? ''));
    if (!fw) throw badRequest('指标体系不存在');
    const fiscalYear = intParam(b.fiscalYear, '年度');
    const title = optText(b.title, '标题', 500);
    if (!title) throw badRequest('请填写标题');
    const [unit] = await db.query('SELECT name FROM units WHERE id = $1', [unitId]);
    let blank;
    try {
      blank = newEvaluationFromFramework(fw, { title, unit: unit?.name ?? null, fiscalYear });
    } catch (e) {
      throw badRequest((e as Error).message);
    }
    return ev.createEvaluation(db, user(req), unitId, blank, 'create', fw.ruleset);
  });

  app.get('/api/evaluations/:id', route('评价', '打开评价', idParams), async (req, reply) =>
    reply.type('application/json; charset=utf-8').send(await ev.detailJson(db, user(req), id(req))),
  );

  app.put('/api/evaluations/:id', route('评价', '保存（带所编辑的版本号；过期返回 409）', idParams), async (req, reply) => {
    const b = body(req);
    const version = intParam(b.version, '版本号');
    const saved = await ev.saveEvaluation(db, user(req), id(req), version, parseEvaluation(b.evaluation));
    // the evaluation was serialised once for the database; the same text goes into the answer
    return reply.type('application/json; charset=utf-8').send(`{"version":${saved.version},"evaluation":${saved.text}}`);
  });

  app.post('/api/evaluations/:id/carry-forward', route('评价', '结转到新年度（保留目标，清空实际）', idParams), async (req) =>
    ev.carryForward(db, user(req), id(req), intParam(body(req).fiscalYear, '年度')),
  );
  app.get('/api/evaluations/:id/versions', route('评价', '历史版本', idParams), async (req) => ev.versions(db, user(req), id(req)));
  app.get('/api/evaluations/:id/versions/:version', route('评价', '某一版本', idParams), async (req) =>
    ev.version(db, user(req), id(req), intParam((req.params as any).version, '版本号')),
  );
  app.get('/api/evaluations/:id/changes', route('评价', '上次提交以来的修改', idParams), async (req) => ev.changes(db, user(req), id(req)));

  for (const action of ['submit', 'return', 'approve', 'publish', 'recheck'] as const) {
    const label = { submit: '提交', return: '退回（需填写意见）', approve: '审核通过', publish: '公开', recheck: '财政复核' }[action];
    app.post(`/api/evaluations/:id/${action}`, route('审核流程', label, idParams), async (req) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      const comment = optText(b.comment, '意见', 5000);
      return ev.transition(db, user(req), id(req), action, comment);
    });
  }

  app.get('/api/evaluations/:id/comments', route('审核流程', '意见', idParams), async (req) => ev.commentsOf(db, user(req), id(req)));
  app.post('/api/evaluations/:id/comments', route('审核流程', '对评价或某一指标提意见', idParams), async (req) => {
    const b = body(req);
    const text = optText(b.text, '意见', 5000);
    if (!text) throw badRequest('意见不能为空');
    return ev.addComment(db, user(req), id(req), optText(b.indicatorId, '指标', 50), text);
  });
  app.get('/api/evaluations/:id/audit', route('审核流程', '审计日志（每项修改的原值与新值）', idParams), async (req) =>
    ev.auditOf(db, user(req), id(req)),
  );

  app.get('/api/evaluations/:id/download', route('下载', '下载文书 docx/xlsx/pdf/html', idParams), async (req, reply) => {
    const row = await ev.loadInScope(db, user(req), id(req));
    return sendRendered(reply, row.current, String((req.query as any).format ?? 'docx'), printPdf);
  });

  app.get('/api/summary.xlsx', route('下载', '单位汇总表', listQuery), async (req, reply) => {
    const f = filters(req.query);
    const params: unknown[] = [];
    const where = ev.filterSql(user(req), f, params);
    const rows = await db.query(
      `SELECT e.current FROM evaluations e JOIN units un ON un.id = e.unit_id WHERE ${where} ORDER BY un.path, e.id LIMIT 20000`,
      params,
    );
    const render = await renderModule();
    if (typeof render?.renderSummaryXlsx !== 'function') throw notAvailable();
    const data = await render.renderSummaryXlsx(rows.map((r) => r.current));
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition('绩效自评汇总.xlsx'))
      .send(Buffer.from(data));
  });

  app.get('/api/dashboard', route('统计', '看板：等级分布、执行率与得分、问题分布、覆盖情况', listQuery), async (req) =>
    ev.dashboard(db, user(req), filters(req.query)),
  );

  // ---- imports
  app.post('/api/imports', route('导入', '上传一个或多个文件，后台导入'), async (req, reply) => {
    if (!req.isMultipart()) throw badRequest('请以 multipart/form-data 上传文件');
    const files: Upload[] = [];
    let unitId: number | null = null;
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        files.push({ name: (part.filename || `文件${files.length + 1}`).slice(0, 255), bytes: new Uint8Array(bytes) });
      } else if (part.fieldname === 'unitId') {
        unitId = optInt(part.value, '单位');
      }
    }
    if (!files.length) throw badRequest('没有收到文件');
    const r = await createImportJob(db, user(req), files, unitId);
    o.queue?.kick();
    return reply.status(202).send(r);
  });
  app.get('/api/imports/:id', route('导入', '导入进度与每个文件的结果', idParams), async (req) => getImportJob(db, user(req), id(req)));

  // ---- public (绩效公开), no login
  app.get('/api/public/evaluations', route('公开', '已公开的评价', listQuery), async (req) => {
    const f = filters(req.query);
    return ev.listEvaluations(db, null, { ...f, status: null });
  });
  app.get('/api/public/evaluations/:id', route('公开', '已公开评价的内容', idParams), async (req) => {
    const [row] = await db.query(
      `SELECT e.id, e.current, un.name AS unit_name FROM evaluations e JOIN units un ON un.id = e.unit_id WHERE e.id = $1 AND e.status = 'published'`,
      [id(req)],
    );
    if (!row) throw notFound('公开评价');
    return { id: row.id, unitName: row.unit_name, evaluation: row.current };
  });
  app.get('/api/public/evaluations/:id/download', route('公开', '下载已公开评价', idParams), async (req, reply) => {
    const [row] = await db.query(`SELECT current FROM evaluations WHERE id = $1 AND status = 'published'`, [id(req)]);
    if (!row) throw notFound('公开评价');
    return sendRendered(reply, row.current, String((req.query as any).format ?? 'pdf'), printPdf);
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // ---- web UI
  const dist = o.webDist === undefined ? WEB_DIST : o.webDist;
  const hasWeb = !!dist && existsSync(resolve(dist, 'index.html'));
  if (hasWeb) await app.register(fstatic, { root: dist!, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api' || !hasWeb || req.method !== 'GET') {
      return reply.status(404).send({ error: '接口不存在', code: 'not-found' });
    }
    return reply.sendFile('index.html');
  });

  return app;
}

function oneOf(v: unknown, allowed: string[], what: string): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || !allowed.includes(v)) throw badRequest(`${what}不正确`);
  return v;
}

async function renderModule(): Promise<any | null> {
  try {
    const path = '@jixiao/documents/render/index.ts'; // written by another engineer; may not exist yet
    return await import(path);
  } catch {
    return null;
  }
}

const notAvailable = () => new HttpError(501, 'not-implemented', '文书生成功能尚未就绪，暂时无法下载');

const TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

/**
 * PDFs are printed by one Chromium per server process, started at the first PDF and kept (starting
 * a browser per download took about a second and, with many downloads at once, as many browsers),
 * at most PDF_AT_ONCE pages at a time; a browser that died is replaced at the next PDF.
 */
const PDF_AT_ONCE = 2;
function pdfPrinter() {
  let renderer: any = null;
  let busy = 0;
  const waiting: (() => void)[] = [];
  const print = async (json: EvaluationJson): Promise<Uint8Array> => {
    if (busy >= PDF_AT_ONCE) await new Promise<void>((r) => waiting.push(r));
    busy++;
    try {
      const render = await renderModule();
      for (let attempt = 0; ; attempt++) {
        renderer ??= new render.PdfRenderer();
        try {
          return await renderer.render(json);
        } catch (e) {
          const dead = renderer;
          renderer = null;
          await dead.close().catch(() => {});
          if (attempt >= 1 || /找不到 Chromium/.test((e as Error).message)) throw e;
        }
      }
    } finally {
      busy--;
      waiting.shift()?.();
    }
  };
  const close = async () => {
    const r = renderer;
    renderer = null;
    await r?.close().catch(() => {});
  };
  return { print, close };
}

function contentDisposition(name: string) {
  return `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function sendRendered(reply: FastifyReply, json: EvaluationJson, format: string, printPdf: (json: EvaluationJson) => Promise<Uint8Array>) {
  if (!(format in TYPES)) throw badRequest('格式应为 docx、xlsx、pdf 或 html');
  const render = await renderModule();
  let data: Uint8Array | string;
  if (format === 'docx' && typeof render?.renderDocx === 'function') data = await render.renderDocx(json);
  else if (format === 'xlsx' && typeof render?.renderXlsx === 'function') data = await render.renderXlsx(json);
  else if (format === 'html' && typeof render?.renderHtml === 'function') data = await render.renderHtml(json);
  else if (format === 'pdf' && typeof render?.PdfRenderer === 'function') data = await printPdf(json);
  else throw notAvailable();
  const name = `${json.title || '绩效自评'}.${format}`.replace(/[\\/:*?"<>|]/g, '_');
  reply.type(TYPES[format]).header('content-disposition', contentDisposition(name));
  // the rendered HTML is a document to save, not a page of this app
  if (format === 'html') reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  return reply.send(typeof data === 'string' ? data : Buffer.from(data));
}

export { requireAllowed, forbidden, notFound };
