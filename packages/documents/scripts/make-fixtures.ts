// Writes the format fixtures of issue 3 into packages/documents/test-fixtures/:
//   formats/<seed>.{docx,xlsx,html,pdf} — each seed's paragraphs and tables in the layouts units use
//     (一级/二级 columns merged vertically, the 资金 block header merged across, two-row headers with spans);
//   hostile/* — zip bomb, XXE, truncated, password-protected .xlsx and .pdf, text-less PDF, empty file,
//     .docx renamed .pdf.
// Usage: node --import tsx packages/documents/scripts/make-fixtures.ts [--no-pdf] [--full-pdf] [--out DIR]
// The PDFs need Chromium (/usr/bin/chromium or $CHROMIUM); everything else is pure JS.
// --full-pdf also prints each whole report (too big to commit; formats.test.ts prints them itself).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, strToU8 } from 'fflate';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import * as docx from 'docx';
import type { Block, Cell, Table } from '../src/document.ts';
import { readText } from '../src/read/text.ts';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '..');
const repo = resolve(pkg, '../..');
const args = process.argv.slice(2);
const outDir = args.includes('--out') ? resolve(args[args.indexOf('--out') + 1]) : join(pkg, 'test-fixtures');
const seedsDir = process.env.JIXIAO_SEEDS ?? resolve(repo, '../shared/seeds');

// ---------------------------------------------------------------- layout

/** A position of the layout grid: an origin cell (with spans) or covered by one. */
type Slot = { text: string; rs: number; cs: number } | 'covered' | undefined;

export interface Layout {
  blocks: (Block | LaidTable)[];
}
export interface LaidTable {
  kind: 'laid';
  slots: Slot[][];
  width: number;
}

const TOTAL = /^(总分|合计|总计|自评得分)/;

/** Seed text → blocks, each table given the merged cells a Word/Excel original would have. */
export function layoutSeed(text: string, path: string): Layout {
  const doc = readText(new TextEncoder().encode(text), path);
  const blocks: Layout['blocks'] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph') blocks.push(b);
    else for (const part of splitProjects(b)) blocks.push(layTable(part));
  }
  return { blocks };
}

/** One 自评表 per project: a table that restarts at 项目名称 becomes several tables. */
function splitProjects(t: Table): Table[] {
  const out: Table[] = [];
  let cur: Cell[][] = [];
  for (const row of t.rows) {
    if (cur.length > 0 && /^项目名称/.test(row[0]?.text ?? '')) {
      out.push({ ...t, rows: cur });
      cur = [];
    }
    cur.push(row);
  }
  if (cur.length) out.push({ ...t, rows: cur });
  return out;
}

