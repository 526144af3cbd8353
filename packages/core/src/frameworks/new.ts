// Start an evaluation from a framework, or from last year's evaluation.
import { checkCarryForward } from '../workflow/index.ts';
import type { Budget, Evaluation, Indicator } from '../model/evaluation.ts';
import type { Framework } from '../model/framework.ts';

function checkYear(y: unknown, what: string): void {
  if (y === null) return;
  if (typeof y !== 'number' || !Number.isInteger(y) || y < 1990 || y > 2100) {
    throw new Error(`${what}应为 1990–2100 之间的整数年份，收到 ${JSON.stringify(y)}`);
  }
}

function emptyBudget(weight: string | null): Budget {
  const line = (fundSource: Budget['lines'][number]['fundSource'], label: string) => ({
    fundSource, label, initialBudget: null, adjustedBudget: null, executed: null,
  });
  return {
    unit: '万元',
    initialBudget: null,
    adjustedBudget: null,
    executed: null,
    received: null,
    weight,
    statedRate: null,
    statedScore: null,
    lines: [
      line('total', '年度资金总额'),
      line('appropriation', '其中：当年财政拨款'),
      line('carryover', '上年结转资金'),
      line('other', '其他资金'),
    ],
  };
}

/**
 * A blank evaluation laid out as the framework: the indicator tree with its weights, the 标准值 where
 * the template fixes one (南京 得分表), empty actuals and scores, and a 资金 block when the form has one.
 * Placeholder rows are kept with their hint as name so the unit can rename them.
 */
export function newEvaluationFromFramework(
  framework: Framework,
  opts: { title: string; unit: string | null; fiscalYear: number | null },
): Evaluation {
  const title = (opts.title ?? '').trim();
  if (!title) throw new Error('新建评价需要填写标题（项目名称或单位名称）');
  checkYear(opts.fiscalYear, '年度');
  const indicators: Indicator[] = [];
  const idStack: string[] = [];
  const counters: number[] = [0];
  for (const f of framework.indicators) {
    const level = f.path.length;
    idStack.length = level - 1;
    counters.length = level;
    counters[level - 1] = (counters[level - 1] ?? 0) + 1;
    const parentId = level > 1 ? idStack[level - 2] : null;
    const id = parentId ? `${parentId}.${counters[level - 1]}` : String(counters[0]);
    idStack.push(id);
    indicators.push({
      id,
      parentId,
      level,
      path: [...f.path],
      name: f.path[level - 1],
      code: f.code ?? null,
      description: f.description ?? null,
      rule: f.rule ?? null,
      target: f.target ?? null,
      actual: null,
      valueType: f.valueType ?? null,
      direction: f.direction ?? null,
      weight: f.weight,
      statedScore: null,
      basis: null,
      deviation: null,
      kind: f.method === 'bonus' ? 'bonus' : f.method === 'execution' ? 'execution' : 'normal',
      ...(f.placeholder ? { notes: ['指标名称待填写（由单位按实际设置）'] } : {}),
    });
  }
  return {
    subject: framework.subject,
    title,
    unit: opts.unit?.trim() || null,
    fiscalYear: opts.fiscalYear,
    framework: framework.id,
    budget: framework.budgetWeight === null ? null : emptyBudget(framework.budgetWeight),
    goals: framework.subject === 'project' ? { expected: null, actual: null } : null,
    indicators,
    statedTotal: null,
    statedGrade: null,
    sections: [],
    facts: [],
    problems: [],
  };
}

/**
 * Next year's evaluation from this one: tree, weights, targets and 预期目标 kept; actuals, scores,
 * 偏差原因, 评分依据, money amounts, narrative and source references emptied; the year changed
 * (also in the title when it names the old year).
 */
export function carryForward(ev: Evaluation, toYear: number): Evaluation {
  checkYear(toYear, '结转的目标年度');
  if (toYear === null) throw new Error('结转的目标年度不能为空');
  if (ev.fiscalYear != null && toYear === ev.fiscalYear) {
    throw new Error(`不能结转到同一年度：本评价已是${toYear}年度的，请选择另一年度（通常是下一年度 ${toYear + 1}）`);
  }
  const from = ev.fiscalYear;
  const refused = checkCarryForward(from, toYear);
  if (refused) throw new Error(refused);
  const title = from != null ? ev.title.split(String(from)).join(String(toYear)) : ev.title;
  const indicators: Indicator[] = ev.indicators.map((i) => {
    const { source: _s, notes: _n, ...rest } = i;
    return { ...rest, path: [...i.path], actual: null, statedScore: null, deviation: null, basis: null };
  });
  const budget: Budget | null = ev.budget
    ? {
        ...emptyBudget(ev.budget.weight),
        unit: ev.budget.unit,
        lines: ev.budget.lines.map((l) => ({
          fundSource: l.fundSource, label: l.label, initialBudget: null, adjustedBudget: null, executed: null,
        })),
      }
    : null;
  const { source: _src, ...rest } = ev;
  return {
    ...rest,
    title,
    fiscalYear: toYear,
    budget,
    goals: ev.goals ? { expected: ev.goals.expected, actual: null } : ev.goals ?? null,
    indicators,
    statedTotal: null,
    statedGrade: null,
    sections: [],
    facts: [],
    problems: [],
  };
}
