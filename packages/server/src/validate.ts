// Input checks for evaluations sent by clients: shape and sizes. Text is stored as text (all
// queries are parameterised); anything malformed or oversized is refused with 400.
import { z } from 'zod';
import { fromJson, type Evaluation } from '@jixiao/core';
import { FIELD_LABEL } from '@jixiao/core/labels.ts';
import { badRequest } from './errors.ts';

const dec = z
  .string()
  .regex(/^-?\d{1,15}(\.\d{1,10})?$/, '应为数字')
  .nullable();
const short = (n = 500) => z.string().max(n).nullable().optional();
const long = z.string().max(20000).nullable().optional();

const indicator = z.looseObject({
  id: z.string().min(1).max(50),
  parentId: z.string().max(50).nullable(),
  level: z.number().int().min(1).max(10),
  path: z.array(z.string().max(1000)).max(10),
  name: z.string().max(1000),
  code: short(50),
  description: long,
  rule: long,
  target: short(5000),
  actual: short(5000),
  unitOfMeasure: short(50),
  weight: dec,
  statedScore: dec,
  basis: long,
  deviation: long,
});

const budgetLine = z.looseObject({
  fundSource: z.enum(['total', 'appropriation', 'carryover', 'other']),
  label: z.string().max(200),
  initialBudget: dec,
  adjustedBudget: dec,
  executed: dec,
});

const evaluation = z.looseObject({
  subject: z.enum(['project', 'department']),
  title: z.string().min(1).max(500),
  unit: short(200),
  parentUnit: short(200),
  fiscalYear: z.number().int().min(1990).max(2200).nullable(),
  framework: short(100),
  manager: short(100),
  phone: short(50),
  budget: z
    .looseObject({
      unit: z.enum(['元', '万元']),
      initialBudget: dec,
      adjustedBudget: dec,
      executed: dec,
      received: dec.optional(),
      weight: dec,
      statedRate: dec,
      statedScore: dec,
      lines: z.array(budgetLine).max(50),
    })
    .nullable(),
  goals: z.object({ expected: long, actual: long }).nullable().optional(),
  indicators: z.array(indicator).max(2000),
  statedTotal: dec,
  statedGrade: short(20),
  sections: z.array(z.looseObject({ heading: z.string().max(500), text: z.string().max(100000) })).max(200).optional(),
  facts: z.array(z.looseObject({})).max(1000).optional(),
  problems: z.array(z.looseObject({})).max(1000).optional(),
});


/** An EvaluationJson or Evaluation from a client → a clean Evaluation, or 400. */
export function parseEvaluation(input: unknown): Evaluation {
  const r = evaluation.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue.path.map(String).join('.');
    const label = FIELD_LABEL[String(issue.path[0])] ?? where;
    throw badRequest(`评价数据不正确：${label || '整体'}（${where}）${issueText(issue)}`, { path: where });
  }
  const seen = new Set<string>();
  for (const i of r.data.indicators) {
    if (seen.has(i.id)) throw badRequest(`评价数据不正确：指标编号「${i.id}」重复`, { path: 'indicators' });
    seen.add(i.id);
  }
  return fromJson(r.data as unknown as Evaluation);
}

function issueText(i: z.core.$ZodIssue): string {
  if (i.code === 'too_big') return '过长或过大';
  if (i.code === 'too_small') return '不能为空';
  if (i.code === 'invalid_type') return '类型不正确';
  if (i.code === 'invalid_format' || i.code === 'invalid_value') return '格式不正确';
  return '不正确';
}

export const intParam = (v: unknown, what = '编号'): number => {
  const s = String(v ?? '');
  if (!/^\d{1,9}$/.test(s)) throw badRequest(`${what}不正确`);
  return Number(s);
};

export function optInt(v: unknown, what: string): number | null {
  if (v === undefined || v === null || v === '') return null;
  return intParam(v, what);
}

export function optText(v: unknown, what: string, max = 200): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || v.length > max) throw badRequest(`${what}不正确`);
  return v;
}
