// Reading the cycle's forms back from any document the readers produce (.xlsx, .docx, and the other
// formats they read): the cells are found by their labels in the expanded grid, as a reviewer reads
// the printed form, so a unit's own spreadsheet in the official layout is read the same way.
import { CAUSES, LIKELIHOODS, type Cause, type Indicator, type Likelihood, type MoneyUnit, type TargetTable } from '@jixiao/core';
import { grid, type Document, type GridCell, type Table } from '../document.ts';
import { MONITORING_HEAD, weightOf } from './forms.ts';

type Grid = GridCell[][];
const norm = (s: string) => s.replace(/\s+/g, '');
const orNull = (s: string | undefined) => {
  const t = (s ?? '').trim();
  return t === '' || t === '—' ? null : t;
};

function find(g: Grid, test: (t: string) => boolean): [number, number] | null {
  for (let r = 0; r < g.length; r++) for (let c = 0; c < g[r].length; c++) if (!g[r][c].merged && test(norm(g[r][c].text))) return [r, c];
  return null;
}
const at = (g: Grid, label: string) => find(g, (t) => t === label);

/** The first cell right of (r, c) that belongs to another merged area. */
function right(g: Grid, pos: [number, number] | null): string | null {
  if (!pos) return null;
  const [r, c] = pos;
  const o = g[r][c];
  for (let k = c + 1; k < g[r].length; k++) {
    const x = g[r][k];
    if (x.originRow !== o.originRow || x.originCol !== o.originCol) return orNull(x.text);
  }
  return null;
}
const below = (g: Grid, pos: [number, number] | null) => (pos && g[pos[0] + 1] ? orNull(g[pos[0] + 1][pos[1]].text) : null);

function formTable(doc: Document, must: string[]): Grid | null {
  for (const b of doc.blocks) {
    if (b.kind !== 'table') continue;
    const g = grid(b as Table);
    if (must.every((m) => find(g, (t) => t === m))) return g;
  }
  return null;
}

const yearOf = (doc: Document) => {
  for (const b of doc.blocks) {
    const text = b.kind === 'paragraph' ? b.text : b.rows.flat().map((c) => c.text).join(' ');
    const m = /（\s*(\d{4})\s*年/.exec(text);
    if (m) return Number(m[1]);
  }
  return null;
};

export class FormError extends Error {}

/** A 项目支出绩效目标申报表 read back into a target table. */
export function readTargetForm(doc: Document): TargetTable {
  const g = formTable(doc, ['项目名称', '一级指标', '三级指标', '指标值']);
  if (!g) throw new FormError('没有找到绩效目标申报表（需有“项目名称”和“一级指标、三级指标、指标值”表头）');
  const fundsLabel = find(g, (t) => t.startsWith('项目资金'));
  const unit: MoneyUnit = fundsLabel && /（元）/.test(norm(g[fundsLabel[0]][fundsLabel[1]].text)) ? '元' : '万元';
  const [hr] = at(g, '一级指标')!;
  const col = (name: string) => g[hr].findIndex((x) => norm(x.text) === name);
  const [c1, c2, c3, c4, c5] = ['一级指标', '二级指标', '三级指标', '指标值', '分值'].map(col);
  const indicators: Indicator[] = [];
  let executionWeight: string | null = null;
  let l1: Indicator | null = null;
  let l2: Indicator | null = null;
  let l1Origin = -1;
  let l2Origin = -1;
  const count = new Map<string, number>();
  const add = (parent: Indicator | null, name: string, extra: Partial<Indicator>): Indicator => {
    const key = parent?.id ?? '';
    const n = (count.get(key) ?? 0) + 1;
    count.set(key, n);
    const ind: Indicator = {
      id: parent ? `${parent.id}.${n}` : `${n}`,
      parentId: parent?.id ?? null,
      level: (parent?.level ?? 0) + 1,
      path: [...(parent?.path ?? []), name],
      name,
      target: null,
      actual: null,
      weight: null,
      statedScore: null,
      ...extra,
    };
    indicators.push(ind);
    return ind;
  };
  for (let r = hr + 1; r < g.length; r++) {
    const a = g[r][c1];
    const first = norm(a.text);
    if (!first && !norm(g[r][c3]?.text ?? '')) continue;
    if (first === '预算执行率') {
      executionWeight = c5 >= 0 ? orNull(g[r][c5].text) : null;
      continue;
    }
    if (a.originRow !== l1Origin || !l1) {
      const { name, weight } = weightOf(a.text);
      l1 = add(null, name, { weight });
      l1Origin = a.originRow;
      l2 = null;
      l2Origin = -1;
    }
    const b = g[r][c2];
    let parent: Indicator = l1;
    if (c2 >= 0 && norm(b.text)) {
      if (b.originRow !== l2Origin || !l2) {
        const { name, weight } = weightOf(b.text);
        l2 = add(l1, name, { weight });
        l2Origin = b.originRow;
      }
      parent = l2;
    }
    add(parent, g[r][c3].text.trim(), { target: orNull(g[r][c4].text), weight: c5 >= 0 ? orNull(g[r][c5].text) : null });
  }
  return {
    subject: 'project',
    title: right(g, at(g, '项目名称')) ?? '',
    parentUnit: right(g, at(g, '主管部门')),
    unit: right(g, at(g, '实施单位')),
    fiscalYear: yearOf(doc),
    funds: { unit, total: right(g, at(g, '年度资金总额')), appropriation: right(g, at(g, '其中：财政拨款')), other: right(g, at(g, '其他资金')) },
    goals: { longTerm: below(g, at(g, '中长期目标')), annual: below(g, at(g, '年度目标')) },
    executionWeight,
    indicators,
  };
}

