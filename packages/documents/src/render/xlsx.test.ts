import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { D, type Evaluation, type EvaluationJson } from '@jixiao/core';
import { renderSummaryXlsx, renderXlsx } from './xlsx.ts';
import {
  analysed,
  haichuangEvaluation,
  longTextEvaluation,
  manyRowsEvaluation,
  missingWeightEvaluation,
  nanjingEvaluation,
  noBudgetEvaluation,
  rugaoEvaluation,
} from './fixtures.ts';

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Evaluate the few formula shapes the renderer writes, from the workbook's own cells. */
function evaluate(ws: ExcelJS.Worksheet, formula: string): number {
  const value = (ref: string): number => {
    const cell = ws.getCell(ref);
    // Excel keeps a merged value in the top cell only; exceljs shows it in all of them
    if (cell.isMerged && cell.master !== cell) return 0;
    const v = cell.value as unknown;
    if (v && typeof v === 'object' && 'formula' in (v as object)) return evaluate(ws, (v as { formula: string }).formula);
    return typeof v === 'number' ? v : 0;
  };
  const term = (t: string): number => {
    const sum = /^SUM\(([A-Z])(\d+):([A-Z])(\d+)\)$/.exec(t);
    if (sum) {
      let s = D(0);
      for (let r = Number(sum[2]); r <= Number(sum[4]); r++) s = s.plus(value(`${sum[1]}${r}`));
      return s.toNumber();
    }
    const div = /^([A-Z]\d+)\/([A-Z]\d+)$/.exec(t);
    if (div) return value(div[1]) / value(div[2]);
    if (/^[A-Z]\d+$/.test(t)) return value(t);
    if (/^\d+$/.test(t)) return Number(t);
    throw new Error(`未知公式：${t}`);
  };
  return formula.split('+').reduce((a, t) => D(a).plus(term(t)).toNumber(), 0);
}

function formulaCells(ws: ExcelJS.Worksheet): ExcelJS.Cell[] {
  const out: ExcelJS.Cell[] = [];
  ws.eachRow((row) => row.eachCell((c) => c.formula && out.push(c)));
  return out;
}

function findRow(ws: ExcelJS.Worksheet, column: number, text: string): number {
  let found = -1;
  ws.eachRow((row, r) => {
    if (found < 0 && row.getCell(column).text === text) found = r;
  });
  return found;
}

const leaves = (ev: Evaluation) => {
  const parents = new Set(ev.indicators.map((i) => i.parentId));
  return ev.indicators.filter((i) => !parents.has(i.id) && i.level === 3);
};

for (const [name, make, department] of [
  ['seed001', haichuangEvaluation, false],
  ['seed003', rugaoEvaluation, false],
  ['seed000', nanjingEvaluation, true],
] as const) {
  test(`N1 annex 2 / S0: ${name} .xlsx holds every indicator with its 分值 and 得分 as numbers`, async () => {
    const ev = make();
    const wb = await open(await renderXlsx(analysed(ev)));
    const ws = wb.worksheets[0];
    // columns: project = label, 一级, 二级, 三级(D), 年度指标值, 实际完成值, 分值(G), 得分(H);
    // department = 一级, 二级, 三级(C), 指标说明, 评价要点, 标准值, 权重分(G), 业绩值, 得分(I)
    const nameCol = department ? 3 : 4;
    const scoreCol = department ? 9 : 8;
    const used = new Set<number>();
    for (const i of leaves(ev)) {
      let r = -1;
      ws.eachRow((row, rr) => {
        if (r < 0 && !used.has(rr) && row.getCell(nameCol).text === i.name) r = rr;
      });
      assert.ok(r > 0, `缺少指标：${i.name}`);
      used.add(r);
      assert.equal(ws.getCell(r, 7).value, i.weight == null ? null : Number(i.weight), `${i.name} 分值`);
      assert.equal(ws.getCell(r, scoreCol).value, i.statedScore == null ? null : Number(i.statedScore), `${i.name} 得分`);
      if (!department) assert.equal(ws.getCell(r, 5).text, i.target ?? '');
    }
  });

  test(`${name} .xlsx: every formula's cached result equals what the formula computes`, async () => {
    const ws = (await open(await renderXlsx(analysed(make())))).worksheets[0];
    const cells = formulaCells(ws);
    assert.ok(cells.length >= 2);
    for (const c of cells) {
      const v = c.value as { formula: string; result: number };
      assert.ok(Math.abs(evaluate(ws, v.formula) - v.result) < 1e-9, `${c.address}: ${v.formula} = ${v.result}`);
    }
  });
}

