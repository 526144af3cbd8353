// Chinese lines describing one ruleset, for `jixiao rulesets` and the web UI.
import { D, str } from '../decimal.ts';
import type { Ruleset } from '../model/ruleset.ts';

export const DENOMINATOR_LABEL: Record<Ruleset['executionRateDenominator'], string> = {
  adjustedBudget: '全年预算数（调整后预算数）',
  initialBudget: '年初预算数',
  received: '实际到位资金',
  adjustedWithCarryover: '调整后预算数（含上年结转）',
};

const pct = (x: string) => `${str(D(x).times(100))}%`;
const yesNo = (b: boolean) => (b ? '是' : '否');

function bandLabel(b: Ruleset['gradeBands'][number]): string {
  return b.aliases.length ? `${b.label}（${b.aliases.join('、')}）` : b.label;
}

const WEIGHT_MODE: Record<Ruleset['weightMode'], string> = {
  indicator: '逐项设分值（分值列）',
  section: '只按目标块和一级指标给分值，不设逐项分值；逐项得分保留自评，核对块内合计',
  none: '不设分值和得分，不计分、不评等级',
};

/** The settings in words, one line each (no id, name or sources): what `rulesetChanges` compares. */
function settingLines(r: Ruleset): string[] {
  const lines: string[] = [];
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
  if (r.executionWeight) lines.push(`预算执行分值：表上未写时按 ${str(r.executionWeight)} 分`);
  lines.push(`分值方式：${WEIGHT_MODE[r.weightMode]}`);
  if (r.qualitativeLevels) {
    lines.push(`定性指标分级：${r.qualitativeLevels.map((l) => `${l.word} ${pct(l.share)}`).join('、')}`);
  }
  lines.push(
    r.qualitativeBandEdge === 'halfOpen'
      ? '部分达成档上端：不含达成线（高于者按达成线下一个计分单位计）'
      : '部分达成档上端：含达成线',
  );
  lines.push(
    r.exactMiss === 'proportional'
      ? '等值（=）指标未达标：按偏离比例计分 分值×(1−|实际−目标|/目标)（惯例，来源未规定）'
      : '等值（=）指标未达标：保留评价人评分（来源只规定等于目标得满分）',
  );
  if (r.ruleWordings.length) lines.push(`评分标准措辞：${r.ruleWordings.map((w) => `「${w.label}」`).join('、')}`);
  lines.push(`调整指标值：${r.adjustedTargets ? '有则按调整指标值计分' : '按年初指标值计分'}`);
  lines.push(`定分依据：${r.gradeOn === 'review' ? '财政审核评分' : '自评得分'}`);
  lines.push(
    r.rollUp === 'fundWeighted'
      ? '多单位汇总：绝对值相加，比率和定性得分按各单位资金额加权平均'
      : '多单位汇总：绝对值相加，比率和定性得分简单平均（来源未规定，系统默认）',
  );
  if (r.explanations.executionBelow) lines.push(`须说明原因：执行率低于 ${pct(r.explanations.executionBelow)}`);
  if (r.explanations.monitoringDeviationAbove) {
    lines.push(`运行监控：阶段完成值偏离目标超过 ${pct(r.explanations.monitoringDeviationAbove)} 或执行率为 0 须说明原因`);
  }
  return lines;
}

/** What `r` changes from `base` (the national ruleset), in words. */
export function rulesetChanges(r: Ruleset, base: Ruleset): string[] {
  const had = new Set(settingLines(base));
  return settingLines(r).filter((l) => !had.has(l));
}

export function describeRuleset(r: Ruleset, base?: Ruleset): string[] {
  const lines: string[] = [];
  lines.push(`编号：${r.id}`);
  lines.push(`名称：${r.name}`);
  lines.push(`适用：${r.jurisdiction}${r.year ? `，${r.year} 年度` : ''}`);
  if (r.select) {
    const s = r.select;
    const form = [
      s.subject ? (s.subject === 'project' ? '项目支出表' : '部门整体表') : '',
      s.budgetWeight ? `预算执行 ${s.budgetWeight} 分` : '',
      s.markers ? `表中有 ${s.markers.map((m) => `「${m}」`).join('或')}` : '',
      s.years ? `${s.years[0]}–${s.years[1]} 年度` : '',
    ].filter(Boolean);
    lines.push(`何时选用：单位或文件提到 ${s.places.slice(0, 6).join('、')}${s.places.length > 6 ? ' 等' : ''}${form.length ? `；${form.join('，')}` : ''}`);
  }
  lines.push(...settingLines(r));
  if (base && base.id !== r.id) {
    const ch = rulesetChanges(r, base);
    lines.push(`与${base.name}不同：${ch.length ? '' : '无（沿用全国规则和表式）'}`);
    for (const c of ch) lines.push(`  · ${c}`);
  }
  lines.push('依据：');
  for (const s of r.sources) lines.push(`  · ${s}`);
  return lines;
}
