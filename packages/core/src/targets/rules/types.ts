// A check reviewers apply to a target table (绩效目标审核): one small module each, with its source.
import type { Finding, Severity } from '../../model/evaluation.ts';
import type { TargetTable } from '../model.ts';

export interface TargetRule {
  id: string;
  /** T01… (targets), beside the self-evaluation's V01… */
  code: string;
  severity: Severity;
  title: string;
  /** domain.md source ids and what they say */
  source: string;
  run(t: TargetTable): Finding[];
}

export function finding(rule: TargetRule, o: { indicatorId?: string; path?: string[]; field?: string; cell?: string; message: string; suggestion: string; severity?: Severity }): Finding {
  return {
    rule: rule.id,
    code: rule.code,
    severity: o.severity ?? rule.severity,
    message: o.message,
    suggestion: o.suggestion,
    where: {
      ...(o.indicatorId ? { indicatorId: o.indicatorId } : {}),
      ...(o.path ? { path: o.path } : {}),
      ...(o.field ? { field: o.field } : {}),
      ...(o.cell ? { cell: o.cell } : {}),
    },
  };
}

/** “产出指标/数量指标/资助孵化海创数量” */
export const rowName = (path: string[]) => `“${path.join('/')}”`;
