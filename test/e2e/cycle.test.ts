// The whole performance cycle for one project in a real browser (issue 16 "Must show"): declare the
// targets from the national template → the supervising department reviews with a comment → finance
// approves → a 1–7月 monitoring round with one red light, seen by finance → the self-evaluation
// starts from the approved targets → one target changed is flagged → submit → two findings become
// rectification items → they are shown on next year's target table.
// With JIXIAO_SCREENSHOTS=<dir> each step is also saved as a PNG (the README's pictures).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { login, logout, useAppAndBrowser, VIEWPORT } from './harness.ts';

const env = useAppAndBrowser();
const SHOTS = process.env.JIXIAO_SCREENSHOTS ?? '';
const shot = async (page: Page, name: string) => {
  if (!SHOTS) return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `cycle-${name}.png`), fullPage: false });
};

// 三级 rows of the national template filled in: name, operator, value, unit, 分值 (产出 50, 效益 30, 满意度 10)
const ROWS: [string, string, string, string, string, string][] = [
  ['1.1.1', '培训教师人数', '>=', '200', '人次', '20'],
  ['1.2.1', '培训考核合格率', '>=', '95', '%', '10'],
  ['1.3.1', '培训完成时间', 'text', '12月底前', '', '10'],
  ['1.4.1', '培训成本', '<=', '100', '万元', '10'],
  ['2.1.1', '参训教师教学评优率', '>=', '30', '%', '10'],
  ['2.2.1', '参训学校覆盖率', '>=', '90', '%', '10'],
  ['2.3.1', '纸质材料节约率', '>=', '50', '%', '5'],
  ['2.4.1', '课程资源数量', '>=', '100', '个', '5'],
  ['3.1.1', '参训教师满意度', '>=', '90', '%', '10'],
];

