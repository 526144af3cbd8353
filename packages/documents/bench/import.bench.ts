// Import throughput (issue 3 "Must show"): .docx, .xlsx and .pdf files per second, each against its floor.
// "read" is bytes → Document; "import" is bytes → Document → recognised evaluations.
// The floor of a format is the part no reader can avoid, done with the same code the reader uses:
//   docx: unzipping word/document.xml (fflate, as the reader), decoding it and tokenizing it with the
//         reader's own XML tokenizer, skipping the same formatting elements the reader skips (the reader's
//         parse itself; a full tree and fast-xml-parser are slower and printed for comparison only);
//   xlsx: unzipping the parts the reader reads and tokenizing each of them;
//   pdf:  pdf.js opening the file and extracting the text content of every page.
// Rates are per core: files per second of this process's CPU time, so other load on the machine counts
// little. The files are typical reports (50–200 KB) built in memory from the seeds.
// Run: node --import tsx packages/documents/bench/import.bench.ts [seconds per measurement, default 3]
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { layoutSeed, toDocx, toXlsx, type Layout } from '../scripts/make-fixtures.ts';
import { readDocument } from '../src/read/index.ts';
import { SKIP as DOCX_SKIP } from '../src/read/docx.ts';
import { resolveLimits, safeUnzip, utf8 } from '../src/read/limits.ts';
import { parseXml, parseXmlReference } from '../src/read/xml.ts';
import { recognize } from '../src/recognize/index.ts';

const seconds = Number(process.argv[2] ?? 3);
const seedsDir = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));
const fixtures = new URL('../test-fixtures/formats/', import.meta.url);
const limits = resolveLimits();

const layouts = readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => layoutSeed(readFileSync(seedsDir + f, 'utf8'), f));
const join = (...ls: Layout[]): Layout => ({ blocks: ls.flatMap((l) => l.blocks) });
const [s0, s1, s2, s3] = layouts;

// typical reports: one unit's report with several tables, 50–200 KB as .docx
const reportLayouts = [join(s1, s2, s3), join(s0, s1, s2, s3), join(s0, s1, s2, s3, s1, s3), join(...layouts, ...layouts), join(...layouts, ...layouts, ...layouts)];
const docxFiles = await Promise.all(reportLayouts.map(toDocx));
const xlsxFiles = await Promise.all(reportLayouts.map(toXlsx));
const pdfFiles = ['000-table.pdf', '001-table.pdf', '002-table.pdf', '003-table.pdf'].map((f) => new Uint8Array(readFileSync(new URL(f, fixtures))));

/** Files per second of CPU time of this process (one core), so other load on the machine does not count. */
async function rate(files: Uint8Array[], fn: (b: Uint8Array, i: number) => unknown, secs = seconds): Promise<number> {
  for (let i = 0; i < files.length; i++) await fn(files[i], i); // warm-up
  let n = 0;
  const cpu0 = process.cpuUsage();
  const end = performance.now() + secs * 1000;
  while (performance.now() < end || n < files.length) {
    await fn(files[n % files.length], n % files.length);
    n++;
  }
  const used = process.cpuUsage(cpu0);
  return (n * 1e6) / (used.user + used.system);
}

const kb = (xs: Uint8Array[]) => xs.map((x) => Math.round(x.length / 1024)).join('/');
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const line = (what: string, r: number, floor: number) => console.log(`${what}: ${fmt(r)} files/s per core (floor ${fmt(floor)}, ratio ${(floor / r).toFixed(2)})`);

// ---------------------------------------------------------------- docx

const documentXml = (b: Uint8Array) => utf8(safeUnzip(b, limits, (n) => n === 'word/document.xml')['word/document.xml']);
const docxFloor = (b: Uint8Array) => parseXml(documentXml(b), DOCX_SKIP);
const docxRead = (b: Uint8Array, i: number) => readDocument(b, `r${i}.docx`);
const docxImport = async (b: Uint8Array, i: number) => recognize(await readDocument(b, `r${i}.docx`));

