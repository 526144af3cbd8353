// Import throughput (issue 3 "Must show"): .docx against its floor — unzipping word/document.xml and
// XML-parsing it with the parser the reader uses and nothing else — plus .xlsx and .pdf files per second.
// "read" is bytes → Document; "import" is bytes → Document → recognised evaluations.
// Run: node --import tsx packages/documents/bench/import.bench.ts [seconds per measurement, default 3]
// Rates are per core: files per second of this process's CPU time. The files are built in memory from
// the seeds, 44–121 KB .docx like typical reports (document.xml 0.5–1.5 MB).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { layoutSeed, toDocx, toXlsx, type Layout } from '../scripts/make-fixtures.ts';
import { readDocument } from '../src/read/index.ts';
import { parseXml, parseXmlReference } from '../src/read/xml.ts';
import { recognize } from '../src/recognize/index.ts';

const seconds = Number(process.argv[2] ?? 3);
const seedsDir = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));
const fixtures = new URL('../test-fixtures/formats/', import.meta.url);

const layouts = readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => layoutSeed(readFileSync(seedsDir + f, 'utf8'), f));
const join = (...ls: Layout[]): Layout => ({ blocks: ls.flatMap((l) => l.blocks) });

// typical reports: one unit's report with several tables, 50–200 KB as .docx
const reportLayouts = [join(layouts[1], layouts[3]), join(...layouts), join(...layouts, ...layouts), join(layouts[0], layouts[1], layouts[2])];
const docxFiles = await Promise.all(reportLayouts.map(toDocx));
const xlsxFiles = await Promise.all(reportLayouts.map(toXlsx));
const pdfFiles = ['002-table.pdf', '003-table.pdf'].map((f) => new Uint8Array(readFileSync(new URL(f, fixtures))));

/** Files per second of CPU time of this process (one core), so other load on the machine does not count. */
async function rate(files: Uint8Array[], fn: (b: Uint8Array, i: number) => unknown): Promise<number> {
  for (let i = 0; i < files.length; i++) await fn(files[i], i); // warm-up
  let n = 0;
  const cpu0 = process.cpuUsage();
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end || n < files.length) {
    await fn(files[n % files.length], n % files.length);
    n++;
  }
  const used = process.cpuUsage(cpu0);
  return (n * 1e6) / (used.user + used.system);
}

const kb = (xs: Uint8Array[]) => xs.map((x) => Math.round(x.length / 1024)).join('/');
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

const documentXml = (b: Uint8Array) => new TextDecoder().decode(unzipSync(b, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']);
const floor = await rate(docxFiles, (b) => parseXml(documentXml(b)));
const floorFxp = await rate(docxFiles, (b) => parseXmlReference(documentXml(b)));
const read = await rate(docxFiles, (b, i) => readDocument(b, `r${i}.docx`));
const imp = await rate(docxFiles, async (b, i) => recognize(await readDocument(b, `r${i}.docx`)));
console.log(`docx files: ${docxFiles.length} reports of ${kb(docxFiles)} KB`);
console.log(`docx read: ${fmt(read)} files/s (floor ${fmt(floor)} files/s, ratio ${(floor / read).toFixed(2)})`);
console.log(`docx import: ${fmt(imp)} files/s (floor ${fmt(floor)} files/s, ratio ${(floor / imp).toFixed(2)})`);
console.log(`docx floor with fast-xml-parser instead of our tokenizer: ${fmt(floorFxp)} files/s`);
const xlsx = await rate(xlsxFiles, (b, i) => readDocument(b, `r${i}.xlsx`));
console.log(`xlsx read: ${fmt(xlsx)} files/s (${xlsxFiles.length} workbooks of ${kb(xlsxFiles)} KB)`);
// the alternative the reader did not take: exceljs only loading the same workbooks
const ExcelJS = (await import('exceljs')).default;
const exceljs = await rate(xlsxFiles, async (b) => new ExcelJS.Workbook().xlsx.load(Buffer.from(b) as unknown as ArrayBuffer));
console.log(`xlsx load with exceljs (for comparison): ${fmt(exceljs)} files/s`);
const pdf = await rate(pdfFiles, (b, i) => readDocument(b, `t${i}.pdf`));
console.log(`pdf read: ${fmt(pdf)} files/s (${pdfFiles.length} one-page tables of ${kb(pdfFiles)} KB)`);
