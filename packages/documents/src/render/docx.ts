// The Word report: the self-evaluation report in its fixed outline, then the score table,
// laid out after GB/T 9704 (党政机关公文格式).
import { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph as DocxParagraph, TextRun as DocxRun } from 'docx';
import { unzipSync, strFromU8, strToU8 } from 'fflate';
import { entry, zip, type ZipEntry } from './zip.ts';
import { KEEP_LINES, contentWidths, rowLines } from './widths.ts';
import type { EvaluationJson } from '@jixiao/core';
import {
  form,
  reportSections,
  reportTitle,
  annexTitle,
  runs,
  scoreLine,
  shownGrade,
  yearText,
  type Form,
  type IndicatorRow,
} from './layout.ts';

// Speed: packing a document with the docx package costs ~20 ms even when empty, too slow for the
// 50 reports/s target. So the package writes the fixed parts once (styles, settings, fonts, footers,
// content types) as a template, and each report writes only its word/document.xml, below.

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
/** Each official font and the one to use where it is missing (方正小标宋简体 → 宋体 …). */
const FALLBACK: [string, string][] = [
  [FONT.title, '宋体'],
  [FONT.body, '仿宋'],
  [FONT.h2, '楷体'],
  [FONT.h1, 'SimHei'],
  [FONT.page, 'SimSun'],
];

const PT = (pt: number) => pt * 2; // docx sizes are half-points
const SIZE = { body: PT(16), title: PT(22), page: PT(14), table: PT(10.5) };

function lineTwips(linesPerPage: number): number {
  return Math.floor((BODY_HEIGHT_MM * MM) / linesPerPage);
}

interface Ctx {
  line: number;
}

// ---------------------------------------------------------------- WordprocessingML

