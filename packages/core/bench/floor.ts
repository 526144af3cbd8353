// The floor of `npm run bench -- core`: the same evaluations' rows parsed beforehand (not timed) into
// exact scaled integers, then a bare loop doing the arithmetic scoring and checking cannot avoid —
// each row's proportional or banded score (half-up at 2 decimals), the sums per level-1 group and
// the total, the stated scores and weights compared with them, the execution rate and its score,
// the grade. No traces, no messages, no findings built: what is left once every number is known.
import type { Evaluation } from '../src/model/evaluation.ts';
import { parseValue, qualitativeLevel } from '../src/values/parse.ts';

/** one row, every figure in hundredths (the synthetic figures have at most 2 decimals) */
export interface FloorRow {
  group: number;
  weight: number;
  stated: number;
  /** 0 number ≥ target, 1 number ≤ target, 2 qualitative */
  kind: 0 | 1 | 2;
  target: number;
  actual: number;
  /** qualitative: 0 met, 1 partial, 2 not met */
  level: number;
}

export interface FloorEvaluation {
  rows: FloorRow[];
  groups: number;
  budget: { denom: number; executed: number; weight: number; stated: number };
}

const hundredths = (s: string | null | undefined): number => Math.round(Number(s ?? 0) * 100);

export function preParse(ev: Evaluation): FloorEvaluation {
  const rows: FloorRow[] = [];
  let groups = 0;
  for (const ind of ev.indicators) {
    if (ind.parentId == null) {
      groups++;
      continue;
    }
    const t = parseValue(ind.target);
    const a = parseValue(ind.actual);
    const row: FloorRow = { group: groups - 1, weight: hundredths(ind.weight), stated: hundredths(ind.statedScore), kind: 2, target: 0, actual: 0, level: 2 };
    if (t.kind === 'number' && a.kind === 'number') {
      row.kind = t.op === '<=' ? 1 : 0;
      row.target = hundredths(t.value);
      row.actual = hundredths(a.value);
    } else if (a.kind === 'qualitative' || a.kind === 'deadline') {
      const lv = a.kind === 'qualitative' ? qualitativeLevel(a.word) : 'met';
      row.level = lv === 'met' ? 0 : lv === 'partial' ? 1 : 2;
    }
    rows.push(row);
  }
  const b = ev.budget!;
  return { rows, groups, budget: { denom: hundredths(b.adjustedBudget), executed: hundredths(b.executed), weight: hundredths(b.weight), stated: hundredths(b.statedScore) } };
}

/** round(x·y / z) half up, for non-negative integers below 2^53 */
const mulDiv = (x: number, y: number, z: number) => Math.floor((2 * x * y + z) / (2 * z));

/** Score and check one pre-parsed evaluation; returns how many figures disagree (kept alive by the caller). */
export function floorEvaluation(e: FloorEvaluation, sums: number[]): number {
  let disagree = 0;
  for (let g = 0; g < e.groups; g++) sums[g] = 0;
  let weights = 0;
  for (const r of e.rows) {
    let sc: number;
    if (r.kind === 0) sc = r.actual >= r.target ? r.weight : mulDiv(r.weight, r.actual, r.target);
    else if (r.kind === 1) sc = r.actual <= r.target ? r.weight : mulDiv(r.weight, r.target, r.actual);
    else {
      const lo = r.level === 0 ? mulDiv(r.weight, 80, 100) : r.level === 1 ? mulDiv(r.weight, 60, 100) : 0;
      const hi = r.level === 0 ? r.weight : r.level === 1 ? mulDiv(r.weight, 80, 100) - 1 : mulDiv(r.weight, 60, 100) - 1;
      sc = r.stated < lo ? lo : r.stated > hi ? hi : r.stated;
    }
    if (sc !== r.stated) disagree++;
    if (r.stated > r.weight || r.stated < 0) disagree++;
    sums[r.group] += sc;
    weights += r.weight;
  }
  const b = e.budget;
  const rate = mulDiv(b.executed, 10000, b.denom);
  const bs = b.executed >= b.denom ? b.weight : mulDiv(b.weight, b.executed, b.denom);
  if (bs !== b.stated) disagree++;
  let total = bs;
  for (let g = 0; g < e.groups; g++) total += sums[g];
  if (weights + b.weight !== 10000) disagree++;
  const grade = total >= 9000 ? 0 : total >= 8000 ? 1 : total >= 6000 ? 2 : 3;
  return disagree + grade + (rate > 10000 ? 1 : 0);
}
