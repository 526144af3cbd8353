// T10: a self-evaluation started from an approved target table (core/targets) states a 年度指标值
// other than the approved one, or drops or adds an indicator. Targets are approved with the budget and
// normally not changed; a change needs the adjustment procedure (N3 [V] 批复/调整), and the
// self-evaluation fills actuals against the targets approved at year start (N2 [V]).
import type { Finding } from '../../model/evaluation.ts';
import type { CheckContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { q, row } from '../text.ts';

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');
const key = (path: string[]) => path.map((p) => norm(p)).join('/');

export const approvedTargetChanged: Rule = {
  id: 'approved-target-changed',
  code: 'T10',
  severity: 'warning',
  title: '与批复目标不一致',
  source: 'N3; N2',
  run(ctx: CheckContext): Finding[] {
    const approved = ctx.ev.approvedTargets;
    if (!approved?.rows?.length) return [];
    const out: Finding[] = [];
    const byPath = new Map(approved.rows.map((r) => [key(r.path), r]));
    const seen = new Set<string>();
    const parents = new Set(ctx.ev.indicators.map((i) => i.parentId).filter(Boolean));
    for (const ind of ctx.ev.indicators) {
      const k = key(ind.path);
      const a = byPath.get(k);
      seen.add(k);
      if (!a) {
        if (parents.has(ind.id)) continue;
        out.push(
          ctx.finding(this, {
            indicator: ind,
            field: 'name',
            message: `与批复目标不一致：${row(ind)}不在批复的绩效目标表中`,
            suggestion: '自评应对照批复的绩效目标；确需新增指标的，应先按程序调整目标并经批复',
          }),
        );
        continue;
      }
      if (norm(a.target) !== norm(ind.target)) {
        out.push(
          ctx.finding(this, {
            indicator: ind,
            field: 'target',
            message: `与批复目标不一致：${row(ind)}的年度指标值${q(ind.target)}，批复为${q(a.target)}`,
            suggestion: '年度指标值应与批复的绩效目标一致；目标已按程序调整的，以调整后批复的目标为准',
          }),
        );
      }
    }
    for (const a of approved.rows) {
      if (seen.has(key(a.path)) || !a.target) continue;
      out.push(
        ctx.finding(this, {
          field: 'target',
          cell: '年度指标值',
          message: `与批复目标不一致：批复的指标“${a.path.join('/')}”（年度指标值${q(a.target)}）在自评表中缺失`,
          suggestion: '批复的每一项绩效指标都应在自评中反映完成情况',
        }),
      );
    }
    return out;
  },
};
