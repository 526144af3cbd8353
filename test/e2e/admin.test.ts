// 管理员 in the browser: a unit and a user added from 用户与单位, the one-time password shown once;
// the new user changes it on 账号; disabling the user ends their open session (issue 5 §2, §5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { login, logout, useAppAndBrowser, VIEWPORT } from './harness.ts';

const env = useAppAndBrowser();

test('admin adds a unit and a user; the user changes the one-time password; disabling ends their session', async () => {
  const admin = await (await env.browser.newContext({ viewport: VIEWPORT })).newPage();
  await login(admin, env.app.url, env.app.users.admin);
  await admin.getByRole('link', { name: '用户与单位' }).click();
  await admin.getByRole('heading', { name: '用户与单位' }).waitFor();

  // a unit under the education bureau: its kind follows the parent
  const unitForm = admin.locator('form.new-unit');
  await unitForm.getByLabel('单位名称').fill('示范市实验小学');
  await unitForm.getByLabel('上级').selectOption({ label: '示范市教育局（主管部门）' });
  await unitForm.getByRole('button', { name: '新增单位' }).click();
  await admin.getByRole('status').filter({ hasText: '已新增单位「示范市实验小学」' }).waitFor();
  const row = admin.locator('table.units tr', { hasText: '示范市实验小学' });
  assert.equal(await row.locator('td').nth(1).innerText(), '单位');

  // a 填报人 of that unit; the password is shown once
  const userForm = admin.locator('form.new-user');
  await userForm.getByLabel(/用户名/).fill('xiaoxue');
  await userForm.getByLabel('姓名').fill('王老师');
  await userForm.getByLabel('角色').selectOption({ label: '填报人' });
  await userForm.getByLabel('所属单位').selectOption({ label: '示范市实验小学' });
  await userForm.getByRole('button', { name: '新增用户' }).click();
  const notice = await admin.getByRole('status').filter({ hasText: '已新增用户 xiaoxue' }).innerText();
  const first = /初始密码：(\S+)（/.exec(notice)?.[1];
  assert.ok(first && first.length >= 8, notice);
  const listed = admin.locator('tr[data-username="xiaoxue"]');
  assert.deepEqual((await listed.locator('td').allInnerTexts()).slice(0, 5), ['xiaoxue', '王老师', '填报人', '示范市实验小学', '正常']);

  // the new user logs in with it and changes it on 账号
  const user = await (await env.browser.newContext({ viewport: VIEWPORT })).newPage();
  await login(user, env.app.url, { username: 'xiaoxue', password: first, role: 'filler', unit: '示范市实验小学' });
  await user.getByRole('link', { name: '王老师' }).click();
  await user.getByRole('heading', { name: '账号' }).waitFor();
  await user.getByLabel('原密码').fill(first);
  await user.getByLabel('新密码（至少 10 位，不能是常见密码）').fill('xiaoxue-2026');
  await user.getByLabel('再次输入新密码').fill('xiaoxue-2027');
  await user.getByRole('button', { name: '修改密码' }).click();
  assert.equal(await user.getByRole('alert').innerText(), '两次输入的新密码不一致');
  await user.getByLabel('再次输入新密码').fill('xiaoxue-2026');
  await user.getByRole('button', { name: '修改密码' }).click();
  await user.getByRole('status').filter({ hasText: '密码已修改' }).waitFor();
  await logout(user);
  // the old password no longer works (the refused login is a 401 in the console), the new one does
  env.allowConsoleErrors(/api\/auth\/login: .*status of 401/);
  await user.getByLabel('用户名').fill('xiaoxue');
  await user.getByLabel('密码').fill(first);
  await user.getByRole('button', { name: '登录' }).click();
  await user.getByRole('alert').waitFor();
  assert.match(await user.getByRole('alert').innerText(), /用户名或密码错误/);
  await login(user, env.app.url, { username: 'xiaoxue', password: 'xiaoxue-2026', role: 'filler', unit: '示范市实验小学' });

  // disabled by the administrator: the open session is refused at the next request
  await listed.getByRole('button', { name: '停用' }).click();
  await admin.getByRole('status').filter({ hasText: '已停用 xiaoxue' }).waitFor();
  assert.equal(await listed.locator('td').nth(4).innerText(), '已停用');
  await user.reload();
  await user.getByRole('heading', { name: '登录' }).waitFor();
});
