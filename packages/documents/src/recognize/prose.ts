// What the report's prose states: sections under their headings, money and rates (facts),
// the total score and grade, the fiscal year, and "项目名称：…" style fields.
import type { Section, SourceRef, StatedFact } from '@jixiao/core';
import { str } from '@jixiao/core';
import { MEMO_KEY_MAX } from './normalize.ts';

export interface Para {
  text: string;
  source: SourceRef;
}

const HEADING = /^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])/;

export function isHeading(text: string): boolean {
  return HEADING.test(text) && text.length <= 40 && !/[。；].+/.test(text);
}

const SECTION_KEYS: [RegExp, string][] = [
  [/问题/, 'problems'],
  [/建议|措施/, 'suggestions'],
  [/评价结论|总体评价|综合评价|评价得分/, 'conclusion'],
  [/概况|基本情况/, 'overview'],
  [/收支|预算执行|资金情况|预算管理/, 'finance'],
  [/绩效目标|目标设立|目标实现/, 'goals'],
  [/履职成效|项目绩效|绩效情况|产出|效益|指标分析/, 'achievements'],
  [/评价工作|工作开展|评价情况|工作过程|其他/, 'process'],
];

export function sectionKey(heading: string): string {
  const h = heading.replace(HEADING, '');
  for (const [re, k] of SECTION_KEYS) if (re.test(h)) return k;
  return 'other';
}

/** Split paragraphs into sections at headings like 一、… and （一）…; text before the first heading is dropped. */
export function sectionsOf(paras: Para[]): Section[] {
  const out: Section[] = [];
  let cur: { heading: string; lines: string[] } | null = null;
  for (const p of paras) {
    if (isHeading(p.text)) {
      if (cur) out.push(done(cur));
      cur = { heading: p.text, lines: [] };
    } else if (cur) cur.lines.push(p.text);
  }
  if (cur) out.push(done(cur));
  return out;
}

function done(c: { heading: string; lines: string[] }): Section {
  return { heading: c.heading, key: sectionKey(c.heading), text: c.lines.join('\n') };
}