function layTable(t: Table): LaidTable {
  const rows = t.rows.map((r) => r.map((c) => c.text));
  const W = Math.max(...rows.map((r) => r.length));
  const slots: Slot[][] = rows.map(() => new Array(W).fill(undefined));
  const put = (r: number, c: number, text: string, cs = 1, rs = 1) => {
    slots[r][c] = { text, rs, cs };
    for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) if (dr || dc) slots[r + dr][c + dc] = 'covered';
  };
  const blank = (r: number) => rows[r].every((x) => x.trim() === '');
  const done = new Set<number>();

  // the Beijing three-level header: 评价指标 | 指标说明 | 得分 / 一级指标 | 二级指标 | 三级指标 / 名称 | 分值 × 3
  let mergeCols: number[] = [];
  let dataFrom = -1;
  rows.forEach((r, i) => {
    const head = r.slice(0, 6).join('|');
    if (head !== '名称|分值|名称|分值|名称|分值' || i < 2) return;
    const top = rows[i - 2].filter((x) => x.trim() !== '');
    const mid = rows[i - 1].filter((x) => x.trim() !== '');
    const rest = top.length - 1;
    put(i - 2, 0, top[0], 6);
    top.slice(1).forEach((x, k) => put(i - 2, 6 + k, x, 1, 3));
    mid.slice(0, 3).forEach((x, k) => put(i - 1, 2 * k, x, 2));
    for (let k = 0; k < 6; k++) put(i, k, r[k]);
    for (let c = 6 + rest; c < W; c++) {
      put(i - 2, c, '', 1, 3);
    }
    done.add(i - 2).add(i - 1).add(i);
    mergeCols = process.env.FIX_NAMES_ONLY ? [0, 2] : [0, 1, 2, 3];
    dataFrom = i + 1;
  });

  for (let r = 0; r < rows.length; r++) {
    if (done.has(r)) continue;
    const cells = rows[r];
    const n = cells.length;
    const first = cells[0] ?? '';
    // a two-row header: 评价指标 over 一级/二级/三级指标, the other headings spanning both rows
    const next = rows[r + 1];
    if (n === W && next && next.length === W && next.includes('一级指标') && !cells.includes('一级指标') && cells[0] && !blank(r)) {
      for (let c = 0; c < W; ) {
        if (cells[c] === '' ) {
          c++;
          continue;
        }
        let cs = 1;
        while (c + cs < W && cells[c + cs] === '' && next[c + cs] !== '') cs++;
        if (cs > 1) {
          put(r, c, cells[c], cs);
          for (let k = 0; k < cs; k++) put(r + 1, c + k, next[c + k]);
        } else if (next[c] === '') put(r, c, cells[c], 1, 2);
        else {
          put(r, c, cells[c]);
          put(r + 1, c, next[c]);
        }
        c += cs;
      }
      for (let c = 0; c < W; c++) if (slots[r][c] === undefined) put(r, c, '');
      for (let c = 0; c < W; c++) if (slots[r + 1][c] === undefined) put(r + 1, c, next[c] ?? '');
      done.add(r).add(r + 1);
      r++;
      continue;
    }
    if (n === W) {
      cells.forEach((x, c) => {
        if (slots[r][c] === undefined) put(r, c, x);
      });
      continue;
    }
    // the row continues a merged label of the row above (资金 block rows, 年度总体目标)
    let or = r - 1;
    while (or > 0 && slots[or][0] === 'covered') or--;
    const origin = or >= 0 ? slots[or][0] : undefined;
    const continues = typeof origin === 'object' && origin.cs > 1 && or + origin.rs === r;
    if (first === '' && continues && n === rows[r - 1].length && !done.has(r - 1)) {
      origin.rs++;
      for (let c = 0; c < origin.cs; c++) slots[r][c] = 'covered';
      placeRest(r, cells.slice(1), origin.cs);
      continue;
    }
    if (r === 0 && n === 1) {
      put(r, 0, first, W);
      continue;
    }
    if (TOTAL.test(first)) {
      put(r, 0, first, W - (n - 1));
      cells.slice(1).forEach((x, k) => put(r, W - (n - 1) + k, x));
      continue;
    }
    // a form row (项目名称 | …, 主管部门 | … | 实施单位 | …): the label over two columns, the rest shared out
    if (first !== '' && W >= 6 && n >= 2) {
      put(r, 0, first, 2);
      placeRest(r, cells.slice(1), 2);
      continue;
    }
    cells.forEach((x, c) => put(r, c, x));
    for (let c = n; c < W; c++) put(r, c, '');
  }

  function placeRest(r: number, rest: string[], from: number) {
    const room = W - from;
    if (rest.length === room) {
      rest.forEach((x, k) => put(r, from + k, x));
      return;
    }
    const base = Math.floor(room / rest.length);
    let extra = room - base * rest.length;
    let c = from;
    for (const x of rest) {
      const cs = base + (extra-- > 0 ? 1 : 0);
      put(r, c, x, cs);
      c += cs;
    }
  }

  // vertical merges: blank 一级/二级 cells (and the 绩效指标 label column) take the cell above
  if (dataFrom < 0) {
    const h = rows.findIndex((r) => r.length === W && r.includes('二级指标'));
    if (h >= 0) {
      const hr = slots[h];
      let last = 0;
      for (let c = 0; c < W; c++) {
        const s = hr[c];
        if (typeof s === 'object' && s.text.includes('二级指标')) last = c;
      }
      // a two-row header puts 二级指标 on the second row
      const h2 = rows[h + 1]?.includes('一级指标') ? h + 1 : h;
      mergeCols = Array.from({ length: last + 1 }, (_, k) => k);
      dataFrom = h2 + 1;
      const s0 = slots[h2][0];
      if (typeof s0 === 'object' && !/一级指标/.test(s0.text) && mergeCols.length > 0) {
        // a label column in front of 一级指标 (the national 自评表's 绩效指标): merged over the indicator rows
        dataFrom = h2;
      }
    }
  }
  if (dataFrom >= 0) {
    for (const c of mergeCols) {
      for (let r = dataFrom + 1; r < rows.length; r++) {
        const s = slots[r][c];
        if (typeof s !== 'object' || s.text !== '' || s.cs !== 1 || TOTAL.test(rows[r][0] ?? '')) continue;
        // a row shifted by the PDF extraction (a name in the 一级 column, nothing in the 二级) is left as it is
        if (rows[r][0] && !rows[r][1]) continue;
        let or = r - 1;
        while (or >= 0 && slots[or][c] === 'covered') or--;
        const o = or >= dataFrom ? slots[or][c] : undefined;
        if (typeof o !== 'object' || o.text === '' || o.cs !== 1) continue;
        // only when the rows in between are all covered by this origin
        if (or + o.rs !== r) continue;
        o.rs++;
        slots[r][c] = 'covered';
      }
    }
  }
  for (const row of slots) for (let c = 0; c < W; c++) if (row[c] === undefined) row[c] = { text: '', rs: 1, cs: 1 };
  return { kind: 'laid', slots, width: W };
}

