// Frameworks (指标体系 / 评分表模板) as data: one JSON file per template in ./data, checked when loaded.
import type { Evaluation } from '../model/evaluation.ts';
import type { Framework } from '../model/framework.ts';
import { rulesets } from '../rulesets/index.ts';
import { validateFramework } from './validate.ts';
import { matchFrameworkAmong } from './match.ts';
import nationalProject from './data/national-project.json' with { type: 'json' };
import rugaoProject2024 from './data/rugao-project-2024.json' with { type: 'json' };
import beijingProjectEvaluation2021 from './data/beijing-project-evaluation-2021.json' with { type: 'json' };
import beijingDepartment2021 from './data/beijing-department-2021.json' with { type: 'json' };
import nanjingDepartmentA2024 from './data/nanjing-department-a-2024.json' with { type: 'json' };
import nanjingDepartmentB2024 from './data/nanjing-department-b-2024.json' with { type: 'json' };
import hubeiProject2021 from './data/hubei-project-2021.json' with { type: 'json' };
import sichuanProject2023 from './data/sichuan-project-2023.json' with { type: 'json' };
import yunnanProject from './data/yunnan-project.json' with { type: 'json' };
import anhuiProject2022 from './data/anhui-project-2022.json' with { type: 'json' };
import hebeiProject from './data/hebei-project.json' with { type: 'json' };
import henanProject2024 from './data/henan-project-2024.json' with { type: 'json' };
import ningxiaProject2021 from './data/ningxia-project-2021.json' with { type: 'json' };
import chongqingDepartment2021 from './data/chongqing-department-2021.json' with { type: 'json' };
import hunanSpecial2020 from './data/hunan-special-2020.json' with { type: 'json' };
import jilinProject2024 from './data/jilin-project-2024.json' with { type: 'json' };

export { validateFramework } from './validate.ts';
export { normalizeName, frameworkMethodFor, frameworkMatchScore, matchFrameworkAmong, MATCH_THRESHOLD } from './match.ts';
export { newEvaluationFromFramework, carryForward } from './new.ts';

/** The data files as imported, keyed by file name (tests and tools re-validate them). */
export const frameworkFiles: Record<string, unknown> = {
  'national-project.json': nationalProject,
  'rugao-project-2024.json': rugaoProject2024,
  'beijing-project-evaluation-2021.json': beijingProjectEvaluation2021,
  'beijing-department-2021.json': beijingDepartment2021,
  'nanjing-department-a-2024.json': nanjingDepartmentA2024,
  'nanjing-department-b-2024.json': nanjingDepartmentB2024,
  'hubei-project-2021.json': hubeiProject2021,
  'sichuan-project-2023.json': sichuanProject2023,
  'yunnan-project.json': yunnanProject,
  'anhui-project-2022.json': anhuiProject2022,
  'hebei-project.json': hebeiProject,
  'henan-project-2024.json': henanProject2024,
  'ningxia-project-2021.json': ningxiaProject2021,
  'chongqing-department-2021.json': chongqingDepartment2021,
  'hunan-special-2020.json': hunanSpecial2020,
  'jilin-project-2024.json': jilinProject2024,
};

const rulesetIds = rulesets.map((r) => r.id);

export const frameworks: Framework[] = Object.entries(frameworkFiles).map(([file, raw]) =>
  validateFramework(raw, file, rulesetIds),
);

export function getFramework(id: string): Framework | undefined {
  return frameworks.find((f) => f.id === id);
}

/** The built-in framework whose indicator names best fit the evaluation's; null for unrelated tables. */
export function matchFramework(ev: Evaluation): { framework: Framework; score: number } | null {
  return matchFrameworkAmong(ev, frameworks);
}
