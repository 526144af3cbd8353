// 指标值 helpers for the checks, on top of the shared parser (values/parse.ts).
import { D, parseDec, type Decimal } from '../decimal.ts';
import type { Indicator } from '../model/evaluation.ts';
import { toYuan } from '../money/money.ts';
import { directionOf, normalizeValueText, parseValue } from '../values/parse.ts';
import type { ParsedValue } from '../values/types.ts';

export { parseValue, normalizeValueText, directionOf };

export type NumberValue = Extract<ParsedValue, { kind: 'number' }>;

export function target(ind: Indicator): ParsedValue {
  return parseValue(ind.target);
}

export function actual(ind: Indicator): ParsedValue {
  return parseValue(ind.actual);
}

/** the 实际完成值, or the first clause of 业绩值及评分过程 when the table puts it there (S0) */
export function actualOrLead(ind: Indicator): ParsedValue {
  const a = parseValue(ind.actual);
  if (a.kind !== 'empty') return a;
  const lead = (ind.basis ?? '').split(/[。；;，,：:\n]/)[0];
  return parseValue(lead);
}

export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = normalizeValueText(a);
  return x !== '' && x === normalizeValueText(b);
}

const MONEY = new Set(['元', '万元', '亿元', '千元']);

/**
 * Both numbers in one scale, or null when their units differ. A bare number takes the other's
 * unit (S1 writes “2700” against “1160万元” on a cost row).
 */
export function comparable(t: NumberValue, a: NumberValue): { t: Decimal; a: Decimal; unit: string | null } | null {
  const tu = t.unit;
  const au = a.unit;
  if (tu && au && tu !== au) {
    if (MONEY.has(tu) && MONEY.has(au)) return { t: yuan(t.value, tu), a: yuan(a.value, au), unit: '元' };
    return null;
  }
  // targets repeat row after row: parseDec's shared Decimal (the value is canonical decimal text)
  return { t: parseDec(t.value) ?? D(t.value), a: D(a.value), unit: tu ?? au };
}

function yuan(v: string, unit: string): Decimal {
  if (unit === '亿元') return D(v).times(100000000);
  if (unit === '千元') return D(v).times(1000);
  return toYuan(v, unit as '元' | '万元');
}

/** the indicator's direction: as recognised, else from the target's operator or name (§2.4) */
export function direction(ind: Indicator, t: ParsedValue = target(ind)) {
  return ind.direction ?? directionOf(t, ind.name);
}

/** “10次” / “2700” as written, normalised */
export function show(p: NumberValue): string {
  return `${p.value}${p.unit ?? ''}`;
}
