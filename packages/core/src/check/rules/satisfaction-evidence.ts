// V19: a 满意度 result needs its evidence: how it was surveyed and how many answered (practice, §5.7).
import type { Finding } from '../../model/evaluation.ts';
import type { CheckContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { q, row } from '../text.ts';

const METHOD = /问卷|调查|调研|测评|访谈|回访|评议|打分|抽样|抽查|座谈|电话访问|网上评价|满意度评价系统/;
const SAMPLE =
  /样本[^。；;\n]{0,12}\d|\d+\s*(?:份|人次|人|名|户|家|位)[^。；;\n]{0,12}(?:问卷|样本|参与|调查|受访|答卷|评价)|(?:问卷|调查|受访|答卷)[^。；;\n]{0,16}\d+\s*(?:份|人次|人|名|户|家|位)|回收[^。；;\n]{0,10}\d/;

export const satisfactionEvidence: Rule = {
  id: 'satisfaction-evidence',
  code: 'V19',
  severity: 'warning',
  title: '满意度缺少调查依据',
  source: '§5.7 practice; S1',
  run(ctx: CheckContext): Finding[] {
    const rows = ctx.leaves().filter((i) => i.path.some((p) => /满意/.test(p)) && (i.actual ?? '').trim());
    if (rows.length === 0) return [];
    const shared = [ctx.ev.goals?.actual ?? '', ...(ctx.ev.sections ?? []).map((s) => `${s.heading}\n${s.text}`)].join('\n');
    const sharedMethod = METHOD.test(shared);
    const sharedSample = SAMPLE.test(shared);
    const out: Finding[] = [];
    for (const ind of rows) {
      const own = `${ind.basis ?? ''}\n${ind.deviation ?? ''}\n${ind.description ?? ''}`;
      const method = sharedMethod || METHOD.test(own);
      const sample = sharedSample || SAMPLE.test(own);
      if (method && sample) continue;
      const missing = [method ? null : '调查方式', sample ? null : '样本数量'].filter(Boolean).join('和');
      out.push(
        ctx.finding(this, {
          indicator: ind,
          field: 'actual',
          message: `${row(ind)}的实际完成值${q(ind.actual)}没有说明${missing}`,
          suggestion: '写明满意度的调查方式（问卷、电话回访等）、调查对象和有效样本数，并留存调查资料',
        }),
      );
    }
    return out;
  },
};
