// T01: the targets cover 产出 (数量, 质量, 时效, 成本), 效益 and 满意度. N3 [R] (财预〔2015〕88号): targets
// cover expected outputs (数量/质量/时效/成本), effects and 满意度; N1 annex 1 [R] has the same tree.
// 成本 may stand as its own 一级 (N4 财预〔2021〕101号; 河南 2024); 满意度 may sit under 效益 (older forms).
import type { Finding } from '../../model/evaluation.ts';
import type { TargetTable } from '../model.ts';
import { finding, type TargetRule } from './types.ts';

const NEEDED: { label: string; test: (path: string) => boolean; where: string }[] = [
  { label: '数量指标', test: (p) => /数量/.test(p), where: '产出指标' },
  { label: '质量指标', test: (p) => /质量/.test(p), where: '产出指标' },
  { label: '时效指标', test: (p) => /时效|进度/.test(p), where: '产出指标' },
  { label: '成本指标', test: (p) => /成本/.test(p), where: '产出指标' },
  { label: '效益指标', test: (p) => /效益|效果/.test(p), where: '' },
  { label: '满意度指标', test: (p) => /满意/.test(p), where: '' },
];

export const categories: TargetRule = {
  id: 'target-categories',
  code: 'T01',
  severity: 'error',
  title: '绩效指标类别不全',
  source: 'N3 财预〔2015〕88号：绩效目标应包括产出（数量、质量、时效、成本）、效益和满意度；N1 附件1 指标体系框架',
  run(t: TargetTable): Finding[] {
    if (t.subject !== 'project') return []; // 部门整体 targets follow the department's duties (N7), not this tree
    const withTarget = t.indicators.filter((i) => i.target?.trim() || i.weight);
    const paths = withTarget.map((i) => i.path.join('/'));
    const out: Finding[] = [];
    for (const n of NEEDED) {
      if (paths.some(n.test)) continue;
      out.push(
        finding(this, {
          field: 'indicators',
          cell: '绩效指标',
          message: `绩效目标缺少${n.where ? `${n.where}中的` : ''}${n.label}`,
          suggestion: `按项目支出绩效指标框架设置${n.label}，至少一项，并填写年度指标值`,
        }),
      );
    }
    return out;
  },
};
