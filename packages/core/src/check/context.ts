// What every check receives: the evaluation, its scores, the ruleset, and O(rows) indexes over
// the indicator tree built once per evaluation.
import { cellsOf, num as parseNum, sumNums, type Num } from '../score/util.ts';
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
import { isBlank, level1Kind, type Level1Kind } from './text.ts';
import { parseValue } from '../values/parse.ts';
import type { ParsedValue } from '../values/types.ts';

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
  'budget.explanation': '预算执行原因',
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
  private results: Map<string, IndicatorResult> | undefined;
  // Every rule walks the same rows and asks the same questions of them; the answers are kept
  // here, per evaluation, in arrays by row position. The lists handed out are shared: rules must
  // not mutate them.
  /** id → position of the last row with that id (what a lookup by id has always found) */
  private readonly ids = new Map<string, number>();
  /** by the position of the last row of an id: the memos that are keyed by id */
  private readonly effective: (Num | null | undefined)[];
  private readonly statedScores: (Num | null | undefined)[];
  /** the same memos for ids of rows outside this evaluation */
  private readonly effectiveOther = new Map<string, Num | null>();
  private readonly statedOther = new Map<string, Num | null>();
  /** by row position: the memos about one row */
  private readonly tops: (Indicator | undefined)[];
  private readonly bonus: (boolean | undefined)[];
  private readonly topKinds: (Level1Kind | undefined)[];
  private readonly counted: (Indicator[] | undefined)[];
  private readonly targets: (ParsedValue | undefined)[];
  private readonly actuals: (ParsedValue | undefined)[];
  private readonly ownStated: (Num | null | undefined)[];
  private readonly ownWeight: (Num | null | undefined)[];
  private _roots: Indicator[] | undefined;
  private _leaves: Indicator[] | undefined;
  private _executionInTree: boolean | undefined;
  private statedSums: ReturnType<CheckContext['computeStatedSum']> | undefined;

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
    const n = this.indicators.length;
    for (let k = 0; k < n; k++) {
      const ind = this.indicators[k];
      this.ids.set(ind.id, k);
      const p = ind.parentId ?? null;
      const list = this.kids.get(p);
      if (list) list.push(ind);
      else this.kids.set(p, [ind]);
    }
    this.effective = new Array(n);
    this.statedScores = new Array(n);
    this.tops = new Array(n);
    this.bonus = new Array(n);
    this.topKinds = new Array(n);
    this.counted = new Array(n);
    // the cells score() parsed for this evaluation, when `scored` comes from it: not parsed again
    const cells = cellsOf(scored, ev);
    this.targets = cells ? cells.target : new Array(n);
    this.actuals = cells ? cells.actual : new Array(n);
    this.ownStated = cells ? cells.stated : new Array(n);
    this.ownWeight = cells ? cells.weight : new Array(n);
  }

  /** the row's position when it is the row its id finds, else -1 (its memos are then not kept) */
  private at(ind: Indicator): number {
    // rules ask several questions of one row in a row
    if (ind === this.lastRow) return this.lastAt;
    const id = this.ids.get(ind.id);
    const k = id !== undefined && this.indicators[id] === ind ? id : -1;
    this.lastRow = ind;
    this.lastAt = k;
    return k;
  }

  private lastRow: Indicator | undefined;
  private lastAt = -1;

  children(ind: Indicator | null): Indicator[] {
    return this.kids.get(ind ? ind.id : null) ?? NONE;
  }

  /** top-level nodes (一级), whatever level number recognition gave them */
  roots(): Indicator[] {
    return (this._roots ??= this.indicators.filter((i) => i.parentId == null || !this.ids.has(i.parentId)));
  }

  isLeaf(ind: Indicator): boolean {
    return !this.kids.has(ind.id);
  }

  leaves(): Indicator[] {
    return (this._leaves ??= this.indicators.filter((i) => this.isLeaf(i)));
  }

  result(ind: Indicator): IndicatorResult | undefined {
    if (!this.results) {
      this.results = new Map();
      for (const r of this.scored.indicators ?? []) this.results.set(r.id, r);
    }
    return this.results.get(ind.id);
  }

  /** the row's 年度指标值, parsed (values/parse.ts) */
  target(ind: Indicator): ParsedValue {
    const k = this.at(ind);
    if (k < 0) return parseValue(ind.target);
    return (this.targets[k] ??= parseValue(ind.target));
  }

  /** the row's 实际完成值, parsed */
  actual(ind: Indicator): ParsedValue {
    const k = this.at(ind);
    if (k < 0) return parseValue(ind.actual);
    return (this.actuals[k] ??= parseValue(ind.actual));
  }

  /** the row's own 得分 as a Num, without the children's sum */
  stated(ind: Indicator): Num | null {
    const k = this.at(ind);
    if (k < 0) return parseNum(ind.statedScore);
    const known = this.ownStated[k];
    if (known !== undefined) return known;
    return (this.ownStated[k] = parseNum(ind.statedScore));
  }

  /** the row's own 分值 as a Num, without the children's sum */
  weight(ind: Indicator): Num | null {
    const k = this.at(ind);
    if (k < 0) return parseNum(ind.weight);
    const known = this.ownWeight[k];
    if (known !== undefined) return known;
    return (this.ownWeight[k] = parseNum(ind.weight));
  }

  /** the 资金 execution is scored as a row of the tree (kind 'execution') */
  executionInTree(): boolean {
    return (this._executionInTree ??= this.indicators.some((i) => i.kind === 'execution'));
  }

  /** 加减分 rows (南京 F) stand outside the 100 points: the row itself or its level-1 ancestor is one. */
  isBonus(ind: Indicator): boolean {
    const k = this.at(ind);
    let b = k < 0 ? undefined : this.bonus[k];
    if (b === undefined) {
      b = ind.kind === 'bonus' || this.top(ind).kind === 'bonus' || this.topKind(ind) === 'bonus';
      if (k >= 0) this.bonus[k] = b;
    }
    return b;
  }

  /** what the row's level-1 ancestor stands for (产出, 效益, 满意度 …) */
  topKind(ind: Indicator): Level1Kind {
    const k = this.at(ind);
    let kind = k < 0 ? undefined : this.topKinds[k];
    if (kind === undefined) {
      kind = level1Kind(this.top(ind).name);
      if (k >= 0) this.topKinds[k] = kind;
    }
    return kind;
  }

  /** the children that count toward the row's 分值 (加减分 children excluded) */
  countedChildren(ind: Indicator): Indicator[] {
    const k = this.at(ind);
    let list = k < 0 ? undefined : this.counted[k];
    if (list === undefined) {
      const kids = this.children(ind);
      list = kids.length === 0 ? NONE : kids.filter((c) => !this.isBonus(c));
      if (k >= 0) this.counted[k] = list;
    }
    return list;
  }

  /** the stated 分值, or the sum of the children's when the row leaves it blank; null when unknown */
  effectiveWeight(ind: Indicator): Num | null {
    const slot = this.ids.get(ind.id);
    const known = slot !== undefined ? this.effective[slot] : this.effectiveOther.get(ind.id);
    if (known !== undefined) return known;
    let w = parseNum(ind.weight);
    if (w == null) {
      const kids = this.children(ind).filter((k) => k.kind !== 'bonus');
      if (kids.length > 0) {
        const ws = kids.map((k) => this.effectiveWeight(k));
        w = ws.every((x) => x != null) ? sumNums(ws) : null;
      }
    }
    if (slot !== undefined) this.effective[slot] = w;
    else this.effectiveOther.set(ind.id, w);
    return w;
  }

  /** the stated 得分, or the sum of the children's stated scores when the row leaves it blank */
  statedScoreOf(ind: Indicator): Num | null {
    const slot = this.ids.get(ind.id);
    const known = slot !== undefined ? this.statedScores[slot] : this.statedOther.get(ind.id);
    if (known !== undefined) return known;
    let s = parseNum(ind.statedScore);
    if (s == null) {
      const kids = this.children(ind);
      if (kids.length > 0) {
        const ks = kids.map((k) => this.statedScoreOf(k));
        s = ks.every((x) => x != null) ? sumNums(ks) : null;
      }
    }
    if (slot !== undefined) this.statedScores[slot] = s;
    else this.statedOther.set(ind.id, s);
    return s;
  }

  /**
   * Σ of the stated scores as the table should total them: level-1 rows (加减分 included) plus the
   * 资金 block's 得分 unless execution is a row of the tree. null when a row has no score.
   */
  statedSum(): { indicators: Num; budget: Num | null; total: Num } | null {
    if (this.statedSums === undefined) this.statedSums = this.computeStatedSum();
    return this.statedSums;
  }

  private computeStatedSum(): { indicators: Num; budget: Num | null; total: Num } | null {
    const roots = this.roots();
    if (roots.length === 0) return null;
    const rs = roots.map((r) => this.statedScoreOf(r));
    if (rs.some((x) => x == null)) return null;
    const indicators = sumNums(rs);
    const budget = this.executionInTree() ? null : parseNum(this.ev.budget?.statedScore);
    return { indicators, budget, total: budget ? indicators.plus(budget) : indicators };
  }

  /**
   * Which column explains a lost point: 'deviation' (偏差原因分析及改进措施, the national form with
   * its 资金 block), 'basis' (评分依据 / 业绩值及评分过程: 如皋, 南京 A), or null when the table has
   * neither. Recognition fills absent columns with null too, so the content decides.
   */
  explanationColumn(): 'deviation' | 'basis' | null {
    if (this.explanation !== undefined) return this.explanation;
    let col: 'deviation' | 'basis' | null = null;
    if (this.filled('deviation') || this.ev.budget) col = 'deviation';
    // 如皋's project table: 年初指标值/实际完成值 with a 评分依据 column, no 资金 block
    else if (this.filled('basis') || (this.ev.subject === 'project' && this.filled('target'))) col = 'basis';
    this.explanation = col;
    return col;
  }

  private explanation: 'deviation' | 'basis' | null | undefined = undefined;

  private filled(f: 'deviation' | 'basis' | 'target'): boolean {
    return this.indicators.some((i) => !isBlank(i[f]));
  }

  /** the row's place in the table (the last row of that id, when ids repeat) */
  position(id: string): number | undefined {
    return this.ids.get(id);
  }

  get(id: string | null | undefined): Indicator | undefined {
    if (id == null) return undefined;
    const k = this.ids.get(id);
    return k === undefined ? undefined : this.indicators[k];
  }

  /** the level-1 ancestor of a row (the row itself at level 1) */
  top(ind: Indicator): Indicator {
    const k = this.at(ind);
    if (k >= 0) {
      const known = this.tops[k];
      if (known) return known;
    }
    let cur = ind;
    for (let guard = 0; guard < 50; guard++) {
      const p = this.get(cur.parentId);
      if (!p) break;
      cur = p;
    }
    if (k >= 0) this.tops[k] = cur;
    return cur;
  }

  /** A finding of `rule` (a Rule of types.ts: only its id, code and default severity are read). */
  finding(rule: { id: string; code: string; severity: Severity }, spec: FindingSpec): Finding {
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
