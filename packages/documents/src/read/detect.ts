// What a file is, by its content (the extension is only a hint: a .docx renamed .pdf is still a .docx).
import { listZip, resolveLimits, type ReadLimits } from './limits.ts';

export type DetectedFormat =
  | 'docx'
  | 'xlsx'
  | 'pdf'
  | 'html'
  | 'doc'
  | 'xls'
  /** an OLE2 container holding an encrypted OOXML package (a password-protected .docx/.xlsx) */
  | 'encrypted-ooxml'
  /** a zip that is neither .docx nor .xlsx (.pptx, .odt, an archive …) */
  | 'zip'
  /** an OLE2 file that is neither Word nor Excel */
  | 'ole'
  /** Rich Text Format, often saved with a .doc name */
  | 'rtf'
  /** a web page saved as one file (.mht/.mhtml, also as .doc by some systems) */
  | 'mhtml'
  | 'text';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7) && b[3] === b[2] + 1;
}

export function isOle(b: Uint8Array): boolean {
  return b.length >= 8 && OLE_MAGIC.every((x, i) => b[i] === x);
}

export function isPdf(b: Uint8Array): boolean {
  // the header may follow some junk bytes; readers accept it within the first 1 KB
  const head = latin1(b, 0, 1024);
  return head.includes('%PDF-');
}

export function isHtml(b: Uint8Array): boolean {
  let head = latin1(b, 0, 4096);
  if (head.startsWith('\xef\xbb\xbf')) head = head.slice(3);
  else if (head.startsWith('\xff\xfe') || head.startsWith('\xfe\xff')) head = head.slice(2).replace(/\0/g, '');
  if (!/^\s*</.test(head)) return false;
  return /<(!doctype\s+html|html|body|table|head)[\s>]/i.test(head);
}

export function isMhtml(b: Uint8Array): boolean {
  const head = latin1(b, 0, 2048);
  return /^(?:[\s\S]*?\n)?MIME-Version:/i.test(head) && /Content-Type:\s*multipart\/related/i.test(head);
}

export function detectFormat(bytes: Uint8Array, limits: ReadLimits = resolveLimits()): DetectedFormat {
  if (isZip(bytes)) {
    const names = new Set(listZip(bytes, limits).map((e) => e.name));
    if (names.has('word/document.xml')) return 'docx';
    if (names.has('xl/workbook.xml')) return 'xlsx';
    return 'zip';
  }
  if (isOle(bytes)) {
    const names = oleNames(bytes);
    if (names.has('EncryptionInfo') || names.has('EncryptedPackage')) return 'encrypted-ooxml';
    if (names.has('WordDocument')) return 'doc';
    if (names.has('Workbook') || names.has('Book')) return 'xls';
    return 'ole';
  }
  if (isPdf(bytes)) return 'pdf';
  if (isMhtml(bytes)) return 'mhtml';
  if (latin1(bytes, 0, 16).replace(/^\xef\xbb\xbf/, '').startsWith('{\\rtf')) return 'rtf';
  if (isHtml(bytes)) return 'html';
  return 'text';
}

/**
 * Stream names of an OLE2 (compound file) container. Directory entries are 128 bytes and always start at
 * a multiple of 128 in the file, each with a UTF-16LE name and its byte length at offset 64.
 */
export function oleNames(b: Uint8Array): Set<string> {
  const names = new Set<string>();
  for (let off = 512; off + 128 <= b.length; off += 128) {
    const len = b[off + 64] | (b[off + 65] << 8);
    const type = b[off + 66];
    if (len < 4 || len > 64 || len % 2 !== 0 || (type !== 1 && type !== 2 && type !== 5)) continue;
    if (b[off + len - 2] !== 0 || b[off + len - 1] !== 0) continue;
    let s = '';
    for (let i = 0; i < len - 2; i += 2) s += String.fromCharCode(b[off + i] | (b[off + i + 1] << 8));
    if (/^[\x01-\x06]?[\w\s.]+$/.test(s)) names.add(s.replace(/^[\x01-\x06]/, ''));
  }
  return names;
}

function latin1(b: Uint8Array, start: number, end: number): string {
  return Buffer.from(b.buffer, b.byteOffset + start, Math.max(0, Math.min(end, b.length) - start)).toString('latin1');
}
