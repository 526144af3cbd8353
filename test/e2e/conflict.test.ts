// Two browsers edit the same evaluation: the second save is refused with 409, the user sees both
// versions, and re-applying their edits on the newer version keeps both people's changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { login, useAppAndBrowser, VIEWPORT } from './harness.ts';
import { projectEvaluation } from './fixtures.ts';
import { createEvaluation } from './api.ts';

const env = useAppAndBrowser();

test('two people edit the same evaluation: the later save is told of the conflict and nothing is lost', async () => {
  // the refused save is a 409 answer, which Chromium logs as a console error
  env.allowConsoleErrors(/status of 409/);
  const id = await createEvaluation(env.app.url, env.app.users.filler, projectEvaluation(8, '冲突测试项目'));
  const a = await (await env.browser.newContext({ viewport: VIEWPORT })).newPage();
  const b = await (await env.browser.newContext({ viewport: VIEWPORT })).newPage();
  await login(a, env.app.url, env.app.users.filler);
  await login(b, env.app.url, env.app.users.filler);
  await a.goto(`${env.app.url}/evaluations/${id}`);
  await b.goto(`${env.app.url}/evaluations/${id}`);

  const cell = (p: typeof a, ind: string, field: string) => p.locator(`[data-indicator-id="${ind}"][data-field="${field}"]`);
  const first = await a.locator('tbody [data-indicator-id][data-field="actual"]').first().getAttribute('data-indicator-id');
  const last = await a.locator('tbody [data-indicator-id][data-field="actual"]').last().getAttribute('data-indicator-id');
  assert.ok(first && last && first !== last);

  // A changes one row and its autosave lands first
  await cell(a, first, 'actual').fill('90人次');
  await a.getByTestId('save-state').filter({ hasText: '已保存（第2版）' }).waitFor();

  // B, still on version 1, changes another row: its save must be refused, not overwrite A's work
  await cell(b, last, 'deviation').fill('部分培训延期至次年一季度');
  const dialog = b.getByRole('dialog', { name: '保存冲突' });
  await dialog.waitFor();
  assert.match(await dialog.getByTestId('their-changes').innerText(), /90人次/);
  assert.match(await dialog.getByTestId('my-changes').innerText(), /部分培训延期至次年一季度/);
  // B's typed text is still in the cell while the dialog is open
  assert.equal(await cell(b, last, 'deviation').inputValue(), '部分培训延期至次年一季度');

  await dialog.getByRole('button', { name: '在对方版本上应用我的修改并保存' }).click();
  await b.getByTestId('save-state').filter({ hasText: '已保存（第3版）' }).waitFor();
  assert.equal(await cell(b, first, 'actual').inputValue(), '90人次');

  // a fresh load shows both edits
  await a.reload();
  assert.equal(await cell(a, first, 'actual').inputValue(), '90人次');
  assert.equal(await cell(a, last, 'deviation').inputValue(), '部分培训延期至次年一季度');
});
