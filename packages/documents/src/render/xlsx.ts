// Excel: the same form as the Word report (merged cells, 万元 and % formats, live SUM totals with
// their cached results), and a summary workbook over many evaluations.
import ExcelJS from 'exceljs';
import { D, getRuleset, str, sum, type EvaluationJson, type Grade } from '@jixiao/core';
import { annexTitle, columns, form, shownGrade, type Form } from './layout.ts';
import { GRADE_LABEL } from '@jixiao/core/labels.ts';

// two decimals as the forms print 万元, more only when the amount has them (237.04638)
const MONEY = '#,##0.00###';
const PERCENT = '0.00%';
const SCORE = '0.##';
const FONT = { name: '仿宋_GB2312', size: 11 };
const HEAD_FONT = { name: '黑体', size: 11 };
const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

type Sheet = ExcelJS.Worksheet;
type Value = string | number | null | { formula: string; result: number | string };

/** A decimal string as an Excel number (the file stores doubles; the string stays exact up to that). */
const num = (v: string | null | undefined): number | null => (v == null || v === '' ? null : Number(str(v)));

interface Put {
  v: Value;
  fmt?: string;
  align?: 'center' | 'left' | 'right';
  head?: boolean;
  /** merge to this column (inclusive), same row */
  to?: number;
  /** merge down this many rows */
  down?: number;
}

function put(ws: Sheet, r: number, c: number, p: Put): void {
  const cell = ws.getCell(r, c);
  cell.value = p.v as ExcelJS.CellValue;
  if (p.fmt) cell.numFmt = p.fmt;
  cell.font = p.head ? HEAD_FONT : FONT;
  cell.alignment = {
    vertical: 'middle',
    horizontal: p.align ?? (typeof p.v === 'string' ? 'left' : 'center'),
    wrapText: true,
  };
  const r2 = r + Math.max(0, (p.down ?? 1) - 1);
  const c2 = p.to ?? c;
  for (let rr = r; rr <= r2; rr++) for (let cc = c; cc <= c2; cc++) ws.getCell(rr, cc).border = BORDER;
  if (r2 > r || c2 > c) ws.mergeCells(r, c, r2, c2);
}

const col = (c: number) => String.fromCharCode(64 + c);

