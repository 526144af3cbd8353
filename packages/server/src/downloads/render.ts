// Evaluations rendered to files for download (docx / xlsx / pdf / html, @jixiao/documents). PDFs are
// printed by one Chromium per server process, started at the first PDF and kept (starting a browser
// per download took about a second and, with many downloads at once, as many browsers), at most
// PDF_AT_ONCE pages at a time; a browser that died is replaced at the next PDF.
import type { FastifyReply } from 'fastify';
import type { EvaluationJson } from '@jixiao/core';
import { PdfRenderer, renderDocx, renderHtml, renderXlsx } from '@jixiao/documents/render/index.ts';
import { badRequest } from '../errors.ts';

const TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

const PDF_AT_ONCE = 2;

export type PrintPdf = (json: EvaluationJson) => Promise<Uint8Array>;

export function pdfPrinter(): { print: PrintPdf; close: () => Promise<void> } {
  let renderer: PdfRenderer | null = null;
  let busy = 0;
  const waiting: (() => void)[] = [];
  const print = async (json: EvaluationJson): Promise<Uint8Array> => {
    if (busy >= PDF_AT_ONCE) await new Promise<void>((r) => waiting.push(r));
    busy++;
    try {
      for (let attempt = 0; ; attempt++) {
        renderer ??= new PdfRenderer();
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

export function contentDisposition(name: string) {
  return `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function sendRendered(reply: FastifyReply, json: EvaluationJson, format: string, printPdf: PrintPdf) {
  if (!(format in TYPES)) throw badRequest('格式应为 docx、xlsx、pdf 或 html');
  let data: Uint8Array | string;
  if (format === 'docx') data = await renderDocx(json);
  else if (format === 'xlsx') data = await renderXlsx(json);
  else if (format === 'html') data = renderHtml(json);
  else data = await printPdf(json);
  const name = `${json.title || '绩效自评'}.${format}`.replace(/[\\/:*?"<>|]/g, '_');
  reply.type(TYPES[format]).header('content-disposition', contentDisposition(name));
  // the rendered HTML is a document to save, not a page of this app
  if (format === 'html') reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  return reply.send(typeof data === 'string' ? data : Buffer.from(data));
}
