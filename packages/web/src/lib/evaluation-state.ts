// Recompute in the browser with the same core the server uses.
import { analyzeToJson, countFindings, emptySectionFindings, fromJson, type Evaluation, type EvaluationJson } from '@jixiao/core';
import { keptReason } from '@jixiao/core/rulesets/select.ts';

/** Score and check as the server does (`chosen`: the ruleset and reason the server gave), plus the report's empty sections (they are the document's, not the score's). */
export function recompute(
  e: Evaluation,
  rulesetId: string | undefined,
  chosen?: { ruleset: string; rulesetReason: string } | null,
): { ev: EvaluationJson; error: string | null } {
  try {
    const ev = analyzeToJson(e, rulesetId);
    // the browser does not see the unit tree or the document the choice was made from: the server's
    // reason stands while the ruleset is the same
    ev.rulesetReason = keptReason(ev, chosen);
    return { ev: { ...ev, findings: [...(ev.findings ?? []), ...emptySectionFindings(e)] }, error: null };
  } catch (err: any) {
    // keep the typed values visible; the server will judge them on save
    return { ev: { ...(e as any), findings: [], total: null, rawTotal: null, grade: null, gradeLabel: null, totalTrace: '', ruleset: rulesetId ?? '' } as EvaluationJson, error: `无法计算：${err?.message ?? err}` };
  }
}

export { fromJson };

export const counts = (ev: EvaluationJson) => countFindings(ev.findings);

/** indicator id → worst severity of its findings */
export function marksOf(ev: EvaluationJson): Map<string, string> {
  const m = new Map<string, string>();
  const rank = (s: string) => (s === 'error' ? 0 : s === 'warning' ? 1 : 2);
  for (const f of ev.findings ?? []) {
    const id = f.where?.indicatorId;
    if (!id) continue;
    const cur = m.get(id);
    if (!cur || rank(f.severity) < rank(cur)) m.set(id, f.severity);
  }
  return m;
}
