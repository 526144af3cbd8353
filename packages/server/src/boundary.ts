// The API's one input boundary: no string that reaches a handler, the database or a log holds a NUL
// or a lone UTF-16 surrogate (PostgreSQL refuses the one, JSON and XML writers the other, and both
// gave 500). Body, query string, route parameters, headers and uploaded file names are checked, and
// the request is refused with 400 and a message naming the field.
import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors.ts';

// NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one
const BAD = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function badText(s: string): boolean {
  return BAD.test(s);
}

export function badCharacters(field: string): HttpError {
  return new HttpError(400, 'bad-characters', `「${field}」中含有不允许的字符（空字符或不成对的代理字符），请删除后重试`, { field });
}

/** The path of the first string (value or key) in `value` with a bad character, or null. */
export function findBadText(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return badText(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findBadText(value[i], `${path}[${i}]`, depth + 1);
      if (p) return p;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    // a key is named by where it is (its own text may be what is wrong)
    const name = badText(k) ? `${path ? path + '.' : ''}（字段名）` : `${path ? path + '.' : ''}${k}`;
    if (badText(k)) return name;
    const p = findBadText(v, name, depth + 1);
    if (p) return p;
  }
  return null;
}

/** Throws 400 naming the field when `value` holds a bad character. */
export function assertCleanText(value: unknown, field: string): void {
  const p = findBadText(value, field);
  if (p) throw badCharacters(p);
}

export function inputBoundary(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    const q = findBadText(req.query, '');
    if (q) throw badCharacters(`查询参数 ${q}`);
    const p = findBadText(req.params, '');
    if (p) throw badCharacters(`路径参数 ${p}`);
    for (const [name, v] of Object.entries(req.headers)) {
      if (findBadText(v, name)) throw badCharacters(`请求头 ${name}`);
    }
  });
  app.addHook('preValidation', async (req) => {
    // multipart bodies are read by their route, which checks the file names and fields it takes
    const p = findBadText(req.body, '');
    if (p) throw badCharacters(p);
  });
}
