// Test helper: an Evaluation from table rows as a recogniser would see them (一级/二级/三级 with fill-down).
import type { Evaluation, Indicator, Subject } from '../model/evaluation.ts';

/** [一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分]; blank 一级/二级 repeat the row above (merged cells). */
export type Row = [string, string, string, string?, string?, string?, string?];

export function evaluationFromRows(subject: Subject, rows: Row[], extra: Partial<Evaluation> = {}): Evaluation {
  const indicators: Indicator[] = [];
  const ids = new Map<string, string>();
  const counts = new Map<string, number>();
  let l1 = '';
  let l2 = '';
  const ensure = (path: string[]): string => {
    const key = JSON.stringify(path);
    const have = ids.get(key);
    if (have && path.length < 3) return have;
    const parentId = path.length > 1 ? ensure(path.slice(0, -1)) : null;
    const pk = parentId ?? '';
    const n = (counts.get(pk) ?? 0) + 1;
    counts.set(pk, n);
    const id = parentId ? `${parentId}.${n}` : String(n);
    ids.set(key, id);
    indicators.push({
      id, parentId, level: path.length, path, name: path[path.length - 1],
      target: null, actual: null, weight: null, statedScore: null,
    });
    return id;
  };
  for (const [a, b, c, target, actual, weight, score] of rows) {
    if (a) { l1 = a; l2 = ''; }
    if (b) l2 = b;
    const path = [l1, l2, c].filter(Boolean);
    ensure(path);
    const ind = indicators[indicators.length - 1];
    ind.target = target ?? null;
    ind.actual = actual ?? null;
    ind.weight = weight ?? null;
    ind.statedScore = score ?? null;
  }
  return {
    subject, title: '测试', unit: null, fiscalYear: null, budget: null, indicators,
    statedTotal: null, statedGrade: null, sections: [], facts: [], problems: [], ...extra,
  };
}
