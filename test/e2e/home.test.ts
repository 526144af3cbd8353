// Unit home: a new evaluation from a framework (指标体系), and last year's copied forward with its
// targets kept and actuals emptied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { login, useAppAndBrowser, VIEWPORT } from './harness.ts';
import { projectEvaluation } from './fixtures.ts';
import { createEvaluation } from './api.ts';

const env = useAppAndBrowser();

test('new evaluation from a framework opens the editor with the framework\'s indicator table', async () => {
  const page = await (await env.browser.newContext({ viewport: VIEWPORT })).newPage();
  await login(page, env.app.url, env.app.users.filler);
  await page.getByRole('button', { name: '新建评价' }).click();
  const form = page.locator('form.new-eval');
  const options = await form.locator('select').first().locator('option').allInnerTexts();
  assert.ok(options.length > 0, '应列出指标体系');
  await form.getByLabel('名称').fill('校园安全设施改造项目');
  await form.getByRole('button', { name: '创建' }).click();
  await page.getByRole('heading', { name: '校园安全设施改造项目' }).waitFor();
  assert.ok((await page.locator('tbody [data-field="actual"]').count()) > 0, '新评价应带有指标表');
  await page.getByRole('link', { name: '我的评价' }).click();
  await page.getByRole('link', { name: '校园安全设施改造项目' }).waitFor();
});

test('carry forward: refused into the same year with a message, then into next year with targets kept and actuals emptied', async () => {
  const ev = projectEvaluation(6, '职业技能培训补贴项目');
  const id = await createEvaluation(env.app.url, env.app.users.filler, ev);
  const page = await (await env.browser.newContext({ viewport: VIEWPORT })).newPage();
  await login(page, env.app.url, env.app.users.filler);
  await page.locator(`tr[data-evaluation-id="${id}"]`).getByRole('button', { name: '结转到新年度' }).click();
  const dialog = page.getByRole('form', { name: '结转到新年度' });
  assert.equal(await dialog.getByLabel('结转到年度').inputValue(), '2025', '默认结转到下一年度');
  await dialog.getByLabel('结转到年度').fill('2024');
  await dialog.getByRole('button', { name: '结转', exact: true }).click();
  await dialog.getByRole('alert').filter({ hasText: '不能结转到同一年度' }).waitFor();
  // nothing was created: the list still holds one evaluation of that name
  assert.equal(await page.locator('a.title-link', { hasText: '职业技能培训补贴项目' }).count(), 1);
  await dialog.getByLabel('结转到年度').fill('2025');
  await dialog.getByRole('button', { name: '结转', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.endsWith(`/evaluations/${id}`) && /\/evaluations\/\d+$/.test(u.pathname));
  await page.getByRole('heading', { name: '职业技能培训补贴项目' }).waitFor();
  assert.match(await page.locator('.ed-title').innerText(), /2025年/);
  const targets = await page.locator('tbody input[data-field="target"]').evaluateAll((xs) => xs.map((x) => (x as HTMLInputElement).value));
  const actuals = await page.locator('tbody input[data-field="actual"]').evaluateAll((xs) => xs.map((x) => (x as HTMLInputElement).value));
  assert.ok(targets.length === 6 && targets.every((t) => t !== ''), `目标值应保留：${targets}`);
  assert.deepEqual(actuals, ['', '', '', '', '', '']);
});
