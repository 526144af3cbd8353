// Test support for the cycle's API suites: a target table made of the seed's 海创扶持资金 rows,
// declared by fillA, reviewed by revA and approved by fin.
import assert from 'node:assert/strict';
import type { TargetTable } from '@jixiao/core';
import { seedTable } from '@jixiao/core/targets/test-fixtures/index.ts';
import type { ApiSuite, Client } from '../testing-api.ts';

export const haichuang = (title = '海创扶持资金'): TargetTable => ({ ...seedTable('海创扶持资金'), title, fiscalYear: 2024 });

export async function declared(t: ApiSuite, a: Client, table = haichuang()): Promise<number> {
  const r = await a.call('POST', '/api/targets', { unitId: t.u.a, table });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json.id;
}

/** A table through 申报 → 审核 (良) → 批复; returns its id. */
export async function approved(t: ApiSuite, table = haichuang()): Promise<number> {
  const a = await t.login('fillA');
  const rev = await t.login('revA');
  const fin = await t.login('fin');
  const id = await declared(t, a, table);
  assert.equal((await a.call('POST', `/api/targets/${id}/submit`)).status, 200);
  assert.equal((await rev.call('POST', `/api/targets/${id}/review`, { rating: '良' })).json.status, 'reviewed');
  assert.equal((await fin.call('POST', `/api/targets/${id}/approve`)).json.status, 'approved');
  return id;
}
