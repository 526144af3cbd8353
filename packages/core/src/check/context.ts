// What every check receives: the evaluation, its scores, the ruleset, and O(rows) indexes over
// the indicator tree built once per evaluation.
import type { Decimal } from '../decimal.ts';
import { parseDec, sum } from '../decimal.ts';
import type {
  Evaluation,
  Finding,
  Indicator,
  IndicatorResult,
  Scored,
  Severity,
  SourceRef,
  Where,
} from '../model/evaluation.ts';
import type { Ruleset } from '../model/ruleset.ts';
import type { Rule } from './types.ts';
import { isBlank, level1Kind, type Level1Kind } from './text.ts';

/** Chinese names of the cells a finding can point at. */
export const CELL: Record<string, string> = {
  name: '指标名称',
  code: '指标编号',
  weight: '分值',
  statedScore: '得分',
  target: '年度指标值',
  actual: '实际完成值',
  deviation: '偏差原因分析及改进措施',
  basis: '评分依据',
  description: '指标说明',
  statedTotal: '总分',
  statedGrade: '等级',
  'budget.initialBudget': '年初预算数',
  'budget.adjustedBudget': '全年预算数',
  'budget.executed': '全年执行数',
  'budget.weight': '预算执行率分值',
  'budget.statedRate': '执行率',
  'budget.statedScore': '预算执行率得分',
  facts: '报告正文',
};

export interface FindingSpec {
  /** the row, when the finding is about one */
  indicator?: Indicator | null;
  field?: string;
  /** overrides CELL[field] */
  cell?: string;
  source?: SourceRef;
  message: string;
  suggestion: string;
  severity?: Severity;
}

const NONE: Indicator[] = [];

export class CheckContext {
  readonly ev: Evaluation;
  readonly scored: Scored;
  readonly ruleset: Ruleset;
  readonly indicators: Indicator[];
  private readonly kids = new Map<string | null, Indicator[]>();
  private readonly results = new Map<string, IndicatorResult>();
  private readonly effective = new Map<string, Decimal | null>();
  private readonly statedScores = new Map<string, Decimal | null>();

  constructor(ev: Evaluation, scored: Scored, ruleset: Ruleset) {
    this.ev = ev;
    this.scored = scored ?? {
      indicators: [],
      budget: null,
      total: null,
      rawTotal: null,
      grade: null,
      gradeLabel: null,
      totalTrace: '',
    };
    this.ruleset = ruleset;
    this.indicators = ev.indicators ?? [];
    for (const ind of this.indicators) {
      const k = ind.parentId ?? null;
      const list = this.kids.get(k);
      if (list) list.push(ind);
      else this.kids.set(k, [ind]);
    }
    for (const r of this.scored.indicators ?? []) this.results.set(r.id, r);
  }

  // Every rule walks the same rows and asks the same questions of them; the answers are kept
  // here, per evaluation. The lists handed out are shared: rules must not mutate them.
  private _roots: Indicator[] | undefined;
  private _leaves: Indicator[] | undefined;
  private _executionInTree: boolean | undefined;
  private readonly tops = new Map<Indicator, Indicator>();
  private readonly bonus = new Map<Indicator, boolean>();
  private readonly topKinds = new Map<Indicator, Level1Kind>();
  private readonly counted = new Map<Indicator, Indicator[]>();
  private statedSums: ReturnType<CheckContext['computeStatedSum']> | undefined;

  children(ind: Indicator | null): Indicator[] {
    return this.kids.get(ind ? ind.id : null) ?? NONE;
  }

  /** top-level nodes (一级), whatever level number recognition gave them */
  roots(): Indicator[] {
    if (this._roots) return this._roots;
    const ids = new Set(this.indicators.map((i) => i.id));
    return (this._roots = this.indicators.filter((i) => i.parentId == null || !ids.has(i.parentId)));
  }

  isLeaf(ind: Indicator): boolean {
    return !this.kids.has(ind.id);
  }

  leaves(): Indicator[] {
    return (this._leaves ??= this.indicators.filter((i) => this.isLeaf(i)));
  }

  /** the 资金 execution is scored as a row of the tree (kind 'execution') */
  executionInTree(): boolean {
    return (this._executionInTree ??= this.indicators.some((i) => i.kind === 'execution'));
  }

  /** 加减分 rows (南京 F) stand outside the 100 points: the row itself or its level-1 ancestor is one. */
  isBonus(ind: Indicator): boolean {
    let b = this.bonus.get(ind);
    if (b === undefined) {
      if (ind.kind === 'bonus') b = true;
      else {
        const top = this.top(ind);
        b = top.kind === 'bonus' || this.topKind(ind) === 'bonus';
      }
      this.bonus.set(ind, b);
    }
    return b;
  }

  /** what the row's level-1 ancestor stands for (产出, 效益, 满意度 …) */
  topKind(ind: Indicator): Level1Kind {
    let k = this.topKinds.get(ind);
    if (k === undefined) {
      k = level1Kind(this.top(ind).name);
      this.topKinds.set(ind, k);
    }
    return k;
  }

