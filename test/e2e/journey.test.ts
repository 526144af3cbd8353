// The whole journey in a real browser against the real server (issue 6 "Must show"):
// log in → import the 003 seed → open a project → change an 实际完成值 → score, total and grade change →
// follow a finding to its cell → submit → reviewer returns with a comment → fix → approve → publish →
// public page without login → download the .docx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { login, logout, SEEDS, useAppAndBrowser, VIEWPORT } from './harness.ts';
import { measureWeb } from './measure.ts';

const SEED_003 = join(SEEDS, '003_6726b065a193cc5c.txt');

const env = useAppAndBrowser();

const cell = (p: Page, id: string, field: string) => p.locator(`[data-indicator-id="${id}"][data-field="${field}"]`).first();
const num = (s: string | null) => (s == null || s.trim() === '—' ? null : Number(s));

/** Make the evaluation submittable the way a finance officer would: for each error, go to its cell
 *  (through the findings panel) and state what the computed values say, with a reason for deviations. */
async function fixErrors(page: Page): Promise<void> {
  for (let round = 0; round < 6; round++) {
    const errors = page.locator('button.finding.sev-error');
    const n = await errors.count();
    if (n === 0) return;
    const f = errors.first();
    const id = (await f.getAttribute('data-finding-indicator')) ?? '';
    const field = (await f.getAttribute('data-finding-field')) ?? '';
    await f.click();
    if (id) {
      const score = await page.getByTestId(`score-${id}`).innerText();
      if (score.trim() !== '—') await cell(page, id, 'statedScore').fill(score.trim());
      await cell(page, id, 'deviation').fill('受项目实施进度影响未完全达成，已制定整改措施。');
    } else if (/total|grade/i.test(field)) {
      await page.locator('[data-field="statedTotal"]').fill(await page.getByTestId('total').innerText());
      await page.locator('[data-field="statedGrade"]').fill(await page.getByTestId('grade').innerText());
    } else {
      // an error the UI cannot fix generically: say which, so the test failure is readable
      assert.fail(`无法自动改正的错误：${await f.innerText()}`);
    }
    await page.waitForTimeout(50);
  }
  assert.equal(await page.locator('button.finding.sev-error').count(), 0, '改正后仍有错误');
}

async function waitSaved(page: Page) {
  await page.getByTestId('save-state').filter({ hasText: '已保存' }).waitFor();
}

