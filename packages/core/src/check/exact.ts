// Exact comparisons that let a check skip decimal.js on the rows where nothing is wrong. They
// answer only when decimal.js (20 significant digits) would give the same answer; otherwise null,
// and the rule takes its usual decimal.js path.
import { num, pow10, SP10, type Num } from '../score/util.ts';

/** A rule parameter from the ruleset as a Num; null when absent or not a plain decimal string. */
export function param(s: unknown): Num | null {
  return typeof s === 'string' ? num(s) : null;
}

// |q − c| > q·10⁻¹⁷ keeps decimal.js's rounding (≤ 1 unit in the 20th digit of each of a
// subtraction and a division) on the same side of c.
const MARGIN = pow10(17);

/**
 * sign((x − z) / y − c) for y > 0 (z may be null for x / y − c), exactly; null when it is 0 or so
 * close to 0 that decimal.js's rounded x.minus(z).dividedBy(y) could compare otherwise with c.
 */
export function ratioSign(x: Num, z: Num | null, y: Num, c: Num): -1 | 1 | null {
  if (y.neg || y.zero) return null;
  const small = smallSign(x, z, y, c);
  if (small !== undefined) return small;
  // scale everything to 10^(e) with e = the largest number of decimals
  const e = Math.max(x.e, z ? z.e : 0, y.e, c.e);
  let top = x.m * pow10(e - x.e);
  if (z) top -= z.m * pow10(e - z.e);
  // (top / 10^e) / (y.m / 10^y.e) − c.m / 10^c.e, times y.m · 10^(e + c.e) / 10^y.e … kept integral:
  const lhs = top * pow10(y.e + c.e);
  const rhs = c.m * y.m * pow10(e);
  const d = lhs - rhs;
  if (d === 0n) return null;
  const ad = d < 0n ? -d : d;
  const al = lhs < 0n ? -lhs : lhs;
  if (ad * MARGIN <= al) return null;
  return d > 0n ? 1 : -1;
}

// The same sign in JS integers when every figure has at most 15 digits and every product stays
// below 2^53 (checked after each step: an integer result that is not safe was rounded, and the
// BigInt way is taken). Then |lhs| < 10^17, so the margin above can only reject d = 0.
// Most weights, scores and targets are this small; BigInt operations each allocate.

function smallSign(x: Num, z: Num | null, y: Num, c: Num): -1 | 1 | null | undefined {
  const xm = x.sm;
  const xe = x.se;
  const ym = y.sm;
  const ye = y.se;
  const cm = c.sm;
  const ce = c.se;
  let zm = 0;
  let ze = 0;
  if (z) {
    zm = z.sm;
    ze = z.se;
  }
  if (xm !== xm || ym !== ym || cm !== cm || zm !== zm) return undefined;
  const e = Math.max(xe, ze, ye, ce);
  if (e > 15 || ye + ce > 15) return undefined;
  let top = xm * SP10[e - xe];
  if (z) top -= zm * SP10[e - ze];
  const lhs = top * SP10[ye + ce];
  const rhs = cm * ym;
  const rhsScaled = rhs * SP10[e];
  const d = lhs - rhsScaled;
  if (!Number.isSafeInteger(top) || !Number.isSafeInteger(lhs) || !Number.isSafeInteger(rhs) || !Number.isSafeInteger(rhsScaled) || !Number.isSafeInteger(d)) return undefined;
  if (z && !Number.isSafeInteger(xm * SP10[e - xe])) return undefined;
  if (z && !Number.isSafeInteger(zm * SP10[e - ze])) return undefined;
  if (d === 0) return null;
  return d > 0 ? 1 : -1;
}
