// What every renderer shows, worked out once: the report outline with its sections, the form's
// header, 资金 block, 年度总体目标, indicator rows with their merges, and totals. The docx, xlsx and
// html renderers only lay this out; no renderer computes or formats a number by itself.
import { D, fixed, str, sum, convert, parseDec, getRuleset, NATIONAL, type EvaluationJson, type IndicatorJson } from '@jixiao/core';
import { getFramework } from '@jixiao/core/frameworks/index.ts';

// ---------------------------------------------------------------- numbers as shown

/** A money amount on the form: 万元, at least two decimals, never rounded away. */
export function showMoney(v: string | null | undefined): string {
  if (v == null || v === '') return '';
  const s = str(v);
  const decimals = s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
  return decimals <= 2 ? fixed(v, 2) : s;
}

/** A percentage given in percent ("89.23") → "89.23%". */
export function showPercent(v: string | null | undefined): string {
  if (v == null || v === '') return '';
  return `${fixed(v, 2)}%`;
}

export function showNumber(v: string | null | undefined): string {
  return v == null || v === '' ? '' : str(v);
}

/** The score a document shows: the stated one when the document stated it, else the computed one. */
export function shownScore(i: { statedScore: string | null; score: string | null }): string | null {
  return i.statedScore ?? i.score ?? null;
}

// ---------------------------------------------------------------- outline

// the outline is the editor's too: one definition in core
export { PROJECT_OUTLINE, DEPARTMENT_OUTLINE, reportSections, type OutlineItem, type ReportSection } from '@jixiao/core';

// ---------------------------------------------------------------- titles

export function yearText(ev: EvaluationJson): string {
  return ev.fiscalYear ? `${ev.fiscalYear}年度` : '';
}

export function reportTitle(ev: EvaluationJson): string {
  if (ev.subject === 'department') return `${yearText(ev)}${unitName(ev)}部门整体支出绩效自评报告`;
  return '项目支出绩效自评报告';
}

/** The unit a department evaluation is about: 填报单位, else the title without “整体支出”. */
export function unitName(ev: EvaluationJson): string {
  return ev.unit ?? ev.title.replace(/(部门)?(（单位）)?整体支出$/, '');
}

/** “2024年度××整体支出绩效评价得分表”: the 部门整体 report's annex. */
export function annexTitle(ev: EvaluationJson): string {
  return `${yearText(ev)}${unitName(ev)}${formTitle(ev)}`;
}

export function formTitle(ev: EvaluationJson): string {
  return ev.subject === 'department' ? '整体支出绩效评价得分表' : '项目支出绩效自评表';
}

// ---------------------------------------------------------------- the form

export interface HeaderField {
  label: string;
  value: string;
}

/** Header of the 项目支出绩效自评表: pairs per line as on the national form. */
export function headerLines(ev: EvaluationJson): HeaderField[][] {
  if (ev.subject === 'department') return [[{ label: '单位名称', value: ev.unit ?? '' }]];
  return [
    [{ label: '项目名称', value: ev.title ?? '' }],
    [
      { label: '主管部门', value: ev.parentUnit ?? '' },
      { label: '实施单位', value: ev.unit ?? '' },
    ],
    [
      { label: '项目负责人', value: ev.manager ?? '' },
      { label: '联系电话', value: ev.phone ?? '' },
    ],
  ];
}

export interface BudgetRow {
  label: string;
  /** 万元 as shown */
  initialBudget: string;
  adjustedBudget: string;
  executed: string;
  /** raw decimals in 万元 for spreadsheets (null = empty cell) */
  values: { initialBudget: string | null; adjustedBudget: string | null; executed: string | null };
  /** 分值/执行率/得分: only on 年度资金总额; other rows show "—" */
  weight: string;
  rate: string;
  score: string;
  isTotal: boolean;
}

const FUND_ROWS: { fundSource: 'total' | 'appropriation' | 'carryover' | 'other'; label: string }[] = [
  { fundSource: 'total', label: '年度资金总额' },
  { fundSource: 'appropriation', label: '其中：当年财政拨款' },
  { fundSource: 'carryover', label: '上年结转资金' },
  { fundSource: 'other', label: '其他资金' },
];

