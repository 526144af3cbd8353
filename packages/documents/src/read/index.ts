// readDocument: any supported file → Document, the format found from the content.
import type { Document } from '../document.ts';
import { detectFormat, type DetectedFormat } from './detect.ts';
import { readDocx } from './docx.ts';
import { readHtml, readMhtml } from './html.ts';
import { convertLegacy } from './legacy.ts';
import { boundDocument } from './bounds.ts';
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
  const format = detectContainer(bytes, path, limits);
  const seconds = Math.round(limits.timeoutMs / 1000);
  // the readers of the other formats work synchronously: their promise has settled before any timer
  // could fire, so a timer per file would only cost time
  const doc = ASYNC.has(format)
    ? await withTimeout(dispatch(format, bytes, path, limits, opts), limits.timeoutMs, `读取超时（超过 ${seconds} 秒），已跳过该文件`)
    : await dispatch(format, bytes, path, limits, opts);
  doc.path ??= path;
  return boundDocument(doc, limits);
}

/**
 * The format, with a damaged zip named as such: a .docx/.xlsx whose zip directory cannot be read
 * (or whose first bytes are gone) is not a text file to be refused as binary.
 */
function detectContainer(bytes: Uint8Array, path: string, limits: ReadLimits): DetectedFormat {
  let format: DetectedFormat;
  try {
    format = detectFormat(bytes, limits);
  } catch (e) {
    if (e instanceof ImportError && e.code === 'corrupt') throw damagedZip(bytes, path, e);
    throw e;
  }
  if (format === 'text' && looksLikeZip(bytes)) throw damagedZip(bytes, path);
  return format;
}

/**
 * The page count a PDF's page tree declares (/Count of its /Pages), read from the bytes before pdf.js
 * loads anything: a 5,000-page file is refused at once. Page trees inside compressed object streams
 * are not seen here; readPdf checks the count pdf.js finds as well.
 */
function checkPdfPages(bytes: Uint8Array, maxPages: number): void {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let pages = 0;
  for (const m of text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d{1,9})|\/Count\s+(\d{1,9})[^>]*?\/Type\s*\/Pages\b/g)) {
    pages = Math.max(pages, Number(m[1] ?? m[2]));
  }
  if (pages > maxPages) throw new ImportError('too-many-pages', `PDF 页数过多（${pages} 页，上限 ${maxPages} 页），未读取`);
}

function looksLikeZip(b: Uint8Array): boolean {
  // a local header, a central directory entry or its end record: "PK" followed by 3/4, 1/2 or 5/6
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return buf.indexOf('PK\x01\x02', 0, 'latin1') >= 0 || buf.indexOf('PK\x05\x06', 0, 'latin1') >= 0 || buf.indexOf('PK\x03\x04', 0, 'latin1') >= 0;
}

function damagedZip(b: Uint8Array, path: string, cause?: unknown): ImportError {
  const ext = /\.(docx|xlsx|docm|xlsm)$/i.exec(path)?.[1]?.toLowerCase();
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const kind = ext ?? (buf.indexOf('word/document.xml', 0, 'latin1') >= 0 ? 'docx' : buf.indexOf('xl/workbook.xml', 0, 'latin1') >= 0 ? 'xlsx' : 'zip');
  return new ImportError('corrupt', `${kind} 文件已损坏（zip 目录无法读取）`, { cause });
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
    case 'xlsx':
      try {
        return format === 'docx' ? readDocx(bytes, path, limits) : readXlsx(bytes, path, limits);
      } catch (e) {
        // the directory was read (detectFormat), an entry of it could not be inflated
        if (e instanceof ImportError && e.code === 'corrupt' && e.cause) throw new ImportError('corrupt', `${format} 文件已损坏（压缩内容无法解开）`, { cause: e });
        throw e;
      }
    case 'pdf':
      checkPdfPages(bytes, limits.maxPdfPages);
      return readPdf(bytes, path, limits.maxPdfPages);
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