test('journey: import → edit with live scoring → findings → submit → return → fix → approve → publish → public → .docx', async () => {
  const ctx = await env.browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  const page = await ctx.newPage();

  // log in as the unit's filler and import the 003 seed (如皋 项目自评, many projects in one file)
  await login(page, env.app.url, env.app.users.filler);
  await page.getByRole('link', { name: '批量导入' }).first().click();
  await page.getByLabel('选择文件').setInputFiles(SEED_003);
  await page.getByRole('button', { name: /开始导入/ }).click();
  await page.getByTestId('import-status').filter({ hasText: '导入完成' }).waitFor({ timeout: 60_000 });
  const links = page.locator('[data-import-evaluation] a');
  assert.ok((await links.count()) > 1, '003 种子应识别出多个项目');
  const title = (await links.first().innerText()).trim();

  // open the first project
  await links.first().click();
  await page.getByRole('heading', { name: title }).waitFor();
  const total0 = num(await page.getByTestId('total').innerText());
  const grade0 = await page.getByTestId('grade').innerText();
  assert.ok(total0 != null, '导入的项目应有计算总分');

  // spreadsheet keys: Enter goes down, Tab right, ArrowUp up
  const active = () => page.evaluate(() => [document.activeElement?.getAttribute('data-row'), document.activeElement?.getAttribute('data-field')]);
  const firstActual = page.locator('tbody input[data-field="actual"]').first();
  await firstActual.focus();
  const row0 = await firstActual.getAttribute('data-row');
  await page.keyboard.press('Enter');
  assert.deepEqual(await active(), [String(Number(row0) + 1), 'actual']);
  await page.keyboard.press('Tab');
  assert.deepEqual(await active(), [String(Number(row0) + 1), 'weight']);
  await page.keyboard.press('ArrowUp');
  assert.deepEqual(await active(), [row0, 'weight']);

  // change 实际完成值 cells stated as 100% to 0%: the row score, the total and then the grade follow at once
  const rates = page.locator('tbody input[data-field="actual"]');
  const ids: string[] = [];
  for (let k = 0; k < (await rates.count()); k++) {
    const v = await rates.nth(k).inputValue();
    if (/^100(\.0+)?%$/.test(v.trim())) ids.push((await rates.nth(k).getAttribute('data-indicator-id'))!);
  }
  assert.ok(ids.length > 0, '应有 100% 的实际完成值可改');
  const first = ids[0];
  const score0 = num(await page.getByTestId(`score-${first}`).innerText());
  await cell(page, first, 'actual').fill('0%');
  const score1 = num(await page.getByTestId(`score-${first}`).innerText());
  const total1 = num(await page.getByTestId('total').innerText());
  assert.ok(score0 != null && score1 != null && score1 < score0, `得分应下降：${score0} → ${score1}`);
  assert.ok(total1 != null && total1 < total0!, `总分应下降：${total0} → ${total1}`);
  // the 评分过程 of that score shows on focus
  await page.getByTestId(`score-${first}`).focus();
  assert.ok((await page.locator(`#trace-${first.replace(/\./g, '\\.')}`).innerText()).length > 4);
  for (const id of ids.slice(1)) {
    if ((await page.getByTestId('grade').innerText()) !== grade0) break;
    await cell(page, id, 'actual').fill('0%');
  }
  assert.notEqual(await page.getByTestId('grade').innerText(), grade0, '等级应随总分变化');

  // follow a finding about a row to its cell
  const rowFinding = page.locator('button.finding:not([data-finding-indicator=""])').first();
  await rowFinding.waitFor();
  const fid = await rowFinding.getAttribute('data-finding-indicator');
  await rowFinding.click();
  await page.waitForFunction((id) => document.activeElement?.getAttribute('data-indicator-id') === id, fid, { timeout: 2000 });
  const focusedField = await page.evaluate(() => document.activeElement?.getAttribute('data-field'));
  const findingField = await rowFinding.getAttribute('data-finding-field');
  if (findingField && findingField !== 'score') assert.equal(focusedField, findingField);

  // submit is refused while errors remain, with the list
  await waitSaved(page);
  if ((await page.locator('button.finding.sev-error').count()) > 0) {
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByTestId('submit-refused').waitFor();
  }
  await fixErrors(page);
  await waitSaved(page);
  await page.getByRole('button', { name: '提交审核' }).click();
  await page.getByTestId('status').filter({ hasText: '已提交' }).waitFor();
  const evalUrl = page.url();
  const evalId = evalUrl.split('/').pop()!;

  // the reviewer comments on one cell (the row's 实际完成值), sees it under that cell, and returns it
  await logout(page);
  await login(page, env.app.url, env.app.users.reviewer);
  await page.goto(`${env.app.url}/evaluations/${evalId}/review`);
  await page.locator(`[data-comment-for="${first}"]`).click();
  await page.getByLabel(/批注对象$/).selectOption({ label: '实际完成值' });
  await page.getByLabel(/批注$/).fill('实际完成值为0%，请核实并补充说明');
  await page.getByRole('button', { name: '保存' }).click();
  const note = page.locator(`[data-note-for="${first}:actual"]`);
  await note.filter({ hasText: '请核实并补充说明' }).waitFor();
  // it sits in the 实际完成值 cell of that row, not in the row's comment column
  assert.equal(await note.evaluate((n) => n.closest('td')?.className), 'col-actual');
  assert.equal(await page.locator('.comment-cell .comment', { hasText: '请核实并补充说明' }).count(), 0);
  await page.getByLabel('退回意见').fill('请核实完成情况后重新提交');
  await page.getByRole('button', { name: '退回修改' }).click();
  await page.getByTestId('status').filter({ hasText: '退回' }).waitFor();

  // the filler sees the comment, fixes the row and submits again
  await logout(page);
  await login(page, env.app.url, env.app.users.filler);
  await page.goto(evalUrl);
  await page.locator('.comments-box', { hasText: '请核实并补充说明' }).waitFor();
  // and next to the cell it is about
  await page.locator(`[data-note-for="${first}:actual"]`, { hasText: '请核实并补充说明' }).waitFor();
  await cell(page, first, 'actual').fill('98%');
  await cell(page, first, 'deviation').fill('年底集中培训，个别人员因病缺训，已安排补训。');
  await page.waitForTimeout(100);
  await fixErrors(page);
  await waitSaved(page);
  await page.getByRole('button', { name: '提交审核' }).click();
  await page.getByTestId('status').filter({ hasText: '已提交' }).waitFor();

  // the reviewer sees what changed since the last submission and approves
  await logout(page);
  await login(page, env.app.url, env.app.users.reviewer);
  await page.goto(`${env.app.url}/evaluations/${evalId}/review`);
  await page.getByTestId('changes').filter({ hasText: '98%' }).waitFor();
  await page.getByRole('button', { name: '审核通过' }).click();
  await page.getByTestId('status').filter({ hasText: '审核通过' }).waitFor();

  // publishing is the finance bureau's (server roles: publish = finance/admin)
  await logout(page);
  await login(page, env.app.url, env.app.users.finance);
  await page.goto(`${env.app.url}/evaluations/${evalId}/review`);
  await page.getByRole('button', { name: '公开' }).click();
  await page.getByTestId('status').filter({ hasText: '已公开' }).waitFor();

  // the finance bureau's dashboard: each chart exports as an image and its data as .xlsx
  await page.goto(`${env.app.url}/dashboard`);
  const grades = page.locator('[data-chart="grades"]');
  await grades.locator('canvas').waitFor();
  const [png] = await Promise.all([page.waitForEvent('download'), grades.getByRole('button', { name: '导出图片' }).click()]);
  assert.deepEqual([...readFileSync((await png.path())!).subarray(1, 4)], [...Buffer.from('PNG')]);
  const [xlsx] = await Promise.all([page.waitForEvent('download'), grades.getByRole('button', { name: '导出 .xlsx' }).click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(readFileSync((await xlsx.path())!)).buffer);
  const sheet = wb.worksheets[0];
  assert.deepEqual([sheet.getCell('A1').value, sheet.getCell('A2').value, sheet.getCell('A5').value], ['等级', '优', '差']);
  // the published project is counted in its grade (the dashboard sums whole numbers of evaluations)
  const counted = [2, 3, 4, 5].map((r) => Number(sheet.getCell(`B${r}`).value)).reduce((a, b) => a + b, 0);
  assert.ok(counted >= 1);

  // the public page, without login
  const anon = await env.browser.newContext({ viewport: VIEWPORT });
  const pub = await anon.newPage();
  await pub.goto(`${env.app.url}/public`);
  await pub.getByRole('link', { name: title }).click();
  await pub.getByRole('heading', { name: title }).waitFor();
  assert.ok(num(await pub.getByTestId('total').innerText()) != null);
  await anon.close();

  // download the .docx
  await page.goto(`${env.app.url}/evaluations/${evalId}/documents`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-format="docx"]').click()]);
  assert.match(download.suggestedFilename(), /\.docx$/);
  const bytes = readFileSync((await download.path())!);
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', '.docx 应是 zip 包');
  assert.ok(bytes.includes(Buffer.from('word/document.xml')));

  await ctx.close();
});

test('measured for npm run bench: first load and typing → total in a 25-row table (written to .tmp/web-bench.json)', async () => {
  const r = await measureWeb({ app: env.app, browser: env.browser });
  // not a timing assertion: typing must update the total at all
  assert.equal(r.typing.totalChanged, true);
  assert.equal(r.typing.rows, 25);
});
