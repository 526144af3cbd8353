import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from '../check/fixtures.ts';
import { diffEvaluations } from './diff.ts';

const base = () =>
  build({
    title: '培训项目',
    rows: [
      { path: ['产出指标', '数量指标', '培训人数'], target: '100人', actual: '120人', weight: '20', score: '20' },
      { path: ['产出指标', '质量指标', '合格率'], target: '≥90%', actual: '95%', weight: '10', score: '10' },
    ],
    budget: { initial: '10', adjusted: '10', executed: '9', weight: '10', rate: '90', score: '9' },
    sections: [{ heading: '一、基本情况', text: '完成培训' }],
  });

test('the same evaluation has no changes', () => {
  assert.deepEqual(diffEvaluations(base(), base()), []);
});

test('each changed field once, old and new value as text, indicators by id with their path', () => {
  const a = base();
  const b = base();
  b.title = '培训项目（改）';
  b.budget!.executed = '8.5';
  const leaf = b.indicators.find((i) => i.name === '培训人数')!;
  leaf.actual = '80人';
  leaf.statedScore = '16';
  b.sections[0].text = '完成培训，有偏差';
  assert.deepEqual(
    diffEvaluations(a, b).map((c) => [c.indicatorId, c.path?.join('/') ?? null, c.field, c.from, c.to]),
    [
      [null, null, 'title', '培训项目', '培训项目（改）'],
      [null, null, 'budget.executed', '9', '8.5'],
      [leaf.id, '产出指标/数量指标/培训人数', 'actual', '120人', '80人'],
      [leaf.id, '产出指标/数量指标/培训人数', 'statedScore', '20', '16'],
      [null, null, 'sections[0].text', '完成培训', '完成培训，有偏差'],
    ],
  );
});

test('a removed and an added indicator are one change each, by name', () => {
  const a = base();
  const b = base();
  const gone = b.indicators.find((i) => i.name === '合格率')!;
  b.indicators = b.indicators.filter((i) => i !== gone);
  b.indicators.push({ ...gone, id: '1.3.1', path: ['产出指标', '时效指标', '按时完成率'], name: '按时完成率' });
  assert.deepEqual(
    diffEvaluations(a, b).map((c) => [c.indicatorId, c.field, c.from, c.to]),
    [
      [gone.id, 'indicator', '合格率', null],
      ['1.3.1', 'indicator', null, '按时完成率'],
    ],
  );
});
