// Hand-written checks for framework data files (no zod in core). Every error names the file and the field.
import { D } from '../decimal.ts';
import type { Framework, FrameworkIndicator } from '../model/framework.ts';
import { Checker } from '../rulesets/validate.ts';

const METHODS = ['ratio', 'qualitative', 'judgment', 'binary', 'bonus', 'execution'] as const;
const INDICATOR_KEYS = [
  'path', 'code', 'weight', 'valueType', 'direction', 'method', 'description', 'rule', 'aliases', 'target', 'placeholder',
];

export const COLUMN_KEYS = [
  'l1', 'l2', 'l3', 'core', 'operator', 'target', 'adjustedTarget', 'unitOfMeasure', 'actual', 'weight', 'coefficient',
  'score', 'reviewScore', 'weightShare', 'deviation', 'description', 'rule', 'basis',
] as const;

const samePrefix = (a: string[], b: string[]) => a.length <= b.length && a.every((x, i) => x === b[i]);

/**
 * Check one parsed framework file and return it typed. `rulesetIds` are the ids the `ruleset` field may name.
 * Checks the shape, that `indicators` is a pre-order tree, and that stated weights add up.
 */
export function validateFramework(raw: unknown, file: string, rulesetIds: readonly string[]): Framework {
  const c = new Checker(file, '指标体系');
  const o = c.object(raw, '');
  c.keys(o, '', ['id', 'name', 'subject', 'jurisdiction', 'year', 'sources', 'ruleset', 'budgetWeight', 'indicators', 'columns']);
  const id = c.id(o.id, 'id');
  const base = file.replace(/^.*[\\/]/, '').replace(/\.(json|ts)$/, '');
  if (base !== id) c.fail('id', `应与文件名一致（${base}），实际为 ${c.show(id)}`);
  c.string(o.name, 'name');
  c.oneOf(o.subject, 'subject', ['project', 'department'] as const);
  c.string(o.jurisdiction, 'jurisdiction');
  c.year(o.year, 'year');
  c.strings(o.sources, 'sources', true);
  const rs = c.string(o.ruleset, 'ruleset');
  if (!rulesetIds.includes(rs)) c.fail('ruleset', `引用了不存在的评分规则 ${c.show(rs)}（可用：${rulesetIds.join('、')}）`);
  const budgetWeight = c.decOrNull(o.budgetWeight, 'budgetWeight', { min: '0', minExclusive: true });

  if (!Array.isArray(o.indicators) || o.indicators.length === 0) c.fail('indicators', '应为非空列表');
  const list = o.indicators as unknown[];
  const inds: FrameworkIndicator[] = [];
  const seen = new Set<string>();
  let prev: string[] = [];
  list.forEach((x, i) => {
    const f = `indicators[${i}]`;
    const n = c.object(x, f);
    c.keys(n, f, INDICATOR_KEYS);
    const path = c.strings(n.path, `${f}.path`, true);
    if (path.length > 1 && !samePrefix(path.slice(0, -1), prev)) {
      c.fail(`${f}.path`, `上级指标“${path.slice(0, -1).join(' / ')}”应紧接在前面出现（列表须按树的先序排列）`);
    }
    const key = JSON.stringify([path, n.description ?? null]);
    if (seen.has(key)) c.fail(`${f}.path`, `指标“${path.join(' / ')}”重复（同名指标须以 description 区分）`);
    seen.add(key);
    if (n.code !== undefined) c.string(n.code, `${f}.code`);
    if (n.weight === undefined) c.fail(`${f}.weight`, '缺失（表中未写分值时写 null）');
    c.decOrNull(n.weight, `${f}.weight`, { min: '0' });
    if (n.valueType !== undefined) c.oneOf(n.valueType, `${f}.valueType`, ['quantitative', 'qualitative'] as const);
    if (n.direction !== undefined) c.oneOf(n.direction, `${f}.direction`, ['positive', 'reverse', 'exact'] as const);
    if (n.method !== undefined) c.oneOf(n.method, `${f}.method`, METHODS);
    c.optString(n.description, `${f}.description`);
    c.optString(n.rule, `${f}.rule`);
    c.optString(n.target, `${f}.target`);
    if (n.aliases !== undefined) c.strings(n.aliases, `${f}.aliases`);
    if (n.placeholder !== undefined) {
      c.boolean(n.placeholder, `${f}.placeholder`);
      if (n.placeholder && path.length === 1) c.fail(`${f}.placeholder`, '一级指标不能是待填写的占位指标');
    }
    inds.push(n as unknown as FrameworkIndicator);
    prev = path;
  });

  const childrenOf = (i: number) =>
    inds.filter((x, j) => j > i && x.path.length === inds[i].path.length + 1 && samePrefix(inds[i].path, x.path));
  const leavesOf = (i: number): FrameworkIndicator[] => {
    const ch = childrenOf(i);
    return ch.length === 0 ? [inds[i]] : ch.flatMap((x) => leavesOf(inds.indexOf(x)));
  };
  inds.forEach((n, i) => {
    const f = `indicators[${i}]`;
    const ch = childrenOf(i);
    if (ch.length === 0 && !n.method) c.fail(`${f}.method`, `末级指标“${n.path.join(' / ')}”须写明计分方法`);
    if (n.placeholder && ch.length > 0) c.fail(`${f}.placeholder`, '占位指标不能有下级指标');
    if (n.weight === null || ch.length === 0 || n.method === 'bonus') return;
    for (const parts of [ch, leavesOf(i)]) {
      if (parts.some((x) => x.weight === null)) continue;
      const s = parts.reduce((a, x) => a.plus(x.weight!), D(0));
      if (!s.eq(n.weight)) {
        c.fail(`${f}.weight`, `“${n.path.join(' / ')}”分值为 ${n.weight}，下级指标分值合计为 ${s.toFixed()}`);
      }
      break;
    }
  });

  if (o.columns !== undefined) {
    if (!Array.isArray(o.columns) || o.columns.length === 0) c.fail('columns', '应为非空列表');
    const seenKeys = new Set<string>();
    (o.columns as unknown[]).forEach((x, i) => {
      const f = `columns[${i}]`;
      const col = c.object(x, f);
      c.keys(col, f, ['key', 'label']);
      const key = c.oneOf(col.key, `${f}.key`, COLUMN_KEYS);
      c.string(col.label, `${f}.label`);
      if (seenKeys.has(key)) c.fail(`${f}.key`, `列“${key}”重复`);
      seenKeys.add(key);
    });
    if (!seenKeys.has('l3') && !seenKeys.has('l1')) c.fail('columns', '须有指标名称列（l1/l2/l3）');
  }

  const level1 = inds.filter((n) => n.path.length === 1 && n.method !== 'bonus');
  if (level1.every((n) => n.weight !== null)) {
    const s = level1.reduce((a, n) => a.plus(n.weight!), D(budgetWeight ?? 0));
    if (!s.eq(100)) c.fail('indicators', `一级指标分值${budgetWeight ? '加资金执行分值' : ''}合计应为 100，实际为 ${s.toFixed()}`);
  }
  return o as unknown as Framework;
}
