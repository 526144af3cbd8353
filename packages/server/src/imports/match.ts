// Which unit of the tree an imported evaluation belongs to, by the unit name the document states.
// An exact name (ignoring spaces and full/half-width forms) files it; otherwise the closest names are
// offered for the reviewer to choose from, and nothing is filed by guessing.

export interface UnitRef {
  id: number;
  name: string;
}

/** Spaces removed, full-width letters, digits and brackets folded to half width, lower case. */
export function unitKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .toLowerCase();
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  const chars = [...s];
  if (chars.length === 1) m.set(s, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i] + chars[i + 1];
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Dice coefficient of the character pairs of two names, 0 … 1. */
export function similarity(a: string, b: string): number {
  const x = bigrams(unitKey(a));
  const y = bigrams(unitKey(b));
  let both = 0;
  let n = 0;
  for (const [g, c] of x) {
    n += c;
    both += Math.min(c, y.get(g) ?? 0);
  }
  for (const c of y.values()) n += c;
  return n ? (2 * both) / n : 0;
}

export type UnitMatch = { unit: UnitRef } | { unit: null; candidates: UnitRef[] };

/**
 * The unit named `name` among `units` (exact after `unitKey`), else up to `max` close names, the
 * closest first: one name inside the other, or at least 40 % of their character pairs shared.
 */
export function matchUnit(name: string | null | undefined, units: UnitRef[], max = 5): UnitMatch {
  if (!name || !name.trim()) return { unit: null, candidates: [] };
  const key = unitKey(name);
  const exact = units.filter((u) => unitKey(u.name) === key);
  if (exact.length === 1) return { unit: exact[0] };
  if (exact.length > 1) return { unit: null, candidates: exact.slice(0, max) };
  const scored = units
    .map((u) => {
      const k = unitKey(u.name);
      const inside = k.includes(key) || key.includes(k);
      return { u, s: Math.max(similarity(name, u.name), inside ? 0.6 : 0) };
    })
    .filter((x) => x.s >= 0.4)
    .sort((a, b) => b.s - a.s || a.u.id - b.u.id);
  return { unit: null, candidates: scored.slice(0, max).map((x) => x.u) };
}