/** The laid table as the neutral Table a reader should give back. */
export function laidToTable(t: LaidTable): Table {
  return {
    kind: 'table',
    rows: t.slots.map((row) =>
      row.flatMap((s) => {
        if (typeof s !== 'object') return [];
        const cell: Cell = { text: s.text };
        if (s.rs > 1) cell.rowSpan = s.rs;
        if (s.cs > 1) cell.colSpan = s.cs;
        return [cell];
      }),
    ),
  };
}

// ---------------------------------------------------------------- writers

export async function toDocx(layout: Layout): Promise<Uint8Array> {
  const children: (docx.Paragraph | docx.Table)[] = [];
  for (const b of layout.blocks) {
    if (b.kind === 'paragraph') children.push(para(b.text));
    else if (b.kind === 'laid') {
      const rows = b.slots.map((row, r) => {
        const cells: docx.TableCell[] = [];
        for (let c = 0; c < b.width; c++) {
          const s = row[c];
          if (typeof s === 'object') {
            cells.push(
              new docx.TableCell({
                children: s.text.split('\n').map(para),
                columnSpan: s.cs > 1 ? s.cs : undefined,
                verticalMerge: s.rs > 1 ? docx.VerticalMergeType.RESTART : undefined,
              }),
            );
            c += s.cs - 1;
          } else {
            // covered from above: a vMerge continue cell as wide as the origin
            const o = originAbove(b.slots, r, c);
            if (o && o.r < r && o.c === c) {
              cells.push(new docx.TableCell({ children: [para('')], columnSpan: o.cs > 1 ? o.cs : undefined, verticalMerge: docx.VerticalMergeType.CONTINUE }));
              c += o.cs - 1;
            }
          }
        }
        return new docx.TableRow({ children: cells });
      });
      children.push(new docx.Table({ rows, width: { size: 100, type: docx.WidthType.PERCENTAGE } }));
      children.push(para(''));
    }
  }
  const d = new docx.Document({ sections: [{ children }] });
  return new Uint8Array(await docx.Packer.toBuffer(d));
}

