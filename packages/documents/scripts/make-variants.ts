// Writes the merged-cell recognition variants of issue 3 point 2 into
// packages/documents/test-fixtures/variants/ (the text variants there are written by hand):
//   28-national-merged.docx — the national 自评表 layout: a 绩效指标 caption merged down the whole
//     table, 一级/二级 merged vertically, labels with line breaks inside their cells;
//   29-dept-group-weights.xlsx — a 部门整体 得分表: a two-row header (评价指标 merged across 一级/二级/
//     三级, 分值/得分 merged down), 一级 names with their weight "（20分）", 分值 and 得分 merged over
//     each 二级 group of 三级 rows.
// Rows are indexed by grid column: every position a span covers is written as X.
// Usage: node --import tsx packages/documents/scripts/make-variants.ts
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toDocx, toXlsx, type LaidTable, type Layout } from './make-fixtures.ts';

const out = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'test-fixtures', 'variants');

type Slot = LaidTable['slots'][number][number];
const o = (text: string, rs = 1, cs = 1): Slot => ({ text, rs, cs });
const X: Slot = 'covered';
const laid = (slots: Slot[][]): LaidTable => ({ kind: 'laid', slots, width: Math.max(...slots.map((r) => r.length)) });
const p = (text: string) => ({ kind: 'paragraph' as const, text });

export function nationalMerged(): Layout {
  return {
    blocks: [
      p('项目支出绩效自评表'),
      p('（2024年度）'),
      laid([
        [o('项目名称'), o('智慧养老服务平台建设', 1, 7), X, X, X, X, X, X],
        [o('主管部门'), o('某市民政局', 1, 3), X, X, o('实施单位'), o('某市养老服务中心', 1, 3), X, X],
        [o('绩效指标', 8), o('一级指标'), o('二级指标'), o('三级指标'), o('年度指标值'), o('实际完成值'), o('分值'), o('得分')],
        [X, o('产出指标', 4), o('数量指标', 2), o('接入平台的\n养老机构数'), o('≥60家'), o('64家'), o('30'), o('30')],
        [X, X, X, o('上门服务\n工单量'), o('≥2万单'), o('2.3万单'), o('20'), o('20')],
        [X, X, o('质量指标'), o('工单按时\n完成率'), o('≥95%'), o('93%'), o('10'), o('9')],
        [X, X, o('时效指标'), o('平台上线时间'), o('6月底前'), o('6月'), o('10'), o('10')],
        [X, o('效益指标'), o('社会效益指标'), o('老人紧急呼叫\n响应时间'), o('≤15分钟'), o('12分钟'), o('10'), o('10')],
        [X, o('满意度指标'), o('服务对象\n满意度指标'), o('老人及家属满意度'), o('≥90%'), o('95%'), o('20'), o('20')],
        [o('总分', 1, 6), X, X, X, X, X, o('100'), o('99')],
      ]),
    ],
  };
}

export function deptGroupWeights(): Layout {
  return {
    blocks: [
      p('某区文化广电和旅游局2024年度部门整体支出绩效自评得分表'),
      laid([
        [o('评价指标', 1, 3), X, X, o('分值', 2), o('得分', 2), o('评分依据', 2)],
        [o('一级指标'), o('二级指标'), o('三级指标'), X, X, X],
        [o('部门决策（20分）', 3), o('目标设定', 2), o('绩效目标合理性'), o('12', 2), o('11', 2), o('目标基本合理')],
        [X, X, o('绩效指标明确性'), X, X, o('')],
        [X, o('预算编制'), o('预算编制科学性'), o('8'), o('8'), o('')],
        [o('部门管理（30分）', 2), o('资金管理', 2), o('资金使用合规性'), o('30', 2), o('28', 2), o('个别报销手续不全')],
        [X, X, o('预决算信息公开'), X, X, o('')],
        [o('部门履职（50分）', 2), o('重点工作'), o('重点工作完成率'), o('30'), o('30'), o('')],
        [X, o('履职效益'), o('群众满意度'), o('20'), o('19'), o('')],
        [o('合计', 1, 3), X, X, o('100'), o('96'), o('')],
      ]),
    ],
  };
}

async function main() {
  writeFileSync(join(out, '28-national-merged.docx'), await toDocx(nationalMerged()));
  writeFileSync(join(out, '29-dept-group-weights.xlsx'), await toXlsx(deptGroupWeights()));
  console.log(`已写入 ${out}/28-national-merged.docx、29-dept-group-weights.xlsx`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
