// jixiao rulesets / jixiao frameworks: list the data files the scoring uses.
import { stdout } from 'node:process';
import * as core from '@jixiao/core';

export async function run(): Promise<number> {
  const describe = (core as unknown as { describeRuleset?: (r: core.Ruleset) => string[] }).describeRuleset;
  for (const r of core.rulesets) {
    if (describe) stdout.write(describe(r).join('\n') + '\n\n');
    else stdout.write(`${r.id}\t${r.name}\t${r.jurisdiction}\n`);
  }
  return 0;
}

export async function runFrameworks(): Promise<number> {
  const list = (core as unknown as { frameworks?: core.Framework[] }).frameworks ?? [];
  for (const f of list) {
    const subj = f.subject === 'project' ? '项目支出' : '部门整体支出';
    stdout.write(`${f.id}\t${f.name}\t${subj}\t${f.jurisdiction}\t指标 ${f.indicators.length} 项\t来源：${f.sources.join('；')}\n`);
  }
  return 0;
}
