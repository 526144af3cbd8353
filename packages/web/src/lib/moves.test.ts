// The buttons follow the workflow in core: a transition changed there is a button gone here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WORKFLOW } from '@jixiao/core/workflow/index.ts';
import { canEdit, may, movesOf } from './moves.ts';

test('a reviewer on a submitted evaluation: return (with a reason) and approve; nothing once approved', () => {
  assert.deepEqual(movesOf('reviewer', 'submitted').map((m) => [m.button, m.reason]), [
    ['退回修改', '退回意见'],
    ['审核通过', null],
  ]);
  assert.deepEqual(movesOf('reviewer', 'approved'), []);
});

test('finance on an approved evaluation may reopen it with a reason, publish it, recheck it', () => {
  const m = movesOf('finance', 'approved');
  assert.deepEqual(m.map((x) => x.action), ['reopen', 'publish', 'recheck']);
  assert.equal(m[0].reason, '重新打开的理由');
  assert.match(m[0].reasonMissing ?? '', /理由/);
});

test('the filler: edit and submit while draft or returned, nothing once submitted', () => {
  assert.equal(canEdit('filler', 'draft'), true);
  assert.equal(canEdit('filler', 'submitted'), false);
  assert.equal(canEdit('reviewer', 'draft'), false);
  assert.deepEqual(movesOf('filler', 'returned').map((m) => m.button), ['提交审核']);
  assert.deepEqual(movesOf('filler', 'returned', ['submit']), []);
  assert.equal(may('filler', 'submit', 'submitted'), false);
});

test('a transition changed in core hides the button', () => {
  const saved = WORKFLOW.approve.roles;
  try {
    (WORKFLOW.approve as { roles: readonly string[] }).roles = ['finance'];
    assert.deepEqual(movesOf('reviewer', 'submitted').map((m) => m.action), ['return']);
    assert.ok(movesOf('finance', 'submitted').some((m) => m.action === 'approve'));
  } finally {
    (WORKFLOW.approve as { roles: readonly string[] }).roles = saved;
  }
  assert.deepEqual(movesOf('reviewer', 'submitted').map((m) => m.action), ['return', 'approve']);
});
