// Exact decimal arithmetic for money, rates and scores. Strings at the edges, Decimal inside.
import { Decimal } from 'decimal.js';

export { Decimal };
export type DecInput = Decimal | string | number;

/** Parse a decimal string ("1,160.5", "89.23", "—" → null). Never guesses: junk gives null. */
export function parseDec(s: string | null | undefined): Decimal | null {
  if (s == null) return null;
  if (typeof s !== 'string') return parseDecText(String(s));
  // Checks read the same few cells ("10", "9.5", "100") again and again; a Decimal is immutable,
  // so one parsed value can be handed out to every caller.
  let d = young.get(s) ?? old.get(s);
  if (d !== undefined) return d;
  d = parseDecText(s);
  // two small generations: a value seen again soon is found, a stream of unique amounts only
  // replaces the older half, and the maps stay small enough to be fast
  if (young.size >= GENERATION) {
    old = young;
    young = new Map();
  }
  young.set(s, d);
  return d;
}

const GENERATION = 2048;
let young = new Map<string, Decimal | null>();
let old = new Map<string, Decimal | null>();
const DEC_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function parseDecText(s: string): Decimal | null {
  if (DEC_RE.test(s)) return new Decimal(s);
  const t = s.replace(/[,，\s]/g, '').replace(/^＋/, '+').replace(/^[－−]/, '-');
  return DEC_RE.test(t) ? new Decimal(t) : null;
}

export function D(x: DecInput): Decimal {
  return x instanceof Decimal ? x : new Decimal(x);
}

/** Round half-up (or truncate) to n decimals. */
export function round(x: DecInput, decimals = 2, mode: 'halfUp' | 'truncate' = 'halfUp'): Decimal {
  return D(x).toDecimalPlaces(decimals, mode === 'halfUp' ? Decimal.ROUND_HALF_UP : Decimal.ROUND_DOWN);
}

/** Canonical string: no exponent, no trailing zeros ("8.90" → "8.9", "10.00" → "10"). */
export function str(x: DecInput): string {
  if (x instanceof Decimal) return canonical(x);
  // a plain decimal string is the same number as parseDec's shared Decimal: no second parse
  if (typeof x === 'string' && DEC_RE.test(x)) return canonical(parseDec(x)!);
  return canonical(D(x));
}

function canonical(d: Decimal): string {
  if (d.isZero()) return '0';
  const t = d.toFixed();
  // decimal.js keeps no trailing zeros, so this rarely has anything to strip
  const last = t.charCodeAt(t.length - 1);
  if (last !== 48 && last !== 46) return t;
  return t.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** Fixed decimals for display ("89.2308" → "89.23"). */
export function fixed(x: DecInput, decimals = 2): string {
  return round(x, decimals).toFixed(decimals);
}

export function sum(xs: Iterable<DecInput | null | undefined>): Decimal {
  let s = new Decimal(0);
  for (const x of xs) if (x != null) s = s.plus(D(x));
  return s;
}

export function min(a: DecInput, b: DecInput): Decimal {
  return Decimal.min(D(a), D(b));
}

export function max(a: DecInput, b: DecInput): Decimal {
  return Decimal.max(D(a), D(b));
}