test('N2 / S1: seed001 总分 = SUM(分值) + the 资金 block’s 10 → 100, SUM(得分) + 9 → 85', async () => {
  const ws = (await open(await renderXlsx(analysed(haichuangEvaluation())))).worksheets[0];
  const r = findRow(ws, 1, '总分');
  assert.ok(r > 0);
  const w = ws.getCell(r, 7).value as { formula: string; result: number };
  const s = ws.getCell(r, 8).value as { formula: string; result: number };
  assert.match(w.formula, /^SUM\(G\d+:G\d+\)\+G\d+$/);
  assert.equal(w.result, 100);
  assert.match(s.formula, /^SUM\(H\d+:H\d+\)\+I\d+$/);
  assert.equal(s.result, 85);
});

test('S1: 资金 block in 万元 #,##0.00###; 执行率 = 全年执行数/全年预算数 live, 0.00% (1160/1300 = 89.23%)', async () => {
  const ws = (await open(await renderXlsx(analysed(haichuangEvaluation())))).worksheets[0];
  const r = findRow(ws, 2, '年度资金总额');
  assert.ok(r > 0);
  assert.equal(ws.getCell(r, 4).numFmt, '#,##0.00###');
  assert.equal(ws.getCell(r, 6).numFmt, '#,##0.00###');
  const rate = ws.getCell(r, 8);
  assert.equal(rate.numFmt, '0.00%');
  assert.equal((rate.value as { formula: string }).formula, `F${r}/E${r}`);
  assert.equal(((rate.value as { result: number }).result * 100).toFixed(2), '89.23');
  // the other fund rows show “—” in 分值/执行率/得分
  assert.equal(ws.getCell(r + 1, 7).value, '—');
  assert.equal(ws.getCell(r + 1, 9).value, '—');
  // 年度资金总额 = Σ fund sources when they add up (2700 = 2700 + 0 + 0)
  assert.match((ws.getCell(r, 4).value as { formula: string }).formula, /^SUM\(D\d+:D\d+\)$/);
});

test('N1 annex 2: 一级/二级 cells are merged; header frozen; A4 print fitted to width with the header repeated', async () => {
  const ws = (await open(await renderXlsx(analysed(rugaoEvaluation())))).worksheets[0];
  const first = findRow(ws, 4, '立项依据充分性');
  const header = first - 1;
  assert.equal(ws.getCell(header, 4).value, '三级指标');
  // 决策指标 spans its six rows; 项目立项 its two
  assert.equal(ws.getCell(first + 5, 2).master.address, `B${first}`);
  assert.equal(ws.getCell(first + 6, 2).master.address, `B${first + 6}`);
  assert.equal(ws.getCell(first + 1, 3).master.address, `C${first}`);
  assert.equal(ws.getCell(first, 2).text, '决策指标');
  const view = ws.views[0] as { state: string; ySplit: number };
  assert.equal(view.state, 'frozen');
  assert.equal(view.ySplit, header);
  assert.equal(ws.pageSetup.paperSize, 9);
  assert.equal(ws.pageSetup.fitToWidth, 1);
  assert.equal(ws.pageSetup.fitToHeight, 0);
  assert.equal(ws.pageSetup.printTitlesRow, `${header}:${header}`);
});

test('odd data renders: no 资金 block, a missing weight, 200 rows, very long text', async () => {
  const noBudget = (await open(await renderXlsx(analysed(noBudgetEvaluation())))).worksheets[0];
  const r = findRow(noBudget, 2, '年度资金总额');
  assert.equal(noBudget.getCell(r, 4).value, null);

  const missing = (await open(await renderXlsx(analysed(missingWeightEvaluation())))).worksheets[0];
  const m = findRow(missing, 4, '证书发放到位率');
  assert.equal(missing.getCell(m, 7).value, null);
  const t = findRow(missing, 1, '总分');
  assert.equal((missing.getCell(t, 7).value as { result: number }).result, 95);

  const many = (await open(await renderXlsx(analysed(manyRowsEvaluation())))).worksheets[0];
  assert.ok(findRow(many, 4, '指标4-5-10') > 200);
  const mt = findRow(many, 1, '总分');
  assert.equal((many.getCell(mt, 8).value as { result: number }).result, 99);

  const long = (await open(await renderXlsx(analysed(longTextEvaluation())))).worksheets[0];
  const l = findRow(long, 4, '资助孵化海创数量');
  assert.ok(long.getCell(l, 9).text.endsWith('长文结束标记'));
});

