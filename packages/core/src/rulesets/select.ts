// Which ruleset scores an evaluation: the one the user names, else the one of the place the unit
// sits under in the unit tree, else the one of the province or city the document names, else the
// national one. The rules for choosing are data (each ruleset's `select`); this is the mechanism.
import type { Evaluation } from '../model/evaluation.ts';
import type { Ruleset, RulesetSelect } from '../model/ruleset.ts';
import { D } from '../decimal.ts';

export interface RulesetChoice {
  ruleset: Ruleset;
  /** why, in Chinese: "按湖北省 20/80 表评分：文件标题含「湖北」" */
  reason: string;
  by: 'user' | 'unit' | 'document' | 'form' | 'default';
}

export interface ChooseOptions {
  /** names of the unit and its ancestors in the unit tree, root first */
  unitPath?: string[];
  /** titles and unit names of the other evaluations in the same file, tried after the evaluation's own */
  context?: string[];
  /** the start of the document (its title lines and the form's header): names the place when the
   *  recognized fields do not, and carries the form's own words (20分*执行率, 得分系数 …) */
  head?: string;
}

const NAMED = '指定的评分规则';

/**
 * The reason to show for an evaluation scored again by its stored ruleset: the one it was chosen for
 * (the unit's place in the unit tree, the document's first lines, the user naming it), which a later
 * scoring without that context cannot see, as long as the ruleset is the same; else the reason just
 * computed.
 */
export function keptReason(now: { ruleset: string; rulesetReason: string }, before?: { ruleset?: string | null; rulesetReason?: string | null } | null): string {
  if (before?.rulesetReason && before.ruleset === now.ruleset) return before.rulesetReason;
  return now.rulesetReason;
}

const FIELDS: [keyof Evaluation, string][] = [
  ['title', '标题'],
  ['unit', '单位名称'],
  ['parentUnit', '主管部门'],
];

interface Hit {
  place: string;
  where: string;
}

// per ruleset: its places, the longest first ("南京市" before "江苏"), and one pattern for all of them
const placeCache = new WeakMap<RulesetSelect, { places: string[]; any: RegExp }>();

function placesOf(sel: RulesetSelect): { places: string[]; any: RegExp } {
  let c = placeCache.get(sel);
  if (!c) {
    const places = [...sel.places].sort((a, b) => b.length - a.length);
    const esc = places.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    placeCache.set(sel, (c = { places, any: new RegExp(esc.join('|')) }));
  }
  return c;
}

function placeIn(sel: RulesetSelect, texts: [string, string][]): Hit | null {
  const { places, any } = placesOf(sel);
  for (const [text, where] of texts) {
    if (!text || !any.test(text)) continue;
    for (const p of places) if (text.includes(p)) return { place: p, where };
  }
  return null;
}

/** The form conditions of `sel` that hold for `ev`, in words; null when one fails. */
function formFits(sel: RulesetSelect, ev: Evaluation, text: (marker: string) => boolean): string[] | null {
  const why: string[] = [];
  if (sel.subject && sel.subject !== ev.subject) return null;
  if (sel.years && ev.fiscalYear != null && (ev.fiscalYear < sel.years[0] || ev.fiscalYear > sel.years[1])) return null;
  // the form's shape: its 资金 block's 分值, or words only it prints; either one tells it
  if (sel.budgetWeight || sel.markers) {
    const w = ev.budget?.weight?.trim();
    const m = sel.markers?.find((x) => text(x));
    if (sel.budgetWeight && w && /^\d+(\.\d+)?$/.test(w) && D(w).eq(sel.budgetWeight)) why.push(`预算执行分值为 ${sel.budgetWeight} 分`);
    else if (m) why.push(`表中有「${m}」`);
    else return null;
  }
  if (sel.unscored) {
    const scored = (ev.indicators ?? []).some((i) => i.weight != null || i.statedScore != null) || ev.budget?.weight != null || ev.statedTotal != null;
    if (scored) return null;
    why.push('表中无分值和得分');
  }
  return why;
}

