// Bulk import in the browser by a reviewer (审核人). The files picked are listed, a unit can be
// chosen, and the job runs to the end with one row per file. Without a chosen unit, nothing is filed
// by guessing: a report from a unit not in the tree waits to be placed, and a report imported again
// is offered as a duplicate with its differences. The results stay on the page until dismissed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { login, ROOT, useAppAndBrowser, VIEWPORT } from './harness.ts';
import { projectEvaluation } from './fixtures.ts';

const env = useAppAndBrowser();
const FORMATS = join(ROOT, 'packages/documents/test-fixtures/formats');

test('a reviewer picks two files, sees them listed, imports them into a chosen unit', async () => {
  const page = await (await env.browser.newContext({ viewport: VIEWPORT })).newPage();
  await login(page, env.app.url, env.app.users.reviewer);
  await page.getByRole('navigation').getByRole('link', { name: '批量导入' }).click();
  // the reviewer's units are on the page before the files are picked
  await page.getByRole('heading', { name: '批量导入' }).waitFor();
  await page.waitForResponse((r) => r.url().includes('/api/units')).catch(() => {});
  await page.getByLabel('选择文件').setInputFiles([join(FORMATS, '001.docx'), join(FORMATS, '002-table.pdf')]);
  const listed = await page.locator('ul.file-list li').allInnerTexts();
  assert.deepEqual(listed.map((t) => t.split(' ')[0]), ['001.docx', '002-table.pdf']);
  await page.getByLabel('所属单位').selectOption({ label: '示范市第一中学' });
  await page.getByRole('button', { name: '开始导入（2 个文件）' }).click();
  await page.getByTestId('import-status').filter({ hasText: '导入完成（2/2 个文件）' }).waitFor({ timeout: 60_000 });
  const rows = await page.locator('table.list tbody tr').allInnerTexts();
  assert.ok(rows.some((r) => /001\.docx\s+已导入：找到 10 份/.test(r)), rows.join('\n'));
  assert.ok(rows.some((r) => /002-table\.pdf\s+已导入：找到 1 份/.test(r)), rows.join('\n'));
  // the result stays when the reviewer goes elsewhere and comes back, until dismissed
  await page.goto(`${env.app.url}/`);
  await page.getByRole('navigation').getByRole('link', { name: '批量导入' }).click();
  await page.getByTestId('import-status').filter({ hasText: '导入完成（2/2 个文件）' }).waitFor();
  await page.getByRole('button', { name: '关闭结果' }).click();
  assert.equal(await page.getByTestId('import-status').count(), 0);
});

test('a folder with a report from an unknown unit and a duplicate: nothing is filed silently', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-import-'));
  try {
    const mine = { ...projectEvaluation(8, '校园安全改造项目'), unit: '示范市第一中学', fiscalYear: 2025 };
    const stranger = { ...projectEvaluation(8, '农田水利维护项目'), unit: '远方县农业农村局', fiscalYear: 2025 };
    const changed = structuredClone(mine);
    const leaf = changed.indicators.find((i) => i.level === 3)!;
    leaf.actual = '85人次';
    writeFileSync(join(dir, '第一中学.json'), JSON.stringify(mine));
    writeFileSync(join(dir, '第一中学-修改后.json'), JSON.stringify(changed));
    writeFileSync(join(dir, '远方县.json'), JSON.stringify(stranger));

    const page = await (await env.browser.newContext({ viewport: VIEWPORT })).newPage();
    await login(page, env.app.url, env.app.users.reviewer);
    await page.goto(`${env.app.url}/import`);
    await page.getByRole('heading', { name: '批量导入' }).waitFor();
    // last year's folder: the report of a unit of the tree, matched by the name it states
    await page.getByLabel('选择文件').setInputFiles(join(dir, '第一中学.json'));
    await page.getByRole('button', { name: '开始导入（1 个文件）' }).click();
    const first = page.locator('.import-job').first();
    await first.getByTestId('import-status').filter({ hasText: '导入完成（1/1 个文件）' }).waitFor({ timeout: 60_000 });
    assert.match(await first.locator('tbody').innerText(), /第一中学\.json\s+已导入：找到 1 份\s+校园安全改造项目/);

    // the folder again, with the changed copy and a report of a unit that is not in the tree
    await page.getByLabel('选择文件').setInputFiles([join(dir, '第一中学-修改后.json'), join(dir, '远方县.json')]);
    await page.getByRole('button', { name: '开始导入（2 个文件）' }).click();
    const job = page.locator('.import-job').first();
    await job.getByTestId('import-status').filter({ hasText: '导入完成（2/2 个文件）' }).waitFor({ timeout: 60_000 });
    await job.getByTestId('import-status').filter({ hasText: '2 份评价需要确认' }).waitFor();
    // both results are on the page
    assert.equal(await page.locator('.import-job').count(), 2);

    const dup = job.locator('tr[data-import-file="第一中学-修改后.json"]');
    assert.match(await dup.innerText(), /需确认/);
    assert.match(await dup.innerText(), /已有同一年度、同类型、同名称的评价/);
    const diff = dup.getByRole('table', { name: '与已有评价的差异' });
    const was = mine.indicators.find((i) => i.id === leaf.id)!.actual;
    assert.deepEqual(await diff.locator('tbody tr').allInnerTexts(), [`${leaf.path.join(' / ')} · 实际完成值\t${was ?? '（空）'}\t85人次`]);

    const unknown = job.locator('tr[data-import-file="远方县.json"]');
    assert.match(await unknown.innerText(), /文件中的单位「远方县农业农村局」不在单位树中/);

    // nothing was filed: one 校园安全改造项目, no 农田水利维护项目
    const list = async (q: string) =>
      page.evaluate(async (u) => (await (await fetch(u)).json()).items.map((e: any) => `${e.title}@${e.unitName}`), `/api/evaluations?q=${encodeURIComponent(q)}`);
    assert.deepEqual(await list('校园安全改造项目'), ['校园安全改造项目@示范市第一中学']);
    assert.deepEqual(await list('农田水利维护项目'), []);

    // the reviewer places the unknown one, and updates the existing evaluation with the changed copy
    await unknown.getByLabel('归入单位').selectOption({ label: '示范市教师发展中心' });
    await unknown.getByRole('button', { name: '归入' }).click();
    await unknown.filter({ hasText: '已归入单位' }).waitFor();
    await dup.getByRole('button', { name: '用这份更新已有评价' }).click();
    await dup.filter({ hasText: '已更新原评价' }).waitFor();
    await job.getByTestId('import-status').filter({ hasNotText: '需要确认' }).waitFor();
    assert.deepEqual(await list('农田水利维护项目'), ['农田水利维护项目@示范市教师发展中心']);
    assert.deepEqual(await list('校园安全改造项目'), ['校园安全改造项目@示范市第一中学']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