function para(text: string): docx.Paragraph {
  return new docx.Paragraph({ children: [new docx.TextRun({ text: text.replace(/\t/g, ' '), font: { eastAsia: '宋体' } })] });
}

function originAbove(slots: Slot[][], r: number, c: number): { r: number; c: number; cs: number } | undefined {
  for (let rr = r; rr >= 0; rr--) {
    for (let cc = c; cc >= 0; cc--) {
      const s = slots[rr][cc];
      if (typeof s === 'object') {
        if (rr + s.rs > r && cc + s.cs > c) return { r: rr, c: cc, cs: s.cs };
        if (rr === r) break;
      }
    }
  }
  return undefined;
}

const NUMERIC = /^-?(0|[1-9]\d*)(\.\d+)?%?$/;

export async function toXlsx(layout: Layout): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  // fixed dates: regenerating the fixtures changes no bytes
  wb.created = wb.modified = new Date(Date.UTC(2024, 0, 1));
  // each sheet: the paragraphs that come before a table, then the table
  let n = 1;
  let ws = wb.addWorksheet(`表${n}`);
  let r = 1;
  for (const b of layout.blocks) {
    if (b.kind === 'paragraph') {
      ws.getCell(r++, 1).value = b.text;
      continue;
    }
    if (b.kind !== 'laid') continue;
    b.slots.forEach((row, i) => {
      row.forEach((s, c) => {
        if (typeof s !== 'object') return;
        setValue(ws.getCell(r + i, c + 1), s.text, row, c);
        if (s.rs > 1 || s.cs > 1) ws.mergeCells(r + i, c + 1, r + i + s.rs - 1, c + s.cs);
      });
    });
    ws = wb.addWorksheet(`表${++n}`);
    r = 1;
  }
  if (r === 1) wb.removeWorksheet(ws.id);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Numbers as numbers (with the format that displays them as in the seed); 执行率 as a formula with its result. */
function setValue(cell: ExcelJS.Cell, text: string, row: Slot[], c: number) {
  if (!NUMERIC.test(text)) {
    cell.value = text;
    return;
  }
  const pct = text.endsWith('%');
  const digits = text.replace('%', '').split('.')[1]?.length ?? 0;
  const num = Number(text.replace('%', '')) / (pct ? 100 : 1);
  const fmt = pct ? (digits ? `0.${'0'.repeat(digits)}%` : '0%') : digits ? `0.${'0'.repeat(digits)}` : 'General';
  const left = row.slice(0, c).filter((s) => typeof s === 'object').length;
  // the 执行率 of the 资金 block: 全年执行数 / 全年预算数, kept as a formula with its cached result
  if (pct && left >= 5) {
    const col = (k: number) => String.fromCharCode(64 + k);
    const rowNo = Number(cell.address.replace(/^[A-Z]+/, ''));
    cell.value = { formula: `${col(c - 1)}${rowNo}/${col(c - 2)}${rowNo}`, result: num };
  } else cell.value = num;
  cell.numFmt = fmt;
}

const CSS = `body{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;font-size:9pt;line-height:1.25}
table{border-collapse:collapse;width:100%;margin:6pt 0}
td,th{border:0.75pt solid #000;padding:2pt 5pt;vertical-align:top;text-align:left;font-weight:normal}
p{margin:2pt 0}`;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function toHtmlBody(layout: Layout): string {
  const out: string[] = [];
  for (const b of layout.blocks) {
    if (b.kind === 'paragraph') out.push(`<p>${esc(b.text)}</p>`);
    else if (b.kind === 'laid') {
      out.push('<table>');
      for (const row of b.slots) {
        const tds = row
          .filter((s): s is { text: string; rs: number; cs: number } => typeof s === 'object')
          .map((s) => `<td${s.rs > 1 ? ` rowspan="${s.rs}"` : ''}${s.cs > 1 ? ` colspan="${s.cs}"` : ''}>${esc(s.text).replace(/\n/g, '<br>')}</td>`);
        out.push(`<tr>${tds.join('')}</tr>`);
      }
      out.push('</table>');
    }
  }
  return out.join('\n');
}

