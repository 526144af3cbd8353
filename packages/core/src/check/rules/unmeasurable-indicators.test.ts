import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule, type EvaluationSpec } from '../fixtures.ts';
import { unmeasurableIndicators } from './unmeasurable-indicators.ts';

test('V13 (N4; S3 职业技能评价): “保障生态效益 是/是” in a training project is flagged as unrelated', () => {
  const f = runRule(unmeasurableIndicators, {
    title: '职业技能评价',
    rows: [
      { path: ['产出指标', '数量指标', '培训人数'], target: '300人次', actual: '330人次' },
      { path: ['产出指标', '数量指标', '技能竞赛'], target: '8次', actual: '10次' },
      { path: ['效益指标', '生态效益指标', '保障生态效益'], target: '是', actual: '是' },
    ],
  });
  assert.equal(f.length, 1);
  assert.equal(f[0].message, '“效益指标/生态效益指标/保障生态效益”作为生态效益指标，与项目“职业技能评价”的内容无关（年度指标值“是”）');
});

test('V13 (S1 中工会绿色城市专题研讨): 生态效益 in a green-city project is fine', () => {
  const f = runRule(unmeasurableIndicators, {
    title: '“中工会”绿色城市专题研讨项目',
    rows: [
      { path: ['产出指标', '数量指标', '报告'], target: '16份', actual: '16份' },
      { path: ['产出指标', '时效指标', '研讨时间'], target: '12月底前', actual: '12月底' },
      { path: ['效益指标', '生态效益指标', '垃圾分类处理'], target: '垃圾分类处理率≥90%', actual: '92%' },
    ],
  });
  assert.deepEqual(f, []);
});

test('V13 (N1; S1 海创扶持资金): 效益 targets “得到提升” have no metric, and 5 of 7 rows are qualitative', () => {
  const spec: EvaluationSpec = {
    title: '海创扶持资金',
    rows: [
      { path: ['产出指标', '数量指标', '资助孵化海创数量'], target: '≥50个' },
      { path: ['产出指标', '质量指标', '符合资助政策规定'], target: '符合最新政策标准和资助规定' },
      { path: ['产出指标', '成本指标', '项目预算控制数'], target: '2700' },
      { path: ['效益指标', '社会效益指标', '引领技术创新水平'], target: '得到提升' },
      { path: ['效益指标', '社会效益指标', '促进产业竞争力水平'], target: '得到提升' },
      { path: ['效益指标', '社会效益指标', '培育优质企业发展数量'], target: '得到提升' },
      { path: ['效益指标', '可持续影响指标', '品牌影响'], target: '持续扩大' },
    ],
  };
  const f = runRule(unmeasurableIndicators, spec);
  const rows = f.filter((x) => x.where.indicatorId);
  assert.equal(rows.length, 3);
  assert.equal(rows[0].message, '效益指标“效益指标/社会效益指标/引领技术创新水平”的年度指标值“得到提升”没有可衡量的数值');
  const share = f.find((x) => !x.where.indicatorId);
  assert.ok(share);
  assert.match(share.message, /7个产出、效益指标中有5个是定性指标/);
});
