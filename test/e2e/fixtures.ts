// A project evaluation shaped like the 如皋 评分表 (seed S3), with n 三级 rows, for tests that need
// a known table without going through recognition (the conflict test, the typing measurement).
import type { Evaluation, Indicator } from '@jixiao/core';

const GROUPS: [string, string[]][] = [
  ['决策指标', ['项目立项', '绩效目标', '资金投入']],
  ['过程指标', ['资金管理', '组织实施']],
  ['产出指标', ['数量指标', '质量指标', '时效指标', '成本指标']],
  ['效益指标', ['社会效益指标', '可持续发展指标']],
  ['满意度指标', ['满意度指标']],
];

export function projectEvaluation(rows = 25, title = '职业技能培训补贴项目'): Evaluation {
  const indicators: Indicator[] = [];
  const leavesPer = GROUPS.flatMap(([, subs]) => subs).length;
  let left = rows;
  let n = 0;
  GROUPS.forEach(([l1, subs], a) => {
    if (left <= 0) return;
    const id1 = String(a + 1);
    indicators.push({ id: id1, parentId: null, level: 1, path: [l1], name: l1, target: null, actual: null, weight: null, statedScore: null });
    subs.forEach((l2, b) => {
      if (left <= 0) return;
      const id2 = `${id1}.${b + 1}`;
      indicators.push({ id: id2, parentId: id1, level: 2, path: [l1, l2], name: l2, target: null, actual: null, weight: null, statedScore: null });
      const count = Math.max(1, Math.round(left / (leavesPer - n)));
      n++;
      for (let c = 0; c < count && left > 0; c++, left--) {
        const name = `${l2}${c + 1}`;
        indicators.push({
          id: `${id2}.${c + 1}`,
          parentId: id2,
          level: 3,
          path: [l1, l2, name],
          name,
          target: '≥100人次',
          actual: '100人次',
          unitOfMeasure: '人次',
          valueType: 'quantitative',
          direction: 'positive',
          weight: '4',
          statedScore: '4',
        });
      }
    });
  });
  return {
    subject: 'project',
    title,
    unit: null,
    fiscalYear: 2024,
    budget: {
      unit: '万元',
      initialBudget: '100',
      adjustedBudget: '100',
      executed: '95',
      weight: '0',
      statedRate: '95',
      statedScore: null,
      lines: [{ fundSource: 'total', label: '年度资金总额', initialBudget: '100', adjustedBudget: '100', executed: '95' }],
    },
    indicators,
    statedTotal: String(rows * 4),
    statedGrade: null,
    sections: [{ heading: '一、项目概况', key: 'overview', text: '为提升劳动者职业技能，开展职业技能培训。' }],
    facts: [],
    problems: [],
  };
}