/** A page as saved from a government site: navigation, scripts and a footer around the report. */
export function toGovPage(layout: Layout, title: string, charset: string): string {
  return `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}">
<title>${esc(title)}</title>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<table><tr><td>统计</td></tr></table>");</script>
<style>${CSS}</style></head>
<body><div class="top"><nav class="menu"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zfxxgk/">信息公开</a></li></ul></nav></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 预决算公开</div>
<div class="article"><h1 class="title">${esc(title)}</h1><div class="info">发布时间：2024-06-28　来源：本站</div>
<div class="content">
${toHtmlBody(layout)}
</div></div>
<footer><p>主办单位：某市人民政府办公室　网站标识码：3201000000</p><p>版权所有</p></footer>
<script>window.onload=function(){};</script>
</body></html>`;
}

export async function toPdf(layout: Layout, chromiumPath: string): Promise<Uint8Array> {
  return (await toPdfs([layout], chromiumPath))[0];
}

/** Print each layout as an A4 landscape PDF with one headless Chromium. */
export async function toPdfs(layouts: Layout[], chromiumPath: string, extraCss = ''): Promise<Uint8Array[]> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const out: Uint8Array[] = [];
    for (const layout of layouts) {
      const page = await browser.newPage();
      await page.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>${CSS}${extraCss}</style></head><body>${toHtmlBody(layout)}</body></html>`);
      const pdf = await page.pdf({ format: 'A4', landscape: true, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
      out.push(new Uint8Array(pdf));
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------- hostile files

/** A .docx whose document.xml inflates to 60 MB of spaces from about 60 KB. */
export function zipBombDocx(): Uint8Array {
  const filler = new Uint8Array(60 * 1024 * 1024).fill(0x20);
  const head = strToU8('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>');
  const tail = strToU8('</w:t></w:r></w:p></w:body></w:document>');
  const xml = new Uint8Array(head.length + filler.length + tail.length);
  xml.set(head);
  xml.set(filler, head.length);
  xml.set(tail, head.length + filler.length);
  return zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES), 'word/document.xml': [xml, { level: 9 }] });
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

export function xxeDocx(): Uint8Array {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "&xxe;&xxe;&xxe;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>项目名称&a;</w:t></w:r></w:p></w:body></w:document>`;
  return zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES), 'word/document.xml': strToU8(xml) });
}

/**
 * A password-protected .xlsx as Excel writes it: an OLE2 compound file (version 3, 512-byte sectors)
 * holding the streams EncryptionInfo and EncryptedPackage. Both are at least 4096 bytes so they live in
 * regular sectors (no mini stream needed).
 */
