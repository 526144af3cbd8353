// What a rendered report leaves open or shows oddly, as findings (rule ids R01…), so the CLI,
// the API and the UI can list them beside the checks' findings.
import type { EvaluationJson, Finding } from '@jixiao/core';
import { emptySectionFindings } from '@jixiao/core';
import { LONG_CELL, indicatorRows } from './layout.ts';

/** More indicator rows than any seed table has by far: worth a look before printing. */
export const MANY_ROWS = 100;

export function renderGaps(ev: EvaluationJson): Finding[] {
  const out: Finding[] = [];
  const add = (f: Omit<Finding, 'where'> & { where?: Finding['where'] }) => out.push({ where: {}, ...f });

  out.push(...emptySectionFindings(ev));

  if (ev.subject === 'project') {
    if (!ev.budget) {
      add({
        rule: 'report-budget-missing',
        code: 'R02',
        severity: 'warning',
        message: '没有项目资金数据（年初预算数、全年预算数、全年执行数），自评表的资金栏留空',
        suggestion: '补充项目资金（万元）及预算执行分值',
        where: { field: 'budget', cell: '项目资金' },
      });
    }
    const header: [string, string | null | undefined][] = [
      ['主管部门', ev.parentUnit],
      ['实施单位', ev.unit],
      ['项目负责人', ev.manager],
      ['联系电话', ev.phone],
    ];
    for (const [label, v] of header) {
      if (v == null || !String(v).trim()) {
        add({
          rule: 'report-header-missing',
          code: 'R03',
          severity: 'info',
          message: `自评表表头“${label}”为空`,
          suggestion: `填写${label}`,
          where: { cell: label },
        });
      }
    }
    if (!ev.goals?.expected?.trim() || !ev.goals?.actual?.trim()) {
      add({
        rule: 'report-goals-missing',
        code: 'R04',
        severity: 'info',
        message: '自评表“年度总体目标”的预期目标或实际完成情况为空',
        suggestion: '填写年度总体目标及其实际完成情况',
        where: { field: 'goals', cell: '年度总体目标' },
      });
    }
  }

  const rows = indicatorRows(ev);
  if (rows.length === 0) {
    add({
      rule: 'report-no-indicators',
      code: 'R05',
      severity: 'warning',
      message: '没有绩效指标，评分表只有表头和总分',
      suggestion: '导入或填写绩效指标',
      where: { field: 'indicators' },
    });
  }
  for (const r of rows) {
    const i = r.indicator;
    // template rows left blank (e.g. 经济效益 in seed 000) are shown as they are, not reported
    const blankRow = i.target == null && i.actual == null && i.weight == null && i.statedScore == null && i.score == null;
    if (blankRow) continue;
    const where = { indicatorId: i.id, path: i.path, source: i.source };
    if (i.weight == null) {
      add({
        rule: 'report-weight-missing',
        code: 'R06',
        severity: 'warning',
        message: `指标“${i.path.join(' / ')}”没有分值，分值栏留空，合计不含此行`,
        suggestion: '填写该指标的分值',
        where: { ...where, field: 'weight', cell: '分值' },
      });
    }
    if (r.score == null) {
      add({
        rule: 'report-score-missing',
        code: 'R07',
        severity: 'warning',
        message: `指标“${i.path.join(' / ')}”没有得分，得分栏留空`,
        suggestion: '填写或计算该指标的得分',
        where: { ...where, field: 'statedScore', cell: '得分' },
      });
    }
    const longest = Object.entries(r.cells).sort((a, b) => b[1].length - a[1].length)[0];
    if (longest && longest[1].length > LONG_CELL) {
      add({
        rule: 'report-long-cell',
        code: 'R08',
        severity: 'info',
        message: `指标“${i.name}”的单元格文字有 ${longest[1].length} 字，该行很高，可能跨页断开`,
        suggestion: '精简文字或将说明移入报告正文',
        where: { ...where, field: longest[0] },
      });
    }
  }
  if (rows.length > MANY_ROWS) {
    add({
      rule: 'report-many-rows',
      code: 'R09',
      severity: 'info',
      message: `评分表共有 ${rows.length} 行指标，远多于常见自评表，请核对是否把多张表合成了一张`,
      suggestion: '核对指标表的范围',
      where: { field: 'indicators' },
    });
  }
  return out;
}
