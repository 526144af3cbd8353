// Small helpers shared by the scoring rules: cached decimals, rounding per ruleset, display.
import { Decimal, parseDec } from '../decimal.ts';
import { canonicalNumber } from '../values/parse.ts';
import type { Ruleset } from '../model/ruleset.ts';
import type { ParsedValue } from '../values/types.ts';

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);

/** Canonical display of a decimal ("8.9", "10"), same as core/decimal `str` (decimal.js keeps no trailing zeros). */
// toString avoids toFixed's copy; it only switches to exponent form outside 1e-7…1e21.
export function s(x: Decimal): string {
  return x.isZero() ? '0' : x.e > -7 && x.e < 21 ? x.toString() : x.toFixed();
}

/** Exact decimal of a stated cell ("10", "1,160.5", "－1"); null when empty or not a number (core/decimal parseDec). */
export const dec: (s: string | null | undefined) => Decimal | null = parseDec;
const DEC_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * An exact decimal: its canonical text ("8.9", "-1", "0.05") and, read from the text once when it is
 * made, the same value as a scaled integer sm / 10^se (sm a safe JS integer; NaN over 15 digits,
 * when the BigInt m / 10^e is used instead). Comparisons, sums and proportional scores work on the
 * integers; the decimal.js value is made only when a rule needs it.
 */
export class Num {
  readonly t: string;
  private _d: Decimal | undefined;
  private _m: bigint | undefined;
  // 0.5 (no integer, not NaN): not read from the text yet
  private _sm = 0.5;
  private _se = 0;
  constructor(t: string, d?: Decimal) {
    this.t = t;
    this._d = d;
  }
  /** a Num whose text `t` is known to be exactly sm / 10^se (an add or a proportional score): nothing to read */
  static of(t: string, sm: number, se: number): Num {
    const n = new Num(t);
    n._sm = sm;
    n._se = se;
    return n;
  }
  /** the digits as a JS integer (sign included), NaN over 15 digits; read from the text once */
  get sm(): number {
    if (this._sm === 0.5) {
      this._sm = small(this.t);
      this._se = smallE;
    }
    return this._sm;
  }
  /** the number of decimals */
  get se(): number {
    if (this._sm === 0.5) this.sm;
    return this._se;
  }
  get d(): Decimal {
    return (this._d ??= new Decimal(this.t));
  }
  /** value = m / 10^e */
  get m(): bigint {
    if (this._m === undefined) {
      // the same scale as sm / se (which may carry trailing zeros the text does not)
      const sm = this.sm;
      if (sm === sm) this._m = BigInt(sm);
      else {
        const t = this.t;
        const dot = t.indexOf('.');
        this._m = dot < 0 ? BigInt(t) : BigInt(t.slice(0, dot) + t.slice(dot + 1));
      }
    }
    return this._m;
  }
  get e(): number {
    return this.se;
  }
  get neg(): boolean {
    return this.t.charCodeAt(0) === 45; // '-'
  }
  get zero(): boolean {
    return this.t === '0';
  }
  // The comparisons and exact arithmetic the checks use, under decimal.js's names (a rule reads the
  // same as it did on Decimals). Division stays decimal.js's (dividedBy gives a Decimal, 20 digits).
  lt(b: Num): boolean {
    return cmp(this, b) < 0;
  }
  lte(b: Num): boolean {
    return cmp(this, b) <= 0;
  }
  gt(b: Num): boolean {
    return cmp(this, b) > 0;
  }
  gte(b: Num): boolean {
    return cmp(this, b) >= 0;
  }
  eq(b: Num): boolean {
    return cmp(this, b) === 0;
  }
  cmp(b: Num): number {
    return cmp(this, b);
  }
  isZero(): boolean {
    return this.t === '0';
  }
  isNeg(): boolean {
    return this.neg;
  }
  abs(): Num {
    return abs(this);
  }
  plus(b: Num): Num {
    return add(this, b);
  }
  minus(b: Num): Num {
    return add(this, negate(b));
  }
  times(b: Num): Num {
    return times(this, b);
  }
  dividedBy(b: Num): Decimal {
    return this.d.dividedBy(b.d);
  }
  toString(): string {
    return this.t;
  }
}

