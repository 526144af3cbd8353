import type { Indicator } from '../model/evaluation.ts';
import type { CheckContext } from './context.ts';
import { level1Kind } from './text.ts';

/** 加减分 rows (南京 F) stand outside the 100 points. */
export function isBonus(ctx: CheckContext, ind: Indicator): boolean {
  if (ind.kind === 'bonus') return true;
  const top = ctx.top(ind);
  return top.kind === 'bonus' || level1Kind(top.name) === 'bonus';
}
