// Small helpers shared by the scoring rules: cached decimals, rounding per ruleset, display.
import { Decimal, str } from '../decimal.ts';
import type { Ruleset } from '../model/ruleset.ts';

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);

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

export interface Rounder {
  decimals: number;
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
    step: new Decimal(1).dividedBy(new Decimal(10).pow(decimals)),
    round: (x) => x.toDecimalPlaces(decimals, mode),
  };
  rounders.set(rs, r);
  return r;
}

/** Canonical display of a decimal ("8.9", "10"). */
export const s = (x: Decimal): string => str(x);

/** A ratio as a percentage with 2 decimals for display ("89.23%"). */
export function pct(ratio: Decimal): string {
  return str(ratio.times(HUNDRED).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)) + '%';
}
