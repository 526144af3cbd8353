// The Word report: the self-evaluation report in its fixed outline, then the score table,
// laid out after GB/T 9704 (党政机关公文格式).
import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { EvaluationJson } from '@jixiao/core';
import {
  PLACEHOLDER,
  LONG_CELL,
  form,
  reportSections,
  reportTitle,
  runs,
  shownGrade,
  yearText,
  type Form,
  type IndicatorRow,
} from './layout.ts';

export interface DocxOptions {
  /**
   * Lines per page of body text. GB/T 9704 §7.1 sets 22 lines × 28 characters for 三号 on its
   * 156 × 225 mm 版心; issue 4 says "28 lines of 28 characters", which would squeeze 三号 text to
   * a 22.8 pt pitch (1.4 lines) against the standard's 29 pt. We follow the standard by default.
   */
  linesPerPage?: number;
}

// GB/T 9704: A4; 天头 37 mm, 订口 28 mm; 版心 156 × 225 mm, hence bottom 35 mm and right 26 mm.
const MM = 1440 / 25.4;
const tw = (mm: number) => Math.round(mm * MM);
const A4 = { width: tw(210), height: tw(297) };
const MARGIN = { top: tw(37), bottom: tw(35), left: tw(28), right: tw(26) };
const BODY_HEIGHT_MM = 225;

const FONT = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  h1: '黑体',
  h2: '楷体_GB2312',
  page: '宋体',
};
const PT = (pt: number) => pt * 2; // docx sizes are half-points
const SIZE = { body: PT(16), title: PT(22), page: PT(14), table: PT(10.5) };

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });

function lineTwips(linesPerPage: number): number {
  return Math.floor((BODY_HEIGHT_MM * MM) / linesPerPage);
}

interface Ctx {
  line: number;
}

// 28 characters of 三号 (16 pt) need 448 pt but the 版心 is 156 mm = 442 pt wide: narrow each
// character by 0.25 pt. (A Word character grid would do the same, but LibreOffice then spaces
// table text out to the grid too.)
const BODY_CHAR_SPACING = -5;

function text(t: string, o: { font?: string; size?: number; bold?: boolean; highlight?: boolean; spacing?: number } = {}): TextRun {
  return new TextRun({
    text: t,
    font: font(o.font ?? FONT.body),
    size: o.size ?? SIZE.body,
    bold: o.bold,
    characterSpacing: o.spacing,
    ...(o.highlight ? { highlight: 'yellow' as const } : {}),
  });
}

function bodyParagraph(ctx: Ctx, t: string, o: { indent?: boolean; align?: 'left' | 'center' | 'both'; font?: string; bold?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: o.align === 'center' ? AlignmentType.CENTER : o.align === 'left' ? AlignmentType.LEFT : AlignmentType.BOTH,
    spacing: { line: ctx.line, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    indent: o.indent === false ? undefined : { firstLine: SIZE.body * 20 }, // 首行缩进两字 (2 × 16 pt)
    children: runs(t).map((r) => text(r.text, { font: o.font, bold: o.bold || r.bold, spacing: BODY_CHAR_SPACING })),
  });
}

function placeholder(ctx: Ctx, what: string): Paragraph {
  return new Paragraph({
    spacing: { line: ctx.line, lineRule: LineRuleType.EXACT },
    indent: { firstLine: SIZE.body * 20 },
    children: [text(PLACEHOLDER(what), { highlight: true })],
  });
}

function title(ctx: Ctx, t: string, pageBreakBefore = false): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    pageBreakBefore,
    // the title takes two grid lines, as 二号 does not fit the 三号 grid
    spacing: { line: Math.round(ctx.line * 1.5), lineRule: LineRuleType.EXACT, after: Math.round(ctx.line / 2) },
    children: [text(t, { font: FONT.title, size: SIZE.title })],
  });
}

function emptyLine(ctx: Ctx): Paragraph {
  return new Paragraph({ spacing: { line: ctx.line, lineRule: LineRuleType.EXACT }, children: [] });
}

