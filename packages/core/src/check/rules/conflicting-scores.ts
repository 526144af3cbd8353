// Across the evaluations of one file: the same project scored differently in two tables (S1: 特聘岗位
// 98.6 in the project evaluation report, 98.8 in its 自评表). Titles are compared without the
// 项目/经费/资金 wording, years and quotes.
import type { Evaluation, Finding, Scored } from '../../model/evaluation.ts';
import type { SetRule } from '../types.ts';
import { dec, num } from '../text.ts';

export function projectKey(title: string): string {
  return (title ?? '')
    .normalize('NFKC')
    .replace(/[\s“”"'‘’「」《》〈〉()（）]/g, '')
    .replace(/^\d{4}年度?/, '')
    .replace(/(绩效(自评|评价)(报告|表)?|自评表|评价报告|支出)$/g, '')
    .replace(/项目经费|项目资金|专项经费|专项资金|项目|经费|资金|专项/g, '');
}

export const conflictingScores: SetRule = {
  id: 'conflicting-scores',
  code: 'V21',
  severity: 'warning',
  title: '同一项目在不同表中得分不同',
  source: 'S1; N2',
  run(items: { evaluation: Evaluation; scored: Scored }[]): Finding[] {
    const out: Finding[] = [];
    const first = new Map<string, { ev: Evaluation; total: string }>();
    for (const [index, { evaluation: ev, scored }] of items.entries()) {
      const key = projectKey(ev.title);
      const total = ev.statedTotal ?? scored?.total ?? null;
      if (key.length < 2 || total == null || dec(total) == null) continue;
      const k = `${ev.subject}\u0000${key}`;
      const prev = first.get(k);
      if (!prev) {
        first.set(k, { ev, total });
        continue;
      }
      if (dec(prev.total)!.eq(dec(total)!)) continue;
      const where = ev.source;
      out.push({
        rule: this.id,
        code: this.code,
        severity: this.severity,
        message: `“${ev.title}”在本表中得分${num(total)}，而同一文件中“${prev.ev.title}”得分${num(prev.total)}`,
        suggestion: '同一项目在报告和自评表中应使用同一个得分；核对后统一',
        where: { evaluationIndex: index, field: 'statedTotal', cell: '总分', ...(where ? { source: where, ...(where.file ? { file: where.file } : {}) } : {}) },
      });
    }
    return out;
  },
};
