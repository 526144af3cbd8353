import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule, type EvaluationSpec } from '../fixtures.ts';
import { templateGap } from './template-gap.ts';

// S2 南京外办 部门管理 block as printed: B52 sits under B4, B5 holds B61–B63.
const s2: EvaluationSpec = {
  subject: 'department',
  rows: [
    { path: ['B部门管理'], code: 'B' },
    { path: ['B部门管理', 'B1预算执行'], code: 'B1' },
    { path: ['B部门管理', 'B2收支管理'], code: 'B2' },
    { path: ['B部门管理', 'B3资产管理'], code: 'B3' },
    { path: ['B部门管理', 'B4政府采购管理'], code: 'B4' },
    { path: ['B部门管理', 'B4政府采购管理', 'B41政府采购管理制度健全性'], code: 'B41' },
    { path: ['B部门管理', 'B4政府采购管理', 'B42政府采购管理是否按制度执行'], code: 'B42' },
    { path: ['B部门管理', 'B4政府采购管理', 'B52建设项目管理是否按制度执行'], code: 'B52' },
    { path: ['B部门管理', 'B5内部控制管理'], code: 'B5' },
    { path: ['B部门管理', 'B5内部控制管理', 'B61内部控制建设情况'], code: 'B61' },
    { path: ['C部门履职'], code: 'C' },
    { path: ['C部门履职', 'C1重点工作数量完成率'], code: 'C1' },
    { path: ['C部门履职', 'C1重点工作数量完成率', '外事活动'] },
    { path: ['C部门履职', 'C1重点工作数量完成率 '], code: 'C1' },
  ],
};

test('V17 (S2 南京外办): B52 without B51, codes outside their parent, C1 repeated are infos', () => {
  const f = runRule(templateGap, s2);
  assert.ok(f.every((x) => x.severity === 'info'));
  const msgs = f.map((x) => x.message);
  assert.ok(msgs.includes('表中有B52，但没有B51'), msgs.join('\n'));
  assert.ok(msgs.some((m) => m.endsWith('的编号B52不在上级指标编号B4之下')));
  assert.ok(msgs.some((m) => m.endsWith('的编号B61不在上级指标编号B5之下')));
  assert.ok(msgs.includes('编号C1在表中出现2次'));
  assert.equal(f.length, 4);
});

test('V17 (S1 中工会): a table without a 总分 row gets the recomputed 95.8; blank names are reported', () => {
  const f = runRule(templateGap, {
    budget: { initial: '279.833', adjusted: '237.04638', executed: '210.6', rate: '88.84', score: '8.9' },
    rows: [
      { path: ['产出指标', '数量指标', '成果报告'], score: '9.9' },
      { path: ['产出指标', '质量指标', '研讨质量'], score: '19.9' },
      { path: ['产出指标', '时效指标', '研讨时间'], score: '9.9' },
      { path: ['产出指标', '成本指标', '项目成本控制在预算内'], score: '7.5' },
      { path: ['效益指标', '生态效益指标', ' '], score: '29.7' },
      { path: ['满意度指标', '服务对象满意度', '各研讨项目实施单位满意度'], score: '10' },
    ],
  });
  assert.equal(f.length, 2);
  assert.equal(f[0].message, '“效益指标/生态效益指标/（空白）”的指标名称为空');
  assert.equal(f[1].message, '表格没有总分，按各项得分合计为95.8');
});

test('V17 (S2): a clean sequence under matching parents with a 总分 passes', () => {
  const f = runRule(templateGap, {
    statedTotal: '10',
    rows: [
      { path: ['A部门决策'], code: 'A', score: '10' },
      { path: ['A部门决策', 'A1决策机制'], code: 'A1' },
      { path: ['A部门决策', 'A1决策机制', 'A11决策制度的规范性'], code: 'A11' },
      { path: ['A部门决策', 'A1决策机制', 'A12决策流程的科学性'], code: 'A12' },
      { path: ['A部门决策', 'A2中长期规划'], code: 'A2' },
    ],
  });
  assert.deepEqual(f, []);
});
