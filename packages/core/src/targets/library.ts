// The indicator library (指标库): indicators used before, searchable by name and category, to add to
// a target table with their last target and unit.
import type { Indicator } from '../model/evaluation.ts';
import { leaves } from './model.ts';

export interface LibraryEntry {
  /** 一级/二级 above the indicator: its category */
  category: string[];
  name: string;
  target: string | null;
  /** how many tables used it */
  uses: number;
}

/** Entries from the trees given (newest first), one per category and name, the newest target kept. */
export function buildLibrary(tables: { indicators: Indicator[] }[]): LibraryEntry[] {
  const byKey = new Map<string, LibraryEntry>();
  for (const t of tables) {
    for (const ind of leaves(t)) {
      if (!ind.name.trim() || ind.kind === 'execution') continue;
      const category = ind.path.slice(0, -1);
      const key = [...category, ind.name].join('/');
      const e = byKey.get(key);
      if (e) e.uses++;
      else byKey.set(key, { category, name: ind.name, target: ind.target, uses: 1 });
    }
  }
  return [...byKey.values()];
}

/** Entries whose name or category contains every word of `query` (space-separated), most used first. */
export function searchLibrary(entries: LibraryEntry[], query: string, category?: string | null): LibraryEntry[] {
  const words = query.split(/\s+/).filter(Boolean);
  return entries
    .filter((e) => !category || e.category.some((c) => c.includes(category)))
    .filter((e) => words.every((w) => e.name.includes(w) || e.category.some((c) => c.includes(w))))
    .sort((a, b) => b.uses - a.uses || a.name.localeCompare(b.name, 'zh'));
}
