// Limits that keep hostile files (zip bombs, XML entities, endless parsing) from hurting a batch import.
import { unzipSync } from 'fflate';

export type ImportErrorCode =
  | 'empty'
  | 'corrupt'
  | 'encrypted'
  | 'zip-bomb'
  | 'xxe'
  | 'scanned-pdf'
  | 'unsupported'
  | 'too-large'
  | 'timeout'
  | 'memory'
  | 'too-many-pages'
  | 'too-many-cells'
  | 'too-long'
  | 'too-deep'
  | 'crashed'
  | 'legacy-no-soffice';

/** A file that cannot be imported; `message` is Chinese and shown to the user as is. */
export class ImportError extends Error {
  readonly code: ImportErrorCode;
  constructor(code: ImportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImportError';
    this.code = code;
  }
}

export const MESSAGES = {
  empty: '文件为空',
  corrupt: '文件已损坏或不完整',
  encrypted: '文件已加密（有密码保护），无法读取',
  zipBomb: '压缩包解压后过大，疑似压缩炸弹',
  xxe: '文件包含外部实体声明，已拒绝',
  scanned: '扫描件，无文字层',
  legacyNoSoffice: '无法读取旧版 .doc/.xls 文件：本机未安装 LibreOffice。请安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer libreoffice-calc；或设置 JIXIAO_SOFFICE 为 soffice 的路径）后重试，或在 Word/WPS/Excel 中另存为 .docx/.xlsx 再导入',
} as const;

export interface ReadLimits {
  /** largest file accepted, bytes */
  maxInputBytes: number;
  /** largest sum of uncompressed sizes of the zip entries we extract */
  maxUncompressedBytes: number;
  /** largest uncompressed/compressed ratio of one entry (checked for entries over 1 MB) */
  maxCompressionRatio: number;
  /** most entries a zip may have */
  maxEntries: number;
  /** most cells a sheet may expand to */
  maxSheetCells: number;
  /** time limit per file, ms */
  timeoutMs: number;
  /** most pages a PDF may have */
  maxPdfPages: number;
  /** most cells one table may have once its spans are expanded */
  maxTableCells: number;
  /** most characters in one cell or paragraph */
  maxTextChars: number;
}

export const defaultLimits: ReadLimits = {
  maxInputBytes: 100 * 1024 * 1024,
  maxUncompressedBytes: 300 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxEntries: 10_000,
  maxSheetCells: 2_000_000,
  timeoutMs: 60_000,
  maxPdfPages: 500,
  maxTableCells: 1_000_000,
  maxTextChars: 100_000,
};

/** The largest span a cell may declare (as in HTML: colspan ≤ 1000); rowspan is cut at the table's last row. */
export const MAX_COLSPAN = 1000;

/** Deepest nesting of XML elements a reader accepts (a table in a table adds three: tbl, tr, tc). */
export const MAX_XML_DEPTH = 256;

export function resolveLimits(partial?: Partial<ReadLimits>): ReadLimits {
  return { ...defaultLimits, ...(partial ?? {}) };
}

export function checkInputSize(bytes: Uint8Array, limits: ReadLimits): void {
  if (bytes.length === 0) throw new ImportError('empty', MESSAGES.empty);
  if (bytes.length > limits.maxInputBytes) {
    const mb = (limits.maxInputBytes / 1024 / 1024).toFixed(0);
    throw new ImportError('too-large', `文件过大（超过 ${mb} MB），未读取`);
  }
}

/** Rejects with ImportError('timeout', message) if `promise` has not settled after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message = '读取超时，已跳过该文件'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ImportError('timeout', message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface ZipEntryInfo {
  name: string;
  /** compressed size */
  size: number;
  /** declared uncompressed size */
  originalSize: number;
}

/** Names and sizes of a zip's entries, from its central directory (nothing is inflated). */
export function listZip(bytes: Uint8Array, limits: ReadLimits): ZipEntryInfo[] {
  const entries: ZipEntryInfo[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        entries.push({ name: f.name, size: f.size, originalSize: f.originalSize });
        if (entries.length > limits.maxEntries) throw new ImportError('zip-bomb', MESSAGES.zipBomb);
        return false;
      },
    });
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('corrupt', MESSAGES.corrupt, { cause: e });
  }
  return entries;
}

/**
 * Extract the entries `want` accepts, refusing bombs before inflating anything.
 * fflate inflates each entry into a buffer of its declared size, so a lying header cannot make it allocate more.
 */
export function safeUnzip(
  bytes: Uint8Array,
  limits: ReadLimits,
  want: (name: string) => boolean,
): Record<string, Uint8Array> {
  let total = 0;
  let count = 0;
  const check = (f: { name: string; size: number; originalSize: number }) => {
    if (++count > limits.maxEntries) throw new ImportError('zip-bomb', MESSAGES.zipBomb);
    if (!want(f.name)) return false;
    total += f.originalSize;
    if (total > limits.maxUncompressedBytes) throw new ImportError('zip-bomb', MESSAGES.zipBomb);
    if (f.originalSize > 1024 * 1024 && f.originalSize > Math.max(1, f.size) * limits.maxCompressionRatio) {
      throw new ImportError('zip-bomb', MESSAGES.zipBomb);
    }
    return true;
  };
  try {
    return unzipSync(bytes, { filter: check });
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('corrupt', MESSAGES.corrupt, { cause: e });
  }
}

/** XML with a DTD can declare entities (external ones read files; nested ones blow up): refuse it. */
export function assertSafeXml(xml: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new ImportError('xxe', MESSAGES.xxe);
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decode the five predefined XML entities and character references (the parser is told to leave them alone). */
export function decodeXmlEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (m, ent: string) => {
    if (ent[0] === '#') {
      const cp = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return XML_ENTITIES[ent] ?? m;
  });
}

export function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}
