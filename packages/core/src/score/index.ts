// Placeholder until the scoring module lands: computes nothing.
import type { Evaluation, Scored } from '../model/evaluation.ts';
import type { Ruleset } from '../model/ruleset.ts';

export function score(ev: Evaluation, _ruleset: Ruleset): Scored {
  return {
    indicators: ev.indicators.map((i) => ({ id: i.id, score: i.statedScore, trace: '', method: 'stated' })),
    budget: null,
    total: ev.statedTotal,
    rawTotal: ev.statedTotal,
    grade: null,
    gradeLabel: null,
    totalTrace: '',
  };
}
