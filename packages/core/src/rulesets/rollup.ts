// One project spread over several units (转移支付, a project each county carries out): the units'
// evaluations of the same form rolled up into one, which is then scored as any evaluation ("aggregate
// first, then score", 湖北 20/80 footnote 2). Absolute values are summed; rates and qualitative scores
// are averaged, with each unit's fund amount as weight when the ruleset says so (`rollUp`).
import type { Budget, BudgetLine, Dec, Evaluation, Indicator, Problem } from '../model/evaluation.ts';
import type { Ruleset } from '../model/ruleset.ts';
import { D, round, str, type Decimal } from '../decimal.ts';
import { convert, toYuan } from '../money/money.ts';
import { parseValue } from '../values/parse.ts';

export interface RollUpPart {
  evaluation: Evaluation;
  /** the unit's fund amount, the weight of its rates and qualitative scores (give it for all parts
   *  or for none); default: its 资金 block's 全年预算数 (else 全年执行数), compared in 元 */
  fund?: Dec | null;
  /** the unit's name, for the trace; default: the evaluation's unit */
  unit?: string | null;
}

export interface RollUp {
  evaluation: Evaluation;
  /** per indicator id of the rolled-up evaluation: how its value was obtained, in Chinese */
  traces: Record<string, string>;
}

const key = (i: Indicator) => i.path.join('\u0001');

function fundOf(p: RollUpPart): Decimal | null {
  const b = p.evaluation.budget;
  const v = p.fund ?? b?.adjustedBudget ?? b?.executed ?? null;
  if (v == null || v.trim() === '') return null;
  // amounts of different units compared in 元
  return b && p.fund == null ? toYuan(v, b.unit) : D(v);
}

const sumOf = (xs: (Dec | null | undefined)[], units: Budget['unit'][], to: Budget['unit']): Dec | null => {
  if (xs.every((x) => x == null || x.trim() === '')) return null;
  let s = D(0);
  xs.forEach((x, k) => {
    if (x != null && x.trim() !== '') s = s.plus(convert(x, units[k], to));
  });
  return str(s);
};

/**
 * Roll `parts` (the same project's evaluations by several units, on the same form) up into one
 * evaluation of the project as a whole. The first part gives the form (tree, weights, targets).
 */