// ---------------------------------------------------------------- tables

const CELL_SPACING = { line: 280, lineRule: LineRuleType.AUTO, before: 0, after: 0 };

function cellParagraphs(t: string, o: { align?: 'center' | 'left'; bold?: boolean; font?: string } = {}): Paragraph[] {
  const lines = t === '' ? [''] : t.split(/\n/);
  return lines.map(
    (l) =>
      new Paragraph({
        alignment: o.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: CELL_SPACING,
        children: [text(l, { size: SIZE.table, bold: o.bold, font: o.font })],
      }),
  );
}

interface CellSpec {
  t: string;
  span?: number;
  rows?: number;
  align?: 'center' | 'left';
  head?: boolean;
}

function cell(c: CellSpec, widths: number[], col: number): TableCell {
  const span = c.span ?? 1;
  const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
  return new TableCell({
    children: cellParagraphs(c.t, { align: c.align, font: c.head ? FONT.h1 : undefined }),
    columnSpan: span > 1 ? span : undefined,
    rowSpan: c.rows && c.rows > 1 ? c.rows : undefined,
    verticalAlign: VerticalAlignTable.CENTER,
    width: { size: width, type: WidthType.DXA },
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
  });
}

/** A row from cell specs; `covered` lists columns taken by a merge from a row above. */
function row(cells: CellSpec[], widths: number[], o: { header?: boolean; cantSplit?: boolean; covered?: number[] } = {}): TableRow {
  const out: TableCell[] = [];
  let col = 0;
  for (const c of cells) {
    while (o.covered?.includes(col)) col++;
    out.push(cell(c, widths, col));
    col += c.span ?? 1;
  }
  return new TableRow({ children: out, tableHeader: o.header, cantSplit: o.cantSplit ?? true });
}

function table(rows: TableRow[], widths: number[]): Table {
  return new Table({
    rows,
    columnWidths: widths,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
  });
}

/** Column widths in twips from relative widths, filling `total`. */
function scaleWidths(rel: number[], total: number): number[] {
  const s = rel.reduce((a, b) => a + b, 0);
  const w = rel.map((x) => Math.floor((x * total) / s));
  w[w.length - 1] += total - w.reduce((a, b) => a + b, 0);
  return w;
}

// Project form grid: a label column, then the eight indicator columns of the national form.
const PROJECT_GRID_MM = [7, 12, 14, 22, 21, 19, 13, 16, 32];

/** Header, 资金 block and 年度总体目标 of the 项目支出绩效自评表 (one table on the national grid). */
function formTopTable(f: Form, widths: number[], withHeader: boolean): Table | null {
  const rows: TableRow[] = [];
  if (withHeader) {
    for (const line of f.header) {
      if (line.length === 1) rows.push(row([{ t: line[0].label, span: 3 }, { t: line[0].value, span: 6, align: 'left' }], widths));
      else
        rows.push(
          row(
            [
              { t: line[0].label, span: 3 },
              { t: line[0].value, span: 2, align: 'left' },
              { t: line[1].label, span: 2 },
              { t: line[1].value, span: 2, align: 'left' },
            ],
            widths,
          ),
        );
    }
  }
  if (f.budget) {
    rows.push(
      row(
        [
          { t: '项目资金\n（万元）', rows: 1 + f.budget.rows.length },
          { t: '', span: 2 },
          { t: '年初预算数' },
          { t: '全年预算数' },
          { t: '全年执行数' },
          { t: '分值' },
          { t: '执行率' },
          { t: '得分' },
        ],
        widths,
      ),
    );
    for (const b of f.budget.rows) {
      rows.push(
        row(
          [
            { t: b.label, span: 2, align: 'left' },
            { t: b.initialBudget },
            { t: b.adjustedBudget },
            { t: b.executed },
            { t: b.weight },
            { t: b.rate },
            { t: b.score },
          ],
          widths,
          { covered: [0] },
        ),
      );
    }
  }
  if (f.goals) {
    rows.push(row([{ t: '年度总体目标', rows: 2 }, { t: '预期目标', span: 4 }, { t: '实际完成情况', span: 4 }], widths));
    rows.push(row([{ t: f.goals.expected, span: 4, align: 'left' }, { t: f.goals.actual, span: 4, align: 'left' }], widths, { covered: [0] }));
  }
  return rows.length ? table(rows, widths) : null;
}

