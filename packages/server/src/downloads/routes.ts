// Downloads: one evaluation as docx / xlsx / pdf / html, the summary table of a filtered list, and a
// published evaluation for anyone.
import type { FastifyInstance } from 'fastify';
import { renderSummaryXlsx } from '@jixiao/documents/render/index.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';
import { id, idParams, route, user } from '../http.ts';
import { filterSql, filtersFrom, listQuery } from '../evaluations/filters.ts';
import { loadInScope } from '../evaluations/store.ts';
import { contentDisposition, pdfPrinter, sendRendered } from './render.ts';

export function downloadRoutes(app: FastifyInstance, db: Db) {
  const pdf = pdfPrinter();
  app.addHook('onClose', async () => pdf.close());

  app.get('/api/evaluations/:id/download', route('下载', '下载文书 docx/xlsx/pdf/html', idParams), async (req, reply) => {
    const row = await loadInScope(db, user(req), id(req));
    return sendRendered(reply, row.current, String((req.query as any).format ?? 'docx'), pdf.print);
  });

  app.get('/api/summary.xlsx', route('下载', '单位汇总表', listQuery), async (req, reply) => {
    const f = filtersFrom(req.query);
    const params: unknown[] = [];
    const where = filterSql(user(req), f, params);
    const rows = await db.query(
      `SELECT e.current FROM evaluations e JOIN units un ON un.id = e.unit_id WHERE ${where} ORDER BY un.path, e.id LIMIT 20000`,
      params,
    );
    const data = await renderSummaryXlsx(rows.map((r) => r.current));
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition('绩效自评汇总.xlsx'))
      .send(Buffer.from(data));
  });

  app.get('/api/public/evaluations/:id/download', route('公开', '下载已公开评价', idParams), async (req, reply) => {
    const [row] = await db.query(`SELECT current FROM evaluations WHERE id = $1 AND status = 'published'`, [id(req)]);
    if (!row) throw notFound('公开评价');
    return sendRendered(reply, row.current, String((req.query as any).format ?? 'pdf'), pdf.print);
  });
}
