// A finance officer writes a project evaluation from a blank national form to a submitted report,
// in the browser and with the keyboard (issue 12 "Must show"): the indicator tree built as in a
// spreadsheet (add, rename, delete with undo, move, outdent/indent), targets and actuals with the live
// score and findings, the header, every report section; then the downloaded .docx is read back by
// `jixiao check --json` and holds the same rows, scores and texts, and no 【待填写】.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import type { Page } from 'playwright-core';
import { login, logout, ROOT, useAppAndBrowser, VIEWPORT } from './harness.ts';

const env = useAppAndBrowser();

/** id of the indicator whose name cell holds `name` (ids follow positions, so looked up each time) */
async function idOf(page: Page, name: string): Promise<string> {
  const ids = await page.locator('input[data-field="name"]').evaluateAll((xs, n) => xs.filter((x) => (x as HTMLInputElement).value === n).map((x) => x.getAttribute('data-indicator-id')), name);
  assert.equal(ids.length, 1, `应有且只有一行名为“${name}”：${ids.length}`);
  return ids[0]!;
}
const cell = (page: Page, id: string, field: string) => page.locator(`[data-indicator-id="${id}"][data-field="${field}"]`).first();
async function focusName(page: Page, name: string) {
  await cell(page, await idOf(page, name), 'name').focus();
}
/** the names per level column, in the order of the form */
async function names(page: Page, level: '一级' | '二级' | '三级'): Promise<string[]> {
  return page.getByLabel(`${level}指标名称`).evaluateAll((xs) => xs.map((x) => (x as HTMLInputElement).value));
}
/** select the cell's text and type over it, as a user does */
async function typeOver(page: Page, text: string) {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

const ROWS: { name: string; target: string; actual: string; weight: string; score: string }[] = [
  { name: '培训人数', target: '≥200人', actual: '200人', weight: '10', score: '10' },
  { name: '培训课时', target: '≥40课时', actual: '40课时', weight: '10', score: '10' },
  { name: '证书发放率', target: '≥95%', actual: '96%', weight: '10', score: '10' },
  { name: '培训合格率', target: '≥90%', actual: '92%', weight: '10', score: '10' },
  { name: '培训完成及时率', target: '100%', actual: '100%', weight: '10', score: '10' },
  { name: '就业率', target: '≥80%', actual: '72%', weight: '15', score: '13.5' },
  { name: '带动创业人数', target: '≥10人', actual: '12人', weight: '15', score: '15' },
  { name: '参训人员满意度', target: '≥90%', actual: '95%', weight: '10', score: '10' },
];
const SECTIONS: [string, string][] = [
  ['一、项目概况', '本项目为2025年度新录用人员岗前培训，年度预算100万元，由市人社局组织实施。'],
  ['二、评价情况', '单位成立自评小组，对照绩效目标逐项核实，自评得分98分，等级为优。'],
  ['三、项目绩效', '全年培训200人、40课时，合格率92%，带动创业12人。'],
  ['四、存在问题', '培训后就业率72%，未达到80%的目标；部分培训在年底完成，结余资金5万元。'],
  ['五、整改措施', '下一年度加强与用人单位对接，开展订单式培训。'],
];

test('finance officer: national template → tree of 3/5/8 by keyboard → values, live score, findings → header, every section → submit → .docx read back by check --json', async () => {
  const ctx = await env.browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  const page = await ctx.newPage();

  await login(page, env.app.url, env.app.users.filler);
  await page.getByRole('button', { name: '新建评价' }).click();
  const form = page.locator('form.new-eval');
  await form.getByLabel('指标体系').selectOption({ label: '项目支出绩效自评表（全国通用）（全国）' });
  await form.getByLabel('名称').fill('新录用人员岗前培训项目');
  await form.getByLabel('年度').fill('2025');
  await form.getByRole('button', { name: '创建' }).click();
  await page.getByRole('heading', { name: '新录用人员岗前培训项目' }).waitFor();
  assert.deepEqual(await names(page, '一级'), ['产出', '效益', '满意度']);
  assert.equal((await names(page, '二级')).length, 9);

  // delete 成本指标 with the keyboard, undo it, delete it again
  await focusName(page, '成本指标');
  await page.keyboard.press('Control+Delete');
  await page.getByRole('status').filter({ hasText: '已删除「成本指标」' }).waitFor();
  assert.ok(!(await names(page, '二级')).includes('成本指标'));
  await page.keyboard.press('Control+Z');
  assert.ok((await names(page, '二级')).includes('成本指标'), '撤销后应恢复');
  for (const n of ['成本指标', '经济效益指标', '生态效益指标', '可持续影响指标']) {
    await focusName(page, n);
    await page.keyboard.press('Control+Delete');
  }
  assert.deepEqual(await names(page, '二级'), ['数量指标', '质量指标', '时效指标', '社会效益指标', '服务对象满意度指标']);

  // name the 三级 rows and add siblings below them
  await focusName(page, '数量指标（按项目填写）');
  await typeOver(page, '培训人数');
  await page.keyboard.press('Control+Enter');
  await page.keyboard.type('培训课时');
  await focusName(page, '质量指标（按项目填写）');
  await typeOver(page, '培训合格率');
  await page.keyboard.press('Control+Enter');
  await page.keyboard.type('证书发放率');
  // reorder: the new row goes up, above 培训合格率
  await page.keyboard.press('Alt+ArrowUp');
  await focusName(page, '时效指标（按项目填写）');
  await typeOver(page, '培训完成及时率');
  await focusName(page, '社会效益指标（按项目填写）');
  await typeOver(page, '就业率');
  await page.keyboard.press('Control+Enter');
  await page.keyboard.type('带动创业人数');
  // one level up (a 二级 of 效益) and back down (a 三级 under 社会效益指标)
  await page.keyboard.press('Alt+ArrowLeft');
  assert.ok((await names(page, '二级')).includes('带动创业人数'), '升一级后应是二级指标');
  await page.keyboard.press('Alt+ArrowRight');
  await focusName(page, '服务对象满意度（按项目填写）');
  await typeOver(page, '参训人员满意度');

  assert.deepEqual(await names(page, '一级'), ['产出', '效益', '满意度']);
  assert.deepEqual(await names(page, '二级'), ['数量指标', '质量指标', '时效指标', '社会效益指标', '服务对象满意度指标']);
  assert.deepEqual(await names(page, '三级'), ['培训人数', '培训课时', '证书发放率', '培训合格率', '培训完成及时率', '就业率', '带动创业人数', '参训人员满意度']);

  // targets, actuals, weights and the scores the officer states, moving with Tab as in a spreadsheet
  for (const r of ROWS) {
    await focusName(page, r.name);
    for (const v of [r.target, r.actual, r.weight, r.score]) {
      await page.keyboard.press('Tab');
      await page.keyboard.type(v);
    }
  }
  for (const r of ROWS) {
    const id = await idOf(page, r.name);
    assert.deepEqual([await cell(page, id, 'target').inputValue(), await cell(page, id, 'actual').inputValue(), await cell(page, id, 'weight').inputValue()], [r.target, r.actual, r.weight], r.name);
  }
  // live score: 72% of a ≥80% target scores 72 / 80 × 15 = 13.5; lost points without a reason are an error
  const jobs = await idOf(page, '就业率');
  assert.equal((await page.getByTestId(`score-${jobs}`).innerText()).trim(), '13.5');
  const reasonFinding = page.locator(`button.finding.sev-error[data-finding-indicator="${jobs}"]`, { hasText: '偏差原因' });
  await reasonFinding.first().waitFor();
  await cell(page, jobs, 'deviation').fill('部分学员继续升学，已加强就业指导。');
  await reasonFinding.first().waitFor({ state: 'detached' });

  // the budget and the header
  const budget = page.locator('table.budget');
  await budget.getByLabel('年度资金总额 年初预算数').fill('100');
  await budget.getByLabel('年度资金总额 全年预算数').fill('100');
  await budget.getByLabel('年度资金总额 全年执行数').fill('95');
  await budget.getByLabel('填报执行率（%）').fill('95');
  await budget.getByLabel('填报得分').fill('9.5');
  const header = page.getByTestId('form-header');
  await header.getByLabel('主管部门').fill('如皋市人民政府');
  await header.getByLabel('项目负责人').fill('张明');
  await header.getByLabel('联系电话').fill('0513-87512345');
  // 5 × 10 + 13.5 + 15 + 10 + 9.5 (95% executed of 10) = 98
  await page.getByTestId('total').filter({ hasText: /^98(\.0+)?$/ }).waitFor();
  assert.equal(await page.getByTestId('grade').innerText(), '优');
  await page.locator('[data-field="statedTotal"]').fill('98');
  await page.locator('[data-field="statedGrade"]').fill('优');

  // the report: every section the .docx holds, in its order; empty ones are findings until written
  await page.getByRole('tab', { name: '报告正文' }).click();
  assert.deepEqual(await page.locator('.narrative h3').allInnerTexts(), SECTIONS.map(([h]) => h));
  assert.equal(await page.locator('button.finding', { hasText: '还没有内容' }).count(), 5);
  await page.locator('[data-field="goals.expected"]').fill('完成200名新录用人员岗前培训，就业率不低于80%。');
  await page.locator('[data-field="goals.actual"]').fill('完成培训200人，就业率72%。');
  for (const [h, text] of SECTIONS) await page.getByLabel(h, { exact: true }).fill(text);
  assert.equal(await page.locator('button.finding', { hasText: '还没有内容' }).count(), 0);
  assert.equal(await page.locator('button.finding.sev-error').count(), 0, `不应有错误：${await page.locator('button.finding.sev-error').allInnerTexts()}`);

  await page.getByRole('tab', { name: '评分表' }).click();
  const scores = new Map<string, string>();
  for (const r of ROWS) scores.set(r.name, (await page.getByTestId(`score-${await idOf(page, r.name)}`).innerText()).trim());
  await page.getByTestId('save-state').filter({ hasText: '已保存' }).waitFor();
  await page.getByRole('button', { name: '提交审核' }).click();
  await page.getByTestId('status').filter({ hasText: '已提交' }).waitFor();

  // the .docx, read back by the command line
  const evalId = page.url().split('/').pop()!;
  await page.goto(`${env.app.url}/evaluations/${evalId}/documents`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-format="docx"]').click()]);
  const bytes = readFileSync((await download.path())!);
  const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']);
  const text = xml.replace(/<[^>]+>/g, '');
  assert.ok(!text.includes('待填写'), '.docx 中不应有【待填写】');
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-authoring-'));
  try {
    const file = join(dir, 'report.docx');
    writeFileSync(file, bytes);
    let out: string;
    try {
      out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'packages/cli/src/main.ts'), 'check', file, '--json'], { cwd: ROOT, encoding: 'utf8' });
    } catch (e: any) {
      out = e.stdout; // exit code 1 = some finding is an error; the JSON is still printed
    }
    const ev = JSON.parse(out).files[0].evaluations[0];
    const leaves = ev.indicators.filter((i: any) => !ev.indicators.some((j: any) => j.parentId === i.id));
    assert.deepEqual(
      leaves.map((i: any) => i.path.join('/')),
      ['产出/数量指标/培训人数', '产出/数量指标/培训课时', '产出/质量指标/证书发放率', '产出/质量指标/培训合格率', '产出/时效指标/培训完成及时率', '效益/社会效益指标/就业率', '效益/社会效益指标/带动创业人数', '满意度/服务对象满意度指标/参训人员满意度'],
    );
    for (const r of ROWS) {
      const i = leaves.find((x: any) => x.name === r.name);
      assert.deepEqual([i.target, i.actual, i.weight], [r.target, r.actual, r.weight], r.name);
      assert.equal(i.score, scores.get(r.name), `${r.name} 的得分`);
    }
    assert.equal(ev.total, '98');
    const sectionText = ev.sections.map((s: any) => `${s.heading}\n${s.text}`).join('\n');
    for (const [h, t] of SECTIONS) {
      assert.ok(sectionText.includes(h), `应有“${h}”`);
      assert.ok(sectionText.includes(t), `应有“${h}”的正文`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // the reviewer finds it in the 待审核 queue, with its count
  await logout(page);
  await login(page, env.app.url, env.app.users.reviewer);
  const queue = page.getByTestId('queue');
  await queue.filter({ hasText: '待审核 1' }).waitFor();
  await queue.click();
  await page.locator('a.title-link', { hasText: '新录用人员岗前培训项目' }).waitFor();
  assert.equal(await page.locator('tbody tr[data-evaluation-id]').count(), 1);

  await ctx.close();
});