function rowIsLong(r: IndicatorRow): boolean {
  return Object.values(r.cells).some((t) => t.length > LONG_CELL);
}

/** The indicator rows: header repeated on each page, 一级/二级 merged, rows kept whole. */
function indicatorTable(f: Form, widths: number[], labelColumn: boolean): Table {
  const cols = f.columns;
  const lead = labelColumn ? 1 : 0;
  const rows: TableRow[] = [];
  const head: CellSpec[] = cols.map((c) => ({ t: c.label, head: true }));
  if (labelColumn) head.unshift({ t: '绩\n效\n指\n标', rows: 1 + f.rows.length });
  rows.push(row(head, widths, { header: true }));
  for (const r of f.rows) {
    const covered: number[] = labelColumn ? [0] : [];
    const cells: CellSpec[] = [];
    cols.forEach((c, k) => {
      const merge = c.key === 'l1' || c.key === 'l2' ? c.key : c.key === 'weight' || c.key === 'score' ? 'w' : null;
      if (merge) {
        const span = r.span[merge];
        if (span === 0) {
          covered.push(lead + k);
          return;
        }
        cells.push({ t: r.cells[c.key], rows: span, align: 'center' });
        return;
      }
      cells.push({ t: r.cells[c.key] ?? '', align: c.align ?? 'left' });
    });
    // a row taller than a page cannot be kept whole; renderGaps reports it (R08)
    rows.push(row(cells, widths, { covered, cantSplit: !rowIsLong(r) }));
  }
  const weightCol = cols.findIndex((c) => c.key === 'weight');
  const scoreCol = cols.findIndex((c) => c.key === 'score');
  const total: CellSpec[] = [{ t: labelColumn ? '总分' : '合计', span: lead + weightCol, head: true }, { t: f.totals.weight }];
  if (scoreCol > weightCol + 1) total.push({ t: '', span: scoreCol - weightCol - 1 });
  total.push({ t: f.totals.score });
  if (scoreCol < cols.length - 1) total.push({ t: '', span: cols.length - 1 - scoreCol });
  rows.push(row(total, widths));
  return table(rows, widths);
}

/** A 1-pt paragraph: keeps Word from joining two tables (which would lose the repeated header). */
function joint(): Paragraph {
  return new Paragraph({ spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, children: [text('', { size: 2 })] });
}

// ---------------------------------------------------------------- page

function footers(): ISectionOptions['footers'] {
  // GB/T 9704 §7.5: 4号 半角宋体 “— 1 —”; odd pages right, even pages left, one character in
  const make = (align: 'right' | 'left') =>
    new Footer({
      children: [
        new Paragraph({
          alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          indent: align === 'right' ? { right: SIZE.page * 10 } : { left: SIZE.page * 10 },
          children: [
            new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONT.page), size: SIZE.page }),
          ],
        }),
      ],
    });
  return { default: make('right'), even: make('left') };
}

function sectionProps(ctx: Ctx, landscape: boolean): ISectionOptions['properties'] {
  return {
    page: {
      // docx swaps width and height itself for landscape
      size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
      // a landscape page is the portrait page turned (GB/T 9704 §10.1): the 版心 turns with it
      margin: landscape
        ? { top: MARGIN.left, bottom: MARGIN.right, left: MARGIN.top, right: MARGIN.bottom, header: tw(12), footer: tw(12) }
        : { ...MARGIN, header: tw(15), footer: tw(21) },
    },
  };
}

// ---------------------------------------------------------------- the report

