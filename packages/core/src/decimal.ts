// Exact decimal arithmetic for money, rates and scores. Strings at the edges, Decimal inside.
import { Decimal } from 'decimal.js';

export { Decimal };

// decimal.js's comparedTo() first copies its argument into a new Decimal (digits array included),
// so every lt/gt/eq allocated twice; the checks compare weights and scores on every row. For a
// Decimal argument this is the same comparison (decimal.js's own algorithm, on its documented
// d/e/s fields) without the copy; anything else still goes through decimal.js.
const cmpOriginal = Decimal.prototype.comparedTo;
function cmpDecimal(this: Decimal, y: Decimal.Value): number {
  if (!(y instanceof Decimal)) return cmpOriginal.call(this, y);
  const xd = this.d;
  const yd = y.d;
  const xs = this.s;
  const ys = y.s;
  if (!xd || !yd) return cmpOriginal.call(this, y);
  if (!xd[0] || !yd[0]) return xd[0] ? xs : yd[0] ? -ys : 0;
  if (xs !== ys) return xs;
  if (this.e !== y.e) return (this.e > y.e) !== (xs < 0) ? 1 : -1;
  const xl = xd.length;
  const yl = yd.length;
  const n = xl < yl ? xl : yl;
  for (let i = 0; i < n; i++) if (xd[i] !== yd[i]) return (xd[i] > yd[i]) !== (xs < 0) ? 1 : -1;
  return xl === yl ? 0 : (xl > yl) !== (xs < 0) ? 1 : -1;
}
Decimal.prototype.comparedTo = Decimal.prototype.cmp = cmpDecimal;
export type DecInput = Decimal | string | number;

/** Parse a decimal string ("1,160.5", "89.23", "—" → null). Never guesses: junk gives null. */
export function parseDec(s: string | null | undefined): Decimal | null {
  if (s == null) return null;
  if (typeof s !== 'string') return parseDecText(String(s));
  // Checks read the same few cells ("10", "9.5", "100") again and again; a Decimal is immutable,
  // so one parsed value can be handed out to every caller.
  let d = young.get(s);
  if (d !== undefined) return d;
  // found in the older generation: moved to the young one (see values/parse.ts parseValue)
  d = old.get(s);
  if (d === undefined) d = parseDecText(s);
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
  if (Array.isArray(xs)) {
    const fast = sumSmall(xs);
    if (fast) return fast;
  }
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

// Sums of weights and scores ("6.5", "3", "2.75") are the checks' commonest arithmetic. When
// every term has at most 14 significant digits and 6 decimals, they are added as integer counts
// of millionths: integers below 2^53 add exactly in a JS number (Number.isSafeInteger is checked
// after every step), and decimal.js would give the same exact value, since nothing reaches its
// 20 digits. Anything else, and a zero result (decimal.js's sign of zero), goes the decimal.js way.
// A Decimal's d (digits in base 1e7), e (exponent) and s (sign) are decimal.js's documented fields.
const P10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

function millionths(x: Decimal): number | null {
  const d = x.d;
  if (!d) return null;
  const k = d.length;
  if (k > 2) return null;
  const d0 = d[0];
  const len0 = d0 < 10 ? 1 : d0 < 100 ? 2 : d0 < 1e3 ? 3 : d0 < 1e4 ? 4 : d0 < 1e5 ? 5 : d0 < 1e6 ? 6 : 7;
  const digits = k === 1 ? d0 : d0 * 1e7 + d[1];
  // value = digits × 10^(e − len0 + 1 − 7(k − 1)); in millionths, 6 more
  const p = x.e - len0 + 7 - 7 * (k - 1);
  let u: number;
  if (p >= 0) {
    if (p > 15) return null;
    u = digits * P10[p];
  } else {
    if (p < -15) return null;
    const q = P10[-p];
    if (digits % q !== 0) return null;
    u = digits / q;
  }
  if (!Number.isSafeInteger(u)) return null;
  return x.s < 0 ? -u : u;
}

function sumSmall(xs: readonly (DecInput | null | undefined)[]): Decimal | null {
  let total = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x == null) continue;
    if (!(x instanceof Decimal)) return null;
    const u = millionths(x);
    if (u === null) return null;
    total += u;
    if (!Number.isSafeInteger(total)) return null;
  }
  if (total === 0) return null;
  const neg = total < 0;
  const a = neg ? -total : total;
  const r = a % 1e6;
  let text = String((a - r) / 1e6);
  if (r !== 0) {
    let f = String(r).padStart(6, '0');
    let end = f.length;
    while (f.charCodeAt(end - 1) === 48) end--;
    text += '.' + f.slice(0, end);
  }
  return parseDec(neg ? '-' + text : text);
}