export function encryptedXlsx(): Uint8Array {
  const SECT = 512;
  const END = 0xfffffffe;
  const FREE = 0xffffffff;
  const info = new Uint8Array(4096);
  const dv0 = new DataView(info.buffer);
  dv0.setUint16(0, 4, true); // agile encryption: version 4.4
  dv0.setUint16(2, 4, true);
  dv0.setUint32(4, 0x40, true);
  info.set(
    strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>',
    ),
    8,
  );
  const pkg = new Uint8Array(8192);
  let seed = 12345;
  for (let i = 0; i < pkg.length; i++) pkg[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  new DataView(pkg.buffer).setUint32(0, 6000, true); // declared size of the plain package
  const infoSectors = info.length / SECT; // sectors 2..9
  const pkgSectors = pkg.length / SECT; // sectors 10..25
  const total = 2 + infoSectors + pkgSectors;
  const file = new Uint8Array(SECT * (1 + total));
  const dv = new DataView(file.buffer);
  // header
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].forEach((b, i) => (file[i] = b));
  dv.setUint16(0x18, 0x003e, true);
  dv.setUint16(0x1a, 0x0003, true);
  dv.setUint16(0x1c, 0xfffe, true);
  dv.setUint16(0x1e, 9, true);
  dv.setUint16(0x20, 6, true);
  dv.setUint32(0x2c, 1, true); // FAT sectors
  dv.setUint32(0x30, 1, true); // first directory sector
  dv.setUint32(0x38, 4096, true); // mini stream cutoff
  dv.setUint32(0x3c, END, true); // first mini FAT sector
  dv.setUint32(0x40, 0, true);
  dv.setUint32(0x44, END, true); // first DIFAT sector
  dv.setUint32(0x48, 0, true);
  for (let i = 0; i < 109; i++) dv.setUint32(0x4c + i * 4, i === 0 ? 0 : FREE, true);
  const sector = (n: number) => SECT * (n + 1);
  // FAT (sector 0)
  const fat = (i: number, v: number) => dv.setUint32(sector(0) + i * 4, v, true);
  for (let i = 0; i < 128; i++) fat(i, FREE);
  fat(0, 0xfffffffd);
  fat(1, END);
  for (let i = 0; i < infoSectors; i++) fat(2 + i, i === infoSectors - 1 ? END : 3 + i);
  for (let i = 0; i < pkgSectors; i++) fat(2 + infoSectors + i, i === pkgSectors - 1 ? END : 3 + infoSectors + i);
  // directory (sector 1): Root Entry, EncryptionInfo, EncryptedPackage
  const entry = (idx: number, name: string, type: number, left: number, right: number, child: number, start: number, size: number) => {
    const o = sector(1) + idx * 128;
    for (let i = 0; i < name.length; i++) dv.setUint16(o + i * 2, name.charCodeAt(i), true);
    dv.setUint16(o + 64, (name.length + 1) * 2, true);
    file[o + 66] = type;
    file[o + 67] = 1; // black
    dv.setUint32(o + 68, left, true);
    dv.setUint32(o + 72, right, true);
    dv.setUint32(o + 76, child, true);
    dv.setUint32(o + 116, start, true);
    dv.setUint32(o + 120, size, true);
  };
  entry(0, 'Root Entry', 5, FREE, FREE, 1, END, 0);
  // names compare by length first: EncryptionInfo (14) < EncryptedPackage (16)
  entry(1, 'EncryptionInfo', 2, FREE, 2, FREE, 2, info.length);
  entry(2, 'EncryptedPackage', 2, FREE, FREE, FREE, 2 + infoSectors, pkg.length);
  for (let i = 3; i < 4; i++) {
    const o = sector(1) + i * 128;
    dv.setUint32(o + 68, FREE, true);
    dv.setUint32(o + 72, FREE, true);
    dv.setUint32(o + 76, FREE, true);
  }
  file.set(info, sector(2));
  file.set(pkg, sector(2 + infoSectors));
  return file;
}

/** A one-page PDF that shows only an image (a scan): no text layer at all. */
export function imageOnlyPdf(): Uint8Array {
  const w = 64;
  const h = 64;
  const pixels = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) pixels[y * w + x] = (x * 4 + y * 2) & 0xff;
  const img = Buffer.from(pixels).toString('latin1');
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>',
    `<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${pixels.length} >>\nstream\n${img}\nendstream`,
  ];
  const content = 'q 500 0 0 700 47 71 cm /Im1 Do Q';
  objs.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

// ---------------------------------------------------------------- main

/** The first table that has indicator rows (its first `maxRows` rows), with up to two paragraphs before it. */
export function firstTable(layout: Layout, maxRows = 10): Layout {
  const k = layout.blocks.findIndex((b) => b.kind === 'laid' && b.slots.length > 5);
  const t = layout.blocks[k] as LaidTable;
  const slots = t.slots.slice(0, maxRows).map((row, r) =>
    row.map((s) => (typeof s === 'object' ? { ...s, rs: Math.min(s.rs, maxRows - r) } : s)),
  );
  const paras = layout.blocks.slice(0, k).filter((b) => b.kind === 'paragraph').slice(-2);
  return { blocks: [...paras, { ...t, slots }] };
}