function narrative(ev: EvaluationJson, ctx: Ctx): Paragraph[] {
  const out: Paragraph[] = [];
  for (const s of reportSections(ev)) {
    const h = s.item.depth === 1 ? FONT.h1 : FONT.h2;
    out.push(bodyParagraph(ctx, s.item.heading, { font: h }));
    if (s.item.group) continue;
    if (s.paragraphs.length === 0) out.push(placeholder(ctx, s.item.what));
    for (const p of s.paragraphs) out.push(bodyParagraph(ctx, p));
  }
  return out;
}

/** “自评得分：98分　　自评等级：“优””: the grade quoted, as reports write it. */
export function scoreLine(score: string, grade: string): string {
  return `自评得分：${score ? `${score}分` : '—'}　　自评等级：${grade ? `“${grade}”` : '—'}`;
}

function projectSections(ev: EvaluationJson, ctx: Ctx): ISectionOptions[] {
  const f = form(ev);
  const widths = scaleWidths(PROJECT_GRID_MM, A4.width - MARGIN.left - MARGIN.right);
  const head: Paragraph[] = [
    title(ctx, reportTitle(ev)),
    ...(ev.fiscalYear ? [bodyParagraph(ctx, `（${yearText(ev)}）`, { align: 'center', indent: false, font: FONT.h2 })] : []),
    bodyParagraph(ctx, `项目名称：${ev.title}`, { indent: false }),
    bodyParagraph(ctx, `填报单位：${ev.unit ?? ''}`, { indent: false }),
    bodyParagraph(ctx, scoreLine(f.totals.score, shownGrade(ev)), { indent: false }),
  ];
  const top = formTopTable(f, widths, true);
  const formPart: (Paragraph | Table)[] = [
    title(ctx, f.title, true),
    ...(ev.fiscalYear ? [bodyParagraph(ctx, `（${yearText(ev)}）`, { align: 'center', indent: false, font: FONT.h2 })] : []),
    ...(top ? [top, joint()] : []),
    indicatorTable(f, widths, true),
  ];
  return [{ properties: sectionProps(ctx, false), footers: footers(), children: [...head, ...narrative(ev, ctx), ...formPart] }];
}

function departmentSections(ev: EvaluationJson, ctx: Ctx): ISectionOptions[] {
  const f = form(ev);
  const annexTitle = `${yearText(ev)}${ev.unit ?? ev.title}${f.title}`;
  const report: Paragraph[] = [
    title(ctx, reportTitle(ev)),
    ...narrative(ev, ctx),
    emptyLine(ctx),
    bodyParagraph(ctx, `附件：${annexTitle}`),
  ];
  // the 得分表 has nine columns: a landscape section, as the seeds print it
  const landscapeWidth = A4.height - MARGIN.top - MARGIN.bottom;
  const widths = scaleWidths(
    f.columns.map((c) => c.width),
    landscapeWidth,
  );
  const budgetWidths = scaleWidths(PROJECT_GRID_MM, landscapeWidth);
  const top = f.budget || f.goals ? formTopTable(f, budgetWidths, false) : null;
  const annex: (Paragraph | Table)[] = [
    bodyParagraph(ctx, '附件', { indent: false, font: FONT.h1 }),
    title(ctx, annexTitle),
    ...(top ? [top, joint()] : []),
    indicatorTable(f, widths, false),
  ];
  return [
    { properties: sectionProps(ctx, false), footers: footers(), children: report },
    { properties: sectionProps(ctx, true), footers: footers(), children: annex },
  ];
}

/** The report for one evaluation as a .docx: the narrative outline, then the form. */
export async function renderDocx(ev: EvaluationJson, opts: DocxOptions = {}): Promise<Uint8Array> {
  const ctx: Ctx = { line: lineTwips(opts.linesPerPage ?? 22) };
  const sections = ev.subject === 'department' ? departmentSections(ev, ctx) : projectSections(ev, ctx);
  const doc = new Document({
    creator: 'jixiao',
    title: ev.subject === 'department' ? reportTitle(ev) : `${ev.title}${reportTitle(ev)}`,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font(FONT.body), size: SIZE.body },
          paragraph: { spacing: { line: ctx.line, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections,
  });
  const buf = await Packer.toBuffer(doc);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