  /** the children that count toward the row's 分值 (加减分 children excluded) */
  countedChildren(ind: Indicator): Indicator[] {
    let list = this.counted.get(ind);
    if (list === undefined) {
      list = this.children(ind).filter((k) => !this.isBonus(k));
      this.counted.set(ind, list);
    }
    return list;
  }

  result(ind: Indicator): IndicatorResult | undefined {
    return this.results.get(ind.id);
  }

  /** the stated 分值, or the sum of the children's when the row leaves it blank; null when unknown */
  effectiveWeight(ind: Indicator): Decimal | null {
    if (this.effective.has(ind.id)) return this.effective.get(ind.id)!;
    let w = parseDec(ind.weight);
    if (w == null) {
      const kids = this.children(ind).filter((k) => k.kind !== 'bonus');
      if (kids.length > 0) {
        const ws = kids.map((k) => this.effectiveWeight(k));
        w = ws.every((x) => x != null) ? sum(ws as Decimal[]) : null;
      }
    }
    this.effective.set(ind.id, w);
    return w;
  }

  /** the stated 得分, or the sum of the children's stated scores when the row leaves it blank */
  statedScoreOf(ind: Indicator): Decimal | null {
    if (this.statedScores.has(ind.id)) return this.statedScores.get(ind.id)!;
    let s = parseDec(ind.statedScore);
    if (s == null) {
      const kids = this.children(ind);
      if (kids.length > 0) {
        const ks = kids.map((k) => this.statedScoreOf(k));
        s = ks.every((x) => x != null) ? sum(ks as Decimal[]) : null;
      }
    }
    this.statedScores.set(ind.id, s);
    return s;
  }

  /**
   * Σ of the stated scores as the table should total them: level-1 rows (加减分 included) plus the
   * 资金 block's 得分 unless execution is a row of the tree. null when a row has no score.
   */
  statedSum(): { indicators: Decimal; budget: Decimal | null; total: Decimal } | null {
    if (this.statedSums === undefined) this.statedSums = this.computeStatedSum();
    return this.statedSums;
  }

  private computeStatedSum(): { indicators: Decimal; budget: Decimal | null; total: Decimal } | null {
    const roots = this.roots();
    if (roots.length === 0) return null;
    const rs = roots.map((r) => this.statedScoreOf(r));
    if (rs.some((x) => x == null)) return null;
    const indicators = sum(rs as Decimal[]);
    const budget = this.executionInTree() ? null : parseDec(this.ev.budget?.statedScore);
    return { indicators, budget, total: budget ? indicators.plus(budget) : indicators };
  }

  /**
   * Which column explains a lost point: 'deviation' (偏差原因分析及改进措施, the national form with
   * its 资金 block), 'basis' (评分依据 / 业绩值及评分过程: 如皋, 南京 A), or null when the table has
   * neither. Recognition fills absent columns with null too, so the content decides.
   */
  explanationColumn(): 'deviation' | 'basis' | null {
    if (this.explanation !== undefined) return this.explanation;
    const filled = (f: 'deviation' | 'basis' | 'target') => this.indicators.some((i) => !isBlank(i[f]));
    let col: 'deviation' | 'basis' | null = null;
    if (filled('deviation') || this.ev.budget) col = 'deviation';
    // 如皋's project table: 年初指标值/实际完成值 with a 评分依据 column, no 资金 block
    else if (filled('basis') || (this.ev.subject === 'project' && filled('target'))) col = 'basis';
    this.explanation = col;
    return col;
  }

  private explanation: 'deviation' | 'basis' | null | undefined = undefined;

  private readonly byId = new Map<string, Indicator>();
  private positions: Map<string, number> | undefined;

  /** the row's place in the table (the last row of that id, when ids repeat) */
  position(id: string): number | undefined {
    if (!this.positions) {
      this.positions = new Map();
      const inds = this.ev.indicators;
      if (inds) for (let k = 0; k < inds.length; k++) this.positions.set(inds[k].id, k);
    }
    return this.positions.get(id);
  }

  get(id: string | null | undefined): Indicator | undefined {
    if (id == null) return undefined;
    if (this.byId.size === 0) for (const i of this.indicators) this.byId.set(i.id, i);
    return this.byId.get(id);
  }

  /** the level-1 ancestor of a row (the row itself at level 1) */
  top(ind: Indicator): Indicator {
    const known = this.tops.get(ind);
    if (known) return known;
    let cur = ind;
    for (let guard = 0; guard < 50; guard++) {
      const p = this.get(cur.parentId);
      if (!p) break;
      cur = p;
    }
    this.tops.set(ind, cur);
    return cur;
  }

  finding(rule: Rule, spec: FindingSpec): Finding {
    const ind = spec.indicator ?? null;
    const where: Where = {};
    if (ind) {
      where.indicatorId = ind.id;
      where.path = ind.path;
    }
    if (spec.field) where.field = spec.field;
    const cell = spec.cell ?? (spec.field ? CELL[spec.field] : undefined);
    if (cell) where.cell = cell;
    const source = spec.source ?? ind?.source ?? this.ev.source;
    if (source) {
      where.source = source;
      if (source.file) where.file = source.file;
    }
    return {
      rule: rule.id,
      code: rule.code,
      severity: spec.severity ?? rule.severity,
      message: spec.message,
      suggestion: spec.suggestion,
      where,
    };
  }
}
