// T03: the weights add up to 100. The self-evaluation scores out of 100 with the 预算执行率 weight
// (N1 附件2 [R]: 预算执行率 10, the indicators 90; domain.md §2.2, V01), so the targets' 分值 plus the
// execution weight must make 100.
import type { Finding, Indicator } from '../../model/evaluation.ts';
import { D, parseDec, str, sum } from '../../decimal.ts';
import type { TargetTable } from '../model.ts';
import { finding, type TargetRule } from './types.ts';

export const weights: TargetRule = {
  id: 'target-weights',
  code: 'T03',
  severity: 'error',
  title: '分值合计不等于 100',
  source: 'N1 财预〔2020〕10号 附件2：自评满分 100 分，预算执行率 10 分，绩效指标 90 分；domain.md V01',
  run(t: TargetTable): Finding[] {
    if (!t.indicators.some((i) => parseDec(i.weight))) return []; // no weights given (a target table without 分值)
    const children = new Map<string | null, Indicator[]>();
    for (const i of t.indicators) {
      const list = children.get(i.parentId) ?? [];
      list.push(i);
      children.set(i.parentId, list);
    }
    const weightOf = (i: Indicator): string => {
      const own = parseDec(i.weight);
      if (own) return str(own);
      return str(sum((children.get(i.id) ?? []).map(weightOf)));
    };
    const tops = children.get(null) ?? [];
    const indicators = sum(tops.map(weightOf));
    const exec = parseDec(t.executionWeight) ?? D(0);
    const total = indicators.plus(exec);
    if (total.eq(100)) return [];
    return [
      finding(this, {
        field: 'weight',
        cell: '分值',
        message: `分值合计为 ${str(total)}（绩效指标 ${str(indicators)}${exec.isZero() ? '' : ` + 预算执行率 ${str(exec)}`}），应为 100`,
        suggestion: '调整各指标分值，使绩效指标与预算执行率的分值合计为 100',
      }),
    ];
  },
};
