// readDocument: any supported file → Document, the format found from the content.
import type { Document } from '../document.ts';
import { detectFormat, type DetectedFormat } from './detect.ts';
import { readDocx } from './docx.ts';
import { readHtml, readMhtml } from './html.ts';
import { convertLegacy } from './legacy.ts';
import { checkInputSize, ImportError, MESSAGES, resolveLimits, withTimeout, type ReadLimits } from './limits.ts';
import { readPdf } from './pdf.ts';
import { readText } from './text.ts';
import { readXlsx } from './xlsx.ts';

export { ImportError, withTimeout, defaultLimits, type ImportErrorCode, type ReadLimits } from './limits.ts';
export { detectFormat, type DetectedFormat } from './detect.ts';
export { readDocx, readXlsx, readPdf, readHtml, readMhtml, readText };

export interface ReadOptions {
  limits?: Partial<ReadLimits>;
  /** soffice binary for .doc/.xls; false: never convert (report them as unreadable) */
  soffice?: string | false;
}

const EXT: Partial<Record<DetectedFormat, string>> = { docx: 'docx', xlsx: 'xlsx', pdf: 'pdf', doc: 'doc', xls: 'xls' };

export async function readDocument(bytes: Uint8Array, path: string, opts: ReadOptions = {}): Promise<Document> {
  const limits = resolveLimits(opts.limits);
  checkInputSize(bytes, limits);
  const format = detectFormat(bytes, limits);
  const seconds = Math.round(limits.timeoutMs / 1000);
  // the readers of the other formats work synchronously: their promise has settled before any timer
  // could fire, so a timer per file would only cost time
  const doc = ASYNC.has(format)
    ? await withTimeout(dispatch(format, bytes, path, limits, opts), limits.timeoutMs, `读取超时（超过 ${seconds} 秒），已跳过该文件`)
    : await dispatch(format, bytes, path, limits, opts);
  doc.path ??= path;
  return doc;
}

// formats whose reading waits on something (pdf.js, a LibreOffice conversion)
const ASYNC = new Set<DetectedFormat>(['pdf', 'doc', 'xls', 'rtf']);

async function dispatch(format: DetectedFormat, bytes: Uint8Array, path: string, limits: ReadLimits, opts: ReadOptions): Promise<Document> {
  const doc = await readAs(format, bytes, path, limits, opts);
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  const actual = EXT[format];
  if (ext && actual && ext !== actual && EXT[ext as DetectedFormat] && !(ext === 'htm' || ext === 'html')) {
    doc.warnings.push({ message: `文件扩展名为 .${ext}，实际内容为 .${actual}，已按 .${actual} 读取` });
  }
  return doc;
}

async function readAs(format: DetectedFormat, bytes: Uint8Array, path: string, limits: ReadLimits, opts: ReadOptions): Promise<Document> {
  switch (format) {
    case 'docx':
      return readDocx(bytes, path, limits);
    case 'xlsx':
      return readXlsx(bytes, path, limits);
    case 'pdf':
      return readPdf(bytes, path);
    case 'html':
      return readHtml(bytes, path);
    case 'mhtml':
      return readMhtml(bytes, path);
    case 'doc':
    case 'xls':
    case 'rtf': {
      const converted = await convertLegacy(bytes, format, { soffice: opts.soffice, timeoutMs: limits.timeoutMs });
      const doc = format === 'xls' ? readXlsx(converted, path, limits) : readDocx(converted, path, limits);
      return { ...doc, format: format === 'xls' ? 'xls' : 'doc' };
    }
    case 'encrypted-ooxml':
      throw new ImportError('encrypted', MESSAGES.encrypted);
    case 'zip':
      throw new ImportError('unsupported', '不支持的文件格式：压缩包中没有 Word 或 Excel 文档（支持 .docx .xlsx .pdf .html .txt .doc .xls）');
    case 'ole':
      throw new ImportError('unsupported', '不支持的文件格式：不是 Word 或 Excel 文档（支持 .docx .xlsx .pdf .html .txt .doc .xls）');
    case 'text':
      try {
        return readText(bytes, path);
      } catch (e) {
        if (e instanceof ImportError) throw e;
        throw new ImportError('unsupported', e instanceof Error && /[\u4e00-\u9fff]/.test(e.message) ? e.message : '不支持的文件格式', { cause: e });
      }
  }
}
