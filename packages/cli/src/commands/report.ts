// The human-readable Chinese report of `jixiao check`.
import type { FileResult } from '@jixiao/documents/pipeline.ts';
import type { EvaluationJson, Finding, SourceRef } from '@jixiao/core';

const SEV: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
const MARK: Record<string, string> = { error: '✗', warning: '!', info: 'i' };
const SUBJECT: Record<string, string> = { project: '项目支出', department: '部门整体支出' };

export function where(s?: SourceRef): string {
  if (!s) return '';
  const parts: string[] = [];
  if (s.page) parts.push(`第 ${s.page} 页`);
  if (s.table) parts.push(`表 ${s.table}`);
  if (s.row) parts.push(`第 ${s.row} 行`);
  if (s.line) parts.push(`文本第 ${s.line} 行`);
  return parts.length ? `（${parts.join('，')}）` : '';
}

function finding(f: Finding): string {
  const loc = where(f.where?.source);
  let s = `    ${MARK[f.severity] ?? '-'} ${SEV[f.severity] ?? f.severity} [${f.rule}] ${f.message}${loc}\n`;
  if (f.suggestion) s += `      建议：${f.suggestion}\n`;
  return s;
}

function evaluation(e: EvaluationJson, n: number): string {
  const counts = { error: 0, warning: 0, info: 0 } as Record<string, number>;
  for (const f of e.findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  const head = `  [${n}] ${e.title}（${SUBJECT[e.subject] ?? e.subject}${e.fiscalYear ? `，${e.fiscalYear} 年度` : ''}${e.unit ? `，${e.unit}` : ''}）\n`;
  const b = e.budget;
  const budget = b
    ? `      预算执行：全年预算数 ${b.adjustedBudget ?? '—'} ${b.unit}，全年执行数 ${b.executed ?? '—'} ${b.unit}，执行率 ${b.rate != null ? b.rate + '%' : '—'}，得分 自评 ${b.statedScore ?? '—'} / 计算 ${b.score ?? '—'}\n`
    : '';
  const total = `      总分：自评 ${e.statedTotal ?? '未写明'}，系统计算 ${e.total ?? '—'}；等级：自评 ${e.statedGrade ?? '未写明'}，系统 ${e.gradeLabel ?? '—'}\n`;
  const rows = `      指标 ${e.indicators.length} 项；问题：错误 ${counts.error}，警告 ${counts.warning}，提示 ${counts.info}\n`;
  return head + budget + total + rows + e.findings.map(finding).join('');
}

export function formatFileResult(r: FileResult): string {
  let s = `文件：${r.path}\n`;
  if (r.error) s += `  无法读取：${r.error}\n`;
  r.evaluations.forEach((e, i) => (s += evaluation(e, i + 1)));
  if (r.problems.length) {
    s += `  未能识别的内容 ${r.problems.length} 处：\n`;
    for (const p of r.problems.slice(0, 20)) s += `    - ${p.message}${where(p.source)}\n`;
    if (r.problems.length > 20) s += `    …另有 ${r.problems.length - 20} 处\n`;
  }
  return s + '\n';
}

/** What the summary line and the exit code need, counted file by file (the results are not kept). */
export class Tally {
  files = 0;
  evaluations = 0;
  unreadable = 0;
  readonly severities: Record<string, number> = { error: 0, warning: 0, info: 0 };
  add(r: FileResult): void {
    this.files++;
    if (r.error) this.unreadable++;
    this.evaluations += r.evaluations.length;
    for (const e of r.evaluations) for (const f of e.findings) this.severities[f.severity] = (this.severities[f.severity] ?? 0) + 1;
  }
  /** 2 when an input could not be read at all (or there was none), 1 when some finding is an error, else 0. */
  exitCode(): number {
    if (this.files === 0 || this.unreadable > 0) return 2;
    return this.severities.error > 0 ? 1 : 0;
  }
}

export function formatSummary(t: Tally): string {
  const c = t.severities;
  return `合计：${t.files} 个文件，${t.evaluations} 个评价；错误 ${c.error}，警告 ${c.warning}，提示 ${c.info}；无法读取 ${t.unreadable} 个文件\n`;
}
