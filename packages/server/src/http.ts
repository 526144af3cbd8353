// The HTTP frame every domain's routes plug into: Fastify with security headers, cookies, uploads,
// the OpenAPI description (/api/docs, /api/openapi.json), one error handler (Chinese messages, never
// a stack trace), the built web UI, and the small helpers the route handlers share.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fstatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { User } from './auth/store.ts';
import { HttpError, badRequest } from './errors.ts';
import { inputBoundary } from './boundary.ts';
import { intParam } from './validate.ts';

export const COOKIE = 'jx_session';
export const JSON_LIMIT = 5 * 1024 * 1024;
export const FILE_LIMIT = 50 * 1024 * 1024;
export const MAX_FILES = 500;
const WEB_DIST = resolve(import.meta.dirname, '../../web/dist');

export async function createHttp(o: { logger?: FastifyServerOptions['logger']; trustProxy?: boolean }): Promise<FastifyInstance> {
  const app = Fastify({
    logger: o.logger ?? false,
    bodyLimit: JSON_LIMIT,
    trustProxy: o.trustProxy ?? false,
    // we validate with our own checks and Chinese messages; schemas are for the OpenAPI document
    ajv: { customOptions: { coerceTypes: false } },
  });
  app.setValidatorCompiler(() => () => true);
  // before every other hook: no handler, query or log ever sees a NUL or a lone surrogate
  inputBoundary(app);

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
  return app;
}

/** The OpenAPI document itself, and the web UI from `webDist` (default packages/web/dist) with an
 *  index.html fallback for its client routes; anything else under /api is a JSON 404. */
export async function docsAndWebUi(app: FastifyInstance, webDist: string | null | undefined) {
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const dist = webDist === undefined ? WEB_DIST : webDist;
  const hasWeb = !!dist && existsSync(resolve(dist, 'index.html'));
  if (hasWeb) await app.register(fstatic, { root: dist!, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api' || !hasWeb || req.method !== 'GET') {
      return reply.status(404).send({ error: '接口不存在', code: 'not-found' });
    }
    return reply.sendFile('index.html');
  });
}

/** Route options: its group (tag) and summary in the OpenAPI document. */
export function route(tag: string, summary: string, extra: Record<string, unknown> = {}) {
  return { schema: { tags: [tag], summary, ...extra } };
}
export const idParams = { params: { type: 'object', properties: { id: { type: 'integer' } } } };

/** The logged-in user (the auth hook has refused the request otherwise). */
export const user = (req: FastifyRequest): User => req.session!.user;
export const body = (req: FastifyRequest): Record<string, any> => {
  const b = req.body;
  if (!b || typeof b !== 'object' || Array.isArray(b)) throw badRequest('请求内容应为 JSON 对象');
  return b as Record<string, any>;
};
/** The :id of the route, or 400. */
export const id = (req: FastifyRequest) => intParam((req.params as any).id);