test('cycle: targets from a template → review with a comment → approval → 1–7月 monitoring with a red light → self-evaluation from the approved targets → a changed target flagged → submit → two rectification items → next year’s table', async () => {
  const ctx = await env.browser.newContext({ viewport: VIEWPORT });
  const page = await ctx.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const { url, users } = env.app;

  // 1. the unit declares its targets from the national project template
  await login(page, url, users.filler);
  await page.getByRole('link', { name: '绩效目标' }).first().click();
  await page.getByLabel('项目名称').fill('教师培训项目');
  await page.getByLabel('年度').first().fill('2025');
  await page.getByRole('button', { name: '新建' }).click();
  await page.getByRole('heading', { name: '绩效目标申报表：教师培训项目' }).waitFor();
  const targetUrl = page.url();
  await page.getByLabel('资金总额').fill('100');
  await page.getByLabel('财政拨款').fill('100');
  await page.getByLabel('年度目标').fill('全年培训教师 200 人次以上，提升教师教学能力。');
  for (const [id, name, op, value, unit, weight] of ROWS) {
    await page.getByLabel(`${id} 三级指标`).fill(name);
    await page.getByLabel(`${id} 运算符`).selectOption(op);
    await page.getByLabel(`${id} 指标值`).fill(value);
    if (unit) await page.getByLabel(`${id} 计量单位`).fill(unit);
    await page.getByLabel(`${id} 分值`).fill(weight);
  }
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
  // the checks find nothing left to fix: all categories, measurable, 100 points, cost within budget
  await page.getByText('未发现问题。').waitFor();
  await shot(page, '1-targets');
  await page.getByRole('button', { name: '申报' }).click();
  await page.getByTestId('target-status').filter({ hasText: '已申报' }).waitFor();

  // 2. the supervising department reviews: a comment on one indicator, rating 良
  await logout(page);
  await login(page, url, users.reviewer);
  await page.goto(targetUrl);
  await page.getByLabel('2.1.1 审核意见').fill('请写明评优率的统计口径');
  await page.getByLabel('审核等级').selectOption('良');
  await page.getByLabel('审核意见', { exact: true }).fill('目标明确，可以批复');
  await shot(page, '2-review');
  await page.getByRole('button', { name: '提交审核' }).click();
  await page.getByTestId('target-status').filter({ hasText: '主管部门已审核' }).waitFor();
  assert.equal(await page.locator('[data-comment-for="2.1.1"]').innerText(), '请写明评优率的统计口径');

  // 3. the finance bureau approves: the table is locked
  await logout(page);
  await login(page, url, users.finance);
  await page.goto(targetUrl);
  await page.getByRole('button', { name: '批复' }).click();
  await page.getByTestId('target-status').filter({ hasText: '已批复' }).waitFor();
  await shot(page, '3-approved');

  // 4. the unit fills the 1–7月 monitoring round: 培训教师人数 expected 120 of ≥200 (40% short) → red
  await logout(page);
  await login(page, url, users.filler);
  await page.goto(targetUrl);
  assert.equal(await page.getByLabel('1.1.1 指标值').getAttribute('readonly'), '');
  await page.getByRole('button', { name: '新建运行监控' }).click();
  await page.getByRole('heading', { name: /运行监控：教师培训项目（1–7月）/ }).waitFor();
  const monitoringUrl = page.url();
  await page.getByLabel('执行数', { exact: true }).fill('60');
  await page.getByLabel('全年预计执行数').fill('98');
  for (const [id, , , value, unit] of ROWS) {
    await page.getByLabel(`${id} 执行情况`).fill('按计划推进');
    await page.getByLabel(`${id} 全年预计`).fill(id === '1.3.1' ? value : `${value}${unit}`);
    await page.getByLabel(`${id} 完成目标可能性`).selectOption('确定能');
  }
  await page.getByLabel('1.1.1 执行情况').fill('75人次');
  await page.getByLabel('1.1.1 全年预计').fill('120人次');
  await page.getByLabel('1.1.1 完成目标可能性').selectOption('完全不可能');
  await page.getByLabel('1.1.1 偏差原因').selectOption('经费保障');
  await page.getByLabel('1.1.1 原因说明').fill('培训经费下达推迟，下半年集中培训');
  assert.equal(await page.locator('[data-row-id="1.1.1"] [data-light]').getAttribute('data-light'), 'red');
  assert.equal(await page.locator('tr[data-row-id] [data-light="red"]').count(), 1, '只有一盏红灯');
  assert.equal(await page.getByTestId('funds-rate').innerText(), '60.00%');
  await page.getByRole('button', { name: '保存并提交' }).click();
  await page.getByText('已提交', { exact: false }).first().waitFor();
  await shot(page, '4-monitoring');

  // the finance bureau's red-light list shows the project
  await logout(page);
  await login(page, url, users.finance);
  await page.goto(`${url}/monitoring/red`);
  await page.getByTestId('red-list').getByRole('link', { name: '教师培训项目' }).waitFor();
  assert.match(await page.getByTestId('red-list').innerText(), /经费保障/);
  await shot(page, '5-red-lights');

  // 5. the self-evaluation starts from the approved targets
  await logout(page);
  await login(page, url, users.filler);
  await page.goto(targetUrl);
  await page.getByRole('button', { name: '按批复目标开始自评' }).click();
  await page.getByTestId('total').waitFor();
  const evalUrl = page.url();
  const cell = (id: string, field: string) => page.locator(`[data-indicator-id="${id}"][data-field="${field}"]`).first();
  assert.equal(await cell('1.1.1', 'target').inputValue(), '≥200人次');
  assert.equal(await cell('1.4.1', 'target').inputValue(), '≤100万元');
  // actuals as achieved, the funds fully spent
  const actual: Record<string, string> = { '1.1.1': '210人次', '1.2.1': '97%', '1.3.1': '12月底', '1.4.1': '98万元', '2.1.1': '32%', '2.2.1': '92%', '2.3.1': '55%', '2.4.1': '105个', '3.1.1': '94%' };
  for (const [id, v] of Object.entries(actual)) await cell(id, 'actual').fill(v);
  await page.locator('[data-field="budget.executed"]').first().fill('100');
  // one target changed: flagged against the approved one
  await cell('1.1.1', 'target').fill('≥150人次');
  const flagged = page.locator('button.finding', { hasText: '与批复目标不一致' });
  await flagged.waitFor();
  assert.match(await flagged.innerText(), /批复为“≥200人次”/);
  await page.getByTestId('save-state').filter({ hasText: '已保存' }).waitFor();
  await shot(page, '6-self-evaluation');
  await page.getByRole('button', { name: '提交审核' }).click();
  await page.getByTestId('status').filter({ hasText: '已提交' }).waitFor();

  // 6. two findings become rectification items
  await page.goto(`${evalUrl}/rectification`);
  await page.getByTestId('candidates').waitFor();
  const rows = page.locator('[data-testid="candidates"] tbody tr');
  const t10 = rows.filter({ hasText: '与批复目标不一致' }).first();
  const other = rows.filter({ hasNotText: '与批复目标不一致' }).first();
  await t10.getByRole('checkbox').check();
  await t10.getByLabel(/责任人/).fill('教研科 王老师');
  await t10.getByLabel(/整改期限/).fill('2026-03-31');
  await other.getByRole('checkbox').check();
  await other.getByLabel(/责任人/).fill('办公室 李老师');
  await other.getByLabel(/整改期限/).fill('2026-06-30');
  const otherText = (await other.locator('td').nth(1).innerText()).replace(/^\S+\s/, '');
  await page.getByRole('button', { name: '登记为整改事项' }).click();
  await page.getByRole('status').filter({ hasText: '已登记 2 项整改' }).waitFor();
  assert.equal(await page.locator('[data-testid="rectification-items"] tbody tr').count(), 2);
  assert.match(await page.getByTestId('consequence').innerText(), /结果应用建议/);
  await shot(page, '7-rectification');

  // 7. next year's target table carries the two open items
  await page.goto(targetUrl);
  await page.getByLabel('下一年度').fill('2026');
  await page.getByRole('button', { name: '复制到下一年度' }).click();
  await page.getByTestId('carried').waitFor();
  const carried = await page.getByTestId('carried').innerText();
  assert.match(carried, /与批复目标不一致/);
  assert.match(carried, /教研科 王老师/);
  assert.ok(carried.includes(otherText.slice(0, 12)), `结转事项应包含：${otherText}`);
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /教师培训项目/);
  await shot(page, '8-next-year');
  assert.deepEqual(pageErrors, []);
  await ctx.close();
});
