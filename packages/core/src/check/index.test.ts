import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, checkSet, rules, setRules, sortFindings } from './index.ts';
import { build, ruleset, scoredOf, type EvaluationSpec } from './fixtures.ts';
import type { Rule } from './types.ts';

// S1 海创扶持资金 自评表 as printed (domain.md §8: V03, V07, V09, V10, V11, V13, V19 apply).
const haichuang: EvaluationSpec = {
  title: '海创扶持资金',
  budget: { initial: '2700', adjusted: '1300', executed: '1160', weight: '10', rate: '89.23', score: '9' },
  statedTotal: '85',
  rows: [
    { path: ['产出指标', '数量指标', '资助孵化海创数量'], target: '≥50个', actual: '基本达成', weight: '15', score: '12', deviation: '部分项目暂不符合扶持条件。' },
    { path: ['产出指标', '质量指标', '符合资助政策规定'], target: '符合最新政策标准和资助规定', actual: '符合标准', weight: '15', score: '15', deviation: null },
    { path: ['产出指标', '时效指标', '完成项目评审'], target: '1.项目启动2021年1月至5月；2.项目实施阶段：2021年6-12月', actual: '每年一次', weight: '10', score: '10', deviation: null },
    { path: ['产出指标', '成本指标', '项目预算控制数'], target: '2700', actual: '1160万元', weight: '10', score: '5', deviation: '部分项目暂不符合资金扶持条件。' },
    { path: ['效益指标', '社会效益指标', '引领技术创新水平'], target: '得到提升', actual: '得到提升', weight: '10', score: '9', deviation: '企业在获得扶持资金后，仍需要更多政策支持及服务。' },
    { path: ['效益指标', '社会效益指标', '促进产业竞争力水平'], target: '得到提升', actual: '得到提升', weight: '10', score: '7', deviation: '通过帮助初创企业对接产业上下游，不断提升企业产业化水平。' },
    { path: ['效益指标', '社会效益指标', '培育优质企业发展数量'], target: '得到提升', actual: '得到提升', weight: '10', score: '8', deviation: '需继续扩大政策覆盖面。' },
    { path: ['满意度指标', '服务对象满意度', '资助企业满意度指标'], target: '≥80%', actual: '100%', weight: '10', score: '10', deviation: null },
  ],
};

test('check (S1 海创扶持资金): the known mistakes are found, errors first, then by row', () => {
  const ev = build(haichuang);
  const f = check(ev, scoredOf(ev, { budget: { rate: '89.23', score: '8.92', trace: '' } }), ruleset());
  const ids = new Set(f.map((x) => x.rule));
  for (const id of ['actual-not-measured', 'execution-rate', 'qualitative-band', 'cost-underspend-penalty', 'unmeasurable-indicators', 'satisfaction-evidence', 'target-too-low']) {
    assert.ok(ids.has(id), `缺少 ${id}`);
  }
  assert.ok(!ids.has('weights-sum') && !ids.has('total-mismatch') && !ids.has('score-range'));
  const rank = { error: 0, warning: 1, info: 2 };
  for (let k = 1; k < f.length; k++) assert.ok(rank[f[k - 1].severity] <= rank[f[k].severity], '错误应排在前面');
  assert.equal(f[0].rule, 'actual-not-measured');
  const warnings = f.filter((x) => x.severity === 'warning' && x.where.indicatorId);
  const rows = warnings.map((x) => ev.indicators.findIndex((i) => i.id === x.where.indicatorId));
  assert.deepEqual(rows, [...rows].sort((a, b) => a - b));
});

test('check (§8): every rule has a unique slug, a V-code (T10 for the approved targets), a Chinese title and a source', () => {
  const all = [...rules, ...setRules];
  assert.equal(new Set(all.map((r) => r.id)).size, all.length);
  assert.equal(rules.length, 21);
  for (const r of all) {
    assert.match(r.code, /^(V\d{2}[ab]?|T10)$/);
    assert.match(r.title, /[\u4e00-\u9fa5]/);
    assert.ok(r.source.length > 0);
  }
});

test('check: a rule that throws becomes one Chinese info finding, the others still run (V01, V14)', () => {
  const bad: Rule = { id: 'boom', code: 'V99', severity: 'error', title: '测试规则', source: 'test', run: () => { throw new Error('x'); } };
  const ev = build({ statedTotal: '93', statedGrade: '良' });
  const f = check(ev, scoredOf(ev), ruleset(), [bad, rules.find((r) => r.id === 'grade-mismatch')!]);
  assert.equal(f.length, 2);
  assert.equal(f[0].rule, 'grade-mismatch');
  assert.equal(f[1].severity, 'info');
  assert.equal(f[1].message, '检查“测试规则”未能完成（内部错误），其余检查不受影响');
});

test('sortFindings: evaluation-level findings come before row findings of the same severity', () => {
  const mk = (severity: 'error' | 'warning', indicatorId?: string) => ({ rule: 'r', code: 'V01', severity, message: indicatorId ?? '-', suggestion: '', where: indicatorId ? { indicatorId } : {} });
  const ev = build({ rows: [{ path: ['a'] }, { path: ['b'] }] });
  const sorted = sortFindings([mk('warning', '2'), mk('error', '2'), mk('warning'), mk('error', '1')], ev);
  assert.deepEqual(sorted.map((x) => `${x.severity}:${x.message}`), ['error:1', 'error:2', 'warning:-', 'warning:2']);
});

test('checkSet (S1): runs the cross-table rules', () => {
  const a = build({ title: '特聘岗位项目', statedTotal: '98.6' });
  const b = build({ title: '特聘岗位项目经费', statedTotal: '98.8' });
  const f = checkSet([{ evaluation: a, scored: scoredOf(a) }, { evaluation: b, scored: scoredOf(b) }]);
  assert.equal(f.length, 1);
  assert.equal(f[0].rule, 'conflicting-scores');
});
