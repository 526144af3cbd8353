// Money is kept in the unit the document states (元 or 万元) and normalised to 元 to compare.
import { D, str, type DecInput, Decimal } from '../decimal.ts';
import type { MoneyUnit } from '../model/evaluation.ts';

const PER_WAN = new Decimal(10000);

export function toYuan(value: DecInput, unit: MoneyUnit): Decimal {
  return unit === '万元' ? D(value).times(PER_WAN) : D(value);
}

export function fromYuan(yuan: DecInput, unit: MoneyUnit): Decimal {
  return unit === '万元' ? D(yuan).dividedBy(PER_WAN) : D(yuan);
}

export function convert(value: DecInput, from: MoneyUnit, to: MoneyUnit): string {
  return str(fromYuan(toYuan(value, from), to));
}

/** "2549431.21 万元" → { value, unit }; null when the text is not a money amount. */
export function parseMoney(text: string): { value: string; unit: MoneyUnit } | null {
  const m = /^\s*([+-]?\d[\d,]*(?:\.\d+)?)\s*(万元|元|万)?\s*$/.exec(text.replace(/\s+/g, ''));
  if (!m) return null;
  const unit: MoneyUnit = m[2] === '万元' || m[2] === '万' ? '万元' : '元';
  return { value: str(D(m[1].replace(/,/g, ''))), unit };
}
