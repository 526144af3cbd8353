// Who may move a target table from which state to which (domain.md §7 绩效目标管理, N3 [V]): the unit
// declares (申报); the supervising department reviews with a rating and comments per indicator (审核:
// 优/良 go on, 中/差 go back to the unit to revise); the finance bureau approves with the budget
// (批复, "谁批复预算，谁批复目标"), and the table is then locked. A change after approval is an
// adjustment (调整): it needs a reason and goes through the same review and approval; the approved
// version stays the binding one until the adjusted one is approved.
import type { Role } from '../workflow/index.ts';

export type TargetStatus = 'draft' | 'submitted' | 'reviewed' | 'approved' | 'returned' | 'adjusting';
export type TargetAction = 'create' | 'edit' | 'submit' | 'review' | 'approve' | 'return' | 'adjust';
export type TargetRating = '优' | '良' | '中' | '差';
export const TARGET_RATINGS: TargetRating[] = ['优', '良', '中', '差'];

export const TARGET_STATUS_LABEL: Record<TargetStatus, string> = {
  draft: '草稿',
  submitted: '已申报',
  reviewed: '主管部门已审核',
  approved: '已批复',
  returned: '退回修改',
  adjusting: '调整中',
};

export interface TargetWorkflowRule {
  roles: readonly Role[];
  from?: readonly TargetStatus[];
  to?: TargetStatus;
  reason?: string;
  label: string;
}

export const TARGET_WORKFLOW: Record<TargetAction, TargetWorkflowRule> = {
  create: { roles: ['filler', 'admin'], label: '新建绩效目标' },
  edit: { roles: ['filler', 'admin'], from: ['draft', 'returned', 'adjusting'], label: '编辑' },
  submit: { roles: ['filler', 'admin'], from: ['draft', 'returned', 'adjusting'], to: 'submitted', label: '申报' },
  // 优/良 → reviewed; 中/差 → returned (N3: 中 revise and resubmit, 差 does not enter the budget)
  review: { roles: ['reviewer', 'admin'], from: ['submitted'], to: 'reviewed', label: '审核' },
  approve: { roles: ['finance', 'admin'], from: ['reviewed'], to: 'approved', label: '批复' },
  return: { roles: ['reviewer', 'finance', 'admin'], from: ['submitted', 'reviewed'], to: 'returned', reason: '退回时请填写意见', label: '退回' },
  adjust: { roles: ['filler', 'admin'], from: ['approved'], to: 'adjusting', reason: '调整绩效目标须填写调整理由', label: '申请调整' },
};

/** The state a review leads to: 优/良 go on to the finance bureau, 中/差 go back to the unit. */
export const reviewOutcome = (rating: TargetRating): TargetStatus => (rating === '优' || rating === '良' ? 'reviewed' : 'returned');

export function decideTarget(role: Role, action: TargetAction, status?: TargetStatus): { ok: true } | { ok: false; reason: 'role' | 'status'; message: string } {
  const r = TARGET_WORKFLOW[action];
  if (!r.roles.includes(role)) return { ok: false, reason: 'role', message: `没有权限${r.label}` };
  if (status && r.from && !r.from.includes(status)) {
    const msg = status === 'approved' && action === 'edit' ? '绩效目标已批复并锁定；如需修改，请申请调整（须填写理由）' : `绩效目标当前状态为「${TARGET_STATUS_LABEL[status]}」，不能${r.label}`;
    return { ok: false, reason: 'status', message: msg };
  }
  return { ok: true };
}
