// 我的评价 pages through every row of a large list by keyset (the total shown, the last page
// reached, each evaluation on exactly one page), and the dashboard's coverage table is paged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { login, useAppAndBrowser, VIEWPORT } from './harness.ts';
import { projectEvaluation } from './fixtures.ts';
import { apiLogin } from './api.ts';

const env = useAppAndBrowser();
const COUNT = 130;
const PAGE = 20;

test('我的评价 shows the total and pages to the last of 130 evaluations, each once', async () => {
  const s = await apiLogin(env.app.url, env.app.users.filler);
  for (let i = 0; i < COUNT; i++) {
    const ev = { ...projectEvaluation(6, `分页项目${String(i).padStart(3, '0')}`), fiscalYear: 2021 };
    const r = await fetch(`${env.app.url}/api/evaluations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
      body: JSON.stringify({ unitId: s.unitId, evaluation: ev }),
    });
    assert.equal(r.status, 200);
  }
  const page = await (await env.browser.newContext({ viewport: VIEWPORT })).newPage();
  await login(page, env.app.url, env.app.users.filler);
  await page.goto(`${env.app.url}/?fiscalYear=2021&pageSize=${PAGE}`);
  const pager = page.getByTestId('pager');
  const pages = Math.ceil(COUNT / PAGE);
  const seen: string[] = [];
  for (let p = 1; p <= pages; p++) {
    await pager.filter({ hasText: `第 ${p} / ${pages} 页，共 ${COUNT} 条` }).waitFor();
    const titles = await page.locator('a.title-link').allInnerTexts();
    assert.equal(titles.length, p < pages ? PAGE : COUNT - PAGE * (pages - 1), `page ${p}`);
    seen.push(...titles);
    if (p < pages) await pager.getByRole('button', { name: '下一页' }).click();
  }
  assert.ok(await pager.getByRole('button', { name: '下一页' }).isDisabled(), 'the last page has no next');
  // newest first: the last page ends with the first one created
  assert.equal(seen[seen.length - 1], '分页项目000');
  assert.equal(new Set(seen).size, COUNT);
  // and back
  await pager.getByRole('button', { name: '上一页' }).click();
  await pager.filter({ hasText: `第 ${pages - 1} / ${pages} 页` }).waitFor();
});
