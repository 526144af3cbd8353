// A reproducible synthetic evaluation: 25 indicators (产出/效益/满意度) plus a 资金 block.
import type { Evaluation, Indicator } from '../src/model/evaluation.ts';

/** mulberry32: a tiny seeded PRNG so every run scores the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const QUAL = ['是', '健全', '规范', '得到提升', '较规范', '基本达成', '按时完成'];

export function syntheticEvaluation(i: number): Evaluation {
  const r = rng(i + 1);
  const indicators: Indicator[] = [];
  const groups: [string, string[], number][] = [
    ['产出指标', ['数量指标', '质量指标', '时效指标', '成本指标'], 50],
    ['效益指标', ['社会效益指标', '经济效益指标'], 30],
    ['满意度指标', ['服务对象满意度指标'], 10],
  ];
  // 25 rows: 16 产出, 6 效益, 3 满意度
  const counts = [16, 6, 3];
  groups.forEach(([l1, l2s, weight], g) => {
    const id1 = String(g + 1);
    indicators.push({ id: id1, parentId: null, level: 1, path: [l1], name: l1, target: null, actual: null, weight: String(weight), statedScore: null });
    const n = counts[g];
    const per = weight / n;
    let remaining = weight;
    for (let k = 0; k < n; k++) {
      const l2 = l2s[k % l2s.length];
      const w = k === n - 1 ? remaining : Math.round(per * 2) / 2;
      remaining -= w;
      const kind = r();
      let target: string;
      let actual: string;
      if (kind < 0.4) {
        const t = 10 + Math.floor(r() * 200);
        target = `≥${t}个`;
        actual = `${Math.floor(t * (0.7 + r() * 0.5))}个`;
      } else if (kind < 0.6) {
        target = '≥95%';
        actual = `${(85 + r() * 15).toFixed(1)}%`;
      } else if (kind < 0.75) {
        const t = 50 + Math.floor(r() * 500);
        target = `≤${t}万元`;
        actual = `${(t * (0.8 + r() * 0.3)).toFixed(2)}万元`;
      } else {
        target = QUAL[Math.floor(r() * 3)];
        actual = QUAL[Math.floor(r() * QUAL.length)];
      }
      const stated = Math.max(0, w - Math.floor(r() * 3) * 0.5);
      const id = `${id1}.${k + 1}`;
      indicators.push({
        id, parentId: id1, level: 2, path: [l1, `${l2}${k + 1}`], name: `${l2}${k + 1}`,
        target, actual, weight: String(w), statedScore: String(stated),
        deviation: stated < w && r() < 0.7 ? '部分任务延期' : null,
      });
    }
  });
  const adjusted = 100 + Math.floor(r() * 900);
  const executed = (adjusted * (0.6 + r() * 0.45)).toFixed(2);
  return {
    subject: 'project',
    title: `合成项目${i}`,
    unit: `单位${i % 500}`,
    fiscalYear: 2024,
    budget: {
      unit: '万元', initialBudget: String(adjusted), adjustedBudget: String(adjusted), executed,
      weight: '10', statedRate: null, statedScore: String(8 + Math.floor(r() * 5) * 0.5),
      lines: [{ fundSource: 'total', label: '年度资金总额', initialBudget: String(adjusted), adjustedBudget: String(adjusted), executed }],
    },
    indicators,
    statedTotal: null,
    statedGrade: null,
    sections: [],
    facts: [],
    problems: [],
  };
}
