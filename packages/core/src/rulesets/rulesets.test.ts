import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesets, getRuleset, NATIONAL, rulesetFiles, validateRuleset, describeRuleset, DataFileError } from './index.ts';
import { D } from '../decimal.ts';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

test('every ruleset file loads and validates, ids match the brief', () => {
  assert.deepEqual(
    rulesets.map((r) => r.id).sort(),
    [
      'anhui-2022', 'beijing-2021', 'chongqing-2021', 'framework-received', 'haidian-2016', 'hebei', 'henan-2024', 'hubei-2021',
      'hunan-special-2020', 'jilin-monitoring-2024', 'mof-central', 'nanjing-a-2024', 'nanjing-b-2024', 'national', 'ningxia-2021',
      'rugao-2024', 'sichuan-2023', 'sichuan-dazhou', 'yunnan',
    ],
  );
  for (const [file, raw] of Object.entries(rulesetFiles)) {
    const r = validateRuleset(raw, file, [NATIONAL]);
    assert.ok(r.sources.length > 0, `${file} 没有依据`);
  }
  assert.equal(NATIONAL.id, 'national');
  assert.equal(getRuleset('nanjing-b-2024')?.caps.bonusMaxAbs, '5');
  assert.equal(getRuleset('no-such'), undefined);
});

test('N1/N2 national: 全年预算数, half-up 2 decimals, bands 90/80/60, 50/30/10/10 profile', () => {
  const r = getRuleset('national')!;
  assert.equal(r.executionRateDenominator, 'adjustedBudget');
  assert.deepEqual(r.rounding, { decimals: 2, mode: 'halfUp' });
  assert.deepEqual(r.gradeBands.map((b) => [b.grade, b.min, b.label]), [
    ['excellent', '90', '优'], ['good', '80', '良'], ['fair', '60', '中'], ['poor', '0', '差'],
  ]);
  assert.deepEqual(r.gradeBands.map((b) => b.aliases), [['优秀'], ['良好'], ['合格', '一般'], ['不合格']]);
  assert.equal(r.deviationThreshold, '0.2');
  assert.equal(r.scoreTolerance, '0.05');
  assert.deepEqual(r.qualitativeBands, { met: '0.8', partial: '0.6' });
  assert.deepEqual(r.level1Profile, [
    { name: '预算执行率', weight: '10' }, { name: '产出', weight: '50' }, { name: '效益', weight: '30' }, { name: '满意度', weight: '10' },
  ]);
  assert.ok(r.sources.some((s) => s.startsWith('N1')) && r.sources.some((s) => s.startsWith('N2')));
});

test('denominators per source: S1 全年预算数, L4 年初预算数, N1 framework 实际到位资金', () => {
  assert.equal(getRuleset('beijing-2021')!.executionRateDenominator, 'adjustedBudget');
  assert.equal(getRuleset('beijing-2021')!.level1Profile, null);
  assert.equal(getRuleset('haidian-2016')!.executionRateDenominator, 'initialBudget');
  assert.equal(getRuleset('framework-received')!.executionRateDenominator, 'received');
});

test('S2 nanjing-b: 加减分 capped at ±5, execution below 90% costs 3 points', () => {
  const r = getRuleset('nanjing-b-2024')!;
  assert.equal(r.caps.bonusMaxAbs, '5');
  assert.deepEqual(r.executionFloor, { rate: '0.9', deduction: '3' });
  assert.deepEqual(r.level1Profile!.map((p) => p.weight), ['15', '20', '30', '30', '5']);
});

test('level-1 profiles sum to 100 (S0 12/28/30/20/10, S3 12/18/30/30/10)', () => {
  assert.deepEqual(getRuleset('nanjing-a-2024')!.level1Profile!.map((p) => p.weight), ['12', '28', '30', '20', '10']);
  assert.deepEqual(getRuleset('rugao-2024')!.level1Profile!.map((p) => p.weight), ['12', '18', '30', '30', '10']);
  for (const r of rulesets) {
    if (!r.level1Profile) continue;
    assert.ok(r.level1Profile.reduce((s, p) => s.plus(p.weight), D(0)).eq(100), r.id);
  }
});

