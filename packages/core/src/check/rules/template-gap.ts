// V17: the table does not fit its template: rows with blank names, codes out of sequence (B52
// without B51), codes not under their parent's (B52 under B4), codes repeated (S2: C1–C3 per
// task), no 总分 row (S1 中工会).
import type { Finding, Indicator } from '../../model/evaluation.ts';
import type { CheckContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { num, row } from '../text.ts';

const CODE = /^([A-Za-z]+\d*)(\d)$/;

function codeOf(ind: Indicator): string | null {
  const c = (ind.code ?? '').trim().toUpperCase();
  return c || null;
}

export const templateGap: Rule = {
  id: 'template-gap',
  code: 'V17',
  severity: 'info',
  title: '表格与模板不符',
  source: 'S2; S1',
  run(ctx: CheckContext): Finding[] {
    const out: Finding[] = [];
    const seen = new Map<string, { first: Indicator; count: number; reported: boolean }>();
    const series = new Map<string, Map<number, Indicator>>();

    for (const ind of ctx.indicators) {
      if (!(ind.name ?? '').trim()) {
        out.push(
          ctx.finding(this, {
            indicator: ind,
            field: 'name',
            message: `${row(ind)}的指标名称为空`,
            suggestion: '补填指标名称，或删除空行',
          }),
        );
      }
      const code = codeOf(ind);
      if (!code) continue;
      const s = seen.get(code);
      if (s) s.count++;
      else seen.set(code, { first: ind, count: 1, reported: false });
      const m = CODE.exec(code);
      if (m) {
        const list = series.get(m[1]) ?? new Map<number, Indicator>();
        if (!list.has(+m[2])) list.set(+m[2], ind);
        series.set(m[1], list);
      }
      const parent = ctx.get(ind.parentId);
      const pc = parent ? codeOf(parent) : null;
      if (pc && !code.startsWith(pc)) {
        out.push(
          ctx.finding(this, {
            indicator: ind,
            field: 'code',
            message: `${row(ind)}的编号${code}不在上级指标编号${pc}之下`,
            suggestion: `按模板核对编号，${pc}下的指标编号应以${pc}开头`,
          }),
        );
      }
    }
    for (const [code, s] of seen) {
      if (s.count < 2) continue;
      out.push(
        ctx.finding(this, {
          indicator: s.first,
          field: 'code',
          message: `编号${code}在表中出现${s.count}次`,
          suggestion: '每个指标使用唯一编号；同一指标用于多项任务时，加序号区分',
        }),
      );
    }
    for (const [prefix, list] of series) {
      const max = Math.max(...list.keys());
      const missing: string[] = [];
      for (let i = 1; i < max; i++) if (!list.has(i)) missing.push(`${prefix}${i}`);
      if (missing.length === 0) continue;
      const after = [...list.entries()].sort((a, b) => a[0] - b[0]).find(([i]) => i > +missing[0].slice(prefix.length))!;
      out.push(
        ctx.finding(this, {
          indicator: after[1],
          field: 'code',
          message: `表中有${prefix}${after[0]}，但没有${missing.join('、')}`,
          suggestion: '按模板补全缺少的指标，或改正编号',
        }),
      );
    }

    const sums = ctx.ev.statedTotal == null && ctx.indicators.some((i) => i.statedScore != null) ? ctx.statedSum() : null;
    if (sums) {
      out.push(
        ctx.finding(this, {
          field: 'statedTotal',
          source: ctx.ev.source,
          message: `表格没有总分，按各项得分合计为${num(sums.total)}`,
          suggestion: `补填总分${num(sums.total)}`,
        }),
      );
    }
    return out;
  },
};
