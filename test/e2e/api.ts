// Direct API calls for test setup (the browser does the steps under test).
import type { Evaluation } from '@jixiao/core';
import type { DemoUser } from './harness.ts';

export async function apiLogin(url: string, user: DemoUser): Promise<{ cookie: string; csrf: string; unitId: number }> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  if (!r.ok) throw new Error(`登录失败 ${r.status}: ${await r.text()}`);
  const body = await r.json();
  return { cookie: r.headers.get('set-cookie')!.split(';')[0], csrf: body.csrfToken, unitId: body.user.unitId };
}

export async function createEvaluation(url: string, user: DemoUser, evaluation: Evaluation): Promise<string> {
  const s = await apiLogin(url, user);
  const r = await fetch(`${url}/api/evaluations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
    body: JSON.stringify({ unitId: s.unitId, evaluation }),
  });
  if (!r.ok) throw new Error(`创建评价失败 ${r.status}: ${await r.text()}`);
  return String((await r.json()).id);
}
