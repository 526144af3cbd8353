// Small helpers shared by the scoring rules: cached decimals, rounding per ruleset, display.
import { Decimal } from '../decimal.ts';
import type { Ruleset } from '../model/ruleset.ts';

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);

/** Canonical display of a decimal ("8.9", "10"), same as core/decimal `str` (decimal.js keeps no trailing zeros). */
// toString avoids toFixed's copy; it only switches to exponent form outside 1e-7…1e21.
export function s(x: Decimal): string {
  return x.isZero() ? '0' : x.e > -7 && x.e < 21 ? x.toString() : x.toFixed();
}

// The same few strings ("10", "5", "100", "9.5") come back millions of times in bulk scoring.
const decCache = new Map<string, Decimal | null>();
const DEC_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Exact decimal of a stated cell ("10", "1,160.5", "－1"); null when empty or not a number. */
export function dec(s: string | null | undefined): Decimal | null {
  if (s == null) return null;
  let d = decCache.get(s);
  if (d !== undefined) return d;
  const t = s.replace(/[,，\s]/g, '').replace(/^＋/, '+').replace(/^[－−]/, '-');
  d = DEC_RE.test(t) ? new Decimal(t) : null;
  if (decCache.size > 50000) decCache.clear();
  decCache.set(s, d);
  return d;
}

/** A decimal with its canonical text, so hot paths neither re-parse nor re-print. */
export interface Num {
  d: Decimal;
  t: string;
}

const numCache = new Map<string, Num | null>();

/** Like `dec`, with the canonical text attached; cached per input string. */
export function num(x: string | null | undefined): Num | null {
  if (x == null) return null;
  let n = numCache.get(x);
  if (n !== undefined) return n;
  const d = dec(x);
  n = d ? { d, t: s(d) } : null;
  if (numCache.size > 50000) numCache.clear();
  numCache.set(x, n);
  return n;
}

export function mk(d: Decimal): Num {
  return { d, t: s(d) };
}

export interface Rounder {
  decimals: number;
  truncate: boolean;
  /** smallest step at the ruleset's precision (0.01) */
  step: Decimal;
  round(x: Decimal): Decimal;
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
  };
  rounders.set(rs, r);
  return r;
}

/** A ratio as a percentage with 2 decimals for display ("89.23%"). */
export function pct(ratio: Decimal): string {
  return s(ratio.times(HUNDRED).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)) + '%';
}

// ---- exact w × a / t, rounded: the hot path of proportional scores, done on BigInt integers
// (decimal.js division at 20 digits followed by rounding costs several times more).

interface Scaled {
  m: bigint;
  /** value = m / 10^e */
  e: number;
}
const scaledCache = new Map<string, Scaled>();
const POW10: bigint[] = [];
function pow10(k: number): bigint {
  return (POW10[k] ??= 10n ** BigInt(k));
}

function scaled(x: Num): Scaled {
  let v = scaledCache.get(x.t);
  if (v) return v;
  const t = x.t;
  const dot = t.indexOf('.');
  v = dot < 0 ? { m: BigInt(t), e: 0 } : { m: BigInt(t.slice(0, dot) + t.slice(dot + 1)), e: t.length - dot - 1 };
  if (scaledCache.size > 50000) scaledCache.clear();
  scaledCache.set(t, v);
  return v;
}

/**
 * round(a × b / c) to `decimals` places, exactly, for a, b ≥ 0 and c > 0 (weights, amounts,
 * rates); half-up or truncated as the ruleset says.
 */
export function mulDiv(a: Num, b: Num, c: Num, decimals: number, truncate: boolean): Num {
  const A = scaled(a), B = scaled(b), C = scaled(c);
  // a·b/c · 10^d = (A.m·B.m · 10^(C.e + d)) / (C.m · 10^(A.e + B.e))
  const top = A.m * B.m * pow10(C.e + decimals);
  const den = C.m * pow10(A.e + B.e);
  const q = truncate ? top / den : (2n * top + den) / (2n * den);
  let t = q.toString();
  if (decimals > 0) {
    if (t.length <= decimals) t = '0'.repeat(decimals - t.length + 1) + t;
    t = `${t.slice(0, t.length - decimals)}.${t.slice(t.length - decimals)}`.replace(/\.?0+$/, '');
  }
  return num(t)!;
}
