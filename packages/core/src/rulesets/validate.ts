// Hand-written checks for ruleset data files (no zod in core). Every error names the file and the field.
import { D, parseDec } from '../decimal.ts';
import type { Ruleset } from '../model/ruleset.ts';

/** A bad data file: the message is Chinese and names the file and the field. */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    problem: string,
    kind = '评分规则',
  ) {
    super(`${kind}文件 ${file} 的字段 ${field || '（根）'} ${problem}`);
    this.name = 'DataFileError';
  }
}

/** Small helpers shared by the ruleset and framework validators. */
export class Checker {
  constructor(
    readonly file: string,
    readonly kind: string,
  ) {}

  fail(field: string, problem: string): never {
    throw new DataFileError(this.file, field, problem, this.kind);
  }

  show(v: unknown): string {
    if (v === undefined) return '缺失';
    return `${JSON.stringify(v)}`;
  }

  object(v: unknown, field: string): Record<string, unknown> {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(field, `应为对象，实际为 ${this.show(v)}`);
    return v as Record<string, unknown>;
  }

  /** Unknown keys are refused so that a misspelt setting is not silently ignored. */
  keys(o: Record<string, unknown>, field: string, allowed: string[]): void {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) this.fail(field ? `${field}.${k}` : k, `不是可识别的字段（可用：${allowed.join('、')}）`);
    }
  }

  string(v: unknown, field: string): string {
    if (typeof v !== 'string' || v.trim() === '') this.fail(field, `应为非空文字，实际为 ${this.show(v)}`);
    return v as string;
  }

  optString(v: unknown, field: string): string | undefined {
    return v === undefined ? undefined : this.string(v, field);
  }

  strings(v: unknown, field: string, nonEmpty = false): string[] {
    if (!Array.isArray(v)) this.fail(field, `应为文字列表，实际为 ${this.show(v)}`);
    const a = v as unknown[];
    if (nonEmpty && a.length === 0) this.fail(field, '不能为空列表');
    a.forEach((x, i) => this.string(x, `${field}[${i}]`));
    return a as string[];
  }

  boolean(v: unknown, field: string): boolean {
    if (typeof v !== 'boolean') this.fail(field, `应为 true 或 false，实际为 ${this.show(v)}`);
    return v as boolean;
  }

  oneOf<T extends string>(v: unknown, field: string, options: readonly T[]): T {
    if (typeof v !== 'string' || !options.includes(v as T)) {
      this.fail(field, `应为 ${options.join(' / ')} 之一，实际为 ${this.show(v)}`);
    }
    return v as T;
  }

  /** A decimal written as a string ("90", "0.05"); numbers are refused so no float sneaks in. */
  dec(v: unknown, field: string, range?: { min?: string; max?: string; minExclusive?: boolean }): string {
    if (typeof v !== 'string' || parseDec(v) === null || /[,，\s]/.test(v)) {
      this.fail(field, `应为十进制数字字符串（如 "90"、"0.05"），实际为 ${this.show(v)}`);
    }
    const d = D(v as string);
    if (range?.min !== undefined) {
      const bad = range.minExclusive ? d.lte(range.min) : d.lt(range.min);
      if (bad) this.fail(field, `应${range.minExclusive ? '大于' : '不小于'} ${range.min}，实际为 ${v}`);
    }
    if (range?.max !== undefined && d.gt(range.max)) this.fail(field, `应不大于 ${range.max}，实际为 ${v}`);
    return v as string;
  }

  decOrNull(v: unknown, field: string, range?: { min?: string; max?: string; minExclusive?: boolean }): string | null {
    return v === null ? null : this.dec(v, field, range);
  }

  year(v: unknown, field: string): number | null | undefined {
    if (v === undefined || v === null) return v;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1990 || v > 2100) {
      this.fail(field, `应为 1990–2100 之间的年份或 null，实际为 ${this.show(v)}`);
    }
    return v as number;
  }

  id(v: unknown, field: string): string {
    const s = this.string(v, field);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(s)) this.fail(field, `应由小写字母、数字和连字符组成，实际为 ${this.show(v)}`);
    return s;
  }
}

