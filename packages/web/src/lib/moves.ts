// What the web UI offers on an evaluation comes from the workflow in core (core/workflow): the
// buttons a role sees in a state, and whether one needs a reason. No page decides it on its own.
import { decide, movesFor, WORKFLOW, type Role, type WorkflowAction } from '@jixiao/core/workflow/index.ts';
import type { Status } from '@jixiao/core/model/evaluation.ts';

export interface Move {
  action: WorkflowAction;
  /** the button's text */
  button: string;
  /** the label of the reason box when the move needs a reason, else null */
  reason: string | null;
  /** the message shown when the reason is missing */
  reasonMissing: string | null;
}

/** The moves `role` may make from `status`, in the workflow's order; `except` leaves some to other pages. */
export function movesOf(role: Role | undefined | null, status: string, except: WorkflowAction[] = []): Move[] {
  if (!role) return [];
  return movesFor(role, status as Status)
    .filter((a) => !except.includes(a))
    .map((a) => {
      const r = WORKFLOW[a];
      return { action: a, button: r.button ?? r.label, reason: r.reason ? r.reasonLabel ?? `${r.label}的理由` : null, reasonMissing: r.reason ?? null };
    });
}

/** May `role` edit an evaluation in `status`? */
export const canEdit = (role: Role | undefined | null, status: string): boolean => !!role && decide(role, 'edit', status as Status).ok;

/** May `role` take `action` in `status` (the reason aside)? */
export const may = (role: Role | undefined | null, action: WorkflowAction, status?: string): boolean =>
  !!role && (decide(role, action, status as Status | undefined, 'x').ok);