function summaryFixtures(): EvaluationJson[] {
  const a = analysed(haichuangEvaluation());
  const b = analysed(rugaoEvaluation());
  const c = analysed(nanjingEvaluation());
  // a finding of each severity on one evaluation, to count
  a.findings = [
    { rule: 'x', code: 'V02', severity: 'error', message: '', suggestion: '', where: {} },
    { rule: 'y', code: 'V04', severity: 'warning', message: '', suggestion: '', where: {} },
    { rule: 'y', code: 'V09', severity: 'warning', message: '', suggestion: '', where: {} },
    { rule: 'z', code: 'V17', severity: 'info', message: '', suggestion: '', where: {} },
  ];
  b.findings = [];
  c.findings = [];
  // one poor evaluation for the distribution
  const d = analysed(missingWeightEvaluation());
  d.findings = [];
  d.grade = 'poor';
  return [a, b, c, d];
}

test('summary workbook: one row per evaluation with budget, rate, total, grade and finding counts', async () => {
  const evs = summaryFixtures();
  const wb = await open(await renderSummaryXlsx(evs));
  const ws = wb.getWorksheet('汇总')!;
  const header = ws.getRow(2).values as unknown[];
  assert.deepEqual(header.slice(1, 4), ['序号', '评价对象', '名称']);
  const row = ws.getRow(3);
  assert.equal(row.getCell(3).value, '海创扶持资金');
  assert.equal(row.getCell(6).value, 1300);
  assert.equal(row.getCell(7).value, 1160);
  assert.equal((row.getCell(8).value as number).toFixed(4), '0.8923');
  assert.equal(row.getCell(8).numFmt, '0.00%');
  assert.deepEqual([row.getCell(12).value, row.getCell(13).value, row.getCell(14).value], [1, 2, 1]);
  // 填报总分 as the document states it (S1: 85); 计算总分 from the scoring
  assert.equal(row.getCell(9).value, 85);
  assert.equal(row.getCell(10).value, Number(evs[0].total));
  assert.equal(ws.getRow(5).getCell(2).value, '部门整体');
  // totals row: live formulas with correct results
  for (const c of formulaCells(ws)) {
    const v = c.value as { formula: string; result: number | string };
    if (/^SUM/.test(v.formula)) assert.equal(v.result, evaluate(ws, v.formula), c.address);
  }
  const total = ws.getRow(7);
  assert.equal(total.getCell(1).value, '合计');
  assert.equal((total.getCell(6).value as { result: number }).result, 1300);
});

test('summary workbook: grade distribution counts 优/良/中/差 with COUNTIF results matching the rows (N1 bands)', async () => {
  const evs = summaryFixtures();
  const wb = await open(await renderSummaryXlsx(evs));
  const ws = wb.getWorksheet('汇总')!;
  const grades: string[] = [];
  for (let r = 3; r < 3 + evs.length; r++) grades.push(ws.getCell(r, 11).text);
  const gs = wb.getWorksheet('等级分布')!;
  const labels = ['优', '良', '中', '差'];
  labels.forEach((g, k) => {
    const cell = gs.getCell(3 + k, 2).value as { formula: string; result: number };
    assert.equal(gs.getCell(3 + k, 1).value, g);
    assert.match(cell.formula, /^COUNTIF\(汇总!\$K\$3:\$K\$6,"."\)$/);
    // exceljs drops a cached 0 when it loads a file (the file has <v>0</v>, checked below)
    assert.equal(cell.result ?? 0, grades.filter((x) => x === g).length, g);
  });
  assert.equal((gs.getCell(6, 2).value as { result: number }).result, 1, '差: the poor one');
  assert.equal((gs.getCell(8, 2).value as { result: number }).result, evs.length);
});

test('summary workbook: a zero count is written as a cached 0, not left blank', async () => {
  const bytes = await renderSummaryXlsx(summaryFixtures());
  const files = unzipSync(bytes);
  const sheet = Object.keys(files)
    .filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))
    .map((f) => strFromU8(files[f]))
    .find((x) => x.includes('COUNTIF'))!;
  // 良 has no evaluation in the fixtures: B4
  assert.match(sheet, /<c r="B4"[^>]*><f>COUNTIF\([^<]*良[^<]*\)<\/f><v>0<\/v><\/c>/);
});
