// Rectification (整改) and the use of results (结果应用): each problem of the report and each
// error-level finding can become an item with owner, deadline, measures and status; open items are
// carried into next year's target table (domain.md §7 结果应用: units that do not rectify get
// reductions, N1 [R]).
import type { Evaluation, Finding } from '../model/evaluation.ts';
import type { CarriedItem } from '../targets/model.ts';

export const RECTIFICATION_STATUSES = ['open', 'in-progress', 'done'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_STATUS_LABEL: Record<RectificationStatus, string> = { open: '待整改', 'in-progress': '整改中', done: '已完成' };

export interface RectificationSource {
  kind: 'finding' | 'problem';
  /** the finding's rule and code, for a finding */
  rule?: string;
  code?: string;
  indicatorId?: string | null;
  text: string;
}

export interface RectificationItem {
  problem: string;
  source: RectificationSource;
  owner: string | null;
  /** YYYY-MM-DD */
  deadline: string | null;
  measures: string | null;
  status: RectificationStatus;
}

/** What can become a rectification item: every error-level finding, a target changed against the
 *  approved one (T10), the warnings after them, and each problem the report states (the 存在问题
 *  section, one line each) with what it proposes (整改措施/建议) as measures. */
export function rectificationCandidates(ev: Evaluation, findings: Finding[]): RectificationItem[] {
  const out: RectificationItem[] = [];
  const rank = (f: Finding) => (f.severity === 'error' ? 0 : f.rule === 'approved-target-changed' ? 1 : f.severity === 'warning' ? 2 : 3);
  for (const f of [...findings].sort((a, b) => rank(a) - rank(b))) {
    if (rank(f) > 2) continue;
    out.push({
      problem: f.message,
      source: { kind: 'finding', rule: f.rule, code: f.code, indicatorId: f.where.indicatorId ?? null, text: f.message },
      owner: null,
      deadline: null,
      measures: f.suggestion,
      status: 'open',
    });
  }
  const problems = ev.sections.find((s) => s.key === 'problems' || /存在(的)?问题/.test(s.heading));
  const measures = ev.sections.find((s) => s.key === 'suggestions' || /整改|建议|改进/.test(s.heading));
  for (const line of splitLines(problems?.text)) {
    out.push({ problem: line, source: { kind: 'problem', text: line }, owner: null, deadline: null, measures: measures?.text.trim() || null, status: 'open' });
  }
  return out;
}

function splitLines(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/\n+|(?<=[。；;])/)
    .map((s) => s.replace(/^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)/, '').trim())
    .filter((s) => s.length >= 4);
}

/** An open item as it is shown on next year's target table. */
export function carried(item: RectificationItem & { id: number | string; fiscalYear: number | null }): CarriedItem {
  return {
    id: item.id,
    fiscalYear: item.fiscalYear,
    problem: item.problem,
    measures: item.measures,
    owner: item.owner,
    deadline: item.deadline,
    status: RECTIFICATION_STATUS_LABEL[item.status],
  };
}