export interface BudgetBlock {
  rows: BudgetRow[];
  /** 执行率 as a fraction for spreadsheets ("0.8923") and in percent as shown */
  rateFraction: string | null;
  weight: string | null;
  score: string | null;
}

/** The 资金 block in 万元, always the four fund-source rows of the national form. */
export function budgetBlock(ev: EvaluationJson): BudgetBlock | null {
  // the national project form always has the block; without data its cells stay empty (R02)
  const b =
    ev.budget ??
    (ev.subject === 'project'
      ? { unit: '万元' as const, initialBudget: null, adjustedBudget: null, executed: null, weight: null, statedRate: null, statedScore: null, lines: [], rate: null, score: null, trace: '' }
      : null);
  if (!b) return null;
  const wan = (v: string | null | undefined) => (v == null ? null : b.unit === '万元' ? str(v) : convert(v, b.unit, '万元'));
  const ratePercent = b.statedRate ?? b.rate ?? null;
  const score = b.statedScore ?? b.score ?? null;
  const rows = FUND_ROWS.map(({ fundSource, label }) => {
    const line = b.lines?.find((l) => l.fundSource === fundSource);
    const src =
      fundSource === 'total' && !line
        ? { initialBudget: b.initialBudget, adjustedBudget: b.adjustedBudget, executed: b.executed }
        : line ?? { initialBudget: null, adjustedBudget: null, executed: null };
    const values = { initialBudget: wan(src.initialBudget), adjustedBudget: wan(src.adjustedBudget), executed: wan(src.executed) };
    const isTotal = fundSource === 'total';
    return {
      label: isTotal ? label : line?.label && !/^\s*$/.test(line.label) ? line.label : label,
      initialBudget: showMoney(values.initialBudget),
      adjustedBudget: showMoney(values.adjustedBudget),
      executed: showMoney(values.executed),
      values,
      weight: isTotal ? showNumber(b.weight) : '—',
      rate: isTotal ? showPercent(ratePercent) : '—',
      score: isTotal ? showNumber(score) : '—',
      isTotal,
    };
  });
  return {
    rows,
    rateFraction: ratePercent == null ? null : str(D(ratePercent).dividedBy(100)),
    weight: b.weight,
    score,
  };
}

export interface Column {
  key: string;
  label: string;
  /** relative width */
  width: number;
  align?: 'center' | 'left';
}

export const PROJECT_COLUMNS: Column[] = [
  { key: 'l1', label: '一级指标', width: 7, align: 'center' },
  { key: 'l2', label: '二级指标', width: 8, align: 'center' },
  { key: 'l3', label: '三级指标', width: 15 },
  { key: 'target', label: '年度指标值', width: 13 },
  { key: 'actual', label: '实际完成值', width: 13 },
  { key: 'weight', label: '分值', width: 5, align: 'center' },
  { key: 'score', label: '得分', width: 5, align: 'center' },
  { key: 'deviation', label: '偏差原因分析及改进措施', width: 20 },
];

export const DEPARTMENT_COLUMNS: Column[] = [
  { key: 'l1', label: '一级指标', width: 6, align: 'center' },
  { key: 'l2', label: '二级指标', width: 7, align: 'center' },
  { key: 'l3', label: '三级指标', width: 10 },
  { key: 'description', label: '指标说明', width: 14 },
  { key: 'rule', label: '评价要点及评分规则', width: 22 },
  { key: 'target', label: '标准值', width: 8 },
  { key: 'weight', label: '权重分', width: 5, align: 'center' },
  { key: 'basis', label: '业绩值及评分过程', width: 20 },
  { key: 'score', label: '得分', width: 5, align: 'center' },
];

/** Width and alignment of the columns some provinces' forms add (frameworks' `columns`). */
const EXTRA_COLUMNS: Record<string, Column> = {
  core: { key: 'core', label: '是否核心指标', width: 5, align: 'center' },
  operator: { key: 'operator', label: '指标性质', width: 5, align: 'center' },
  adjustedTarget: { key: 'adjustedTarget', label: '调整指标值', width: 10 },
  unitOfMeasure: { key: 'unitOfMeasure', label: '度量单位', width: 5, align: 'center' },
  coefficient: { key: 'coefficient', label: '得分系数', width: 5, align: 'center' },
  reviewScore: { key: 'reviewScore', label: '财政审核评分', width: 5, align: 'center' },
  weightShare: { key: 'weightShare', label: '权重占比', width: 5, align: 'center' },
  actual: { key: 'actual', label: '实际完成值', width: 13 },
  deviation: { key: 'deviation', label: '偏差原因分析及改进措施', width: 20 },
  description: { key: 'description', label: '指标说明', width: 14 },
  rule: { key: 'rule', label: '评分标准', width: 20 },
  basis: { key: 'basis', label: '评分依据', width: 20 },
};

