// The report's outline: the sections the .docx prints, in order and with their numbering, and which
// of an evaluation's sections fills each. The editor shows exactly this list, so what the officer
// writes is what the document holds; an empty section is a finding, never a placeholder in print.
import type { Finding, Section, Subject } from './evaluation.ts';

export interface OutlineItem {
  /** heading as printed, e.g. "一、项目概况" */
  heading: string;
  /** what the section is about, for messages */
  what: string;
  /** section keys that fill this item; the first is given to a section written in the editor */
  keys: string[];
  match: RegExp;
  /** 1 = 一级标题 (一、), 2 = 二级标题 ((一)) */
  depth: 1 | 2;
  /** a heading only; its text comes from its children */
  group?: boolean;
}

/** The short project self-evaluation report (domain §6.2, seed 003). */
export const PROJECT_OUTLINE: OutlineItem[] = [
  { heading: '一、项目概况', what: '项目概况', keys: ['overview'], match: /项目概况|基本情况/, depth: 1 },
  { heading: '二、评价情况', what: '评价情况', keys: ['evaluation', 'conclusion', 'process'], match: /评价情况|评价结论|综合评价/, depth: 1 },
  { heading: '三、项目绩效', what: '项目绩效', keys: ['performance', 'achievements'], match: /项目绩效|绩效目标(实现|完成)|履职成效/, depth: 1 },
  { heading: '四、存在问题', what: '存在问题', keys: ['problems'], match: /存在(的)?问题/, depth: 1 },
  { heading: '五、整改措施', what: '整改措施', keys: ['measures', 'suggestions', 'rectification'], match: /整改|改进措施|有关建议/, depth: 1 },
];

/** The 部门整体支出绩效自评报告 (domain §6.3, seeds 000 and 002). */
export const DEPARTMENT_OUTLINE: OutlineItem[] = [
  { heading: '一、部门（单位）概况', what: '部门（单位）概况', keys: [], match: /^$/, depth: 1, group: true },
  { heading: '（一）部门（单位）基本情况', what: '部门（单位）基本情况', keys: ['overview'], match: /基本情况|部门.{0,4}概况/, depth: 2 },
  { heading: '（二）部门（单位）收支情况', what: '部门（单位）收支情况', keys: ['finance'], match: /收支情况|预算执行情况/, depth: 2 },
  { heading: '（三）部门（单位）绩效目标', what: '部门（单位）绩效目标', keys: ['goals'], match: /绩效目标/, depth: 2 },
  { heading: '二、评价结论', what: '评价结论', keys: ['conclusion'], match: /评价结论|总体评价/, depth: 1 },
  { heading: '三、部门履职成效', what: '部门履职成效', keys: ['achievements', 'performance'], match: /履职成效|绩效目标实现/, depth: 1 },
  { heading: '四、存在问题及原因分析', what: '存在问题及原因分析', keys: ['problems'], match: /存在(的)?问题/, depth: 1 },
  { heading: '五、有关建议', what: '有关建议', keys: ['suggestions', 'measures'], match: /建议|改进措施/, depth: 1 },
  {
    heading: '六、评价工作开展情况及其他需说明的情况',
    what: '评价工作开展情况及其他需说明的情况',
    keys: ['process', 'other'],
    match: /评价工作|其他需(要)?说明/,
    depth: 1,
  },
];

export function outlineOf(subject: Subject): OutlineItem[] {
  return subject === 'department' ? DEPARTMENT_OUTLINE : PROJECT_OUTLINE;
}

export interface ReportSection {
  item: OutlineItem;
  /** paragraphs; empty when the evaluation has no text for it */
  paragraphs: string[];
  /** indexes in Evaluation.sections of the sections printed here, in order */
  sources: number[];
  /** a section the outline has no place for, printed after it under its own heading */
  extra?: boolean;
}

const lines = (s: Section) =>
  (s.text ?? '')
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);

/**
 * The report's sections in print order: each outline item with the evaluation's section(s) for it
 * (by key first, then by heading; each section used once), then the sections the outline has no
 * place for. A section without text still belongs to its item (the editor writes into it).
 */
export function reportSections(ev: { subject: Subject; sections?: Section[] | null }): ReportSection[] {
  const outline = outlineOf(ev.subject);
  const all = ev.sections ?? [];
  const used = new Set<number>();
  const take = (item: OutlineItem): number[] => {
    const free = all.map((s, k) => ({ s, k })).filter(({ k }) => !used.has(k));
    const byKey = free.filter(({ s }) => s.key && item.keys.includes(s.key));
    // sections without text are matched by key only: a blank heading row says nothing
    const found = byKey.length ? byKey : free.filter(({ s }) => s.text?.trim() && item.match.test(s.heading ?? ''));
    found.forEach(({ k }) => used.add(k));
    return found.map(({ k }) => k);
  };
  const out: ReportSection[] = outline.map((item) => {
    if (item.group) return { item, paragraphs: [], sources: [] };
    const sources = take(item);
    // a second section under the same heading keeps its own heading as a line
    const paragraphs = sources.flatMap((k, n) => (n === 0 ? lines(all[k]) : lines(all[k]).length ? [all[k].heading, ...lines(all[k])] : []));
    return { item, paragraphs, sources };
  });
  all.forEach((s, k) => {
    if (used.has(k)) return;
    // an extra section with neither heading nor text is nothing to print
    if (!s.heading?.trim() && !s.text?.trim()) return;
    out.push({
      item: { heading: s.heading, what: s.heading, keys: s.key ? [s.key] : [], match: /^$/, depth: /^[（(]/.test(s.heading) ? 2 : 1 },
      paragraphs: lines(s),
      sources: [k],
      extra: true,
    });
  });
  return out;
}

/** Every report section still without text, as a finding to see before submission (R01). */
export function emptySectionFindings(ev: { subject: Subject; sections?: Section[] | null }): Finding[] {
  return reportSections(ev)
    .filter((s) => !s.item.group && s.paragraphs.length === 0)
    .map((s) => ({
      rule: 'report-section-missing',
      code: 'R01',
      severity: 'warning' as const,
      message: `报告“${s.item.heading}”还没有内容`,
      suggestion: `在“报告正文”中补写“${s.item.what}”`,
      where: { field: `sections.${s.sources[0] ?? s.item.keys[0] ?? s.item.what}`, cell: s.item.heading },
    }));
}
