// Bulk import in the browser by a reviewer (审核人): the files picked are listed, a unit can be chosen,
// and the job runs to the end with one row per file. Reviewers and the finance bureau get the unit
// list on this page; with it loaded, picked files used to vanish (the input was cleared before React
// read it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { login, ROOT, useAppAndBrowser, VIEWPORT } from './harness.ts';

const env = useAppAndBrowser();
const FORMATS = join(ROOT, 'packages/documents/test-fixtures/formats');

test('a reviewer picks two files, sees them listed, imports them into a chosen unit', async () => {
  const page = await (await env.browser.newContext({ viewport: VIEWPORT })).newPage();
  await login(page, env.app.url, env.app.users.reviewer);
  await page.getByRole('navigation').getByRole('link', { name: '批量导入' }).click();
  // the reviewer's units are on the page before the files are picked
  await page.getByRole('heading', { name: '批量导入' }).waitFor();
  await page.waitForResponse((r) => r.url().endsWith('/api/units')).catch(() => {});
  await page.getByLabel('选择文件').setInputFiles([join(FORMATS, '001.docx'), join(FORMATS, '002-table.pdf')]);
  const listed = await page.locator('ul.file-list li').allInnerTexts();
  assert.deepEqual(listed.map((t) => t.split(' ')[0]), ['001.docx', '002-table.pdf']);
  await page.getByLabel('所属单位').selectOption({ label: '示范市第一中学' });
  await page.getByRole('button', { name: '开始导入（2 个文件）' }).click();
  await page.getByTestId('import-status').filter({ hasText: '导入完成（2/2 个文件）' }).waitFor({ timeout: 60_000 });
  const rows = await page.locator('table.list tbody tr').allInnerTexts();
  assert.ok(rows.some((r) => /001\.docx\s+找到 10 份/.test(r)), rows.join('\n'));
  assert.ok(rows.some((r) => /002-table\.pdf\s+找到 1 份/.test(r)), rows.join('\n'));
});
