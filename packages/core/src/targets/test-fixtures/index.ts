// Target tables made of rows copied from the seed reports (seed-targets.json: path, 年度指标值, 分值 and
// the 资金 block as the seed prints them), with ids assigned in pre-order as recognition does.
import type { Indicator } from '../../model/evaluation.ts';
import type { TargetTable } from '../model.ts';
import seeds from './seed-targets.json' with { type: 'json' };

type Seed = (typeof seeds)[keyof typeof seeds];

export const SEED_TITLES = Object.keys(seeds) as (keyof typeof seeds)[];

/** The seed's table; `budget` picks the 年初预算数 (declared) or the 全年预算数 (after 调整). */
export function seedTable(title: keyof typeof seeds, budget: 'initial' | 'adjusted' = 'initial'): TargetTable {
  const s = seeds[title] as Seed;
  return {
    subject: 'project',
    title: s.title,
    unit: s.unit,
    parentUnit: s.parentUnit,
    fiscalYear: s.fiscalYear,
    funds: {
      unit: (s.funds?.unit ?? '万元') as '万元',
      total: s.funds ? (budget === 'initial' ? s.funds.initialBudget : s.funds.adjustedBudget) : null,
      appropriation: s.funds?.lines.find((l) => l.fundSource === 'appropriation')?.initialBudget ?? null,
      other: null,
    },
    goals: { longTerm: null, annual: s.goals },
    executionWeight: s.executionWeight,
    indicators: withIds(s.rows),
  };
}

export function withIds(rows: { path: string[]; target: string | null; weight: string | null }[]): Indicator[] {
  const out: Indicator[] = [];
  const idOf = new Map<string, string>();
  const count = new Map<string, number>();
  for (const r of rows) {
    const parentKey = r.path.slice(0, -1).join('/');
    const parentId = r.path.length > 1 ? (idOf.get(parentKey) ?? null) : null;
    const n = (count.get(parentKey) ?? 0) + 1;
    count.set(parentKey, n);
    const id = parentId ? `${parentId}.${n}` : `${n}`;
    idOf.set(r.path.join('/'), id);
    out.push({ id, parentId, level: r.path.length, path: r.path, name: r.path[r.path.length - 1], target: r.target, actual: null, weight: r.weight, statedScore: null });
  }
  return out;
}