function markerText(ev: Evaluation, head: string): string {
  const parts: string[] = [ev.title ?? '', head];
  for (const i of ev.indicators ?? []) {
    parts.push(i.name);
    if (i.rule) parts.push(i.rule);
    if (i.coefficient) parts.push('得分系数');
    if (i.reviewScore) parts.push('财政审核评分');
    if (i.weightShare) parts.push('权重占比');
  }
  for (const p of ev.problems ?? []) if (p.text) parts.push(p.text);
  return parts.join('\n');
}

function hasForm(sel: RulesetSelect): boolean {
  return !!(sel.budgetWeight || sel.markers || sel.unscored);
}

/**
 * Choose the ruleset for `ev` among `rulesets`. `override` (an id or a ruleset) wins; an unknown id
 * falls back to the national ruleset with the reason saying so.
 */
export function chooseRuleset(
  ev: Evaluation,
  rulesets: readonly Ruleset[],
  national: Ruleset,
  override?: Ruleset | string | null,
  opts: ChooseOptions = {},
): RulesetChoice {
  if (override) {
    const rs = typeof override === 'string' ? rulesets.find((r) => r.id === override) : override;
    if (!rs) return { ruleset: national, reason: `按${national.name}评分：指定的评分规则「${override}」不存在`, by: 'default' };
    // a ruleset stored for the evaluation is usually the one chosen for it: say why it was chosen
    const auto = chooseRuleset(ev, rulesets, national, null, opts);
    if (auto.ruleset.id === rs.id) return { ...auto, ruleset: rs };
    return { ruleset: rs, reason: `按${rs.name}评分：${NAMED}`, by: 'user' };
  }
  type Cand = { rs: Ruleset; hit: Hit | null; form: string[]; rank: number };
  const head = (opts.head ?? '').replace(/[\s　]+/g, '');
  // the form's words: the document's head first, the rows' names and rules gathered only when needed
  let words: string | undefined;
  const text = (m: string) => head.includes(m) || (ev.title ?? '').includes(m) || (words ??= markerText(ev, '')).includes(m);
  const cands: Cand[] = [];
  const unitTexts: [string, string][] = (opts.unitPath ?? []).slice().reverse().map((u) => [u, `所属单位「${u}」`]);
  const docTexts: [string, string][] = FIELDS.map(([k, label]) => [String(ev[k] ?? ''), label]);
  for (const t of opts.context ?? []) docTexts.push([t, `同一文件中的「${t}」`]);
  if (opts.head) docTexts.push([opts.head, '文件开头']);
  for (const rs of rulesets) {
    const sel = rs.select;
    if (!sel) continue;
    if (sel.subject && sel.subject !== ev.subject) continue;
    const hit = placeIn(sel, unitTexts) ?? placeIn(sel, docTexts);
    if (!hit && !sel.formAlone) continue;
    const form = formFits(sel, ev, text);
    if (!form) continue;
    // a form nobody else prints (湖北 20/80) is chosen by its own words alone, wherever it is used
    // (a 资金 分值 alone is too common a shape to tell it)
    if (!hit && !(sel.formAlone && sel.markers?.some((m) => text(m)))) continue;
    // a place and its form beat a form alone, which beats a place alone: the form says how to score
    const rank = (hasForm(sel) ? 2 : 0) + (hit ? 1 : 0);
    cands.push({ rs, hit, form, rank });
  }
  cands.sort(
    (a, b) =>
      b.rank - a.rank ||
      (a.rs.select!.priority ?? 0) - (b.rs.select!.priority ?? 0) ||
      (b.hit?.place.length ?? 0) - (a.hit?.place.length ?? 0),
  );
  const best = cands[0];
  if (!best) {
    return { ruleset: national, reason: `按${national.name}评分：所属单位和文件标题、单位名称中未识别出有专门评分规则的省市`, by: 'default' };
  }
  const parts: string[] = [];
  if (best.hit) parts.push(`${best.hit.where}含「${best.hit.place}」`);
  parts.push(...best.form);
  const fromUnit = best.hit?.where.startsWith('所属单位') ?? false;
  return {
    ruleset: best.rs,
    reason: `按${best.rs.name}评分：${parts.join('，')}`,
    by: fromUnit ? 'unit' : best.hit ? 'document' : 'form',
  };
}