// label (Chinese words) + optional verb + number + unit; bounded quantifiers keep it linear
const FACT = /([\u4e00-\u9fff“”"]{2,24}?)[\s：:]{0,2}(?:为|是|达到|达|共计|合计|总计)?\s{0,2}(-?\d{1,15}(?:,\d{3})*(?:\.\d{1,6})?)\s{0,2}(万元|元|%|％)/g;

const AMOUNT = /\d\s{0,2}(?:万元|元|%|％)/;

/** Money and rates stated in prose, e.g. "本年度支出 2549431.21 万元", "预算执行率93.58%". */
export function factsOf(paras: Para[]): StatedFact[] {
  const out: StatedFact[] = [];
  for (const p of paras) {
    // a paragraph with no amount has no sentence with one: not split
    if (!AMOUNT.test(p.text)) continue;
    for (const sentence of p.text.split(/[。；;\n]/)) {
      // most sentences state no amount: FACT, tried at every position, is not run on them
      if (!AMOUNT.test(sentence)) continue;
      let category: 'income' | 'expenditure' | null = null;
      // "其中基本支出调整预算数…，实际支出数…，预算执行率97.67%": the rest of the sentence is about that part
      let part: 'basic' | 'project' | null = null;
      FACT.lastIndex = 0;
      for (let m = FACT.exec(sentence); m; m = FACT.exec(sentence)) {
        let label = m[1].replace(/[“”"]/g, '');
        // "2021年年初预算…", "2021年12月31日支出…": drop what is left of the date before the label
        if (m.index > 0 && /\d/.test(sentence[m.index - 1])) label = label.replace(/^(年度|年(?![初末底终中内])|月|日)/, '');
        if (/收入/.test(label)) category = 'income';
        else if (/支出/.test(label)) category = 'expenditure';
        const unit = m[3] === '％' ? '%' : (m[3] as '万元' | '元' | '%');
        if (/基本支出/.test(label)) part = 'basic';
        else if (/^(其中)?项目支出/.test(label)) part = 'project';
        let key = factKey(label, unit, category);
        if (!key) continue;
        if (part && PART_KEYS.has(key)) key = `${part}${key[0].toUpperCase()}${key.slice(1)}`;
        out.push({ key, label, value: str(m[2].replace(/,/g, '')), unit, text: m[0].trim(), source: p.source });
      }
    }
  }
  return out;
}

const PART_KEYS = new Set(['expenditure', 'executionRate', 'initialExpenditureBudget', 'adjustedExpenditureBudget', 'expenditureBudget']);

function factKey(label: string, unit: string, category: 'income' | 'expenditure' | null): string | null {
  // changes and part-year figures are not the year's rate or amount
  if (unit === '%' && /比|增长|下降|增加|减少|季度|上半年|[1-9一二三四五六七八九十]月/.test(label)) return null;
  if (unit === '%') {
    if (/执行率/.test(label)) return 'executionRate';
    if (/结转结余率/.test(label)) return 'carryoverRate';
    if (/差异率/.test(label)) return 'budgetVarianceRate';
    if (/利用率/.test(label)) return 'assetUtilisationRate';
    if (/到位率/.test(label)) return 'receivedRate';
    return null;
  }
  if (/三公/.test(label)) return 'threePublic';
  if (/会议费/.test(label)) return 'meetingFee';
  if (/培训费/.test(label)) return 'trainingFee';
  if (/结转结余/.test(label)) return 'carryover';
  if (/年初/.test(label) && /收入/.test(label)) return 'initialIncomeBudget';
  if (/年初/.test(label) && /支出/.test(label)) return 'initialExpenditureBudget';
  if (/年初预算|预算批复/.test(label)) return 'initialBudget';
  if (/调整(后)?预算/.test(label)) return /收入/.test(label) ? 'adjustedIncomeBudget' : /支出/.test(label) ? 'adjustedExpenditureBudget' : 'adjustedBudget';
  if (/^(该|本)项目支出/.test(label)) return 'expenditure';
  if (/预算数?$/.test(label) && /支出/.test(label)) return 'expenditureBudget';
  if (/决算/.test(label)) return category === 'income' ? 'finalIncome' : category === 'expenditure' ? 'finalExpenditure' : 'final';
  if (/调整(后)?预算/.test(label)) return /收入/.test(label) ? 'adjustedIncomeBudget' : /支出/.test(label) ? 'adjustedExpenditureBudget' : 'adjustedBudget';
  if (/财政拨款收入/.test(label)) return 'appropriationIncome';
  if (/收入/.test(label)) return 'income';
  if (/支出/.test(label)) return 'expenditure';
  if (/资产/.test(label)) return 'assets';
  return null;
}

const TOTAL = /(综合得分|总评分|总得分|评价得分|自评得分|得分|总分)[为是：:\s]{0,3}(\d{1,3}(?:\.\d{1,2})?)\s?分/;
const GRADE = /(?:绩效等级|评价等级|评价等次|等级|等次|绩效)[为是：:\s]{0,3}[“"「]?(优秀|良好|不合格|合格|一般|优|良|中|差)[”"」]?/;

/** The total score and grade the prose states ("综合得分95.47分", "绩效等级为“优秀”"). */
export function statedInProse(paras: Para[]): { total: string | null; grade: string | null; source?: SourceRef } {
  let total: string | null = null;
  let grade: string | null = null;
  let source: SourceRef | undefined;
  for (const p of paras) {
    // every word of TOTAL has 分, every word of GRADE 等 or 绩效: most paragraphs are told by indexOf
    if (total == null && p.text.indexOf('分') >= 0) {
      const m = TOTAL.exec(p.text);
      if (m && Number(m[2]) <= 120) {
        total = str(m[2]);
        source = p.source;
      }
    }
    if (grade == null && (p.text.indexOf('等') >= 0 || p.text.indexOf('绩效') >= 0)) {
      const g = GRADE.exec(p.text);
      if (g && (g[1].length > 1 || /[“"「]/.test(g[0]))) grade = g[1];
    }
  }
  return { total, grade, source };
}

/** Fiscal year from "2024 年度…", "(2024)", "项目实施年度：2024年". */
export function yearOf(texts: string[]): number | null {
  for (const t of texts) {
    const m = /(20\d{2})\s?年度|[（(]\s?(20\d{2})\s?年?\s?[)）]|年度[:：]\s?(20\d{2})/.exec(t);
    if (m) return Number(m[1] ?? m[2] ?? m[3]);
  }
  // a title without 年度: "2024年项目支出绩效自评表"
  for (const t of texts) {
    if (t.length > 60 || !/绩效|自评|评价/.test(t)) continue;
    const m = /(20\d{2})\s?年(?!\s?\d)/.exec(t);
    if (m) return Number(m[1]);
  }
  return null;
}

export const FIELD_LABELS: [RegExp, Field][] = [
  [/^项目名称$/, 'project'],
  [/^主管部门$/, 'parentUnit'],
  [/^(实施单位|项目实施单位)$/, 'unit'],
  [/^(填报单位|单位名称|部门名称|部门（单位）名称|预算单位)$/, 'reportingUnit'],
  [/^(项目负责人|负责人)$/, 'manager'],
  [/^联系电话$/, 'phone'],
];
export type Field = 'project' | 'parentUnit' | 'unit' | 'reportingUnit' | 'manager' | 'phone';

export function fieldOf(label: string): Field | null {
  // every label has one of these characters (the key is the label with characters taken out)
  if (!MAYBE_FIELD.test(label)) return null;
  // asked of every first cell while regions are found and of every cell of a form: remembered
  let f = FIELDS.get(label);
  if (f === undefined) {
    const k = label.replace(/[\s\u3000:：]/g, '').replace(/[（(][^）)]{0,8}[）)]/g, '');
    f = FIELD_LABELS.find(([re]) => re.test(k))?.[1] ?? null;
    if (label.length > MEMO_KEY_MAX) return f;
    if (FIELDS.size >= 8192) FIELDS.clear();
    FIELDS.set(label, f);
  }
  return f;
}
const FIELDS = new Map<string, Field | null>();
const MAYBE_FIELD = /[名门位人电]/;

/** "项目名称：职业技能评价" → ['project', '职业技能评价']. */
export function fieldInParagraph(text: string): [Field, string] | null {
  const m = /^([^：:]{2,12})[：:]\s*(.{1,80})$/.exec(text);
  if (!m) return null;
  const f = fieldOf(m[1]);
  return f ? [f, m[2].trim()] : null;
}
