// The workflow of an evaluation in one place: its states, who may move it from which state to which,
// and which moves need a reason. The server enforces it, the web UI shows the moves it allows.
import type { Status } from '../model/evaluation.ts';
import { STATUS_LABEL } from '../labels.ts';

export type Role = 'filler' | 'reviewer' | 'finance' | 'admin';

export type WorkflowAction =
  | 'create'
  | 'import'
  | 'edit'
  | 'submit'
  | 'return'
  | 'approve'
  | 'reopen'
  | 'publish'
  | 'recheck'
  | 'comment';

export interface WorkflowRule {
  /** roles allowed to take the action */
  roles: readonly Role[];
  /** states it may be taken from (none: any state, or no evaluation yet) */
  from?: readonly Status[];
  /** the state it leads to (none: the state stays) */
  to?: Status;
  /** a reason must be given (kept as a comment and in the audit log) */
  reason?: string;
  label: string;
  /** the button's text where it differs from the label */
  button?: string;
  /** the label of the box where the reason is written */
  reasonLabel?: string;
}

export const STATUSES: readonly Status[] = ['draft', 'submitted', 'returned', 'approved', 'published'];

export { STATUS_LABEL };

export const WORKFLOW: Record<WorkflowAction, WorkflowRule> = {
  create: { roles: ['filler', 'admin'], label: '新建' },
  import: { roles: ['filler', 'reviewer', 'finance', 'admin'], label: '导入' },
  edit: { roles: ['filler', 'admin'], from: ['draft', 'returned'], label: '编辑' },
  submit: { roles: ['filler', 'admin'], from: ['draft', 'returned'], to: 'submitted', label: '提交', button: '提交审核' },
  // a reviewer returns what is submitted; once approved, only finance reopens it (below)
  return: { roles: ['reviewer', 'finance', 'admin'], from: ['submitted'], to: 'returned', reason: '退回时请填写意见', label: '退回', button: '退回修改', reasonLabel: '退回意见' },
  approve: { roles: ['reviewer', 'finance', 'admin'], from: ['submitted'], to: 'approved', label: '审核通过' },
  reopen: { roles: ['finance'], from: ['approved'], to: 'returned', reason: '重新打开已审核通过的评价时请填写理由', label: '重新打开', reasonLabel: '重新打开的理由' },
  publish: { roles: ['finance', 'admin'], from: ['approved'], to: 'published', label: '公开' },
  recheck: { roles: ['finance', 'admin'], from: ['submitted', 'approved', 'published'], label: '财政复核' },
  comment: { roles: ['filler', 'reviewer', 'finance', 'admin'], label: '评论' },
};

export type Verdict =
  | { ok: true; to: Status | undefined }
  | { ok: false; reason: 'role' | 'status' | 'reason'; message: string };

/**
 * May `role` take `action` on an evaluation in `status` (with `reason` given)? The message is Chinese
 * and names what is missing: the role, the state, or the reason.
 */
export function decide(role: Role, action: WorkflowAction, status?: Status, reason?: string | null): Verdict {
  const rule = WORKFLOW[action];
  if (!rule.roles.includes(role)) {
    if (action === 'return' && status === 'approved' && WORKFLOW.reopen.roles.includes('finance')) {
      return { ok: false, reason: 'role', message: '该评价已审核通过，只有财政部门可以重新打开（需填写理由）' };
    }
    return { ok: false, reason: 'role', message: `没有权限${rule.label}` };
  }
  if (status && rule.from && !rule.from.includes(status)) {
    if (action === 'return' && status === 'approved') {
      return { ok: false, reason: 'status', message: '该评价已审核通过，不能退回；如需修改，请由财政部门重新打开（需填写理由）' };
    }
    return { ok: false, reason: 'status', message: `当前状态为「${STATUS_LABEL[status]}」，不能${rule.label}` };
  }
  if (rule.reason && !(reason ?? '').trim()) return { ok: false, reason: 'reason', message: rule.reason };
  return { ok: true, to: rule.to };
}

/** The state changes `role` may make from `status`, in the order the UI shows them. */
export function movesFor(role: Role, status: Status): WorkflowAction[] {
  return (Object.keys(WORKFLOW) as WorkflowAction[]).filter((a) => {
    const r = WORKFLOW[a];
    return r.from !== undefined && a !== 'edit' && r.roles.includes(role) && r.from.includes(status);
  });
}

/** A carry-forward goes to a later year; into the same (or an earlier) year it would make a duplicate. */
export function checkCarryForward(fromYear: number | null | undefined, toYear: number): string | null {
  if (fromYear != null && toYear <= fromYear) {
    return toYear === fromYear
      ? `不能结转到同一年度（${fromYear} 年）：该年度已有这份评价`
      : `结转的目标年度（${toYear} 年）须晚于原评价的年度（${fromYear} 年）`;
  }
  return null;
}
