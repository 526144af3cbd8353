// The cycle's forms as grids of cells: the 项目支出绩效目标申报表 (财预〔2015〕88号 附件 layout:
// 项目名称, 主管部门, 实施单位, 项目资金 with 财政拨款 and 其他资金, 总体目标 中长期/年度, then the
// 绩效指标 一级/二级/三级/指标值, with 分值) and the 项目支出绩效运行监控表 (N5 annex: 资金 全年预算数,
// 执行数, 执行率, 全年预计执行数; per indicator 年度指标值, 执行情况, 全年预计完成情况, 偏差原因,
// 原因说明, 完成目标可能性). One grid per form, written by the .xlsx and .docx renderers and read back
// by read.ts, so both formats carry the same rows and values.
import { leaves, periodLabel, LIGHT_LABEL, type Indicator, type MonitoringRound, type RoundAssessment, type TargetTable } from '@jixiao/core';

export interface FormCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  head?: boolean;
}

export interface Form {
  title: string;
  subtitle: string;
  columns: number;
  /** relative column widths */
  widths: number[];
  rows: FormCell[][];
}

const h = (text: string, o: Partial<FormCell> = {}): FormCell => ({ text, head: true, ...o });
const v = (text: string | null | undefined, o: Partial<FormCell> = {}): FormCell => ({ text: text ?? '', ...o });

/** "产出指标（50分）": an upper name with its 分值, read back by weightOf(). */
export const withWeight = (name: string, weight: string | null | undefined) => (weight ? `${name}（${weight}分）` : name);
export function weightOf(text: string): { name: string; weight: string | null } {
  const m = /^(.*?)（(-?\d+(?:\.\d+)?)分）$/.exec(text.trim());
  return m ? { name: m[1], weight: m[2] } : { name: text.trim(), weight: null };
}

/** Leaves grouped under their 一级 and 二级 ancestors, for the merged cells. */
function groups(t: { indicators: Indicator[] }) {
  const byId = new Map(t.indicators.map((i) => [i.id, i]));
  return leaves(t)
    .filter((i) => i.kind !== 'execution')
    .map((leaf) => {
      const chain: Indicator[] = [];
      for (let x: Indicator | undefined = leaf; x; x = x.parentId ? byId.get(x.parentId) : undefined) chain.unshift(x);
      return { l1: chain[0], l2: chain.length > 2 ? chain[1] : null, leaf };
    });
}

/** spans of consecutive equal keys: [start, length] for each run */
function runs<T>(xs: T[], key: (x: T) => string): number[] {
  const out = new Array(xs.length).fill(0);
  for (let k = 0; k < xs.length; ) {
    let n = 1;
    while (k + n < xs.length && key(xs[k + n]) === key(xs[k])) n++;
    out[k] = n;
    k += n;
  }
  return out;
}

export function targetForm(t: TargetTable): Form {
  const g = groups(t);
  const rows: FormCell[][] = [
    [h('项目名称'), v(t.title, { colSpan: 5 })],
    [h('主管部门'), v(t.parentUnit, { colSpan: 2 }), h('实施单位'), v(t.unit, { colSpan: 2 })],
    [h(`项目资金（${t.funds.unit}）`, { rowSpan: 3 }), h('年度资金总额', { colSpan: 2 }), v(t.funds.total, { colSpan: 3 })],
    [h('其中：财政拨款', { colSpan: 2 }), v(t.funds.appropriation, { colSpan: 3 })],
    [h('其他资金', { colSpan: 2 }), v(t.funds.other, { colSpan: 3 })],
    [h('总体目标', { rowSpan: 2 }), h('中长期目标', { colSpan: 2 }), h('年度目标', { colSpan: 3 })],
    [v(t.goals.longTerm, { colSpan: 2 }), v(t.goals.annual, { colSpan: 3 })],
  ];
  const n = g.length + 1 + (t.executionWeight ? 1 : 0);
  rows.push([h('绩效指标', { rowSpan: n }), h('一级指标'), h('二级指标'), h('三级指标'), h('指标值'), h('分值')]);
  const r1 = runs(g, (x) => x.l1.id);
  const r2 = runs(g, (x) => x.l2?.id ?? x.leaf.id);
  g.forEach((x, k) => {
    const row: FormCell[] = [];
    if (r1[k]) row.push(v(withWeight(x.l1.name, x.l1.weight), { rowSpan: r1[k] }));
    if (r2[k]) row.push(v(x.l2 ? withWeight(x.l2.name, x.l2.weight) : '', { rowSpan: r2[k] }));
    row.push(v(x.leaf.name), v(x.leaf.target), v(x.leaf.weight));
    rows.push(row);
  });
  if (t.executionWeight) rows.push([v('预算执行率', { colSpan: 3 }), v('—'), v(t.executionWeight)]);
  return { title: '项目支出绩效目标申报表', subtitle: `（${t.fiscalYear ?? '    '}年度）`, columns: 6, widths: [12, 14, 16, 26, 22, 10], rows };
}

export const MONITORING_HEAD = ['一级指标', '二级指标', '三级指标', '年度指标值', '执行情况', '全年预计完成情况', '偏差原因', '原因说明', '完成目标可能性', '监控结果'];

export function monitoringForm(t: TargetTable, round: MonitoringRound, a: RoundAssessment): Form {
  const g = groups(t);
  const p = periodLabel(round.period);
  const byId = new Map(round.rows.map((r) => [r.indicatorId, r]));
  const lights = new Map(a.indicators.map((i) => [i.indicatorId, i.light]));
  const rows: FormCell[][] = [
    [h('项目名称'), v(t.title, { colSpan: 9 })],
    [h('主管部门'), v(t.parentUnit, { colSpan: 4 }), h('实施单位'), v(t.unit, { colSpan: 4 })],
    [h(`资金（${round.funds.unit}）`, { rowSpan: 2 }), h('全年预算数', { colSpan: 2 }), h(`${p}执行数`, { colSpan: 2 }), h('执行率', { colSpan: 2 }), h('全年预计执行数', { colSpan: 3 })],
    [v(round.funds.annualBudget, { colSpan: 2 }), v(round.funds.executed, { colSpan: 2 }), v(a.funds.rate ? `${a.funds.rate}%` : '', { colSpan: 2 }), v(round.funds.expectedYearEnd, { colSpan: 3 })],
    MONITORING_HEAD.map((x) => h(x === '执行情况' ? `${p}执行情况` : x)),
  ];
  const r1 = runs(g, (x) => x.l1.id);
  const r2 = runs(g, (x) => x.l2?.id ?? x.leaf.id);
  g.forEach((x, k) => {
    const m = byId.get(x.leaf.id);
    const row: FormCell[] = [];
    if (r1[k]) row.push(v(x.l1.name, { rowSpan: r1[k] }));
    if (r2[k]) row.push(v(x.l2?.name ?? '', { rowSpan: r2[k] }));
    row.push(v(x.leaf.name), v(x.leaf.target), v(m?.progress), v(m?.expected), v(m?.cause), v(m?.note), v(m?.likelihood), v(LIGHT_LABEL[lights.get(x.leaf.id) ?? 'none']));
    rows.push(row);
  });
  return { title: '项目支出绩效运行监控表', subtitle: `（${t.fiscalYear ?? '    '}年${p}）`, columns: 10, widths: [9, 10, 14, 11, 12, 12, 9, 14, 9, 7], rows };
}