const xmlSizes = docxFiles.map((b) => documentXml(b).length);
console.log(`docx files: ${docxFiles.length} typical reports of ${kb(docxFiles)} KB (word/document.xml ${xmlSizes.map((n) => Math.round(n / 1024)).join('/')} K characters)`);
console.log('docx floor: unzip word/document.xml + decode + the reader\'s own tokenizer (skipping the formatting elements the reader skips)');
const floor = await rate(docxFiles, docxFloor);
const read = await rate(docxFiles, docxRead);
const imp = await rate(docxFiles, docxImport);
line('docx read', read, floor);
line('docx import', imp, floor);
// per file: where the time goes, and what one core can do at best for a file of that size
for (const [i, b] of docxFiles.entries()) {
  const one = [b];
  const ms = async (fn: (b: Uint8Array, i: number) => unknown) => 1000 / (await rate(one, (x) => fn(x, i), seconds / 3));
  const [f, r, m] = [await ms(docxFloor), await ms(docxRead), await ms(docxImport)];
  console.log(
    `  ${Math.round(b.length / 1024)} KB .docx (${Math.round(xmlSizes[i] / 1024)} K chars of XML): floor ${f.toFixed(1)} ms, read ${r.toFixed(1)} ms, import ${m.toFixed(1)} ms = ${fmt(1000 / m)} files/s (floor alone ${fmt(1000 / f)} files/s)`,
  );
}
const fullTree = await rate(docxFiles, (b) => parseXml(documentXml(b)));
const fxp = await rate(docxFiles, (b) => parseXmlReference(documentXml(b)));
console.log(`docx floor variants (slower, not used): full tree of every element ${fmt(fullTree)} files/s; fast-xml-parser ${fmt(fxp)} files/s`);

// ---------------------------------------------------------------- xlsx

const XLSX_PARTS = (n: string) =>
  n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels' || n === 'xl/sharedStrings.xml' || n === 'xl/styles.xml' || /^xl\/worksheets\/[^/]+\.xml$/.test(n);
const xlsxFloor = (b: Uint8Array) => {
  for (const part of Object.values(safeUnzip(b, limits, XLSX_PARTS))) parseXml(utf8(part));
};
console.log(`xlsx files: ${xlsxFiles.length} workbooks of the same reports, ${kb(xlsxFiles)} KB; floor: unzip the parts the reader reads + the reader's tokenizer`);
const xlsxFl = await rate(xlsxFiles, xlsxFloor);
const xlsxRead = await rate(xlsxFiles, (b, i) => readDocument(b, `r${i}.xlsx`));
const xlsxImp = await rate(xlsxFiles, async (b, i) => recognize(await readDocument(b, `r${i}.xlsx`)));
line('xlsx read', xlsxRead, xlsxFl);
line('xlsx import', xlsxImp, xlsxFl);
// the alternative the reader did not take: exceljs only loading the same workbooks
const ExcelJS = (await import('exceljs')).default;
const exceljs = await rate(xlsxFiles, async (b) => new ExcelJS.Workbook().xlsx.load(Buffer.from(b) as unknown as ArrayBuffer));
console.log(`xlsx load with exceljs (for comparison): ${fmt(exceljs)} files/s`);

// ---------------------------------------------------------------- pdf

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const pdfFloor = async (b: Uint8Array) => {
  const pdf = await pdfjs.getDocument({ data: b.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    for (let p = 1; p <= pdf.numPages; p++) await (await pdf.getPage(p)).getTextContent();
  } finally {
    await pdf.destroy();
  }
};
console.log(`pdf files: ${pdfFiles.length} one-page tables printed by Chromium, ${kb(pdfFiles)} KB; floor: pdf.js opening each and extracting its text content`);
const pdfFl = await rate(pdfFiles, pdfFloor);
const pdfRead = await rate(pdfFiles, (b, i) => readDocument(b, `t${i}.pdf`));
const pdfImp = await rate(pdfFiles, async (b, i) => recognize(await readDocument(b, `t${i}.pdf`)));
line('pdf read', pdfRead, pdfFl);
line('pdf import', pdfImp, pdfFl);

// ---------------------------------------------------------------- the targets of issue 3

const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
console.log(`target docx import ≤ 2× floor: ${(floor / imp).toFixed(2)}× — ${met(floor / imp <= 2)}`);
console.log(`target ≥ 100 typical reports/s per core: docx import ${fmt(imp)} files/s — ${met(imp >= 100)} (the floor alone is ${fmt(floor)} files/s)`);