/**
 * The indicator table's columns: the form's own (its framework's `columns`, with the form's header
 * words), else the national ones with the provinces' extra columns the evaluation fills (调整指标值,
 * 是否核心指标, 得分系数, 财政审核评分, 权重占比). 分值 and 得分 are always printed: the totals row
 * sums them.
 */
export function columns(ev: EvaluationJson): Column[] {
  const base = ev.subject === 'department' ? DEPARTMENT_COLUMNS : PROJECT_COLUMNS;
  const catalog = (key: string): Column | undefined => base.find((c) => c.key === key) ?? EXTRA_COLUMNS[key];
  const fw = ev.framework ? getFramework(ev.framework) : undefined;
  let cols: Column[];
  if (fw?.columns) {
    cols = fw.columns.map((c) => ({ ...(catalog(c.key) ?? { key: c.key, width: 8 }), label: c.label }));
    for (const key of ['weight', 'score']) {
      if (cols.some((c) => c.key === key)) continue;
      // after the column it follows on the national form
      const before = base.slice(0, base.findIndex((c) => c.key === key)).map((c) => c.key);
      let at = 0;
      cols.forEach((c, k) => {
        if (before.includes(c.key)) at = k + 1;
      });
      cols.splice(at, 0, catalog(key)!);
    }
  } else {
    cols = [...base];
    const inds = ev.indicators ?? [];
    const has = (k: 'core' | 'adjustedTarget' | 'coefficient' | 'reviewScore' | 'weightShare') => inds.some((i) => i[k] != null && i[k] !== '');
    const insertAfter = (after: string, c: Column) => {
      const k = cols.findIndex((x) => x.key === after);
      cols.splice(k + 1, 0, c);
    };
    if (has('core')) insertAfter('l3', EXTRA_COLUMNS.core);
    if (has('adjustedTarget')) insertAfter('target', EXTRA_COLUMNS.adjustedTarget);
    if (has('weightShare')) insertAfter('score', EXTRA_COLUMNS.weightShare);
    if (has('reviewScore')) insertAfter('score', EXTRA_COLUMNS.reviewScore);
    if (has('coefficient')) cols.splice(cols.findIndex((x) => x.key === 'score'), 0, EXTRA_COLUMNS.coefficient);
  }
  return cols;
}

const OPERATOR = /^(≥|≤|>|<|=|＞|＜|≧|≦)/;

/** The cells of the columns some forms add; the target without what the 指标性质/度量单位 columns show. */
function extraCells(leaf: IndicatorJson, cols: Column[]): Record<string, string> {
  const out: Record<string, string> = {
    core: leaf.core == null ? '' : leaf.core ? '是' : '否',
    adjustedTarget: leaf.adjustedTarget ?? '',
    coefficient: leaf.coefficient ?? '',
    reviewScore: showNumber(leaf.reviewScore ?? null),
    weightShare: leaf.weightShare ?? '',
    unitOfMeasure: leaf.unitOfMeasure ?? '',
    operator: '',
  };
  let target = leaf.target ?? '';
  if (cols.some((c) => c.key === 'operator')) {
    const m = OPERATOR.exec(target);
    if (m) {
      out.operator = m[1];
      target = target.slice(m[1].length);
    }
  }
  if (cols.some((c) => c.key === 'unitOfMeasure') && leaf.unitOfMeasure && target.endsWith(leaf.unitOfMeasure)) {
    target = target.slice(0, -leaf.unitOfMeasure.length);
  }
  out.target = target;
  return out;
}