/** Exact a × b. */
export function times(a: Num, b: Num): Num {
  if (a.zero || b.zero) return numText('0');
  const am = a.sm;
  const bm = b.sm;
  const e = a.se + b.se;
  if (am === am && bm === bm) {
    const r = am * bm;
    if (Number.isSafeInteger(r) && e <= 15) return Num.of(smallText(r, e), r, e);
  }
  return fromScaled(a.m * b.m, e);
}

/** Exact Σ; null terms are skipped (an empty sum is 0). */
export function sumNums(xs: readonly (Num | null | undefined)[]): Num {
  let total = numText('0');
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x != null) total = add(total, x);
  }
  return total;
}

/** A decimal value given as text or as a number (ruleset data) as a Num; null when empty or not a number. */
export function numOf(x: unknown): Num | null {
  if (x == null) return null;
  if (x instanceof Num) return x;
  return num(typeof x === 'string' ? x : String(x));
}

/**
 * The cells of one evaluation's rows, parsed once by score() and read again by the checks (by row
 * position in ev.indicators): 分值 and 得分 as Nums, 年度指标值 and 实际完成值 as parsed values.
 * An entry left undefined was not needed by scoring; the checks parse it themselves.
 */
export interface Cells {
  ev: object;
  weight: (Num | null | undefined)[];
  stated: (Num | null | undefined)[];
  target: (ParsedValue | undefined)[];
  actual: (ParsedValue | undefined)[];
}

const cellsOfScored = new WeakMap<object, Cells>();

/** remember the cells score() parsed for the Scored it returns */
export function keepCells(scored: object, cells: Cells): void {
  cellsOfScored.set(scored, cells);
}

/** the cells parsed when `scored` was computed for `ev`; undefined for a Scored made otherwise */
export function cellsOf(scored: object | null | undefined, ev: object): Cells | undefined {
  const c = scored ? cellsOfScored.get(scored) : undefined;
  return c && c.ev === ev ? c : undefined;
}

let numYoung = new Map<string, Num | null>();
let numOld = new Map<string, Num | null>();

/** A stated cell as a Num ("10", "1,160.50", "－1" → "-1"); null when empty or not a number. Cached. */
export function num(x: string | null | undefined): Num | null {
  if (x == null) return null;
  if (typeof x !== 'string') x = String(x);
  let n = numYoung.get(x);
  if (n !== undefined) return n;
  // found in the older generation: moved to the young one (see values/parse.ts parseValue)
  n = numOld.get(x);
  if (n === undefined) {
    const t = DEC_RE.test(x) ? x : x.replace(/[,，\s]/g, '').replace(/^＋/, '+').replace(/^[－−]/, '-');
    n = DEC_RE.test(t) ? new Num(canonicalNumber(t)) : null;
  }
  // two small generations (as values/parse.ts): repeats are found, unique amounts age out
  if (numYoung.size >= 2048) {
    numOld = numYoung;
    numYoung = new Map();
  }
  numYoung.set(x, n);
  return n;
}

export function mk(d: Decimal): Num {
  return new Num(s(d), d);
}

/** Compare two canonical decimal texts without arithmetic: -1, 0 or 1. */
export function cmp(a: Num, b: Num): number {
  const x = a.t, y = b.t;
  if (x === y) return 0;
  const an = a.neg, bn = b.neg;
  if (an !== bn) return an ? -1 : 1;
  const c = cmpAbs(x, an ? 1 : 0, y, bn ? 1 : 0);
  return an ? -c : c;
}

function cmpAbs(x: string, i: number, y: string, j: number): number {
  let xi = x.indexOf('.', i);
  let yi = y.indexOf('.', j);
  if (xi < 0) xi = x.length;
  if (yi < 0) yi = y.length;
  // canonical texts have no leading zeros: a longer integer part is larger
  const lx = xi - i, ly = yi - j;
  if (lx !== ly) return lx > ly ? 1 : -1;
  // same integer length: the '.' sits at the same place, so character order is numeric order;
  // a text that runs out first is smaller (canonical fractions end in a non-zero digit)
  for (;;) {
    const cx = i < x.length ? x.charCodeAt(i) : -1;
    const cy = j < y.length ? y.charCodeAt(j) : -1;
    if (cx !== cy) return cx > cy ? 1 : -1;
    if (cx < 0) return 0;
    i++;
    j++;
  }
}