// characters XML 1.0 does not allow (control characters from pasted text) are dropped
const XML_BAD = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const xml = (t: string) => t.replace(XML_BAD, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// 28 characters of 三号 (16 pt) need 448 pt but the 版心 is 156 mm = 442 pt wide: narrow each
// character by 0.25 pt. (A Word character grid would do the same, but LibreOffice then spaces
// table text out to the grid too.)
const BODY_CHAR_SPACING = -5;

interface RunOpts {
  font?: string;
  size?: number;
  bold?: boolean;
  highlight?: boolean;
  spacing?: number;
}

function run(t: string, o: RunOpts = {}): string {
  const f = xml(o.font ?? FONT.body);
  const size = o.size ?? SIZE.body;
  return (
    `<w:r><w:rPr><w:rFonts w:ascii="${f}" w:hAnsi="${f}" w:eastAsia="${f}" w:cs="${f}"/>` +
    (o.bold ? '<w:b/><w:bCs/>' : '') +
    (o.spacing ? `<w:spacing w:val="${o.spacing}"/>` : '') +
    `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/>` +
    (o.highlight ? '<w:highlight w:val="yellow"/>' : '') +
    `</w:rPr><w:t xml:space="preserve">${xml(t)}</w:t></w:r>`
  );
}

interface ParaOpts {
  align?: 'left' | 'center' | 'both' | 'right';
  /** twips; exact line height */
  line?: number;
  /** auto line spacing in 240ths of a line */
  autoLine?: number;
  after?: number;
  firstLine?: number;
  pageBreakBefore?: boolean;
  /** section properties ending a section inside the body */
  sectPr?: string;
}

function para(content: string, o: ParaOpts = {}): string {
  const spacing =
    o.autoLine != null
      ? `<w:spacing w:before="0" w:after="0" w:line="${o.autoLine}" w:lineRule="auto"/>`
      : `<w:spacing w:before="0" w:after="${o.after ?? 0}" w:line="${o.line}" w:lineRule="exact"/>`;
  return (
    '<w:p><w:pPr>' +
    (o.pageBreakBefore ? '<w:pageBreakBefore/>' : '') +
    spacing +
    (o.firstLine ? `<w:ind w:firstLine="${o.firstLine}"/>` : '') +
    `<w:jc w:val="${o.align ?? 'both'}"/>` +
    (o.sectPr ?? '') +
    `</w:pPr>${content}</w:p>`
  );
}

function bodyParagraph(ctx: Ctx, t: string, o: { indent?: boolean; align?: 'left' | 'center' | 'both'; font?: string; bold?: boolean } = {}): string {
  return para(runs(t).map((r) => run(r.text, { font: o.font, bold: o.bold || r.bold, spacing: BODY_CHAR_SPACING })).join(''), {
    line: ctx.line,
    align: o.align ?? 'both',
    firstLine: o.indent === false ? undefined : SIZE.body * 20, // 首行缩进两字 (2 × 16 pt)
  });
}

function title(ctx: Ctx, t: string, pageBreakBefore = false): string {
  // 二号 does not fit the 三号 grid: one and a half lines, half a line after
  return para(run(t, { font: FONT.title, size: SIZE.title }), {
    align: 'center',
    line: Math.round(ctx.line * 1.5),
    after: Math.round(ctx.line / 2),
    pageBreakBefore,
  });
}

function emptyLine(ctx: Ctx): string {
  return para('', { line: ctx.line });
}

// ---------------------------------------------------------------- tables

function cellParagraphs(t: string, o: { align?: 'center' | 'left'; font?: string } = {}): string {
  const lines = t === '' ? [''] : t.split(/\n/);
  return lines.map((l) => para(l ? run(l, { size: SIZE.table, font: o.font }) : '', { autoLine: 250, align: o.align === 'left' ? 'left' : 'center' })).join('');
}

interface CellSpec {
  t: string;
  span?: number;
  rows?: number;
  align?: 'center' | 'left';
  head?: boolean;
}

const CELL_MARGINS = '<w:tcMar><w:top w:w="30" w:type="dxa"/><w:left w:w="60" w:type="dxa"/><w:bottom w:w="30" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tcMar>';

function tc(width: number, span: number, merge: 'restart' | 'continue' | null, body: string): string {
  return (
    `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>` +
    (span > 1 ? `<w:gridSpan w:val="${span}"/>` : '') +
    (merge === 'restart' ? '<w:vMerge w:val="restart"/>' : merge === 'continue' ? '<w:vMerge/>' : '') +
    `${CELL_MARGINS}<w:vAlign w:val="center"/></w:tcPr>${body}</w:tc>`
  );
}

/** A row from cell specs; `covered` lists (single) columns taken by a merge from a row above. */
function row(cells: CellSpec[], widths: number[], o: { header?: boolean; cantSplit?: boolean; covered?: number[] } = {}): string {
  let out = '';
  let col = 0;
  const cover = () => {
    while (o.covered?.includes(col)) {
      out += tc(widths[col], 1, 'continue', '<w:p/>');
      col++;
    }
  };
  for (const c of cells) {
    cover();
    const span = c.span ?? 1;
    const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
    out += tc(width, span, c.rows && c.rows > 1 ? 'restart' : null, cellParagraphs(c.t, { align: c.align, font: c.head ? FONT.h1 : undefined }));
    col += span;
  }
  cover();
  const trPr = (o.cantSplit ?? true ? '<w:cantSplit/>' : '') + (o.header ? '<w:tblHeader/>' : '');
  return `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}${out}</w:tr>`;
}

const BORDERS = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((b) => `<w:${b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`).join('');

function table(rows: string[], widths: number[]): string {
  const total = widths.reduce((a, b) => a + b, 0);
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>${BORDERS}</w:tblBorders>` +
    `<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>` +
    rows.join('') +
    '</w:tbl>'
  );
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
function formTopTable(f: Form, widths: number[], withHeader: boolean): string | null {
  const rows: string[] = [];
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

/** The indicator rows: header repeated on each page, 一级/二级 merged, tall rows free to break across pages. */
function indicatorTable(f: Form, widths: number[], labelColumn: boolean): string {
  const cols = f.columns;
  const lead = labelColumn ? 1 : 0;
  const rows: string[] = [];
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
    // a short row is kept whole; a tall one may break across pages rather than leave half a page
    // empty (the header row repeats, a merged cell continues on the next page)
    rows.push(row(cells, widths, { covered, cantSplit: rowLines(cols, r, widths, lead) <= KEEP_LINES }));
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
function joint(): string {
  return para(run('', { size: 2 }), { line: 20 });
}

// ---------------------------------------------------------------- page

function sectPr(template: Template, landscape: boolean): string {
  // a landscape page is the portrait page turned (GB/T 9704 §10.1): the 版心 turns with it
  const size = landscape ? `<w:pgSz w:w="${A4.height}" w:h="${A4.width}" w:orient="landscape"/>` : `<w:pgSz w:w="${A4.width}" w:h="${A4.height}" w:orient="portrait"/>`;
  const m = landscape
    ? { top: MARGIN.left, right: MARGIN.bottom, bottom: MARGIN.right, left: MARGIN.top, header: tw(12), footer: tw(12) }
    : { ...MARGIN, header: tw(15), footer: tw(21) };
  return (
    `<w:sectPr>${template.footerRefs}${size}` +
    `<w:pgMar w:top="${m.top}" w:right="${m.right}" w:bottom="${m.bottom}" w:left="${m.left}" w:header="${m.header}" w:footer="${m.footer}" w:gutter="0"/>` +
    '<w:pgNumType/><w:docGrid w:linePitch="360"/></w:sectPr>'
  );
}

// ---------------------------------------------------------------- the template

interface Template {
  /** the fixed parts, deflated once */
  entries: ZipEntry[];
  core: string;
  /** the document.xml head up to <w:body> and the footer references of its section */
  head: string;
  footerRefs: string;
}

const templates = new Map<number, Promise<Template>>();

/** The fixed parts, written by the docx package: styles (仿宋 三号, exact line pitch), odd/even footers “— 1 —”. */
function template(line: number): Promise<Template> {
  let t = templates.get(line);
  if (!t) {
    t = buildTemplate(line);
    templates.set(line, t);
  }
  return t;
}

async function buildTemplate(line: number): Promise<Template> {
  const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
  // GB/T 9704 §7.5: 4号 半角宋体 “— 1 —”; odd pages right, even pages left, one character in
  const footer = (align: 'right' | 'left') =>
    new Footer({
      children: [
        new DocxParagraph({
          alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          indent: align === 'right' ? { right: SIZE.page * 10 } : { left: SIZE.page * 10 },
          children: [new DocxRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONT.page), size: SIZE.page })],
        }),
      ],
    });
  const doc = new Document({
    creator: 'jixiao',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font(FONT.body), size: SIZE.body },
          paragraph: { spacing: { line, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections: [{ footers: { default: footer('right'), even: footer('left') }, children: [new DocxParagraph('')] }],
  });
  const files = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
  const documentXml = strFromU8(files['word/document.xml']);
  const head = documentXml.slice(0, documentXml.indexOf('<w:body>') + '<w:body>'.length);
  const footerRefs = (documentXml.match(/<w:footerReference [^>]*\/>/g) ?? []).join('');
  // the official fonts are not on every machine: name the usual fallbacks (Word reads w:altName)
  const fontTable = strFromU8(files['word/fontTable.xml']);
  const fonts = FALLBACK.map(
    ([name, alt]) => `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="${name === FONT.h1 ? 'modern' : 'roman'}"/><w:pitch w:val="variable"/></w:font>`,
  ).join('');
  files['word/fontTable.xml'] = strToU8(
    fontTable.includes('</w:fonts>') ? fontTable.replace('</w:fonts>', `${fonts}</w:fonts>`) : fontTable.replace(/\/>\s*$/, `>${fonts}</w:fonts>`),
  );
  const core = strFromU8(files['docProps/core.xml']);
  const entries = Object.entries(files)
    .filter(([name]) => name !== 'word/document.xml' && name !== 'docProps/core.xml')
    .map(([name, data]) => entry(name, data, 9));
  return { entries, core, head, footerRefs };
}

// ---------------------------------------------------------------- the report

function narrative(ev: EvaluationJson, ctx: Ctx): string[] {
  const out: string[] = [];
  for (const s of reportSections(ev)) {
    const h = s.item.depth === 1 ? FONT.h1 : FONT.h2;
    out.push(bodyParagraph(ctx, s.item.heading, { font: h }));
    if (s.item.group) continue;
    for (const p of s.paragraphs) out.push(bodyParagraph(ctx, p));
  }
  return out;
}


function projectBody(ev: EvaluationJson, ctx: Ctx, t: Template): string {
  const f = form(ev);
  const portraitWidth = A4.width - MARGIN.left - MARGIN.right;
  const widths = scaleWidths(PROJECT_GRID_MM, portraitWidth);
  const year = ev.fiscalYear ? [bodyParagraph(ctx, `（${yearText(ev)}）`, { align: 'center', indent: false, font: FONT.h2 })] : [];
  const top = formTopTable(f, widths, true);
  return [
    title(ctx, reportTitle(ev)),
    ...year,
    bodyParagraph(ctx, `项目名称：${ev.title}`, { indent: false }),
    bodyParagraph(ctx, `填报单位：${ev.unit ?? ''}`, { indent: false }),
    bodyParagraph(ctx, scoreLine(f.totals.score, shownGrade(ev)), { indent: false }),
    ...narrative(ev, ctx),
    title(ctx, f.title, true),
    ...year,
    ...(top ? [top, joint()] : []),
    indicatorTable(f, contentWidths(f.columns, f.rows, portraitWidth, 1), true),
    sectPr(t, false),
  ].join('');
}

function departmentBody(ev: EvaluationJson, ctx: Ctx, t: Template): string {
  const f = form(ev);
  const annex = annexTitle(ev);
  // the 得分表 has nine columns: a landscape section, as the seeds print it
  const landscapeWidth = A4.height - MARGIN.top - MARGIN.bottom;
  const widths = contentWidths(f.columns, f.rows, landscapeWidth);
  const top = f.budget || f.goals ? formTopTable(f, scaleWidths(PROJECT_GRID_MM, landscapeWidth), false) : null;
  const annexLine = para(runs(`附件：${annex}`).map((r) => run(r.text, { spacing: BODY_CHAR_SPACING })).join(''), {
    line: ctx.line,
    firstLine: SIZE.body * 20,
    sectPr: sectPr(t, false), // ends the portrait section of the report
  });
  return [
    title(ctx, reportTitle(ev)),
    ...narrative(ev, ctx),
    emptyLine(ctx),
    annexLine,
    bodyParagraph(ctx, '附件', { indent: false, font: FONT.h1 }),
    title(ctx, annex),
    ...(top ? [top, joint()] : []),
    indicatorTable(f, widths, false),
    sectPr(t, true),
  ].join('');
}

/** The report for one evaluation as a .docx: the narrative outline, then the form. */
export async function renderDocx(ev: EvaluationJson, opts: DocxOptions = {}): Promise<Uint8Array> {
  const ctx: Ctx = { line: lineTwips(opts.linesPerPage ?? 22) };
  const t = await template(ctx.line);
  const body = ev.subject === 'department' ? departmentBody(ev, ctx, t) : projectBody(ev, ctx, t);
  const documentXml = `${t.head}${body}</w:body></w:document>`;
  const title = xml(ev.subject === 'department' ? reportTitle(ev) : `${ev.title}${reportTitle(ev)}`);
  const core = t.core.replace(/<\/cp:coreProperties>/, `<dc:title>${title}</dc:title></cp:coreProperties>`);
  return zip([
    // [Content_Types].xml first, as Office writes it
    ...t.entries.filter((e) => e.name === '[Content_Types].xml'),
    entry('word/document.xml', strToU8(documentXml), 6),
    entry('docProps/core.xml', strToU8(core), 6),
    ...t.entries.filter((e) => e.name !== '[Content_Types].xml'),
  ]);
}