export function rollUp(parts: RollUpPart[], rs: Ruleset, opts: { title?: string; unit?: string | null } = {}): RollUp {
  if (parts.length === 0) throw new Error('没有可汇总的评价');
  const weighted = rs.rollUp === 'fundWeighted';
  const how = weighted
    ? `评分规则（${rs.name}）：绝对值直接相加，比率和定性得分按资金额加权平均`
    : `评分规则（${rs.name}）未规定按资金额加权，比率和定性得分简单平均（来源未规定，系统默认）；绝对值直接相加`;
  const first = parts[0].evaluation;
  const problems: Problem[] = [];
  const names = parts.map((p, k) => p.unit ?? p.evaluation.unit ?? `第${k + 1}个单位`);
  const funds = parts.map(fundOf);
  if (weighted) {
    funds.forEach((f, k) => {
      if (f == null || f.lte(0)) problems.push({ message: `${names[k]}没有资金额，按资金额加权时不计入比率和定性得分`, severity: 'warning' });
    });
  }
  const fundTotal = funds.reduce<Decimal>((a, f) => (f && f.gt(0) ? a.plus(f) : a), D(0));

  /** the mean of `vals` (one per part, null = the part has none), fund-weighted or plain */
  const mean = (vals: (Decimal | null)[]): { value: Decimal; shown: string } | null => {
    const used = vals.map((v, k) => ({ v, k })).filter((x) => x.v != null && (!weighted || (funds[x.k] != null && funds[x.k]!.gt(0))));
    if (!used.length) return null;
    if (weighted) {
      const tot = used.reduce((a, x) => a.plus(funds[x.k]!), D(0));
      const num = used.reduce((a, x) => a.plus(x.v!.times(funds[x.k]!)), D(0));
      const value = num.dividedBy(tot);
      return { value, shown: `(${used.map((x) => `${str(x.v!)}×${str(funds[x.k]!)}`).join('+')})/${str(tot)}` };
    }
    const value = used.reduce((a, x) => a.plus(x.v!), D(0)).dividedBy(used.length);
    return { value, shown: `(${used.map((x) => str(x.v!)).join('+')})/${used.length}` };
  };
  const dp = rs.rounding?.decimals ?? 2;
  const mode = rs.rounding?.mode ?? 'halfUp';

  const byKey = parts.map((p) => new Map(p.evaluation.indicators.map((i) => [key(i), i])));
  const isParent = new Set(first.indicators.map((i) => i.parentId).filter((x): x is string => x != null));
  const traces: Record<string, string> = {};
  const indicators: Indicator[] = first.indicators.map((base) => {
    const out: Indicator = { ...base, path: [...base.path], actual: null, statedScore: null, deviation: null, basis: null };
    delete out.source;
    if (isParent.has(base.id)) {
      out.statedScore = null;
      return out;
    }
    const rows = byKey.map((m) => m.get(key(base)) ?? null);
    rows.forEach((r, k) => {
      if (!r) problems.push({ message: `${names[k]}的评价中没有指标“${base.path.join(' / ')}”，汇总时不计入`, severity: 'warning' });
    });
    const actuals = rows.map((r) => parseValue(r?.actual ?? null));
    const nums = actuals.filter((a) => a.kind === 'number');
    const units = new Set(nums.map((a) => (a.kind === 'number' ? a.unit : null)));
    const present = rows.filter((r) => r && (r.actual ?? '').trim() !== '');
    const deviations = rows.map((r, k) => (r?.deviation?.trim() ? `${names[k]}：${r.deviation.trim()}` : null)).filter(Boolean);
    if (deviations.length) out.deviation = deviations.join('；');
    let trace: string;
    if (present.length && nums.length === present.length && units.size === 1) {
      const unit = [...units][0];
      const vals = actuals.map((a) => (a.kind === 'number' ? D(a.value) : null));
      if (unit === '%') {
        // a rate: averaged
        const m = mean(vals)!;
        const v = round(m.value, dp, mode);
        out.actual = `${str(v)}%`;
        trace = `比率汇总：${m.shown}=${str(v)}%`;
      } else {
        const s = vals.reduce<Decimal>((a, v) => (v ? a.plus(v) : a), D(0));
        out.actual = `${str(s)}${unit ?? ''}`;
        trace = `绝对值汇总：${vals.filter(Boolean).map((v) => str(v!)).join('+')}=${str(s)}${unit ?? ''}`;
        // each unit's own target of the same kind: the project's target is their sum
        const ts = rows.map((r) => parseValue(r?.target ?? null));
        if (ts.every((t) => t.kind === 'number' && t.unit === unit && t.op === (ts[0].kind === 'number' ? ts[0].op : null))) {
          const t0 = ts[0].kind === 'number' ? ts[0] : null;
          const tsum = ts.reduce<Decimal>((a, t) => (t.kind === 'number' ? a.plus(t.value) : a), D(0));
          const op = t0?.op === '>=' ? '≥' : t0?.op === '<=' ? '≤' : t0?.op === '>' ? '>' : t0?.op === '<' ? '<' : t0?.op === '=' ? '=' : '';
          out.target = `${op}${str(tsum)}${unit ?? ''}`;
          trace += `，目标 ${rows.map((r) => r?.target ?? '').join('+')} 合计 ${out.target}`;
        }
      }
      // the form's own weight: scored again from the rolled-up value; without one the stated scores are combined
      if (base.weight == null) {
        const sm = mean(rows.map((r) => (r?.statedScore ? D(r.statedScore) : null)));
        if (sm) {
          out.statedScore = str(round(sm.value, dp, mode));
          trace += `；表中无分值，得分汇总：${sm.shown}=${out.statedScore}`;
        }
      }
    } else {
      // qualitative (or values that do not add up): the scores are combined
      const words = new Set(present.map((r) => r!.actual!.trim()));
      out.actual = words.size === 1 ? [...words][0] : null;
      const sm = mean(rows.map((r) => (r?.statedScore ? D(r.statedScore) : null)));
      if (sm) out.statedScore = str(round(sm.value, dp, mode));
      const said = rows.map((r, k) => (r && (r.actual ?? '').trim() ? `${names[k]}「${r.actual!.trim()}」` : null)).filter(Boolean);
      trace = `定性（或不可相加的）完成值：${said.join('、') || '无'}，得分汇总：${sm ? `${sm.shown}=${out.statedScore}` : '各单位均未填得分'}`;
    }
    traces[out.id] = `多单位汇总（${how}）：${trace}`;
    out.notes = [...(base.notes ?? []), traces[out.id]];
    return out;
  });

  // the 资金 block: amounts summed in the first part's unit, line by line
  const budgets = parts.map((p) => p.evaluation.budget);
  let budget: Budget | null = null;
  if (budgets.some(Boolean)) {
    const to = first.budget?.unit ?? budgets.find(Boolean)!.unit;
    const have = budgets.filter((b): b is Budget => b != null);
    const u = have.map((b) => b.unit);
    const lines: BudgetLine[] = [];
    for (const l of have[0].lines) {
      const same = have.map((b) => b.lines.find((x) => x.fundSource === l.fundSource) ?? null);
      lines.push({
        fundSource: l.fundSource,
        label: l.label,
        initialBudget: sumOf(same.map((x) => x?.initialBudget ?? null), u, to),
        adjustedBudget: sumOf(same.map((x) => x?.adjustedBudget ?? null), u, to),
        executed: sumOf(same.map((x) => x?.executed ?? null), u, to),
      });
    }
    budget = {
      unit: to,
      initialBudget: sumOf(have.map((b) => b.initialBudget), u, to),
      adjustedBudget: sumOf(have.map((b) => b.adjustedBudget), u, to),
      executed: sumOf(have.map((b) => b.executed), u, to),
      weight: have[0].weight,
      statedRate: null,
      statedScore: null,
      lines,
    };
  }
  const evaluation: Evaluation = {
    subject: first.subject,
    title: opts.title ?? first.title,
    unit: opts.unit ?? null,
    parentUnit: first.parentUnit ?? null,
    fiscalYear: first.fiscalYear,
    framework: first.framework ?? null,
    budget,
    goals: first.goals ? { expected: first.goals.expected, actual: null } : null,
    indicators,
    statedTotal: null,
    statedGrade: null,
    sections: [{ heading: '多单位汇总说明', key: 'process', text: `本评价由${names.join('、')}的 ${parts.length} 份评价汇总而成（资金额合计 ${str(fundTotal)}）。${how}。` }],
    facts: [],
    problems,
  };
  return { evaluation, traces };
}