/** A Num from text that is already canonical (made by this module or by parseValue). */
export function numText(t: string): Num {
  return new Num(t);
}

export function fromScaled(m: bigint, e: number): Num {
  if (m === 0n) return numText('0');
  let t = m.toString();
  if (e === 0) return numText(t);
  if (t.charCodeAt(t.length - 1) !== 48) {
    // no trailing zero to strip: the text is canonical with exactly e decimals
    const neg = t.charCodeAt(0) === 45;
    const digits = neg ? t.slice(1) : t;
    const padded = digits.length <= e ? '0'.repeat(e - digits.length + 1) + digits : digits;
    return numText(`${neg ? '-' : ''}${padded.slice(0, padded.length - e)}.${padded.slice(padded.length - e)}`);
  }
  if (e > 0) {
    const neg = t.charCodeAt(0) === 45;
    if (neg) t = t.slice(1);
    if (t.length <= e) t = '0'.repeat(e - t.length + 1) + t;
    t = `${t.slice(0, t.length - e)}.${t.slice(t.length - e)}`;
    // strip trailing zeros of the fraction
    let k = t.length;
    while (t.charCodeAt(k - 1) === 48) k--;
    if (t.charCodeAt(k - 1) === 46) k--;
    t = (neg ? '-' : '') + t.slice(0, k);
  }
  return numText(t);
}

// Small figures (at most 15 digits) are added and divided as JS integers: exact as long as every
// result is a safe integer (checked after each step; otherwise the BigInt way below is taken).
// Weights, scores and most targets and actuals are this small, and BigInt operations each allocate.
export const SP10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
/** decimals of the last number read by small(), read right after the call */
let smallE = 0;

/** the digits of a canonical text as an integer, decimals in smallE; NaN over 15 digits */
function small(t: string): number {
  let m = 0;
  let n = 0;
  let e = -1;
  const neg = t.charCodeAt(0) === 45;
  for (let i = neg ? 1 : 0; i < t.length; i++) {
    const ch = t.charCodeAt(i);
    if (ch === 46) {
      e = 0;
      continue;
    }
    m = m * 10 + (ch - 48);
    if (e >= 0) e++;
    if (++n > 15) {
      // still count the decimals (the BigInt way needs them)
      const dot = t.indexOf('.');
      smallE = dot < 0 ? 0 : t.length - dot - 1;
      return NaN;
    }
  }
  smallE = e < 0 ? 0 : e;
  return neg ? -m : m;
}

/** canonical text of m / 10^e for a safe integer m */
function smallText(m: number, e: number): string {
  if (m === 0) return '0';
  const neg = m < 0;
  let t = String(neg ? -m : m);
  if (e > 0) {
    if (t.length <= e) t = '0'.repeat(e - t.length + 1) + t;
    let k = t.length;
    while (k > t.length - e && t.charCodeAt(k - 1) === 48) k--;
    t = k === t.length - e ? t.slice(0, k) : `${t.slice(0, t.length - e)}.${t.slice(t.length - e, k)}`;
  }
  return neg ? '-' + t : t;
}

function safe(x: number): boolean {
  return Number.isSafeInteger(x);
}

/** Exact a + b. */
export function add(a: Num, b: Num): Num {
  if (a.zero) return b;
  if (b.zero) return a;
  const am = a.sm;
  const ae = a.se;
  const bm = b.sm;
  const be = b.se;
  if (am === am && bm === bm) {
    const e = ae > be ? ae : be;
    const x = am * SP10[e - ae];
    const y = bm * SP10[e - be];
    const r = x + y;
    if (safe(x) && safe(y) && safe(r)) return Num.of(smallText(r, e), r, e);
  }
  const ea = a.e, eb = b.e;
  if (ea === eb) return fromScaled(a.m + b.m, ea);
  return ea > eb ? fromScaled(a.m + b.m * pow10(ea - eb), ea) : fromScaled(a.m * pow10(eb - ea) + b.m, eb);
}

