// The Word report through LibreOffice: needs soffice and pdftotext (CI installs them; when missing
// these tests fail with a message saying so).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { unzipSync, strFromU8 } from 'fflate';
import type { Evaluation } from '@jixiao/core';
import { renderDocx } from './docx.ts';
import {
  analysed,
  haichuangEvaluation,
  LONG_TEXT,
  longTextEvaluation,
  manyRowsEvaluation,
  missingWeightEvaluation,
  nanjingEvaluation,
  noBudgetEvaluation,
  rugaoEvaluation,
} from './fixtures.ts';
import { convertToPdf, pdfPages, requireTool, squeeze } from './tools.ts';
import { execFileSync } from 'node:child_process';

const cases: Record<string, () => Evaluation> = {
  seed001: haichuangEvaluation,
  seed003: rugaoEvaluation,
  seed000: nanjingEvaluation,
  noBudget: noBudgetEvaluation,
  missingWeight: missingWeightEvaluation,
  manyRows: manyRowsEvaluation,
  longText: longTextEvaluation,
};

const docx: Record<string, Uint8Array> = {};
const text: Record<string, string> = {};
const pages: Record<string, number> = {};

before(async () => {
  for (const [name, make] of Object.entries(cases)) docx[name] = await renderDocx(analysed(make()));
  requireTool('soffice');
  const pdftotext = requireTool('pdftotext');
  const names = Object.keys(cases);
  const pdfs = convertToPdf(names.map((n) => ({ name: `${n}.docx`, bytes: docx[n] })));
  names.forEach((n, k) => {
    // -raw keeps the content-stream order: LibreOffice draws a table cell by cell, row by row
    text[n] = squeeze(execFileSync(pdftotext, ['-raw', pdfs[k], '-'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
    pages[n] = pdfPages(pdfs[k]);
  });
});

function documentXml(bytes: Uint8Array): string {
  return strFromU8(unzipSync(bytes)['word/document.xml']);
}

/** Each row's cells from 三级 on, in print order, with every number as the seed wrote it. */
function rowText(ev: Evaluation, department: boolean): { name: string; seq: string }[] {
  const parents = new Set(ev.indicators.map((i) => i.parentId));
  return ev.indicators
    .filter((i) => !parents.has(i.id) && i.level === 3)
    .map((i) => {
      const cells = department
        ? [i.name, i.description, i.rule, i.target, i.weight, i.basis, i.statedScore]
        : [i.name, i.target, i.actual, i.weight, i.statedScore, i.deviation];
      return { name: i.name, seq: squeeze(cells.filter((x) => x != null).join('')) };
    });
}

for (const [name, make, department] of [
  ['seed001', haichuangEvaluation, false],
  ['seed003', rugaoEvaluation, false],
  ['seed000', nanjingEvaluation, true],
] as const) {
  test(`N1 annex 2 / §6: ${name} .docx → PDF holds every indicator row with its weight and score`, () => {
    const ev = make();
    const rows = rowText(ev, department);
    assert.ok(rows.length >= 8);
    for (const r of rows) assert.ok(text[name].includes(r.seq), `缺少指标行：${r.name}（${r.seq}）`);
  });
}

test('seed001: 资金 block and 总分 as on the form (1160/1300 = 89.23%, 得分 9; 总分 100 / 85)', () => {
  assert.ok(text.seed001.includes('年度资金总额2700.001300.001160.001089.23%9'));
  assert.ok(text.seed001.includes('其中：当年财政拨款2700.001300.001160.00———'));
  assert.ok(text.seed001.includes('总分10085'));
  assert.ok(text.seed001.includes('崔巍微联系电话89153880'));
  assert.ok(text.seed001.includes(squeeze('目标1：加大海创扶持工作力度')));
});

test('seed003: 总分 100 / 98 and the narrative in the S3 outline order', () => {
  assert.ok(text.seed003.includes('总分10098'));
  const order = ['一、项目概况', '二、评价情况', '三、项目绩效', '四、存在问题', '五、整改措施', '项目支出绩效自评表'].map((h) => text.seed003.indexOf(h));
  assert.ok(order.every((x) => x >= 0));
  assert.deepEqual([...order].sort((a, b) => a - b), order);
  assert.ok(text.seed003.includes('新录用事业人员的课程安排有待完善。'));
});

test('seed000: 得分表 合计 100 / 93, 一级 weights, and the report’s six parts', () => {
  assert.ok(text.seed000.includes('合计10093'));
  for (const w of ['决策（12）', '过程（28）', '履职（30）', '效益（20）', '满意度（10）']) assert.ok(text.seed000.includes(w), w);
  for (const h of ['一、部门（单位）概况', '二、评价结论', '三、部门履职成效', '四、存在问题及原因分析', '五、有关建议', '六、评价工作开展情况及其他需说明的情况']) {
    assert.ok(text.seed000.includes(h), h);
  }
  assert.ok(text.seed000.includes('附件：2024年度南京市国际人才交流中心整体支出绩效评价得分表'));
});

test('an empty narrative section keeps its numbered heading and prints no placeholder (the editor lists it as a finding)', () => {
  assert.ok(text.seed001.includes('一、项目概况二、评价情况'), 'the outline’s headings follow each other, numbered as in the editor');
  assert.ok(!text.seed001.includes('【待填写'));
  assert.ok(!text.seed003.includes('【待填写'));
});

test('GB/T 9704: A4, margins 37/35/28/26 mm, 仿宋 三号 body, 小标宋 二号 title, exact line pitch, “— 1 —” footer', async () => {
  const bytes = docx.seed003;
  const xml = documentXml(bytes);
  assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/);
  assert.match(xml, /<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
  assert.match(xml, /w:eastAsia="方正小标宋简体"[^]*?<w:sz w:val="44"\/>/);
  // 22 lines on the 225 mm 版心: 225 mm / 22 = 579 twips (29 pt)
  assert.match(xml, /w:line="579" w:lineRule="exact"/);
  // the 28 lines a page, on request: 225 mm / 28 = 455 twips
  const xml28 = documentXml(await renderDocx(analysed(rugaoEvaluation()), { linesPerPage: 28 }));
  assert.match(xml28, /w:line="455" w:lineRule="exact"/);
  const styles = strFromU8(unzipSync(bytes)['word/styles.xml']);
  assert.match(styles, /w:eastAsia="仿宋_GB2312"/);
  assert.match(styles, /<w:sz w:val="32"\/>/);
  const files = unzipSync(bytes);
  const footers = Object.keys(files).filter((f) => /^word\/footer\d+\.xml$/.test(f)).map((f) => strFromU8(files[f]));
  assert.ok(footers.length >= 2, 'odd and even footers');
  for (const f of footers) {
    assert.match(f, /— /);
    assert.match(f, /PAGE/);
    assert.match(f, /w:eastAsia="宋体"[^]*<w:sz w:val="28"\/>/);
  }
  assert.ok(text.seed003.includes('—1—'), 'page number printed');
  // where the official fonts are missing, Word falls back to the named ones
  const fontTable = strFromU8(unzipSync(bytes)['word/fontTable.xml']);
  assert.match(fontTable, /<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"\/>/);
  assert.match(fontTable, /<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/);
});

test('tables repeat their header row and rows cannot split, except a row too long for a page', () => {
  const xml = documentXml(docx.seed001);
  assert.ok((xml.match(/<w:tblHeader\/>/g) ?? []).length >= 1);
  const rows = xml.match(/<w:tr>[^]*?<\/w:tr>/g) ?? [];
  assert.ok(rows.length > 10);
  assert.ok(rows.every((r) => r.includes('<w:cantSplit/>')));
  const long = documentXml(docx.longText).match(/<w:tr>[^]*?<\/w:tr>/g) ?? [];
  const longRow = long.find((r) => r.includes('长文结束标记'));
  assert.ok(longRow && !longRow.includes('<w:cantSplit/>'));
});

test('N1 annex 2: 一级/二级 cells are merged vertically, so each group name prints once', () => {
  const xml = documentXml(docx.seed003);
  assert.ok(xml.includes('<w:vMerge w:val="restart"/>'));
  const count = (s: string) => text.seed003.split(s).length - 1;
  // seed 003: 决策指标 over 6 rows, 过程指标 over 5, 资金投入 over 2, 资金管理 over 3
  for (const name of ['决策指标', '过程指标', '产出指标', '资金投入', '资金管理', '数量指标']) assert.equal(count(name), 1, name);
});

test('odd data: no 资金 block renders the empty national rows', () => {
  assert.ok(text.noBudget.includes('年度资金总额'));
  assert.ok(text.noBudget.includes('资助孵化海创数量≥50个基本达成1512'));
  assert.ok(text.noBudget.includes('总分9085'), 'Σ分值 without the 资金 10; the stated 总分 85');
});

test('odd data: an indicator without weight prints an empty 分值 cell', () => {
  assert.ok(text.missingWeight.includes('证书发放到位率100%100%5'));
  assert.ok(text.missingWeight.includes('总分9598'));
});

test('odd data: a 200-row table prints every row over several pages', () => {
  for (const n of ['指标1-1-1', '指标2-3-7', '指标4-5-10']) assert.ok(text.manyRows.includes(n), n);
  assert.ok(pages.manyRows >= 6);
  assert.ok(text.manyRows.includes('总分10099'), '200 × 0.5 = 100; 20 rows scored 0.45 → 99');
});

test('odd data: very long cell text is printed in full', () => {
  // the row runs over pages (it may split, R08), so its start and end are looked for apart
  assert.ok(text.longText.includes(`1512${squeeze(LONG_TEXT.slice(0, 24))}`));
  assert.ok(text.longText.includes(`很长。长文结束标记`));
  assert.ok(pages.longText > 5);
});
