// V13: indicators that cannot be measured. 效益 targets written as 得到提升/促进/保障 with no figure;
// more than half of the 产出/效益 rows qualitative; 生态效益 filled in for a project with nothing
// ecological about it (S3 “保障生态效益 是/是”).
import type { Finding, Indicator } from '../../model/evaluation.ts';
import type { CheckContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { q, row } from '../text.ts';

const VAGUE = /提升|促进|保障|提高|改善|增强|推动|优化|加强|发挥|营造/;
// a row about ecological benefit alone, not a combined 社会效益、经济效益、生态效益… heading
const ECO_ROW = /^[^、，,及和]*生态[^、，,及和]*$/;
const ECO_PROJECT = /生态|环境|环保|绿色|污染|节能|减排|水|垃圾|林|绿化|碳|土壤|大气|河|湖|海洋|能源|农/;

export const unmeasurableIndicators: Rule = {
  id: 'unmeasurable-indicators',
  code: 'V13',
  severity: 'warning',
  title: '指标不可衡量',
  source: 'N1; N4; S1; S3',
  run(ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    const about = `${ctx.ev.title ?? ''} ${ctx.ev.goals?.expected ?? ''}`;
    const ecological = ECO_PROJECT.test(about);
    const counted: Indicator[] = [];
    let qualitative = 0;
    for (const ind of ctx.leaves()) {
      const k = ctx.topKind(ind);
      const inBenefit = k === 'benefit' || ind.path.some((p) => /效益/.test(p));
      if (k !== 'output' && !inBenefit) continue;
      const t = ctx.target(ind);
      // no target: an empty template row (S0) or a table without that column (S1 评价表)
      if (t.kind === 'empty') continue;
      counted.push(ind);
      if (t.kind !== 'number' && t.kind !== 'deadline') qualitative++;
      if (!inBenefit) continue;
      if (ind.path.slice(1).some((p) => ECO_ROW.test(p)) && !ecological) {
        out.push(
          ctx.finding(this, {
            indicator: ind,
            field: 'name',
            message: `${row(ind)}作为生态效益指标，与项目“${ctx.ev.title}”的内容无关（年度指标值${q(ind.target)}）`,
            suggestion: '非生态类项目不必设置生态效益指标；确有生态影响的，设置可衡量的指标值',
          }),
        );
        continue;
      }
      const text = `${ind.target ?? ''}${ind.name}`;
      if (t.kind !== 'number' && !/\d/.test(ind.target ?? '') && VAGUE.test(text)) {
        out.push(
          ctx.finding(this, {
            indicator: ind,
            field: 'target',
            message: `效益指标${row(ind)}的年度指标值${q(ind.target)}没有可衡量的数值`,
            suggestion: '把效益目标量化（比例、数量、增长率等），并写明数据来源',
          }),
        );
      }
    }
    if (counted.length >= 2 && qualitative * 2 > counted.length) {
      out.push(
        ctx.finding(this, {
          field: 'target',
          cell: '年度指标值',
          source: counted[0].source ?? ctx.ev.source,
          message: `${counted.length}个产出、效益指标中有${qualitative}个是定性指标（超过一半），绩效目标可衡量性不强`,
          suggestion: '细化、量化绩效指标（财预〔2021〕101号），定性指标应有明确的评判标准',
        }),
      );
    }
    return out;
  },
};
