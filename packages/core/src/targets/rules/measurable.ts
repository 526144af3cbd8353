// T02: indicators 细化、量化. N4 [V] (财预〔2021〕101号): targets are refined and quantified, 数量 and
// 成本 indicators state a figure with its unit; N3 [R]: a target must be measurable. A target with no
// number or no unit, or a vague word (提升、加强…) with no measure, is a finding. (The same vague words
// as V13 in the self-evaluation.)
import type { Finding } from '../../model/evaluation.ts';
import { parseValue } from '../../values/parse.ts';
import { leaves, type TargetTable } from '../model.ts';
import { finding, rowName, type TargetRule } from './types.ts';

const VAGUE = /提升|促进|保障|提高|改善|增强|推动|优化|加强|发挥|营造|扩大/;
const NEEDS_NUMBER = /数量|成本/;

export const measurable: TargetRule = {
  id: 'target-measurable',
  code: 'T02',
  severity: 'warning',
  title: '绩效指标未细化、量化',
  source: 'N4 财预〔2021〕101号：绩效指标应细化、量化，数量、成本指标写明数值和计量单位；N3 财预〔2015〕88号：目标应可衡量',
  run(t: TargetTable): Finding[] {
    const out: Finding[] = [];
    for (const ind of leaves(t)) {
      if (ind.kind === 'execution' || ind.kind === 'bonus') continue;
      const text = (ind.target ?? '').trim();
      const where = { indicatorId: ind.id, path: ind.path, field: 'target', cell: '年度指标值' };
      if (!text) {
        out.push(finding(this, { ...where, message: `${rowName(ind.path)}没有填写年度指标值`, suggestion: '填写可衡量的年度指标值（数值和计量单位，或明确的完成标准）' }));
        continue;
      }
      const v = parseValue(text);
      const section = ind.path.slice(0, -1).join('/');
      if (v.kind === 'number') {
        if (!v.unit && !ind.unitOfMeasure) {
          out.push(finding(this, { ...where, message: `${rowName(ind.path)}的年度指标值“${text}”没有计量单位`, suggestion: '写明计量单位（个、人次、%、万元、天等）' }));
        }
        continue;
      }
      if (NEEDS_NUMBER.test(section) && v.kind !== 'deadline') {
        out.push(
          finding(this, {
            ...where,
            message: `${rowName(ind.path)}是${/成本/.test(section) ? '成本' : '数量'}指标，年度指标值“${text}”不是数值`,
            suggestion: '数量、成本指标应写明数值和计量单位（如“≥50个”“≤2700万元”）',
          }),
        );
        continue;
      }
      if (v.kind === 'deadline') continue;
      if (!/\d/.test(text) && VAGUE.test(`${text}${ind.name}`)) {
        out.push(
          finding(this, {
            ...where,
            message: `${rowName(ind.path)}的年度指标值“${text}”用“${(`${text}${ind.name}`.match(VAGUE) ?? [''])[0]}”等描述，没有可衡量的标准`,
            suggestion: '把目标量化（比例、数量、增长率等），或写明可核验的完成标准和数据来源',
          }),
        );
      }
    }
    return out;
  },
};