/** Lay out the form from row `r`; returns the rows used for the print/freeze setup. */
function writeForm(ws: Sheet, ev: EvaluationJson, f: Form): { header: number; last: number } {
  const project = ev.subject !== 'department';
  const W = f.columns.length + (project ? 1 : 0); // project forms carry the left label column
  let r = 1;
  // the department 得分表 is titled as the report's annex: “2024年度××整体支出绩效评价得分表”
  ws.getCell(r, 1).value = project ? f.title : annexTitle(ev);
  ws.getCell(r, 1).font = { name: '方正小标宋简体', size: 18 };
  ws.getCell(r, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.mergeCells(r, 1, r, W);
  ws.getRow(r).height = 32;
  r++;
  if (project) {
    ws.getCell(r, 1).value = f.year ? `（${f.year}）` : '';
    ws.getCell(r, 1).font = FONT;
    ws.getCell(r, 1).alignment = { horizontal: 'center' };
    ws.mergeCells(r, 1, r, W);
    r++;
  }

  if (project) {
    for (const line of f.header) {
      if (line.length === 1) {
        put(ws, r, 1, { v: line[0].label, to: 3, align: 'center' });
        put(ws, r, 4, { v: line[0].value, to: 9 });
      } else {
        put(ws, r, 1, { v: line[0].label, to: 3, align: 'center' });
        put(ws, r, 4, { v: line[0].value, to: 5 });
        put(ws, r, 6, { v: line[1].label, to: 7, align: 'center' });
        put(ws, r, 8, { v: line[1].value, to: 9 });
      }
      r++;
    }
  }

  let budgetRow: number | null = null;
  if (f.budget) {
    const b = f.budget;
    put(ws, r, 1, { v: '项目资金（万元）', down: 1 + b.rows.length, align: 'center' });
    put(ws, r, 2, { v: '', to: 3 });
    ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'].forEach((h, k) => put(ws, r, 4 + k, { v: h, align: 'center' }));
    r++;
    budgetRow = r;
    const first = r + 1;
    const last = r + b.rows.length - 1;
    b.rows.forEach((row, k) => {
      const rr = r + k;
      put(ws, rr, 2, { v: row.label, to: 3 });
      (['initialBudget', 'adjustedBudget', 'executed'] as const).forEach((key, j) => {
        const c = 4 + j;
        let v: Value = num(row.values[key]);
        const parts = b.rows.slice(1).map((x) => x.values[key]);
        // 年度资金总额 = Σ fund sources, live, when the document's own figures add up
        if (row.isTotal && v != null && parts.some((x) => x != null) && sum(parts).equals(D(row.values[key]!))) {
          v = { formula: `SUM(${col(c)}${first}:${col(c)}${last})`, result: v };
        }
        put(ws, rr, c, { v, fmt: MONEY, align: 'right' });
      });
      if (row.isTotal) {
        put(ws, rr, 7, { v: num(b.weight), fmt: SCORE });
        put(ws, rr, 8, { v: rateValue(ev, rr, b.rateFraction), fmt: PERCENT });
        put(ws, rr, 9, { v: num(b.score), fmt: SCORE });
      } else {
        for (const c of [7, 8, 9]) put(ws, rr, c, { v: '—', align: 'center' });
      }
    });
    r += b.rows.length;
  }

  if (f.goals && project) {
    put(ws, r, 1, { v: '年度总体目标', down: 2, align: 'center' });
    put(ws, r, 2, { v: '预期目标', to: 5, align: 'center' });
    put(ws, r, 6, { v: '实际完成情况', to: 9, align: 'center' });
    put(ws, r + 1, 2, { v: f.goals.expected, to: 5 });
    put(ws, r + 1, 6, { v: f.goals.actual, to: 9 });
    ws.getRow(r + 1).height = Math.min(400, 15 * Math.ceil(Math.max(f.goals.expected.length, f.goals.actual.length, 1) / 28) + 6);
    r += 2;
  }

  // indicator table
  const lead = project ? 1 : 0;
  const header = r;
  if (project) put(ws, r, 1, { v: '绩效指标', down: 1 + f.rows.length, align: 'center' });
  f.columns.forEach((c, k) => put(ws, r, lead + 1 + k, { v: c.label, head: true, align: 'center' }));
  r++;
  const first = r;
  const colOf = (key: string) => lead + 1 + f.columns.findIndex((c) => c.key === key);
  f.rows.forEach((row, k) => {
    const rr = first + k;
    f.columns.forEach((c, j) => {
      const cc = lead + 1 + j;
      if (c.key === 'l1' || c.key === 'l2') {
        const span = row.span[c.key];
        if (span > 0) put(ws, rr, cc, { v: row.cells[c.key], down: span, align: 'center' });
        return;
      }
      if (c.key === 'weight' || c.key === 'score') {
        if (row.span.w === 0) return;
        return put(ws, rr, cc, { v: num(c.key === 'weight' ? row.weight : row.score), fmt: SCORE, down: row.span.w });
      }
      put(ws, rr, cc, { v: row.cells[c.key] ?? '', align: c.align });
    });
  });
  r = first + f.rows.length;
  const last = r - 1;
  const wc = colOf('weight');
  const sc = colOf('score');
  put(ws, r, 1, { v: project ? '总分' : '合计', to: wc - 1, head: true, align: 'center' });
  const extraW = budgetRow != null && f.budget?.weight != null ? `+${col(7)}${budgetRow}` : '';
  const extraS = budgetRow != null && f.budget?.score != null ? `+${col(9)}${budgetRow}` : '';
  const range = (c: number) => (f.rows.length ? `SUM(${col(c)}${first}:${col(c)}${last})` : '0');
  put(ws, r, wc, { v: { formula: range(wc) + extraW, result: Number(f.totals.weightSum ?? 0) }, fmt: SCORE });
  for (let c = wc + 1; c < sc; c++) put(ws, r, c, { v: '' });
  put(ws, r, sc, { v: { formula: range(sc) + extraS, result: Number(f.totals.scoreSum ?? 0) }, fmt: SCORE });
  for (let c = sc + 1; c <= W; c++) put(ws, r, c, { v: '' });
  if (ev.statedTotal != null && f.totals.scoreSum != null && !D(ev.statedTotal).equals(D(f.totals.scoreSum))) {
    ws.getCell(r, sc).note = `原表填报总分 ${str(ev.statedTotal)}，与各项得分之和不一致`;
  }
  return { header, last: r };
}

/** 执行率 as a live formula 全年执行数 ÷ (the ruleset's denominator) when that is a column of the form. */
function rateValue(ev: EvaluationJson, row: number, fraction: string | null): Value {
  const b = ev.budget;
  if (!b) return null;
  const denominator = getRuleset(ev.ruleset)?.executionRateDenominator ?? 'adjustedBudget';
  const den = denominator === 'adjustedBudget' ? b.adjustedBudget : denominator === 'initialBudget' ? b.initialBudget : null;
  const denCol = denominator === 'adjustedBudget' ? 'E' : 'D';
  if (den != null && b.executed != null && !D(den).isZero()) {
    return { formula: `F${row}/${denCol}${row}`, result: Number(D(b.executed).dividedBy(D(den)).toSignificantDigits(15).toString()) };
  }
  return num(fraction);
}

function setup(ws: Sheet, ev: EvaluationJson, header: number): void {
  const project = ev.subject !== 'department';
  const widths = project ? [6, 10, 11, 18, 16, 14, 8, 10, 26] : [9, 10, 14, 18, 28, 10, 7, 26, 7];
  widths.forEach((w, k) => (ws.getColumn(k + 1).width = w));
  // a province's form with more columns: the added ones as wide as their kind
  const cols = columns(ev);
  const lead = project ? 1 : 0;
  for (let k = widths.length - lead; k < cols.length; k++) ws.getColumn(lead + k + 1).width = Math.max(7, Math.round(cols[k].width * 1.2));
  ws.views = [{ state: 'frozen', ySplit: header, xSplit: 0, topLeftCell: `A${header + 1}` }];
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: project ? 'portrait' : 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${header}:${header}`,
    margins: { left: 0.6, right: 0.6, top: 0.8, bottom: 0.8, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&C— &P —' };
}

function sheetName(ev: EvaluationJson): string {
  return ev.subject === 'department' ? '得分表' : '自评表';
}

/** One evaluation's form as a workbook. */
export async function renderXlsx(ev: EvaluationJson): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao';
  const ws = wb.addWorksheet(sheetName(ev));
  const { header } = writeForm(ws, ev, form(ev));
  setup(ws, ev, header);
  return toBytes(wb);
}

async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

// ---------------------------------------------------------------- summary

const GRADE_WORDS: [string, RegExp][] = [
  ['优', /^优/],
  ['良', /^良/],
  ['中', /^(中|合格|一般)/],
  ['差', /^(差|不合格)/],
];

/** 优/良/中/差 of an evaluation: the computed grade (of 计算总分), else the document's own word mapped. */
export function gradeOf(ev: EvaluationJson): string {
  if (ev.grade) return GRADE_LABEL[ev.grade];
  const w = shownGrade(ev).trim();
  return GRADE_WORDS.find(([, re]) => re.test(w))?.[0] ?? '';
}

/** Amount in 万元 for the summary (the forms' unit), exact. */
function wan(ev: EvaluationJson, v: string | null | undefined): number | null {
  if (v == null || !ev.budget) return null;
  return ev.budget.unit === '万元' ? Number(str(v)) : Number(str(D(v).dividedBy(10000)));
}

export const SUMMARY_COLUMNS = [
  '序号',
  '评价对象',
  '名称',
  '单位',
  '年度',
  '全年预算数（万元）',
  '全年执行数（万元）',
  '执行率',
  '填报总分',
  '计算总分',
  '等级',
  '错误',
  '警告',
  '提示',
] as const;

/** One row per evaluation, totals as formulas; a second sheet with the grade distribution. */
export async function renderSummaryXlsx(evs: EvaluationJson[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao';
  const ws = wb.addWorksheet('汇总');
  const n = SUMMARY_COLUMNS.length;
  ws.getCell(1, 1).value = '预算绩效自评汇总表';
  ws.getCell(1, 1).font = { name: '方正小标宋简体', size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(1, 1, 1, n);
  SUMMARY_COLUMNS.forEach((h, k) => put(ws, 2, k + 1, { v: h, head: true, align: 'center' }));
  const first = 3;
  let budgetSum = D(0);
  let execSum = D(0);
  evs.forEach((ev, k) => {
    const r = first + k;
    const b = ev.budget;
    const adjusted = wan(ev, b?.adjustedBudget);
    const executed = wan(ev, b?.executed);
    if (adjusted != null) budgetSum = budgetSum.plus(adjusted);
    if (executed != null) execSum = execSum.plus(executed);
    const rate = b?.rate ?? b?.statedRate ?? null;
    const count = (s: string) => ev.findings?.filter((f) => f.severity === s).length ?? 0;
    const values: Put[] = [
      { v: k + 1 },
      { v: ev.subject === 'department' ? '部门整体' : '项目', align: 'center' },
      { v: ev.title ?? '' },
      { v: ev.unit ?? '' },
      { v: ev.fiscalYear ?? null },
      { v: adjusted, fmt: MONEY, align: 'right' },
      { v: executed, fmt: MONEY, align: 'right' },
      { v: rate == null ? null : Number(str(D(rate).dividedBy(100))), fmt: PERCENT },
      { v: num(ev.statedTotal), fmt: SCORE },
      { v: num(ev.total), fmt: SCORE },
      { v: gradeOf(ev), align: 'center' },
      { v: count('error') },
      { v: count('warning') },
      { v: count('info') },
    ];
    values.forEach((p, j) => put(ws, r, j + 1, p));
  });
  const last = first + evs.length - 1;
  const tr = last + 1;
  const sumOf = (c: number, result: number) => ({ formula: evs.length ? `SUM(${col(c)}${first}:${col(c)}${last})` : '0', result });
  put(ws, tr, 1, { v: '合计', to: 5, head: true, align: 'center' });
  put(ws, tr, 6, { v: sumOf(6, Number(str(budgetSum))), fmt: MONEY, align: 'right' });
  put(ws, tr, 7, { v: sumOf(7, Number(str(execSum))), fmt: MONEY, align: 'right' });
  put(ws, tr, 8, {
    v: { formula: `IF(F${tr}=0,"",G${tr}/F${tr})`, result: budgetSum.isZero() ? '' : Number(execSum.dividedBy(budgetSum).toSignificantDigits(15).toString()) },
    fmt: PERCENT,
  });
  for (const c of [9, 10, 11]) put(ws, tr, c, { v: '' });
  for (const [c, s] of [
    [12, 'error'],
    [13, 'warning'],
    [14, 'info'],
  ] as const) {
    put(ws, tr, c, { v: sumOf(c, evs.reduce((a, ev) => a + (ev.findings?.filter((f) => f.severity === s).length ?? 0), 0)) });
  }
  [6, 8, 28, 24, 7, 14, 14, 9, 8, 8, 6, 6, 6, 6].forEach((w, k) => (ws.getColumn(k + 1).width = w));
  ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 0, topLeftCell: 'A3' }];
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: Math.max(2, last), column: n } };
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' };

  const gs = wb.addWorksheet('等级分布');
  gs.getCell(1, 1).value = '等级分布';
  gs.getCell(1, 1).font = { name: '方正小标宋简体', size: 16 };
  gs.mergeCells(1, 1, 1, 3);
  ['等级', '数量', '占比'].forEach((h, k) => put(gs, 2, k + 1, { v: h, head: true, align: 'center' }));
  const grades = ['优', '良', '中', '差'];
  const counts = grades.map((g) => evs.filter((ev) => gradeOf(ev) === g).length);
  const ungraded = evs.length - counts.reduce((a, b) => a + b, 0);
  const range = evs.length ? `汇总!$K$${first}:$K$${last}` : null;
  grades.forEach((g, k) => {
    const r = 3 + k;
    put(gs, r, 1, { v: g, align: 'center' });
    put(gs, r, 2, { v: range ? { formula: `COUNTIF(${range},"${g}")`, result: counts[k] } : 0 });
    put(gs, r, 3, { v: { formula: `IF(B$8=0,"",B${r}/B$8)`, result: evs.length ? counts[k] / evs.length : '' }, fmt: PERCENT });
  });
  put(gs, 7, 1, { v: '未定级', align: 'center' });
  put(gs, 7, 2, { v: range ? { formula: `COUNTBLANK(${range})`, result: ungraded } : 0 });
  put(gs, 7, 3, { v: { formula: 'IF(B$8=0,"",B7/B$8)', result: evs.length ? ungraded / evs.length : '' }, fmt: PERCENT });
  put(gs, 8, 1, { v: '合计', head: true, align: 'center' });
  put(gs, 8, 2, { v: { formula: 'SUM(B3:B7)', result: evs.length } });
  put(gs, 8, 3, { v: { formula: 'IF(B8=0,"",1)', result: evs.length ? 1 : '' }, fmt: PERCENT });
  [10, 10, 10].forEach((w, k) => (gs.getColumn(k + 1).width = w));
  return toBytes(wb);
}
