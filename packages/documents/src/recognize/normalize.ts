// Small text helpers shared by the recognizers. Linear regexes only (bulk import of thousands of files).
import { parseDec, str } from '@jixiao/core';

// The same cell text is folded many times per table (header tests, region ends, unwrap, totals):
// the pure folds below are remembered, a bounded number of distinct short strings at a time
// (MEMO_KEY_MAX: a batch of hostile files must not leave large texts held by a cache).
export const MEMO_KEY_MAX = 256;
function memo<T>(f: (s: string) => T, max = 8192): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    if (s.length > MEMO_KEY_MAX) return f(s);
    let v = cache.get(s);
    if (v === undefined) {
      v = f(s);
      if (cache.size >= max) cache.clear();
      cache.set(s, v);
    }
    return v;
  };
}

/** A name or header word as one line: "实际\n完成值" → "实际完成值", "社会效益 指标" → "社会效益指标". */
export function oneLine(s: string | null | undefined): string {
  if (!s) return '';
  // without any space character every step below leaves the text as it is
  return hasSpace(s) ? oneLineMemo(s) : s;
}
const oneLineMemo = memo(foldSpaces);


/**
 * In one pass: a run of spaces is dropped between two Chinese characters (isCjk) and at either end,
 * and becomes one space elsewhere (normalize.test.ts checks it against the three regex replaces it
 * stands for).
 */
export function foldSpaces(s: string): string {
  let out = '';
  // start of the text not yet copied
  let from = 0;
  const n = s.length;
  let i = 0;
  while (i < n) {
    if (!isSpaceChar(s.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isSpaceChar(s.charCodeAt(j))) j++;
    out += s.slice(from, i);
    if (!(i === 0 || j === n || (isCjk(s.charCodeAt(i - 1)) && isCjk(s.charCodeAt(j))))) out += ' ';
    from = i = j;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Chinese characters, CJK and fullwidth punctuation, and curly quotes: where spaces between are dropped. */
function isCjk(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3001 && c <= 0x303f) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xff01 && c <= 0xff60) ||
    (c >= 0x2018 && c <= 0x201d) ||
    (c >= 0xf900 && c <= 0xfaff)
  );
}

/** Header word without spaces or a parenthetical remark: "三级指标（参考）" → "三级指标". */
export function headerKey(s: string): string {
  const last = s.charCodeAt(s.length - 1);
  return last !== 0xff09 && last !== 0x29 && !hasSpace(s) ? s : headerKeyMemo(s);
}
const headerKeyMemo = memo((s) => s.replace(/[\s\u3000]+/g, '').replace(/[（(][^）)]{0,12}[）)]$/, ''));

/** Cell value as written, lines trimmed, empty lines dropped; null when empty. */
export function value(s: string | null | undefined): string | null {
  if (!s) return null;
  // one line without spaces at either end is its own value
  return isSpaceChar(s.charCodeAt(0)) || isSpaceChar(s.charCodeAt(s.length - 1)) || s.includes('\n') ? valueMemo(s) : s;
}
const valueMemo = memo((s): string | null => {
  const t = s
    .split('\n')
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((l) => l !== '')
    .join('\n');
  return t === '' ? null : t;
});

export function isEmpty(s: string | null | undefined): boolean {
  // most cells start with a letter or digit: decided without the regex
  return !s || (isSpaceChar(s.charCodeAt(0)) && /^[\s\u3000]*$/.test(s));
}

function hasSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isSpaceChar(s.charCodeAt(i))) return true;
  return false;
}

/**
 * The code of the first character of `s` that is no space (-1 when none): the first character of its
 * folded forms. (A code, not a one-character string: such a string is made anew for each Chinese character.)
 */
export function firstNonSpace(s: string): number {
  let i = 0;
  while (i < s.length && isSpaceChar(s.charCodeAt(i))) i++;
  return i < s.length ? s.charCodeAt(i) : -1;
}

/**
 * The character codes a text matched by `re` can start with, for a pattern of the form /^(word|word|…)…/
 * whose words start with a plain character: lets a caller skip folding texts no word can match.
 */
export function leadChars(...res: RegExp[]): Set<number> {
  const out = new Set<number>();
  for (const re of res) {
    const m = /^\^\(([^()\[\]\\]*)\)/.exec(re.source);
    if (!m || re.flags.includes('i')) throw new Error(`leadChars: ${re.source}`);
    for (const w of m[1].split('|')) {
      if (!w || /[.*+?^${}|\s]/.test(w[0])) throw new Error(`leadChars: ${re.source}`);
      out.add(w.charCodeAt(0));
    }
  }
  return out;
}

/** The characters of /\s/ (which includes U+3000). */
export function isSpaceChar(c: number): boolean {
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  // Chinese text (all above U+3000) is told in one more comparison
  if (c > 0x3000) return c === 0xfeff;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** A plain number, possibly followed by 分 ("15分", "1.5", "12 分"); null otherwise. */
export function plainNumber(s: string | null | undefined): string | null {
  if (!s) return null;
  // names and sentences (most cells) fail at the first character
  const c = s.charCodeAt(0);
  if (!((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || isSpaceChar(c))) return null;
  return plainNumberMemo(s);
}
const plainNumberMemo = memo((s): string | null => {
  const m = /^[\s\u3000]*([+-]?\d{1,12}(?:\.\d{1,8})?)[\s\u3000]*分?[\s\u3000]*$/.exec(s);
  return m ? str(m[1]) : null;
});

/** A money amount cell ("2700", "1,160.5", "—" → null). */
export function amount(s: string | null | undefined): string | null {
  const v = value(s);
  if (!v || /^[—–\-－/／]+$/.test(v)) return null;
  const d = parseDec(v.replace(/(万元|元)$/, ''));
  return d ? str(d) : null;
}

/** A rate in percent: "89.23%" → "89.23", "98.32" → "98.32". */
export function percent(s: string | null | undefined): string | null {
  const v = value(s);
  if (!v) return null;
  const d = parseDec(v.replace(/[%％]$/, ''));
  return d ? str(d) : null;
}

/** A sentence rather than a name: several clauses or very long. */
export function sentenceLike(s: string): boolean {
  return /[。；;\n]/.test(s) || s.length > 30;
}
