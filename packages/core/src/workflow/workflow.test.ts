// Issue 13: who may move an evaluation from which state to which, written once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCarryForward, decide, movesFor, STATUSES, WORKFLOW, type Role } from './index.ts';

const roles: Role[] = ['filler', 'reviewer', 'finance', 'admin'];

test('workflow: a reviewer cannot return an approved evaluation; the message says who can reopen it', () => {
  const v = decide('reviewer', 'return', 'approved', '请修改');
  assert.deepEqual(v, { ok: false, reason: 'status', message: '该评价已审核通过，不能退回；如需修改，请由财政部门重新打开（需填写理由）' });
  assert.equal(decide('reviewer', 'return', 'submitted', '请修改').ok, true);
});

test('workflow: only finance reopens an approved evaluation, and only with a reason', () => {
  for (const r of roles) {
    const v = decide(r, 'reopen', 'approved', '数据有误');
    assert.equal(v.ok, r === 'finance', r);
  }
  assert.deepEqual(decide('finance', 'reopen', 'approved', '  '), { ok: false, reason: 'reason', message: '重新打开已审核通过的评价时请填写理由' });
  assert.deepEqual(decide('finance', 'reopen', 'approved', '数据有误'), { ok: true, to: 'returned' });
  assert.equal(decide('finance', 'reopen', 'submitted', 'x').ok, false);
  assert.equal(decide('finance', 'reopen', 'published', 'x').ok, false);
});

test('workflow: every state can be left by some role, and every move leads to a state', () => {
  for (const s of STATUSES) {
    const moves = roles.flatMap((r) => movesFor(r, s));
    if (s !== 'published') assert.ok(moves.some((a) => WORKFLOW[a].to && WORKFLOW[a].to !== s), s);
  }
  assert.deepEqual(movesFor('filler', 'draft'), ['submit']);
  assert.deepEqual(movesFor('reviewer', 'submitted'), ['return', 'approve']);
  assert.deepEqual(movesFor('reviewer', 'approved'), []);
  assert.deepEqual(movesFor('finance', 'approved'), ['reopen', 'publish', 'recheck']);
});

test('workflow: return needs a comment; a filler may not approve', () => {
  assert.deepEqual(decide('reviewer', 'return', 'submitted', ''), { ok: false, reason: 'reason', message: '退回时请填写意见' });
  assert.deepEqual(decide('filler', 'approve', 'submitted'), { ok: false, reason: 'role', message: '没有权限审核通过' });
});

test('workflow: carry-forward goes to a later year only', () => {
  assert.equal(checkCarryForward(2024, 2025), null);
  assert.equal(checkCarryForward(null, 2025), null);
  assert.equal(checkCarryForward(2024, 2024), '不能结转到同一年度（2024 年）：该年度已有这份评价');
  assert.equal(checkCarryForward(2024, 2023), '结转的目标年度（2023 年）须晚于原评价的年度（2024 年）');
});