function refused(mutate: (r: Record<string, any>) => void, field: RegExp, file = 'national.json') {
  const raw = clone(rulesetFiles['national.json']) as Record<string, any>;
  mutate(raw);
  assert.throws(
    () => validateRuleset(raw, file, [NATIONAL]),
    (e: unknown) => {
      assert.ok(e instanceof DataFileError, String(e));
      assert.match(e.message, new RegExp(file.replace('.', '\\.')));
      assert.match(e.message, field);
      assert.match(e.message, /[\u4e00-\u9fa5]/);
      return true;
    },
  );
}

test('a broken ruleset is refused with a Chinese message naming file and field', () => {
  refused((r) => delete r.gradeBands, /gradeBands/);
  refused((r) => (r.gradeBands[1].min = 80), /gradeBands\[1\]\.min/); // number, not a decimal string
  refused((r) => (r.gradeBands[1].min = '95'), /gradeBands\[1\]\.min.*递减/);
  refused((r) => (r.gradeBands[3].min = '10'), /gradeBands\[3\]\.min/);
  refused((r) => (r.executionRateDenominator = 'budget'), /executionRateDenominator/);
  refused((r) => (r.rounding.mode = 'bankers'), /rounding\.mode/);
  refused((r) => (r.qualitativeBands.partial = '0.9'), /qualitativeBands\.partial/);
  refused((r) => (r.level1Profile[1].weight = '40'), /level1Profile.*100/);
  refused((r) => (r.deviationTreshold = '0.3'), /deviationTreshold/); // misspelt key
  refused((r) => (r.sources = []), /sources/);
  refused((r) => (r.caps.bonusMaxAbs = '-5'), /caps\.bonusMaxAbs/);
  refused(() => {}, /id/, 'other.json');
  refused((r) => (r.extends = 'no-such'), /extends/);
  refused((r) => (r.weightMode = 'block'), /weightMode/);
  refused((r) => (r.ruleWordings[0].pattern = '符合得('), /ruleWordings\[0\]\.pattern/);
  refused((r) => (r.qualitativeLevels = [{ word: '优', share: '0.8' }, { word: '良', share: '0.9' }]), /qualitativeLevels\[1\]\.share/);
  refused((r) => (r.select = { places: [] }), /select\.places/);
});

test('describeRuleset: Chinese lines with denominator, rounding, bands, caps and sources', () => {
  const n = describeRuleset(getRuleset('national')!);
  assert.ok(n.includes('编号：national'));
  assert.ok(n.some((l) => l.startsWith('执行率分母：全年预算数')));
  assert.ok(n.some((l) => l.includes('四舍五入') && l.includes('2 位小数')));
  assert.ok(n.some((l) => l.startsWith('等级：') && l.includes('优（优秀） 90 分及以上') && l.includes('差（不合格） 不足 60 分')));
  assert.ok(n.some((l) => l.includes('20%')));
  assert.ok(n.some((l) => l.includes('产出 50')));
  assert.ok(n.some((l) => l.includes('N2')));
  assert.ok(describeRuleset(getRuleset('haidian-2016')!).some((l) => l.startsWith('执行率分母：年初预算数')));
  assert.ok(describeRuleset(getRuleset('framework-received')!).some((l) => l.startsWith('执行率分母：实际到位资金')));
  const b = describeRuleset(getRuleset('nanjing-b-2024')!);
  assert.ok(b.some((l) => l.includes('±5 分')));
  assert.ok(b.some((l) => l.includes('低于 90% 扣 3 分')));
  assert.ok(describeRuleset(getRuleset('beijing-2021')!).includes('一级指标分值：不设统一模板'));
});
