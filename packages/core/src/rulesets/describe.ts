// Chinese lines describing one ruleset, for `jixiao rulesets` and the web UI.
import { D, str } from '../decimal.ts';
import type { Ruleset } from '../model/ruleset.ts';

export const DENOMINATOR_LABEL: Record<Ruleset['executionRateDenominator'], string> = {
  adjustedBudget: '全年预算数（调整后预算数）',
  initialBudget: '年初预算数',
  received: '实际到位资金',
};

const pct = (x: string) => `${str(D(x).times(100))}%`;
const yesNo = (b: boolean) => (b ? '是' : '否');

function bandLabel(b: Ruleset['gradeBands'][number]): string {
  return b.aliases.length ? `${b.label}（${b.aliases.join('、')}）` : b.label;
}

export function describeRuleset(r: Ruleset): string[] {
  const lines: string[] = [];
  lines.push(`编号：${r.id}`);
  lines.push(`名称：${r.name}`);
  lines.push(`适用：${r.jurisdiction}${r.year ? `，${r.year} 年度` : ''}`);
  const den = DENOMINATOR_LABEL[r.executionRateDenominator];
  lines.push(`执行率分母：${den}；执行率 = 全年执行数 ÷ ${den.replace(/（.*$/, '')}`);
  lines.push(`得分取舍：${r.rounding.mode === 'halfUp' ? '四舍五入' : '截尾（舍去）'}，保留 ${r.rounding.decimals} 位小数`);
  const bands = [...r.gradeBands].sort((a, b) => D(b.min).comparedTo(a.min));
  const parts = bands.map((b, i) => {
    const upper = i === 0 ? null : bands[i - 1].min;
    const from = D(b.min).isZero() ? '' : `${str(b.min)} 分及以上`;
    const to = upper === null ? '' : `不足 ${str(upper)} 分`;
    return `${bandLabel(b)} ${[from, to].filter(Boolean).join('、')}`;
  });
  lines.push(`等级：${parts.join('；')}`);
  lines.push(`偏离度阈值：超额完成偏离 ${pct(r.deviationThreshold)} 以上须说明原因`);
  lines.push(`得分容差：填报得分与计算得分相差超过 ${str(r.scoreTolerance)} 分时提示`);
  lines.push(`定性指标分档：达成 ≥ 分值的 ${pct(r.qualitativeBands.met)}，部分达成 ≥ ${pct(r.qualitativeBands.partial)}，其余为未达成`);
  lines.push(
    r.level1Profile
      ? `一级指标分值：${r.level1Profile.map((p) => `${p.name} ${str(p.weight)}`).join('、')}`
      : '一级指标分值：不设统一模板',
  );
  lines.push(
    `上限：总分不超过执行率 × 100：${yesNo(r.caps.totalByExecutionRate)}；总分限定在 0–100：${yesNo(r.caps.clampTotal)}；加减分上限：${
      r.caps.bonusMaxAbs ? `±${str(r.caps.bonusMaxAbs)} 分` : '无加减分'
    }`,
  );
  if (r.executionFloor) {
    lines.push(`执行率下限：执行率低于 ${pct(r.executionFloor.rate)} 扣 ${str(r.executionFloor.deduction)} 分`);
  }
  lines.push(`虚高提示：总分 ≥ ${str(r.inflation.totalAtLeast)} 分而执行率 < ${pct(r.inflation.executionBelow)}`);
  lines.push('依据：');
  for (const s of r.sources) lines.push(`  · ${s}`);
  return lines;
}