async function main() {
  const noPdf = args.includes('--no-pdf');
  const fullPdf = args.includes('--full-pdf');
  const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  const formats = join(outDir, 'formats');
  const hostile = join(outDir, 'hostile');
  mkdirSync(formats, { recursive: true });
  mkdirSync(hostile, { recursive: true });
  const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort();
  for (const f of seeds) {
    const id = f.slice(0, 3);
    const text = readFileSync(join(seedsDir, f), 'utf8');
    const layout = layoutSeed(text, f);
    const title = (layout.blocks.find((b) => b.kind === 'paragraph') as { text: string } | undefined)?.text ?? id;
    writeFileSync(join(formats, `${id}.docx`), await toDocx(layout));
    writeFileSync(join(formats, `${id}.xlsx`), await toXlsx(layout));
    // one page saved as GBK, the way many government sites still serve them
    const charset = id === '002' ? 'gbk' : 'utf-8';
    const page = toGovPage(layout, title, charset);
    writeFileSync(join(formats, `${id}.html`), charset === 'gbk' ? iconv.encode(page, 'gb18030') : page);
    // the whole report as PDF is 0.5–0.8 MB (embedded CJK fonts): written only on request, never committed;
    // the committed PDF holds the first indicator table with the paragraphs just before it
    if (fullPdf) writeFileSync(join(formats, `${id}.pdf`), await toPdf(layout, chromiumPath));
    if (!noPdf) writeFileSync(join(formats, `${id}-table.pdf`), await toPdf(firstTable(layout), chromiumPath));
    const made = ['docx', 'xlsx', 'html', ...(fullPdf ? ['pdf'] : []), ...(noPdf ? [] : ['-table.pdf'])];
    console.log(`${id}: ${made.map((e) => { const f = e.startsWith('-') ? `${id}${e}` : `${id}.${e}`; return `${f} ${Math.round(statSync(join(formats, f)).size / 1024)} KB`; }).join(', ')}`);
  }
  writeFileSync(join(hostile, 'zip-bomb.docx'), zipBombDocx());
  writeFileSync(join(hostile, 'xxe.docx'), xxeDocx());
  const xlsx = readFileSync(join(formats, `${seeds[0].slice(0, 3)}.xlsx`));
  writeFileSync(join(hostile, 'truncated.xlsx'), xlsx.subarray(0, Math.floor(xlsx.length * 0.6)));
  writeFileSync(join(hostile, 'encrypted.xlsx'), encryptedXlsx());
  writeFileSync(join(hostile, 'no-text.pdf'), imageOnlyPdf());
  writeFileSync(join(hostile, 'empty.docx'), new Uint8Array(0));
  copyFileSync(join(formats, `${seeds[0].slice(0, 3)}.docx`), join(hostile, 'docx-renamed.pdf'));
  // a PDF with an open password, as LibreOffice exports it (skipped when soffice is missing)
  const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
  if (soffice) {
    const tmp = mkdtempSync(join(tmpdir(), 'jixiao-fixtures-'));
    writeFileSync(join(tmp, 'encrypted.txt'), '项目名称：加密的自评报告\n');
    const filter = 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"jixiao"}}';
    spawnSync(soffice, [`-env:UserInstallation=file://${tmp}/profile`, '--headless', '--convert-to', filter, '--outdir', tmp, join(tmp, 'encrypted.txt')], { timeout: 120_000 });
    copyFileSync(join(tmp, 'encrypted.pdf'), join(hostile, 'encrypted.pdf'));
    rmSync(tmp, { recursive: true, force: true });
  }
  for (const f of readdirSync(hostile)) console.log(`hostile/${f}: ${statSync(join(hostile, f)).size} bytes`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
