import type { Indicator } from '../model/evaluation.ts';
import type { CheckContext } from './context.ts';

/** 加减分 rows (南京 F) stand outside the 100 points. */
export function isBonus(ctx: CheckContext, ind: Indicator): boolean {
  return ctx.isBonus(ind);
}
