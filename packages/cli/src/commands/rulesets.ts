// jixiao rulesets / jixiao frameworks: list the data files the scoring uses.
import { stdout } from 'node:process';
import { describeRuleset, frameworks, NATIONAL, rulesets } from '@jixiao/core';

export async function run(): Promise<number> {
  for (const r of rulesets) stdout.write(describeRuleset(r, NATIONAL).join('\n') + '\n\n');
  return 0;
}

export async function runFrameworks(): Promise<number> {
  for (const f of frameworks) {
    const subj = f.subject === 'project' ? '项目支出' : '部门整体支出';
    stdout.write(`${f.id}\t${f.name}\t${subj}\t${f.jurisdiction}\t指标 ${f.indicators.length} 项\t来源：${f.sources.join('；')}\n`);
  }
  return 0;
}