/** Exact −a. */
export function negate(a: Num): Num {
  return a.zero ? a : numText(a.neg ? a.t.slice(1) : '-' + a.t);
}

export function abs(a: Num): Num {
  return a.neg ? numText(a.t.slice(1)) : a;
}

const POW10: bigint[] = [];
export function pow10(k: number): bigint {
  return (POW10[k] ??= 10n ** BigInt(k));
}

/** Round to `decimals` places: half away from zero (decimal.js ROUND_HALF_UP) or toward zero. */
export function roundScaled(x: Num, decimals: number, truncate: boolean): Num {
  const e = x.e;
  if (e <= decimals) return x;
  const D = pow10(e - decimals);
  const m = x.neg ? -x.m : x.m;
  const q = truncate ? m / D : (2n * m + D) / (2n * D);
  return fromScaled(x.neg ? -q : q, decimals);
}

/**
 * round(a × b / c) to `decimals` places, exactly, for a, b ≥ 0 and c > 0 (weights, amounts,
 * rates); half-up or truncated as the ruleset says. The hot path of proportional scores:
 * decimal.js division at 20 digits followed by rounding costs several times more.
 */
export function mulDiv(a: Num, b: Num, c: Num, decimals: number, truncate: boolean): Num {
  const am = a.sm;
  const ae = a.se;
  const bm = b.sm;
  const be = b.se;
  const cm = c.sm;
  const ce = c.se;
  if (am >= 0 && bm >= 0 && cm > 0 && ce + decimals <= 15 && ae + be <= 15) {
    const ab = am * bm;
    const top = ab * SP10[ce + decimals];
    const den = cm * SP10[ae + be];
    const n = truncate ? top : 2 * top + den;
    const d = truncate ? den : 2 * den;
    // below 2^52, q·d ≤ n + d stays exact while the float quotient is corrected by one
    if (safe(ab) && safe(top) && safe(den) && n <= 2 ** 52 && d <= 2 ** 52) {
      let q = Math.floor(n / d);
      const r = n - q * d;
      if (r < 0) q--;
      else if (r >= d) q++;
      return Num.of(smallText(q, decimals), q, decimals);
    }
  }
  // a·b/c · 10^d = (a.m·b.m · 10^(c.e + d)) / (c.m · 10^(a.e + b.e))
  const top = a.m * b.m * pow10(c.e + decimals);
  const den = c.m * pow10(a.e + b.e);
  const q = truncate ? top / den : (2n * top + den) / (2n * den);
  return fromScaled(q, decimals);
}

export interface Rounder {
  decimals: number;
  truncate: boolean;
  /** smallest step at the ruleset's precision (0.01) */
  step: Decimal;
  round(x: Decimal): Decimal;
  /** the same rounding on a Num, exactly, without decimal.js */
  roundNum(x: Num): Num;
}

const rounders = new WeakMap<Ruleset, Rounder>();

export function rounder(rs: Ruleset): Rounder {
  let r = rounders.get(rs);
  if (r) return r;
  const decimals = rs.rounding?.decimals ?? 2;
  const mode = rs.rounding?.mode === 'truncate' ? Decimal.ROUND_DOWN : Decimal.ROUND_HALF_UP;
  r = {
    decimals,
    truncate: mode === Decimal.ROUND_DOWN,
    step: new Decimal(1).dividedBy(new Decimal(10).pow(decimals)),
    round: (x) => x.toDecimalPlaces(decimals, mode),
    roundNum: (x) => roundScaled(x, decimals, mode === Decimal.ROUND_DOWN),
  };
  rounders.set(rs, r);
  return r;
}

/** A ratio as a percentage with 2 decimals for display ("89.23%"). */
export function pct(ratio: Decimal): string {
  return s(ratio.times(HUNDRED).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)) + '%';
}
