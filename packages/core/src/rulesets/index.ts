// Rulesets (评分规则) as data: one JSON file per jurisdiction in ./data, checked when loaded.
import type { Ruleset } from '../model/ruleset.ts';
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

export { validateRuleset, DataFileError, Checker } from './validate.ts';
export { describeRuleset, DENOMINATOR_LABEL } from './describe.ts';

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
};

export const rulesets: Ruleset[] = Object.entries(rulesetFiles).map(([file, raw]) => validateRuleset(raw, file));

/** 财预〔2020〕10号 defaults: the ruleset used when none is named. */
export const NATIONAL: Ruleset = rulesets.find((r) => r.id === 'national')!;

export function getRuleset(id: string): Ruleset | undefined {
  return rulesets.find((r) => r.id === id);
}