export interface IndicatorRow {
  indicator: IndicatorJson;
  /** cell text per column key */
  cells: Record<string, string>;
  /**
   * rows a merged cell spans when this row starts it, 0 when covered by the row above: 一级, 二级,
   * and 分值/得分 (`w`) when a group carries them for all its rows (seed 002: “A部门决策 15分 12分”)
   */
  span: { l1: number; l2: number; w: number };
  /** raw decimals for spreadsheets; null on rows covered by a merged 分值/得分 */
  weight: string | null;
  score: string | null;
}

/** Longest cell text (in characters) a table row may hold and still be kept on one page. */
export const LONG_CELL = 400;

const own = (i: IndicatorJson) => i.weight != null || i.statedScore != null;

/** Leaves of the tree in order, each with its 一级/二级 ancestors, and merge spans for those. */
export function indicatorRows(ev: EvaluationJson): IndicatorRow[] {
  const inds = ev.indicators ?? [];
  const byId = new Map(inds.map((i) => [i.id, i]));
  const hasChild = new Set(inds.map((i) => i.parentId).filter((x): x is string => x != null));
  const ancestor = (i: IndicatorJson, level: number): IndicatorJson | null => {
    let cur: IndicatorJson | undefined = i;
    while (cur && cur.level > level) cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    return cur && cur.level === level ? cur : null;
  };
  const leaves = inds.filter((i) => !hasChild.has(i.id));
  const under = (a: IndicatorJson) => leaves.filter((l) => l.id === a.id || l.path.length > a.path.length && isBelow(l, a));
  const isBelow = (l: IndicatorJson, a: IndicatorJson): boolean => {
    let cur = l.parentId ? byId.get(l.parentId) : undefined;
    while (cur) {
      if (cur.id === a.id) return true;
      cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    }
    return false;
  };
  // who carries a leaf's 分值/得分: the leaf itself, or the nearest group with its own values
  // when no leaf under that group has any
  const carrierCache = new Map<string, IndicatorJson | null>();
  const carrier = (leaf: IndicatorJson): IndicatorJson | null => {
    if (own(leaf)) return leaf;
    let cur = leaf.parentId ? byId.get(leaf.parentId) : undefined;
    while (cur) {
      if (own(cur)) {
        if (!carrierCache.has(cur.id)) carrierCache.set(cur.id, under(cur).some(own) ? null : cur);
        return carrierCache.get(cur.id) ?? null;
      }
      cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    }
    return null;
  };
  const carriers = new Set(leaves.map(carrier).filter((c): c is IndicatorJson => c != null));
  const dept = ev.subject === 'department';
  // a group's own weight prints beside its name, as seed 000 writes “决策 (12)”, unless the
  // group's 分值 stands in the 分值 column
  const named = (n: IndicatorJson) => (n.code && !n.name.startsWith(n.code) ? `${n.code}${n.name}` : n.name);
  const groupLabel = (n: IndicatorJson) => (n.weight != null && !carriers.has(n) ? `${named(n)}（${str(n.weight)}）` : named(n));
  const cols = columns(ev);
  const extra = cols.some((c) => EXTRA_COLUMNS[c.key] && !['actual', 'deviation', 'description', 'rule', 'basis'].includes(c.key));
  const rows = leaves.map((leaf) => {
    const a1 = ancestor(leaf, 1);
    const a2 = ancestor(leaf, 2);
    const l3 = leaf.level >= 3 ? (leaf.level === 3 ? named(leaf) : leaf.path.slice(2).join('—')) : '';
    const c = carrier(leaf);
    const score = c ? shownScore(c) : null;
    const performance = leaf.basis && leaf.actual && !leaf.basis.startsWith(leaf.actual) ? `${leaf.actual}。${leaf.basis}` : leaf.basis ?? leaf.actual ?? '';
    const label = (a: IndicatorJson | null) => (a ? (a === leaf ? named(a) : groupLabel(a)) : '');
    return {
      indicator: leaf,
      cells: {
        l1: a1 === leaf ? named(leaf) : label(a1),
        l2: a2 === leaf ? named(leaf) : label(a2),
        l3,
        description: leaf.description ?? '',
        rule: leaf.rule ?? '',
        target: leaf.target ?? '',
        actual: leaf.actual ?? '',
        weight: showNumber(c?.weight),
        score: showNumber(score),
        deviation: leaf.deviation ?? '',
        basis: dept ? performance : leaf.basis ?? '',
        ...(extra ? extraCells(leaf, cols) : {}),
      },
      span: { l1: 1, l2: 1, w: 1 },
      weight: c?.weight ?? null,
      score,
      ids: { l1: a1?.id ?? null, l2: a2?.id ?? null, w: c && c !== leaf ? c.id : null },
    };
  });
  // vertical merges: a run of rows under the same node shares one cell
  for (const key of ['l1', 'l2', 'w'] as const) {
    let start = 0;
    for (let r = 1; r <= rows.length; r++) {
      const prev = rows[r - 1].ids[key];
      const cur = r < rows.length ? rows[r].ids[key] : undefined;
      if (r === rows.length || cur !== prev || cur == null) {
        if (prev != null) {
          rows[start].span[key] = r - start;
          for (let k = start + 1; k < r; k++) {
            rows[k].span[key] = 0;
            if (key === 'w') {
              rows[k].weight = null;
              rows[k].score = null;
            }
          }
        }
        start = r;
      }
    }
  }
  return rows.map(({ ids: _ids, ...r }) => r);
}

