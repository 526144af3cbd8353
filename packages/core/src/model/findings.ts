// Findings counted by severity: the list columns of the server, the badges of the web UI.
import type { Severity } from './evaluation.ts';

export interface FindingCounts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countFindings(findings: readonly { severity: Severity }[] | null | undefined): FindingCounts {
  const c = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings ?? []) {
    if (f.severity === 'error') c.errors++;
    else if (f.severity === 'warning') c.warnings++;
    else c.infos++;
  }
  return c;
}
