// Regenerates docs/screenshots/*.png at 1366×768 (import, editor, review, dashboard) from the
// real server with the demo data. Run: node --import tsx test/e2e/screenshots.ts
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { launchBrowser, login, logout, ROOT, SEEDS, startApp, VIEWPORT } from './harness.ts';
import { apiLogin } from './api.ts';

const OUT = join(ROOT, 'docs/screenshots');
mkdirSync(OUT, { recursive: true });

const app = await startApp({ seeds: true });
const browser = await launchBrowser();
try {
  // wait for the queued seed imports to finish
  const s = await apiLogin(app.url, app.users.finance);
  for (let k = 0; k < 120; k++) {
    const r = await (await fetch(`${app.url}/api/evaluations?pageSize=1`, { headers: { cookie: s.cookie } })).json();
    if (r.total >= 20) break;
    await new Promise((res) => setTimeout(res, 1000));
  }
  const ctx = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  const page = await ctx.newPage();

  // import page: the filler drops the four seed reports
  await login(page, app.url, app.users.filler);
  await page.goto(`${app.url}/import`);
  await page.getByLabel('选择文件').setInputFiles(['000', '001', '002', '003'].map((p) => join(SEEDS, require_(p))));
  await page.getByRole('button', { name: /开始导入/ }).click();
  await page.getByTestId('import-status').filter({ hasText: '导入完成' }).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(500); // progress bar transition
  await page.screenshot({ path: join(OUT, 'import.png') });

  // editor: a 003 project with its findings; one score's 评分过程 shown
  const link = page.locator('[data-import-evaluation] a', { hasText: '职业技能评价' }).first();
  await (await link.count() ? link : page.locator('[data-import-evaluation] a').first()).click();
  await page.getByTestId('total').waitFor();
  // a quantitative row stated as 100%: typing 85% rescores it at once
  const rates = page.locator('tbody input[data-field="actual"]');
  let row = rates.first();
  for (let k = 0; k < (await rates.count()); k++) {
    if ((await rates.nth(k).inputValue()).trim() === '100%') {
      row = rates.nth(k);
      break;
    }
  }
  const id = await row.getAttribute('data-indicator-id');
  await row.fill('85%');
  await page.getByTestId('save-state').filter({ hasText: '已保存' }).waitFor();
  await page.getByTestId(`score-${id}`).focus();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, 'editor.png') });
  const evalUrl = page.url();
  await logout(page);

  // review: the reviewer's view of the same evaluation, with a comment on one cell
  await login(page, app.url, app.users.reviewer);
  await page.goto(`${evalUrl}/review`);
  await page.getByTestId('status').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(OUT, 'review.png') });
  await logout(page);

  // dashboard for the finance bureau
  await login(page, app.url, app.users.finance);
  await page.goto(`${app.url}/dashboard`);
  await page.locator('[data-chart="scatter"] canvas').waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(OUT, 'dashboard.png') });
  await ctx.close();
} finally {
  await browser.close();
  await app.close();
}

function require_(prefix: string): string {
  const { readdirSync } = process.getBuiltinModule('node:fs') as typeof import('node:fs');
  return readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
}
