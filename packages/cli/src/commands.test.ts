// The CLI's document commands end to end: render → check reads them back; import writes JSON lines;
// summary writes a workbook; rulesets lists the data files (issues 2, 3, 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const SEED003 = fileURLToPath(new URL('../../documents/test-fixtures/seeds/003_6726b065a193cc5c.txt', import.meta.url));

function jixiao(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// The 13 如皋 tables state these totals (read off seed 003 by hand).
const TOTALS_003 = ['98', '99', '97', '99', '98', '99', '98', '98', '98', '99', '98', '99', '96'];

test('render --format docx writes one report per evaluation, and check reads them back with the same totals and rows', () => {
  const out = mkdtempSync(join(tmpdir(), 'jixiao-render-'));
  const r = jixiao(['render', SEED003, '--format', 'docx', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const files = readdirSync(out).filter((f) => f.endsWith('.docx'));
  assert.equal(files.length, 13);
  const orig = JSON.parse(jixiao(['check', SEED003, '--json']).stdout).files[0].evaluations;
  const back = JSON.parse(jixiao(['check', out, '--json']).stdout).files;
  assert.equal(back.length, 13);
  for (const f of back) {
    assert.equal(f.evaluations.length, 1, f.path);
    const ev = f.evaluations[0];
    const o = orig.find((x: { title: string }) => x.title === ev.title);
    assert.ok(o, `title ${ev.title} comes back`);
    assert.equal(ev.statedTotal, o.statedTotal);
    assert.deepEqual(
      ev.indicators.map((i: { path: string[]; weight: string; statedScore: string }) => [i.path.join('/'), i.weight, i.statedScore]),
      o.indicators.map((i: { path: string[]; weight: string; statedScore: string }) => [i.path.join('/'), i.weight, i.statedScore]),
    );
  }
  assert.deepEqual(orig.map((e: { statedTotal: string }) => e.statedTotal), TOTALS_003);
});

test('import writes one JSON line per evaluation with its source file', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'jixiao-import-')), 'evaluations.jsonl');
  const r = jixiao(['import', SEED003, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 13);
  assert.ok(lines.every((l) => l.source.file === SEED003 && typeof l.title === 'string' && Array.isArray(l.findings)));
  assert.deepEqual(lines.map((l) => l.source.index), Array.from({ length: 13 }, (_, i) => i + 1));
});

test('summary writes a workbook with one row per evaluation', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'jixiao-summary-')), 'summary.xlsx');
  const r = jixiao(['summary', SEED003, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const sheet = wb.worksheets[0];
  const titles: string[] = [];
  sheet.eachRow((row) => titles.push(String(row.values instanceof Array ? row.values.join('|') : '')));
  assert.ok(titles.some((t) => t.includes('职业技能评价')));
  assert.ok(titles.some((t) => t.includes('集聚人力资源补贴')));
});

test('rulesets lists the national default with its denominator and sources', () => {
  const r = jixiao(['rulesets']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /national/);
  assert.match(r.stdout, /全年预算数/);
  assert.match(r.stdout, /nanjing-b-2024/);
});

// issue 15: each ruleset with its jurisdiction, year, source and what it changes from the national one
test('rulesets: every entry has 适用 (jurisdiction, year), 依据 and, but for national, what differs from it', () => {
  const r = jixiao(['rulesets']);
  assert.equal(r.code, 0);
  const entries = r.stdout.trim().split(/\n\n(?=编号：)/);
  assert.ok(entries.length >= 19, String(entries.length));
  for (const e of entries) {
    const id = /^编号：(\S+)/.exec(e)?.[1];
    assert.match(e, /\n适用：\S/, id);
    assert.match(e, /\n依据：\n  · \S/, id);
    if (id !== 'national') assert.match(e, /\n与全国默认（财预〔2020〕10号）不同：/, id);
  }
  const hubei = entries.find((e) => e.startsWith('编号：hubei-2021'))!;
  assert.match(hubei, /适用：湖北省，2021 年度/);
  assert.match(hubei, /与全国默认（财预〔2020〕10号）不同：\n(?:  · .*\n)*  · 定性指标分档：达成 ≥ 分值的 80%，部分达成 ≥ 50%/);
  assert.match(hubei, /何时选用：.*预算执行 20 分/);
});
