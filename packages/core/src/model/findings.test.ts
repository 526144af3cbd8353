import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countFindings } from './findings.ts';

test('findings are counted by severity; none is all zero', () => {
  const f = (severity: 'error' | 'warning' | 'info') => ({ severity });
  assert.deepEqual(countFindings([f('error'), f('warning'), f('error'), f('info'), f('warning'), f('error')]), { errors: 3, warnings: 2, infos: 1 });
  assert.deepEqual(countFindings([]), { errors: 0, warnings: 0, infos: 0 });
  assert.deepEqual(countFindings(undefined), { errors: 0, warnings: 0, infos: 0 });
});