const GRADES = ['excellent', 'good', 'fair', 'poor'] as const;

/**
 * Check one parsed ruleset file and return it typed. `file` is the file name ("national.json"):
 * the id must equal its base name.
 */
const KEYS = [
  'id', 'name', 'jurisdiction', 'year', 'sources', 'executionRateDenominator', 'rounding', 'gradeBands',
  'deviationThreshold', 'scoreTolerance', 'qualitativeBands', 'level1Profile', 'caps', 'executionFloor', 'inflation',
  'extends', 'select', 'weightMode', 'qualitativeLevels', 'qualitativeBandEdge', 'exactMiss', 'ruleWordings',
  'adjustedTargets', 'gradeOn', 'explanations', 'executionWeight', 'rollUp',
];
/** settings a file may leave out: the national behaviour */
const DEFAULTS = {
  select: null,
  executionWeight: null,
  weightMode: 'indicator',
  qualitativeLevels: null,
  qualitativeBandEdge: 'halfOpen',
  exactMiss: 'proportional',
  ruleWordings: [],
  adjustedTargets: true,
  gradeOn: 'self',
  explanations: { executionBelow: null, monitoringDeviationAbove: null },
  rollUp: 'mean',
};
/** objects merged one level deep when a file extends another; everything else is replaced */
const MERGED = new Set(['rounding', 'caps', 'inflation', 'qualitativeBands', 'explanations']);
/** what a ruleset never inherits: it says what it is itself */
const OWN = new Set(['id', 'name', 'jurisdiction', 'year', 'sources', 'select', 'extends']);

/** The file's settings laid over its base's (`extends`). */
export function resolveExtends(o: Record<string, unknown>, base: Ruleset): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(base)) if (!OWN.has(k)) out[k] = v;
  for (const [k, v] of Object.entries(o)) {
    const b = out[k];
    out[k] = MERGED.has(k) && v && b && typeof v === 'object' && typeof b === 'object' ? { ...(b as object), ...(v as object) } : v;
  }
  return out;
}

