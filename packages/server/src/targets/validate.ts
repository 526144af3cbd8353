// Input checks for target tables and monitoring rounds sent by clients: shape and sizes, 400 otherwise.
import { z } from 'zod';
import { CAUSES, LIKELIHOODS, type MonitoringRound, type TargetTable } from '@jixiao/core';
import { badRequest } from '../errors.ts';

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
  target: short(5000),
  actual: short(5000),
  weight: dec,
  statedScore: dec.optional(),
  description: long,
  rule: long,
});

const table = z.looseObject({
  subject: z.enum(['project', 'department']),
  title: z.string().trim().min(1).max(500),
  parentUnit: short(200),
  unit: short(200),
  fiscalYear: z.number().int().min(1990).max(2200).nullable(),
  funds: z.object({ unit: z.enum(['元', '万元']), total: dec, appropriation: dec, other: dec }),
  goals: z.object({ longTerm: long, annual: long }),
  executionWeight: dec,
  indicators: z.array(indicator).max(2000),
});

const LABEL: Record<string, string> = { title: '项目名称', funds: '项目资金', goals: '总体目标', indicators: '绩效指标', fiscalYear: '年度' };

function fail(what: string, r: z.ZodSafeParseError<unknown>): never {
  const issue = r.error.issues[0];
  const where = issue.path.map(String).join('.');
  throw badRequest(`${what}数据不正确：${LABEL[String(issue.path[0])] ?? (where || '整体')}（${where}）${issue.code === 'too_small' ? '不能为空' : issue.code === 'too_big' ? '过长或过大' : '格式不正确'}`, { path: where });
}

export function parseTargetTable(input: unknown): TargetTable {
  const r = table.safeParse(input);
  if (!r.success) fail('绩效目标', r);
  const seen = new Set<string>();
  for (const i of r.data.indicators) {
    if (seen.has(i.id)) throw badRequest(`绩效目标数据不正确：指标编号「${i.id}」重复`, { path: 'indicators' });
    seen.add(i.id);
  }
  const t = r.data as unknown as TargetTable;
  delete t.carried; // computed on read from the open rectification items
  return t;
}

const round = z.object({
  period: z.object({ from: z.number().int().min(1).max(12), to: z.number().int().min(1).max(12) }).refine((p) => p.from <= p.to, '起止月份不正确'),
  funds: z.object({ unit: z.enum(['元', '万元']), annualBudget: dec, executed: dec, expectedYearEnd: dec, note: long }),
  rows: z
    .array(
      z.object({
        indicatorId: z.string().min(1).max(50),
        progress: short(5000),
        expected: short(5000),
        cause: z.enum(CAUSES).nullable().optional(),
        note: long,
        likelihood: z.enum(LIKELIHOODS).nullable().optional(),
      }),
    )
    .max(2000),
});

export function parseRound(input: unknown): MonitoringRound {
  const r = round.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue.path.map(String).join('.');
    const label = where.startsWith('period') ? '监控期间' : where.startsWith('funds') ? '资金执行' : where.endsWith('cause') ? '偏差原因' : where.endsWith('likelihood') ? '完成目标可能性' : where;
    throw badRequest(`监控数据不正确：${label}（${where}）格式不正确`, { path: where });
  }
  const d = r.data;
  return {
    period: d.period,
    funds: { unit: d.funds.unit, annualBudget: d.funds.annualBudget, executed: d.funds.executed, expectedYearEnd: d.funds.expectedYearEnd, note: d.funds.note ?? null },
    rows: d.rows.map((x) => ({ indicatorId: x.indicatorId, progress: x.progress ?? null, expected: x.expected ?? null, cause: x.cause ?? null, note: x.note ?? null, likelihood: x.likelihood ?? null })),
  };
}
