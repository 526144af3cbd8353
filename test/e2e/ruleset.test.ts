// The editor shows which ruleset scores the evaluation and why, and lets the officer name another
// one or go back to the automatic choice (issue 15).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { login, useAppAndBrowser, VIEWPORT } from './harness.ts';

const env = useAppAndBrowser();

test('editor: a 湖北 20/80 evaluation shows its ruleset and reason; the officer names the 四川 one and goes back to the automatic choice', async () => {
  const ctx = await env.browser.newContext({ viewport: VIEWPORT });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await login(page, env.app.url, env.app.users.filler);
  await page.getByRole('button', { name: '新建评价' }).click();
  const form = page.locator('form.new-eval');
  await form.getByLabel('指标体系').selectOption({ label: '湖北省 20/80 项目绩效自评表（2020–2021）（湖北省）' });
  await form.getByLabel('名称').fill('农村饮水安全工程维修项目');
  await form.getByLabel('年度').fill('2021');
  await form.getByRole('button', { name: '创建' }).click();
  await page.getByRole('heading', { name: '农村饮水安全工程维修项目' }).waitFor();

  const select = page.getByTestId('ruleset');
  const reason = page.getByTestId('ruleset-reason');
  assert.equal(await select.inputValue(), 'hubei-2021');
  assert.match(await reason.innerText(), /^按湖北省 20\/80 项目绩效自评表（2020–2021）评分：/);

  await select.selectOption('sichuan-2023');
  await page.getByRole('status').filter({ hasText: '已改用' }).waitFor();
  assert.equal(await select.inputValue(), 'sichuan-2023');
  assert.match(await reason.innerText(), /^按四川省.*：指定的评分规则$/);
  // the server stored it: reloaded, the same
  await page.reload();
  await page.getByRole('heading', { name: '农村饮水安全工程维修项目' }).waitFor();
  await page.waitForFunction(() => (document.querySelector('[data-testid="ruleset"]') as HTMLSelectElement | null)?.options.length! > 1);
  assert.equal(await page.getByTestId('ruleset').inputValue(), 'sichuan-2023');
  assert.match(await page.getByTestId('ruleset-reason').innerText(), /：指定的评分规则$/);

  // automatic: neither the demo unit nor the blank form names a place or carries the form's words
  await page.getByRole('button', { name: '自动选择' }).click();
  await page.getByRole('status').filter({ hasText: /已改用：按全国/ }).waitFor();
  assert.match(await page.getByTestId('ruleset-reason').innerText(), /未识别出有专门评分规则的省市/);
  assert.deepEqual(errors, []);
  await ctx.close();
});