export interface MonitoringFormRow {
  path: string[];
  target: string | null;
  progress: string | null;
  expected: string | null;
  cause: Cause | null;
  note: string | null;
  likelihood: Likelihood | null;
}

export interface MonitoringForm {
  title: string;
  parentUnit: string | null;
  unit: string | null;
  fiscalYear: number | null;
  period: { from: number; to: number };
  funds: { unit: MoneyUnit; annualBudget: string | null; executed: string | null; expectedYearEnd: string | null };
  rows: MonitoringFormRow[];
}

/** A 项目支出绩效运行监控表 read back: the funds and one row per indicator, by path. */
export function readMonitoringForm(doc: Document): MonitoringForm {
  const g = formTable(doc, ['项目名称', '一级指标', '年度指标值', '完成目标可能性']);
  if (!g) throw new FormError('没有找到运行监控表（需有“项目名称”和“一级指标、年度指标值、完成目标可能性”表头）');
  const [hr] = at(g, '一级指标')!;
  const heads = g[hr].map((x) => norm(x.text));
  const progressCol = heads.findIndex((t) => t.endsWith('执行情况'));
  const pm = /(\d{1,2})[–\-~至](\d{1,2})月/.exec(heads[progressCol] ?? '');
  const col = (name: string) => (name === '执行情况' ? progressCol : heads.indexOf(name));
  const cols = MONITORING_HEAD.map(col);
  const fundsLabel = find(g, (t) => t.startsWith('资金（'));
  const budget = at(g, '全年预算数');
  const executed = find(g, (t) => /^\d{1,2}[–\-~至]\d{1,2}月执行数$/.test(t));
  const expected = at(g, '全年预计执行数');
  const rows: MonitoringFormRow[] = [];
  for (let r = hr + 1; r < g.length; r++) {
    const cell = (k: number) => (cols[k] >= 0 ? orNull(g[r][cols[k]].text) : null);
    const name = cell(2);
    if (!name) continue;
    const cause = cell(6);
    const likelihood = cell(8);
    rows.push({
      path: [cell(0), cell(1), name].filter((x): x is string => !!x),
      target: cell(3),
      progress: cell(4),
      expected: cell(5),
      cause: (CAUSES as readonly string[]).includes(cause ?? '') ? (cause as Cause) : cause ? '其他' : null,
      note: cell(7),
      likelihood: (LIKELIHOODS as readonly string[]).includes(likelihood ?? '') ? (likelihood as Likelihood) : null,
    });
  }
  return {
    title: right(g, at(g, '项目名称')) ?? '',
    parentUnit: right(g, at(g, '主管部门')),
    unit: right(g, at(g, '实施单位')),
    fiscalYear: yearOf(doc),
    period: pm ? { from: Number(pm[1]), to: Number(pm[2]) } : { from: 1, to: 7 },
    funds: {
      unit: fundsLabel && /（元）/.test(norm(g[fundsLabel[0]][fundsLabel[1]].text)) ? '元' : '万元',
      annualBudget: below(g, budget),
      executed: below(g, executed),
      expectedYearEnd: below(g, expected),
    },
    rows,
  };
}
