// Page images for the README: the Word reports of seed 003 / 001 (project) and seed 000
// (部门整体) converted by LibreOffice, first pages rasterised by pdftoppm at 60 dpi.
// Run: node --import tsx packages/documents/src/render/page-images.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analysed, haichuangEvaluation, nanjingEvaluation, rugaoEvaluation } from './fixtures.ts';
import { renderDocx } from './docx.ts';
import { convertToPdf, requireTool } from './tools.ts';

const OUT = fileURLToPath(new URL('../../../../docs/images/', import.meta.url));

const pages: { file: string; source: string; page: number }[] = [
  { file: 'report-project-p1.png', source: 'rugao', page: 1 },
  { file: 'report-project-form.png', source: 'haichuang', page: 2 },
  { file: 'report-department-p1.png', source: 'nanjing', page: 1 },
  { file: 'report-department-annex.png', source: 'nanjing', page: 4 },
];

const pdftoppm = requireTool('pdftoppm');
mkdirSync(OUT, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'jixiao-images-'));
const sources = { rugao: rugaoEvaluation, haichuang: haichuangEvaluation, nanjing: nanjingEvaluation };
const names = Object.keys(sources) as (keyof typeof sources)[];
const docs = await Promise.all(names.map(async (n) => ({ name: `${n}.docx`, bytes: await renderDocx(analysed(sources[n]())) })));
const pdfs = convertToPdf(docs, tmp);
for (const p of pages) {
  const pdf = pdfs[names.indexOf(p.source as keyof typeof sources)];
  const prefix = join(tmp, p.file.replace(/\.png$/, ''));
  execFileSync(pdftoppm, ['-png', '-r', '60', '-f', String(p.page), '-l', String(p.page), '-singlefile', pdf, prefix]);
  renameSync(`${prefix}.png`, join(OUT, p.file));
  console.log(`${join(OUT, p.file)} ${Math.round(statSync(join(OUT, p.file)).size / 1024)} KB`);
}
rmSync(tmp, { recursive: true, force: true });