export function validateRuleset(raw: unknown, file: string, bases: readonly Ruleset[] = []): Ruleset {
  const c = new Checker(file, '评分规则');
  let o = c.object(raw, '');
  c.keys(o, '', KEYS);
  if (o.extends !== undefined) {
    const bid = c.id(o.extends, 'extends');
    const base = bases.find((b) => b.id === bid);
    if (!base) c.fail('extends', `引用了不存在或尚未载入的评分规则 ${c.show(bid)}`);
    o = resolveExtends(o, base!);
  }
  for (const [k, v] of Object.entries(DEFAULTS)) if (o[k] === undefined) o[k] = structuredClone(v);
  const id = c.id(o.id, 'id');
  const base = file.replace(/^.*[\\/]/, '').replace(/\.(json|ts)$/, '');
  if (base !== id) c.fail('id', `应与文件名一致（${base}），实际为 ${c.show(id)}`);
  c.string(o.name, 'name');
  c.string(o.jurisdiction, 'jurisdiction');
  c.year(o.year, 'year');
  c.strings(o.sources, 'sources', true);
  c.oneOf(o.executionRateDenominator, 'executionRateDenominator', ['adjustedBudget', 'initialBudget', 'received', 'adjustedWithCarryover'] as const);

  const r = c.object(o.rounding, 'rounding');
  c.keys(r, 'rounding', ['decimals', 'mode']);
  if (typeof r.decimals !== 'number' || !Number.isInteger(r.decimals) || r.decimals < 0 || r.decimals > 6) {
    c.fail('rounding.decimals', `应为 0–6 的整数，实际为 ${c.show(r.decimals)}`);
  }
  c.oneOf(r.mode, 'rounding.mode', ['halfUp', 'truncate'] as const);

  if (!Array.isArray(o.gradeBands) || o.gradeBands.length === 0) c.fail('gradeBands', '应为非空列表');
  const bands = o.gradeBands as unknown[];
  const seen = new Set<string>();
  let prev: string | null = null;
  bands.forEach((b, i) => {
    const f = `gradeBands[${i}]`;
    const g = c.object(b, f);
    c.keys(g, f, ['grade', 'min', 'label', 'aliases']);
    const grade = c.oneOf(g.grade, `${f}.grade`, GRADES);
    if (seen.has(grade)) c.fail(`${f}.grade`, `等级 ${grade} 重复出现`);
    seen.add(grade);
    const min = c.dec(g.min, `${f}.min`, { min: '0', max: '100' });
    if (prev !== null && !D(min).lt(prev)) c.fail(`${f}.min`, `各档下限应从高到低严格递减（上一档 ${prev}，本档 ${min}）`);
    prev = min;
    c.string(g.label, `${f}.label`);
    c.strings(g.aliases, `${f}.aliases`);
  });
  if (prev !== null && !D(prev).isZero()) c.fail(`gradeBands[${bands.length - 1}].min`, `最低一档的下限应为 0，否则低分无等级（实际为 ${prev}）`);

  c.dec(o.deviationThreshold, 'deviationThreshold', { min: '0', minExclusive: true });
  c.dec(o.scoreTolerance, 'scoreTolerance', { min: '0' });

  const q = c.object(o.qualitativeBands, 'qualitativeBands');
  c.keys(q, 'qualitativeBands', ['met', 'partial']);
  const met = c.dec(q.met, 'qualitativeBands.met', { min: '0', max: '1', minExclusive: true });
  const partial = c.dec(q.partial, 'qualitativeBands.partial', { min: '0', max: '1' });
  if (!D(partial).lt(met)) c.fail('qualitativeBands.partial', `应小于 met（${met}），实际为 ${partial}`);

  if (o.level1Profile !== null) {
    if (!Array.isArray(o.level1Profile) || o.level1Profile.length === 0) {
      c.fail('level1Profile', `应为非空列表或 null，实际为 ${c.show(o.level1Profile)}`);
    }
    let total = D(0);
    (o.level1Profile as unknown[]).forEach((p, i) => {
      const f = `level1Profile[${i}]`;
      const e = c.object(p, f);
      c.keys(e, f, ['name', 'weight']);
      c.string(e.name, `${f}.name`);
      total = total.plus(c.dec(e.weight, `${f}.weight`, { min: '0', minExclusive: true }));
    });
    if (!total.eq(100)) c.fail('level1Profile', `各项分值合计应为 100，实际为 ${total.toFixed()}`);
  }

  const caps = c.object(o.caps, 'caps');
  c.keys(caps, 'caps', ['totalByExecutionRate', 'clampTotal', 'bonusMaxAbs']);
  c.boolean(caps.totalByExecutionRate, 'caps.totalByExecutionRate');
  c.boolean(caps.clampTotal, 'caps.clampTotal');
  c.decOrNull(caps.bonusMaxAbs, 'caps.bonusMaxAbs', { min: '0', minExclusive: true });

  if (o.executionFloor !== undefined && o.executionFloor !== null) {
    const ef = c.object(o.executionFloor, 'executionFloor');
    c.keys(ef, 'executionFloor', ['rate', 'deduction']);
    c.dec(ef.rate, 'executionFloor.rate', { min: '0', max: '1', minExclusive: true });
    c.dec(ef.deduction, 'executionFloor.deduction', { min: '0', minExclusive: true });
  }

  const inf = c.object(o.inflation, 'inflation');
  c.keys(inf, 'inflation', ['totalAtLeast', 'executionBelow']);
  c.dec(inf.totalAtLeast, 'inflation.totalAtLeast', { min: '0', max: '100' });
  c.dec(inf.executionBelow, 'inflation.executionBelow', { min: '0', max: '1' });

  if (o.select !== null) {
    const sel = c.object(o.select, 'select');
    c.keys(sel, 'select', ['places', 'subject', 'budgetWeight', 'markers', 'years', 'unscored', 'formAlone', 'priority']);
    if (sel.formAlone !== undefined) c.boolean(sel.formAlone, 'select.formAlone');
    if (sel.unscored !== undefined) c.boolean(sel.unscored, 'select.unscored');
    c.strings(sel.places, 'select.places', true);
    if (sel.subject !== undefined) c.oneOf(sel.subject, 'select.subject', ['project', 'department'] as const);
    if (sel.budgetWeight !== undefined) c.dec(sel.budgetWeight, 'select.budgetWeight', { min: '0', minExclusive: true });
    if (sel.markers !== undefined) c.strings(sel.markers, 'select.markers', true);
    if (sel.years !== undefined) {
      const y = sel.years;
      if (!Array.isArray(y) || y.length !== 2) c.fail('select.years', `应为 [起始年, 截止年]，实际为 ${c.show(y)}`);
      const [a, b] = y as unknown[];
      c.year(a, 'select.years[0]');
      c.year(b, 'select.years[1]');
      if ((a as number) > (b as number)) c.fail('select.years', `起始年应不晚于截止年，实际为 ${c.show(y)}`);
    }
    if (sel.priority !== undefined && (typeof sel.priority !== 'number' || !Number.isInteger(sel.priority))) {
      c.fail('select.priority', `应为整数，实际为 ${c.show(sel.priority)}`);
    }
  }
  c.decOrNull(o.executionWeight, 'executionWeight', { min: '0', minExclusive: true });
  c.oneOf(o.weightMode, 'weightMode', ['indicator', 'section', 'none'] as const);
  if (o.qualitativeLevels !== null) {
    if (!Array.isArray(o.qualitativeLevels) || o.qualitativeLevels.length < 2) c.fail('qualitativeLevels', '应为至少两档的列表或 null');
    let prevShare: string | null = null;
    (o.qualitativeLevels as unknown[]).forEach((l, i) => {
      const f = `qualitativeLevels[${i}]`;
      const e = c.object(l, f);
      c.keys(e, f, ['word', 'share']);
      c.string(e.word, `${f}.word`);
      const sh = c.dec(e.share, `${f}.share`, { min: '0', max: '1' });
      if (prevShare !== null && !D(sh).lt(prevShare)) c.fail(`${f}.share`, `各档比例应从高到低严格递减（上一档 ${prevShare}，本档 ${sh}）`);
      prevShare = sh;
    });
  }
  c.oneOf(o.qualitativeBandEdge, 'qualitativeBandEdge', ['halfOpen', 'closed'] as const);
  c.oneOf(o.exactMiss, 'exactMiss', ['proportional', 'judgment'] as const);
  if (!Array.isArray(o.ruleWordings)) c.fail('ruleWordings', `应为列表，实际为 ${c.show(o.ruleWordings)}`);
  (o.ruleWordings as unknown[]).forEach((w, i) => {
    const f = `ruleWordings[${i}]`;
    const e = c.object(w, f);
    c.keys(e, f, ['pattern', 'method', 'label', 'source']);
    const pat = c.string(e.pattern, `${f}.pattern`);
    try {
      new RegExp(pat);
    } catch {
      c.fail(`${f}.pattern`, `不是有效的正则表达式：${c.show(pat)}`);
    }
    c.oneOf(e.method, `${f}.method`, ['binary', 'judgmentUnlessMet', 'proportional'] as const);
    c.string(e.label, `${f}.label`);
    c.string(e.source, `${f}.source`);
  });
  c.boolean(o.adjustedTargets, 'adjustedTargets');
  c.oneOf(o.rollUp, 'rollUp', ['fundWeighted', 'mean'] as const);
  c.oneOf(o.gradeOn, 'gradeOn', ['self', 'review'] as const);
  const ex = c.object(o.explanations, 'explanations');
  c.keys(ex, 'explanations', ['executionBelow', 'monitoringDeviationAbove']);
  c.decOrNull(ex.executionBelow, 'explanations.executionBelow', { min: '0', max: '1', minExclusive: true });
  c.decOrNull(ex.monitoringDeviationAbove, 'explanations.monitoringDeviationAbove', { min: '0', minExclusive: true });

  return o as unknown as Ruleset;
}
