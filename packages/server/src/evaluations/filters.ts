// List and dashboard filters: the query string checked (Chinese messages) and turned into one WHERE
// clause with the caller's scope.
import type { User } from '../auth/store.ts';
import { badRequest } from '../errors.ts';
import { scopeByPathSql } from '../scope.ts';
import { optInt, optText } from '../validate.ts';

const GRADES = ['excellent', 'good', 'fair', 'poor'];
const STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published'];
const SUBJECTS = ['project', 'department'];

export interface ListFilters {
  fiscalYear?: number | null;
  unitId?: number | null;
  parentUnitId?: number | null;
  subject?: string | null;
  status?: string | null;
  grade?: string | null;
  q?: string | null;
  /** the list's keyset cursor: the `next` of the page before */
  after?: string | null;
  pageSize?: number | null;
}

/** WHERE clause for list/dashboard filters, scope included. */
export function filterSql(user: User | null, f: ListFilters, params: unknown[]): string {
  // every query using this joins the evaluation's unit as `un`
  const where: string[] = [user ? scopeByPathSql(user, 'un.path', params) : `e.status = 'published'`];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.fiscalYear != null) add('e.fiscal_year = ?', f.fiscalYear);
  if (f.unitId != null) add('e.unit_id = ?', f.unitId);
  // the units below (and including) that unit: their paths start with its path, so the planner takes
  // the matching units first and then their evaluations through the (unit_id, fiscal_year) index
  if (f.parentUnitId != null) add(`un.path LIKE (SELECT path FROM units WHERE id = ?) || '%'`, f.parentUnitId);
  if (f.subject) add('e.subject = ?', f.subject);
  if (f.status) add('e.status = ?', f.status);
  if (f.grade) add('e.grade = ?', f.grade);
  if (f.q) add(`(e.title ILIKE ? ESCAPE '\\' OR un.name ILIKE $${params.length} ESCAPE '\\')`, `%${f.q.replace(/[\\%_]/g, (m) => '\\' + m)}%`);
  return where.join(' AND ');
}


/** The filters of a list query string (GET /api/evaluations, /api/dashboard, /api/summary.xlsx), or 400. */
export const filtersFrom = (qs: any): ListFilters => ({
  fiscalYear: optInt(qs.fiscalYear, '年度'),
  unitId: optInt(qs.unitId, '单位'),
  parentUnitId: optInt(qs.parentUnitId, '主管部门'),
  subject: oneOf(qs.subject, SUBJECTS, '评价对象'),
  status: oneOf(qs.status, STATUSES, '状态'),
  grade: oneOf(qs.grade, GRADES, '等级'),
  q: optText(qs.q, '搜索词', 200),
  after: optText(qs.after, '翻页位置', 100),
  pageSize: optInt(qs.pageSize, '每页条数'),
});

/** The list query string for the OpenAPI document. */
export const listQuery = {
  querystring: {
    type: 'object',
    properties: Object.fromEntries(
      ['fiscalYear', 'unitId', 'parentUnitId', 'subject', 'status', 'grade', 'q', 'after', 'pageSize'].map((k) => [k, { type: 'string' }]),
    ),
  },
};

function oneOf(v: unknown, allowed: string[], what: string): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || !allowed.includes(v)) throw badRequest(`${what}不正确`);
  return v;
}
