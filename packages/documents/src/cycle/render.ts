// The cycle's forms (forms.ts) written as .xlsx (exceljs, merged cells) and .docx (a Word table with
// merged cells). Every value is written as the text the form shows, so what is read back is what was
// approved, digit for digit.
import ExcelJS from 'exceljs';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType, PageOrientation } from 'docx';
import type { Form } from './forms.ts';

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export async function formXlsx(form: Form, sheetName: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName, { pageSetup: { paperSize: 9, orientation: form.columns > 6 ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  form.widths.forEach((w, k) => (ws.getColumn(k + 1).width = w));
  ws.mergeCells(1, 1, 1, form.columns);
  ws.getCell(1, 1).value = form.title;
  ws.getCell(1, 1).font = { name: '方正小标宋简体', size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, form.columns);
  ws.getCell(2, 1).value = form.subtitle;
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  const taken = new Set<string>();
  form.rows.forEach((row, r) => {
    const rr = r + 3;
    let c = 1;
    for (const cell of row) {
      while (taken.has(`${rr}:${c}`)) c++;
      const cs = cell.colSpan ?? 1;
      const rs = cell.rowSpan ?? 1;
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) taken.add(`${rr + dr}:${c + dc}`);
      const x = ws.getCell(rr, c);
      x.value = cell.text;
      x.font = { name: cell.head ? '黑体' : '仿宋_GB2312', size: 11 };
      x.alignment = { vertical: 'middle', horizontal: cell.head ? 'center' : 'left', wrapText: true };
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) ws.getCell(rr + dr, c + dc).border = BORDER;
      if (cs > 1 || rs > 1) ws.mergeCells(rr, c, rr + rs - 1, c + cs - 1);
      c += cs;
    }
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function formDocx(form: Form): Promise<Uint8Array> {
  const total = form.widths.reduce((a, b) => a + b, 0);
  const width = form.columns > 6 ? 13800 : 9000; // twentieths of a point inside the margins
  const cols = form.widths.map((w) => Math.round((w / total) * width));
  const text = (t: string, bold = false) =>
    new Paragraph({ alignment: bold ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text: t, bold, font: bold ? '黑体' : '仿宋_GB2312', size: 21 })] });
  const table = new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: cols,
    rows: form.rows.map(
      (row) =>
        new TableRow({
          children: row.map(
            (c) =>
              new TableCell({
                columnSpan: c.colSpan,
                rowSpan: c.rowSpan,
                verticalAlign: VerticalAlign.CENTER,
                children: c.text.split('\n').map((line) => text(line, !!c.head)),
              }),
          ),
        }),
    ),
  });
  const doc = new Document({
    sections: [
      {
        properties: form.columns > 6 ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {},
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: form.title, font: '方正小标宋简体', size: 36 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: form.subtitle, size: 24 })] }),
          table,
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