export interface Totals {
  /** Σ分值 including the 资金 block's 分值, as shown */
  weight: string;
  /** the total shown: stated when the document stated one, else Σ of the shown scores, else computed */
  score: string;
  /** Σ of the shown scores (what a spreadsheet SUM gives) */
  scoreSum: string | null;
  weightSum: string | null;
}

export function totals(ev: EvaluationJson, rows: IndicatorRow[], budget: BudgetBlock | null): Totals {
  const weights = [...rows.map((r) => r.weight), budget?.weight ?? null].filter((x): x is string => x != null);
  const scores = [...rows.map((r) => r.score), budget?.score ?? null].filter((x): x is string => x != null);
  const weightSum = weights.length ? str(sum(weights)) : null;
  const scoreSum = scores.length ? str(sum(scores)) : null;
  return {
    weight: weightSum ?? '',
    // without a stated total, Σ of the shown scores keeps the 总分 consistent with the rows above it
    score: showNumber(ev.statedTotal ?? scoreSum ?? ev.total),
    scoreSum,
    weightSum,
  };
}

/**
 * Grade as shown: the document's own word when it stated one, else the ruleset's band for the
 * total the form shows (not the computed total's grade, which would contradict the printed total).
 */
export function shownGrade(ev: EvaluationJson): string {
  if (ev.statedGrade) return ev.statedGrade;
  const f = form(ev);
  const total = parseDec(f.totals.score);
  if (total == null) return '';
  const bands = [...(getRuleset(ev.ruleset)?.gradeBands ?? NATIONAL.gradeBands)].sort((a, b) => D(b.min).comparedTo(D(a.min)));
  return bands.find((b) => total.gte(D(b.min)))?.label ?? '';
}

export interface Form {
  title: string;
  year: string;
  header: HeaderField[][];
  budget: BudgetBlock | null;
  goals: { expected: string; actual: string } | null;
  columns: Column[];
  rows: IndicatorRow[];
  totals: Totals;
}

export function form(ev: EvaluationJson): Form {
  const budget = budgetBlock(ev);
  const rows = indicatorRows(ev);
  const project = ev.subject !== 'department';
  return {
    title: formTitle(ev),
    year: yearText(ev),
    header: headerLines(ev),
    budget,
    goals: project || ev.goals ? { expected: ev.goals?.expected ?? '', actual: ev.goals?.actual ?? '' } : null,
    columns: columns(ev),
    rows,
    totals: totals(ev, rows, budget),
  };
}

/** “自评得分：98分　　自评等级：“优””: the grade quoted, as reports write it. */
export function scoreLine(score: string, grade: string): string {
  return `自评得分：${score ? `${score}分` : '—'}　　自评等级：${grade ? `“${grade}”` : '—'}`;
}

/** Split "a **b** c" into runs; the seeds mark bold words with ** in extracted text. */
export function runs(text: string): { text: string; bold: boolean }[] {
  const out: { text: string; bold: boolean }[] = [];
  const re = /\*\*(.+?)\*\*/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), bold: false });
    out.push({ text: m[1], bold: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), bold: false });
  return out;
}
