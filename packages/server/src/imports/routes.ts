// Bulk import over HTTP: upload one or many files (202, processed by the queue), then follow the job.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.ts';
import { badRequest } from '../errors.ts';
import { badCharacters, badText } from '../boundary.ts';
import { body, id, idParams, route, user } from '../http.ts';
import { intParam, optInt } from '../validate.ts';
import { resolveHeld, type HeldAction } from './held.ts';
import { createImportJob, getImportJob, type Upload } from './jobs.ts';
import type { ImportQueue } from './queue.ts';

/** `o.queue` is read at each upload: the server starts its queue after building the app. */
export function importRoutes(app: FastifyInstance, db: Db, o: { queue?: ImportQueue | null }) {
  app.post('/api/imports', route('导入', '上传一个或多个文件，后台导入'), async (req, reply) => {
    if (!req.isMultipart()) throw badRequest('请以 multipart/form-data 上传文件');
    const files: Upload[] = [];
    let unitId: number | null = null;
    for await (const part of req.parts()) {
      if (badText(part.fieldname)) throw badCharacters('上传表单的字段名');
      if (part.type === 'file') {
        if (part.filename && badText(part.filename)) throw badCharacters(`文件名（第 ${files.length + 1} 个文件）`);
        const bytes = await part.toBuffer();
        files.push({ name: (part.filename || `文件${files.length + 1}`).slice(0, 255), bytes: new Uint8Array(bytes) });
      } else if (typeof part.value === 'string' && badText(part.value)) {
        throw badCharacters(part.fieldname === 'unitId' ? '单位' : part.fieldname);
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
  app.post('/api/imports/:id/held/:heldId', route('导入', '处理一份待确认的评价：归入单位、更新已有评价、保留两份或跳过'), async (req) => {
    const u = user(req);
    const jobId = id(req);
    await getImportJob(db, u, jobId); // 404 unless the caller sees the job
    const b = body(req);
    const action = b.action as HeldAction;
    if (!['place', 'update', 'keep', 'skip'].includes(action)) throw badRequest('请选择处理方式：归入单位、更新、保留两份或跳过');
    return resolveHeld(db, u, jobId, intParam((req.params as any).heldId), action, optInt(b.unitId, '单位'));
  });
}
