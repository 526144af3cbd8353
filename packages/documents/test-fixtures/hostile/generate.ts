// Hostile files made at run time (none of them is committed: the big ones would be 50 MB), shared by
// the reader, CLI and server tests of issue 13 and by `npm run fuzz`.
import { readFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import iconv from 'iconv-lite';

const formats = new URL('../formats/', import.meta.url);

/** 50 cells of colspan=1000 rowspan=65534 in 1.8 KB: billions of grid positions if spans are trusted. */
export function spanBomb(): Uint8Array {
  // one cell a row: each row's cell starts right of the ones spanning down from the rows above
  const rows = Array.from({ length: 50 }, () => '<tr><td colspan=1000 rowspan=65534>x</td></tr>').join('');
  return strToU8(`<html><body><table>${rows}</table></body></html>`);
}

/** A .docx with tables nested `depth` deep. */
export function deepDocx(depth = 3000): Uint8Array {
  const open = '<w:tbl><w:tr><w:tc>'.repeat(depth);
  const close = '<w:p/></w:tc></w:tr></w:tbl>'.repeat(depth);
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${open}<w:p><w:r><w:t>深</w:t></w:r></w:p>${close}</w:body></w:document>`;
  return zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8(xml) });
}

/** A valid PDF of `pages` pages, each with one line of text. */
export function manyPagesPdf(pages = 5000): Uint8Array {
  const objs: string[] = [];
  // 1: catalog, 2: pages, 3: font, then per page: the page and its content stream
  const kids: string[] = [];
  for (let i = 0; i < pages; i++) kids.push(`${4 + 2 * i} 0 R`);
  objs.push('<< /Type /Catalog /Pages 2 0 R >>');
  objs.push(`<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`);
  objs.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  for (let i = 0; i < pages; i++) {
    const stream = `BT /F1 12 Tf 72 720 Td (Page ${i + 1}) Tj ET`;
    objs.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`);
    objs.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  }
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return strToU8(out);
}

/** A real .docx whose first local file header is overwritten (the zip's signature is gone). */
export function damagedZipHeaderDocx(): Uint8Array {
  const b = new Uint8Array(readFileSync(new URL('000.docx', formats)));
  b.fill(0x20, 0, 30);
  return b;
}

/** An .xlsx with one cell of `mb` MB of Chinese text (not repetitive: it compresses as real text does). */
export function bigCellXlsx(mb = 50): Uint8Array {
  const chars = Math.floor((mb * 1024 * 1024) / 3);
  // UTF-8 of U+4E00..U+9DFF written directly: three bytes a character
  const head = strToU8('<sst><si><t>');
  const tail = strToU8('</t></si><si><t>指标</t></si></sst>');
  const sst = new Uint8Array(head.length + chars * 3 + tail.length);
  sst.set(head, 0);
  let seed = 13;
  for (let i = 0, o = head.length; i < chars; i++, o += 3) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const cp = 0x4e00 + ((seed >>> 16) % 0x5000);
    sst[o] = 0xe0 | (cp >> 12);
    sst[o + 1] = 0x80 | ((cp >> 6) & 0x3f);
    sst[o + 2] = 0x80 | (cp & 0x3f);
  }
  sst.set(tail, head.length + chars * 3);
  const files = {
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8('<workbook xmlns:r="r"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/sharedStrings.xml': sst,
    'xl/worksheets/sheet1.xml': strToU8('<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row></sheetData></worksheet>'),
  };
  // stored, not deflated: deflating 50 MB would take the test seconds, and a real cell of text compresses little
  return zipSync(files, { level: 0 });
}

/** A text report whose lines alternate between UTF-8 and GB18030 (two files pasted together). */
export function mixedEncodingText(): { bytes: Uint8Array; lines: string[] } {
  const lines = ['项目支出绩效自评表', '项目名称：农村公路养护', '预算执行率：98.5%', '年度总体目标完成情况良好', '自评得分：92分'];
  const parts = lines.map((l, i) => (i % 2 === 0 ? Buffer.from(l, 'utf8') : iconv.encode(l, 'gb18030')));
  return { bytes: new Uint8Array(Buffer.concat(parts.flatMap((p, i) => (i ? [Buffer.from('\n'), p] : [p])))), lines };
}
