// Bytes of a plain-text file → string. Chinese reports come as UTF-8 (with or without BOM),
// UTF-16 (Windows "Unicode" saves) or GB18030/GBK (older tools); anything else is refused.
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'mixed';

export class NotTextError extends Error {
  readonly code = 'not-text';
  constructor(message = '不是文本文件（含有二进制内容），无法读取') {
    super(message);
    this.name = 'NotTextError';
  }
}

/** Decode text bytes; throws NotTextError (Chinese message) for binary input. A file whose lines mix
 *  UTF-8 and GB18030 is decoded line by line, with a `warning` saying so. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding; warning?: string } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return checked(new TextDecoder('utf-8').decode(bytes.subarray(3)), 'utf-8');
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return checked(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le');
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return checked(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be');
  }
  if (bytes.indexOf(0) !== -1) {
    // UTF-16 saved without a BOM: Latin characters and digits leave a NUL in every other byte
    const guess = utf16WithoutBom(bytes);
    if (guess) return checked(new TextDecoder(guess).decode(bytes), guess);
    // otherwise NUL never occurs in UTF-8/GB18030 text: a sure sign of a binary file
    throw new NotTextError();
  }
  try {
    return checked(new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'utf-8');
  } catch (e) {
    if (e instanceof NotTextError) throw e;
  }
  const mixed = decodeMixed(bytes);
  if (mixed) return mixed;
  return checked(iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030'), 'gb18030');
}

/** Refuse decoded text that is mostly control characters or undecodable bytes. */
function checked(text: string, encoding: TextEncoding): { text: string; encoding: TextEncoding } {
  let bad = 0;
  const n = Math.min(text.length, 65536);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  if (n > 0 && bad / n > 0.05) throw new NotTextError();
  return { text, encoding };
}

function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 65536) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  // NUL never occurs in UTF-8/GB18030 text, so NULs mean UTF-16 or binary. Mostly-Chinese text has
  // few of them (line ends, digits), so the count alone cannot tell: the byte order whose decoded
  // text reads as text (Chinese, ASCII, punctuation) wins; random binary reads as neither.
  if (odd + even < 2) return null;
  const order: ('utf-16le' | 'utf-16be')[] = odd >= even ? ['utf-16le', 'utf-16be'] : ['utf-16be', 'utf-16le'];
  for (const side of order) if (readsAsText(new TextDecoder(side).decode(bytes.subarray(0, n)))) return side;
  return null;
}

function readsAsText(sample: string): boolean {
  let good = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13 || (c >= 0x3000 && c <= 0x9fff) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x2000 && c <= 0x206f) || (c >= 0xa0 && c <= 0x17f) || (c >= 0x2100 && c <= 0x27ff)) good++;
  }
  return good >= sample.length * 0.9;
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

/**
 * Lines pasted together from a UTF-8 and a GB18030 file: each line is decoded in the encoding it is
 * valid in. A line counts as UTF-8 only with two or more non-ASCII characters (GBK bytes rarely
 * form valid UTF-8 by chance, and never for long); null when the file is not such a mix.
 */
function decodeMixed(bytes: Uint8Array): { text: string; encoding: TextEncoding; warning: string } | null {
  const parts: string[] = [];
  const gbLines: number[] = [];
  let utf8Lines = 0;
  let start = 0;
  let line = 1;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  while (start <= bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    const piece = bytes.subarray(start, end);
    let ascii = true;
    for (let i = 0; i < piece.length; i++) if (piece[i] >= 0x80) { ascii = false; break; }
    if (ascii) parts.push(buf.toString('latin1', start, end));
    else {
      let s: string | null = null;
      try {
        s = utf8Fatal.decode(piece);
      } catch {
        s = null;
      }
      let wide = 0;
      if (s !== null) for (let i = 0; i < s.length && wide < 2; i++) if (s.charCodeAt(i) >= 0x80) wide++;
      if (s !== null && wide >= 2) {
        utf8Lines++;
        parts.push(s);
      } else {
        gbLines.push(line);
        parts.push(iconv.decode(buf.subarray(start, end), 'gb18030'));
      }
    }
    start = end + 1;
    line++;
  }
  if (utf8Lines === 0 || gbLines.length === 0) return null;
  const shown = gbLines.slice(0, 5).join('、') + (gbLines.length > 5 ? ' 等' : '');
  const r = checked(parts.join('\n'), 'mixed');
  return { ...r, warning: `文件混用 UTF-8 与 GB18030 两种编码，已逐行识别（按 GB18030 读取的行：第 ${shown} 行），请核对文字` };
}
