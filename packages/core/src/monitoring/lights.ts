// Traffic lights of a monitoring round, per indicator and per project, by the thresholds of the
// ruleset's lifecycle settings (settings.ts, each with its source). Red: the target will not be met
// (完全不可能, or the expected year-end value short of the target by more than redShortfall), or the
// funds will not be spent (nothing executed, or the expected year-end rate below fundsRedYearEnd).
// Yellow: 有可能, a smaller shortfall, or execution behind 序时进度. The project takes its worst light.
import { D, fixed, parseDec, type Decimal } from '../decimal.ts';
import type { Indicator } from '../model/evaluation.ts';
import { parseValue, directionOf } from '../values/parse.ts';
import { leaves, type TargetTable } from '../targets/model.ts';
import type { LifecycleSettings } from './settings.ts';
import type { MonitoringRound, MonitoringRow } from './model.ts';

export type Light = 'green' | 'yellow' | 'red' | 'none';
export const LIGHT_LABEL: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯', none: '未填报' };
const RANK: Record<Light, number> = { none: 0, green: 1, yellow: 2, red: 3 };
export const worst = (ls: Light[]): Light => ls.reduce<Light>((a, b) => (RANK[b] > RANK[a] ? b : a), 'green');

export interface IndicatorLight {
  indicatorId: string;
  path: string[];
  target: string | null;
  light: Light;
  reasons: string[];
}

export interface RoundAssessment {
  indicators: IndicatorLight[];
  funds: { rate: string | null; schedule: string; expectedRate: string | null; light: Light; reasons: string[] };
  light: Light;
  /** things the unit must still fill (a deviation with no 偏差原因) */
  missing: string[];
}

/** Shortfall of `expected` against `target` as a share of the target (0 when met or not comparable). */
export function shortfall(ind: Indicator, expected: string | null): Decimal | null {
  const t = parseValue(ind.target);
  const e = parseValue(expected);
  if (t.kind !== 'number' || e.kind !== 'number') return null;
  if (t.unit && e.unit && t.unit !== e.unit) return null;
  const tv = D(t.value);
  const ev = D(e.value);
  if (tv.isZero()) return null;
  const dir = directionOf(t, ind.name);
  const gap = dir === 'reverse' ? ev.minus(tv) : tv.minus(ev);
  return gap.lte(0) ? D(0) : gap.dividedBy(tv.abs());
}

export function assessRound(table: TargetTable, round: MonitoringRound, s: LifecycleSettings): RoundAssessment {
  const m = s.monitoring;
  const byId = new Map<string, MonitoringRow>(round.rows.map((r) => [r.indicatorId, r]));
  const missing: string[] = [];
  const indicators: IndicatorLight[] = leaves(table)
    .filter((i) => i.kind !== 'execution' && i.kind !== 'bonus')
    .map((ind) => {
      const r = byId.get(ind.id);
      const reasons: string[] = [];
      const lights: Light[] = [];
      if (!r || (!r.progress?.trim() && !r.expected?.trim() && !r.likelihood)) {
        return { indicatorId: ind.id, path: ind.path, target: ind.target, light: 'none' as Light, reasons: ['未填报执行情况'] };
      }
      if (r.likelihood === '完全不可能') {
        lights.push('red');
        reasons.push('完成目标可能性：完全不可能');
      } else if (r.likelihood === '有可能') {
        lights.push('yellow');
        reasons.push('完成目标可能性：有可能');
      }
      const sf = shortfall(ind, r.expected);
      if (sf && sf.gt(m.redShortfall)) {
        lights.push('red');
        reasons.push(`全年预计“${r.expected}”比年度指标值“${ind.target}”低 ${fixed(sf.times(100), 2)}%（超过 ${fixed(D(m.redShortfall).times(100), 0)}%）`);
      } else if (sf && sf.gt(m.yellowShortfall)) {
        lights.push('yellow');
        reasons.push(`全年预计“${r.expected}”比年度指标值“${ind.target}”低 ${fixed(sf.times(100), 2)}%`);
      }
      const light = lights.length ? worst(lights) : 'green';
      if (light !== 'green' && !r.cause) missing.push(`“${ind.path.join('/')}”有偏差，请选择偏差原因`);
      return { indicatorId: ind.id, path: ind.path, target: ind.target, light, reasons };
    });

  // funds: rate to date against 序时进度 (months elapsed / 12), and the expected year end
  const f = round.funds;
  const budget = parseDec(f.annualBudget);
  const executed = parseDec(f.executed);
  const expected = parseDec(f.expectedYearEnd);
  const schedule = D(round.period.to - round.period.from + 1).dividedBy(12).times(100);
  const fundsReasons: string[] = [];
  const fundsLights: Light[] = [];
  let rate: Decimal | null = null;
  let expectedRate: Decimal | null = null;
  if (budget && budget.gt(0) && executed) {
    rate = executed.dividedBy(budget).times(100);
    if (executed.isZero()) {
      fundsLights.push('red');
      fundsReasons.push(`${round.period.from}–${round.period.to}月执行数为 0`);
    } else if (schedule.minus(rate).gt(m.fundsYellowGap)) {
      fundsLights.push('yellow');
      fundsReasons.push(`执行率 ${fixed(rate, 2)}% 低于序时进度 ${fixed(schedule, 2)}% 超过 ${m.fundsYellowGap} 个百分点`);
    }
    if (expected) {
      expectedRate = expected.dividedBy(budget).times(100);
      if (expectedRate.lt(D(m.fundsRedYearEnd).times(100))) {
        fundsLights.push('red');
        fundsReasons.push(`预计全年执行率 ${fixed(expectedRate, 2)}% 低于 ${fixed(D(m.fundsRedYearEnd).times(100), 0)}%`);
      }
    }
  }
  const fundsLight: Light = budget && executed ? (fundsLights.length ? worst(fundsLights) : 'green') : 'none';
  const filled = [...indicators.map((i) => i.light), fundsLight].filter((l) => l !== 'none');
  const light: Light = filled.length ? worst(filled) : 'none';
  return {
    indicators,
    funds: { rate: rate ? fixed(rate, 2) : null, schedule: fixed(schedule, 2), expectedRate: expectedRate ? fixed(expectedRate, 2) : null, light: fundsLight, reasons: fundsReasons },
    light,
    missing,
  };
}
