// Exact decimal arithmetic for money, rates and scores. Strings at the edges, Decimal inside.
import { Decimal } from 'decimal.js';

export { Decimal };
export type DecInput = Decimal | string | number;

/** Parse a decimal string ("1,160.5", "89.23", "—" → null). Never guesses: junk gives null. */
export function parseDec(s: string | null | undefined): Decimal | null {
  if (s == null) return null;
  const t = String(s).replace(/[,，\s]/g, '').replace(/^＋/, '+').replace(/^[－−]/, '-');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  return new Decimal(t);
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
  const d = D(x);
  if (d.isZero()) return '0';
  return d.toFixed().replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
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
