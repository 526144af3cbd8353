// Reading the amounts and rates the prose states (Evaluation.facts). Keys follow the model's list
// (income, expenditure, initialExpenditureBudget, finalExpenditure, executionRate, carryover …);
// a few aliases are accepted.
import type { Decimal } from '../decimal.ts';
import type { Evaluation, StatedFact } from '../model/evaluation.ts';
import { toYuan } from '../money/money.ts';
import { dec, num } from './text.ts';

export const KEYS = {
  income: ['income', 'totalIncome'],
  finalIncome: ['finalIncome'],
  expenditure: ['expenditure', 'totalExpenditure', 'actualExpenditure'],
  finalExpenditure: ['finalExpenditure'],
  adjustedBudget: ['adjustedExpenditureBudget', 'adjustedBudget'],
  initialBudget: ['initialExpenditureBudget', 'initialBudget'],
  executionRate: ['executionRate'],
  carryover: ['carryover', 'carryoverBalance'],
  carryoverRate: ['carryoverRate'],
  differenceRate: ['budgetFinalDifferenceRate', 'differenceRate', 'budgetVarianceRate'],
} as const;

export type FactGroup = keyof typeof KEYS;

// labels of a part of a total: by economic or functional class, or introduced by 其中
const PART = /^其中|工资|福利|商品和服务|资本性|对个人和家庭|基本支出|项目支出|人员经费|公用经费|财政拨款收入|其他收入/;

export function isMoney(f: StatedFact): f is StatedFact & { unit: '元' | '万元' } {
  return f.unit === '元' || f.unit === '万元';
}

export class Facts {
  readonly all: StatedFact[];
  private readonly yuanValues = new Set<string>();
  /** amounts spent and budgets of any scope (整体, 基本支出, 项目支出 …), for checking a stated rate */
  static readonly SPENT = /^(?!.*Budget).*[eE]xpenditure$/;
  static readonly BUDGET = /^(?!.*Income).*Budget$/;

  constructor(ev: Evaluation) {
    this.all = (ev.facts ?? []).filter((f) => dec(f.value) != null);
    for (const f of this.all) if (f.unit === '元') this.yuanValues.add(dec(f.value)!.t);
  }

  /**
   * The first fact of a group in document order (the first mention is the whole; later ones are
   * often 其中 parts), skipping labels of a part (S2 lists 工资福利支出 … as expenditure).
   */
  find(group: FactGroup): StatedFact | undefined {
    for (const k of KEYS[group]) {
      const f = this.all.find((x) => x.key === k && !PART.test(x.label));
      if (f) return f;
    }
    return undefined;
  }

  /** facts stated on the same source line as `f` (one sentence of figures) */
  sameLine(f: StatedFact): StatedFact[] {
    const line = f.source?.line;
    if (line == null) return [];
    return this.all.filter((x) => x.source?.line === line);
  }

  /** a 万元 amount whose digits also appear as a 元 amount: the 万元 was almost certainly meant as 元 (S0) */
  suspectWan(f: StatedFact): boolean {
    return f.unit === '万元' && this.yuanValues.has(dec(f.value)!.t);
  }

  /** the amount in 元, reading a suspect 万元 figure as 元 */
  yuan(f: StatedFact | undefined): Decimal | null {
    if (!f || !isMoney(f)) return null;
    const v = dec(f.value)!.d;
    return this.suspectWan(f) ? v : toYuan(v, f.unit);
  }

  /** a rate fact in percent */
  percent(f: StatedFact | undefined): Decimal | null {
    if (!f || f.unit !== '%') return null;
    return dec(f.value)?.d ?? null;
  }
}

/** “本年度支出 2549431.21 万元” as the report wrote it */
export function quote(f: StatedFact): string {
  const t = (f.text ?? '').replace(/\s+/g, ' ').trim();
  if (t && t.length <= 40) return `“${t}”`;
  return `“${f.label}${num(f.value)}${f.unit}”`;
}

/** the amount as the report wrote it, a suspect 万元 read as 元: “2549431.21元” */
export function amount(facts: Facts, f: StatedFact): string {
  return `${num(f.value)}${facts.suspectWan(f) ? '元' : f.unit}`;
}

// what a fact is, for labels that leave it out (“年终决算” for both income and expenditure in S0)
const KIND: Record<string, [RegExp, string]> = {
  finalExpenditure: [/支出/, '支出'],
  finalIncome: [/收入/, '收入'],
  expenditure: [/支出|决算/, '支出'],
  income: [/收入/, '收入'],
  initialExpenditureBudget: [/预算/, '支出预算'],
  adjustedExpenditureBudget: [/预算/, '调整后支出预算'],
  carryover: [/结转|结余/, '结转结余'],
};

/** the fact's label, completed when it does not say what it is (“年终决算” → “年终决算支出”) */
export function label(f: StatedFact): string {
  const k = KIND[f.key];
  if (!k || k[0].test(f.label)) return f.label;
  return `${f.label}${k[1]}`;
}
