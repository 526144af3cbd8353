// Rulesets (评分规则) as data: one JSON file per jurisdiction in ./data, checked when loaded.
import type { Ruleset } from '../model/ruleset.ts';
import type { Evaluation } from '../model/evaluation.ts';
import { chooseRuleset, type ChooseOptions, type RulesetChoice } from './select.ts';
import { validateRuleset } from './validate.ts';
import national from './data/national.json' with { type: 'json' };
import mofCentral from './data/mof-central.json' with { type: 'json' };
import beijing2021 from './data/beijing-2021.json' with { type: 'json' };
import haidian2016 from './data/haidian-2016.json' with { type: 'json' };
import frameworkReceived from './data/framework-received.json' with { type: 'json' };
import rugao2024 from './data/rugao-2024.json' with { type: 'json' };
import nanjingA2024 from './data/nanjing-a-2024.json' with { type: 'json' };
import nanjingB2024 from './data/nanjing-b-2024.json' with { type: 'json' };
import sichuanDazhou from './data/sichuan-dazhou.json' with { type: 'json' };
import hubei2021 from './data/hubei-2021.json' with { type: 'json' };
import sichuan2023 from './data/sichuan-2023.json' with { type: 'json' };
import yunnan from './data/yunnan.json' with { type: 'json' };
import anhui2022 from './data/anhui-2022.json' with { type: 'json' };
import hebei from './data/hebei.json' with { type: 'json' };
import henan2024 from './data/henan-2024.json' with { type: 'json' };
import ningxia2021 from './data/ningxia-2021.json' with { type: 'json' };
import chongqing2021 from './data/chongqing-2021.json' with { type: 'json' };
import hunanSpecial2020 from './data/hunan-special-2020.json' with { type: 'json' };
import jilinMonitoring2024 from './data/jilin-monitoring-2024.json' with { type: 'json' };

export { validateRuleset, resolveExtends, DataFileError, Checker } from './validate.ts';
export { describeRuleset, rulesetChanges, DENOMINATOR_LABEL } from './describe.ts';
export { chooseRuleset, type RulesetChoice, type ChooseOptions } from './select.ts';

/** The data files as imported, keyed by file name (tests and tools re-validate them). */
export const rulesetFiles: Record<string, unknown> = {
  'national.json': national,
  'mof-central.json': mofCentral,
  'beijing-2021.json': beijing2021,
  'haidian-2016.json': haidian2016,
  'framework-received.json': frameworkReceived,
  'rugao-2024.json': rugao2024,
  'nanjing-a-2024.json': nanjingA2024,
  'nanjing-b-2024.json': nanjingB2024,
  'sichuan-dazhou.json': sichuanDazhou,
  'hubei-2021.json': hubei2021,
  'sichuan-2023.json': sichuan2023,
  'yunnan.json': yunnan,
  'anhui-2022.json': anhui2022,
  'hebei.json': hebei,
  'henan-2024.json': henan2024,
  'ningxia-2021.json': ningxia2021,
  'chongqing-2021.json': chongqing2021,
  'hunan-special-2020.json': hunanSpecial2020,
  'jilin-monitoring-2024.json': jilinMonitoring2024,
};

/** Load ruleset files in order: a file that `extends` another is laid over it (its base comes first). */
export function loadRulesets(files: Record<string, unknown>, bases: readonly Ruleset[] = []): Ruleset[] {
  const out: Ruleset[] = [];
  for (const [file, raw] of Object.entries(files)) out.push(validateRuleset(raw, file, [...bases, ...out]));
  return out;
}

export const rulesets: Ruleset[] = loadRulesets(rulesetFiles);

/** 财预〔2020〕10号 defaults: the ruleset used when none is named. */
export const NATIONAL: Ruleset = rulesets.find((r) => r.id === 'national')!;

/** The built-in ruleset for `ev` (see select.ts), with the reason shown to the user. */
export function rulesetFor(ev: Evaluation, override?: Ruleset | string | null, opts?: ChooseOptions): RulesetChoice {
  return chooseRuleset(ev, rulesets, NATIONAL, override, opts);
}

export function getRuleset(id: string): Ruleset | undefined {
  return rulesets.find((r) => r.id === id);
}
