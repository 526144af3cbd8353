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
import { isBlank } from './text.ts';

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

  children(ind: Indicator | null): Indicator[] {
    return this.kids.get(ind ? ind.id : null) ?? [];
  }

  /** top-level nodes (一级), whatever level number recognition gave them */
  roots(): Indicator[] {
    const ids = new Set(this.indicators.map((i) => i.id));
    return this.indicators.filter((i) => i.parentId == null || !ids.has(i.parentId));
  }

  isLeaf(ind: Indicator): boolean {
    return !this.kids.has(ind.id);
  }

  leaves(): Indicator[] {
    return this.indicators.filter((i) => this.isLeaf(i));
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
    const roots = this.roots();
    if (roots.length === 0) return null;
    const rs = roots.map((r) => this.statedScoreOf(r));
    if (rs.some((x) => x == null)) return null;
    const indicators = sum(rs as Decimal[]);
    const executionInTree = this.indicators.some((i) => i.kind === 'execution');
    const budget = executionInTree ? null : parseDec(this.ev.budget?.statedScore);
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

  get(id: string | null | undefined): Indicator | undefined {
    if (id == null) return undefined;
    if (this.byId.size === 0) for (const i of this.indicators) this.byId.set(i.id, i);
    return this.byId.get(id);
  }

  /** the level-1 ancestor of a row (the row itself at level 1) */
  top(ind: Indicator): Indicator {
    let cur = ind;
    for (let guard = 0; guard < 50; guard++) {
      const p = this.get(cur.parentId);
      if (!p) break;
      cur = p;
    }
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
