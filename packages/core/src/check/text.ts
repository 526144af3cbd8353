// Small wording helpers shared by the checks: how a row and a value are named in a message.
import { D, fixed, str, type DecInput } from '../decimal.ts';
import { Num, numOf } from '../score/util.ts';
import type { Indicator } from '../model/evaluation.ts';

/** “产出指标/数量指标/资助孵化海创数量” (with the template code when there is one) */
export function row(ind: Indicator): string {
  // every finding names its row: one pass, no intermediate arrays
  const path = ind.path;
  let text = '';
  let last = '';
  if (path?.length) {
    for (let i = 0; i < path.length; i++) {
      last = (path[i] ?? '').trim() || '（空白）';
      text = i === 0 ? last : `${text}/${last}`;
    }
  } else text = last = (ind.name ?? '').trim() || '（空白）';
  const code = ind.code?.trim();
  return `“${text}”${code && !last.startsWith(code) ? `（${code}）` : ''}`;
}

/** a cell value in Chinese quotes; blank shows as （空白） */
export function q(s: string | null | undefined): string {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  if (!t) return '（空白）';
  return `“${t.length > 40 ? t.slice(0, 40) + '…' : t}”`;
}

/** canonical text of a figure ("8.9", "10") */
export function num(x: Num | DecInput): string {
  return x instanceof Num ? x.t : str(x);
}

/** percent with 2 decimals: 99.07% */
export function pct(percent: Num | DecInput): string {
  return `${fixed(percent instanceof Num ? percent.d : percent, 2)}%`;
}

/** a stated cell or a ruleset figure as a Num (the checks' one number type); null when empty or not a number */
export const dec: (s: unknown) => Num | null = numOf;

/** empty, or a placeholder that says nothing (无, —, /) */
export function isBlank(s: string | null | undefined): boolean {
  const t = (s ?? '').replace(/[\s　。.]/g, '');
  return t === '' || /^(无|暂无|—+|-+|－+|\/|／|none|n\/a)$/i.test(t);
}

export type Level1Kind = 'decision' | 'process' | 'output' | 'cost' | 'benefit' | 'satisfaction' | 'execution' | 'bonus' | 'other';

/** what a level-1 (一级) name stands for across templates (产出指标, 部门履职, 效益 …) */
export function level1Kind(name: string): Level1Kind {
  // the same few level-1 names come back on every evaluation
  let k = kindCache.get(name);
  if (k === undefined) {
    k = kindOf(name);
    if (kindCache.size >= 10000) kindCache.clear();
    kindCache.set(name, k);
  }
  return k;
}

const kindCache = new Map<string, Level1Kind>();

function kindOf(name: string): Level1Kind {
  const n = name.replace(/\s+/g, '');
  if (/满意/.test(n)) return 'satisfaction';
  if (/加减分|加分|扣分/.test(n)) return 'bonus';
  if (/预算执行|资金执行/.test(n)) return 'execution';
  if (/决策|投入/.test(n)) return 'decision';
  if (/过程|管理/.test(n)) return 'process';
  // 成本 as its own 一级 (财预〔2021〕101号 core indicators; 河南 2024)
  if (/^成本/.test(n)) return 'cost';
  if (/产出|履职(?!绩效|效益)|完成/.test(n)) return 'output';
  if (/效益|效果|绩效|影响|可持续/.test(n)) return 'benefit';
  return 'other';
}


/** number of decimals a stated figure carries ("8.9" → 1) */
export function decimalsOf(s: string): number {
  const m = /\.(\d+)/.exec(s);
  return m ? m[1].length : 0;
}

/** a stated figure agrees with a computed one when they match to the decimals it is written with */
export function agreesAsWritten(stated: string, computed: Num | DecInput): boolean {
  const s = numOf(stated);
  if (s == null) return false;
  const half = D(5).times(D(10).pow(-(decimalsOf(stated) + 1)));
  return s.d.minus(computed instanceof Num ? computed.d : D(computed)).abs().lte(half);
}
