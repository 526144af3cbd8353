// The target table and the monitoring table as .xlsx/.docx in the official layouts (documents/cycle).
import type { FastifyInstance } from 'fastify';
import type { MonitoringRound, TargetTable } from '@jixiao/core';
import { renderMonitoringTable, renderTargetTable } from '@jixiao/documents/cycle/index.ts';
import type { Db } from '../db/client.ts';
import { badRequest } from '../errors.ts';
import { id, idParams, route, user } from '../http.ts';
import { contentDisposition } from '../downloads/render.ts';
import { tableInScope } from './store.ts';
import { roundDetail } from '../monitoring/store.ts';

const TYPE = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const formatOf = (q: unknown) => {
  const f = String((q as Record<string, unknown>)?.format ?? 'xlsx');
  if (f !== 'xlsx' && f !== 'docx') throw badRequest('格式应为 xlsx 或 docx');
  return f as 'xlsx' | 'docx';
};

export function exportRoutes(app: FastifyInstance, db: Db) {
  app.get('/api/targets/:id/export', route('绩效目标', '下载绩效目标申报表（?format=xlsx|docx）', idParams), async (req, reply) => {
    const format = formatOf(req.query);
    const r = await tableInScope(db, user(req), id(req));
    const bytes = await renderTargetTable(r.current as TargetTable, format);
    return reply.type(TYPE[format]).header('content-disposition', contentDisposition(`${r.title}-绩效目标申报表.${format}`)).send(Buffer.from(bytes));
  });
  app.get('/api/monitoring/:id/export', route('运行监控', '下载运行监控表（?format=xlsx|docx）', idParams), async (req, reply) => {
    const format = formatOf(req.query);
    const d = await roundDetail(db, user(req), id(req));
    const bytes = await renderMonitoringTable(d.table, d.round as MonitoringRound, format);
    return reply.type(TYPE[format]).header('content-disposition', contentDisposition(`${d.title}-运行监控表.${format}`)).send(Buffer.from(bytes));
  });
}
