// The 资金 block: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, one row per fund source.
import type { Budget, BudgetLine, FundSource, MoneyUnit } from '@jixiao/core';
import type { Row } from './indicators.ts';
import { amount, headerKey, isEmpty, MEMO_KEY_MAX, oneLine, percent, plainNumber } from './normalize.ts';

type Col = 'initialBudget' | 'adjustedBudget' | 'executed' | 'received' | 'weight' | 'rate' | 'score';

const WORDS: [RegExp, Col][] = [
  [/^(年初预算数|年初预算|年初批复数|年初预算批复数)$/, 'initialBudget'],
  [/^(全年预算数|调整后预算数|全年预算|调整预算数|预算数|全年[(（]调整[)）]预算数)$/, 'adjustedBudget'],
  [/^(全年执行数|实际支出数|执行数|实际执行数|全年实际支出)$/, 'executed'],
  [/^(实际到位资金|到位资金|资金到位数)$/, 'received'],
  [/^(分值|权重|执行率权重)$/, 'weight'],
  [/^(执行率|预算执行率)$/, 'rate'],
  [/^(得分|执行率得分)$/, 'score'],
];

export interface BudgetHeader {
  cols: Map<Col, number>;
  unit: MoneyUnit;
  width: number;
}

/** One column word of the 资金 block (年初预算数, 执行率 …). */
export function budgetWord(text: string): boolean {
  const k = headerKey(text);
  return WORDS.some(([re]) => re.test(k));
}

// every word of WORDS has one of these characters (年初批复数: 批), and so has the 元 of a unit
const MAYBE_WORD = /[预执支到分权率得批元]/;
/** Whether `c` has one of 预执支批. */
function hasAmountChar(c: string): boolean {
  for (let i = 0; i < c.length; i++) {
    const x = c.charCodeAt(i);
    if (x === 0x9884 || x === 0x6267 || x === 0x652f || x === 0x6279) return true;
  }
  return false;
}

/** A row naming at least two of the amount columns is the header of a 资金 block. */
export function budgetHeader(cells: string[]): BudgetHeader | null {
  // each amount word has one of 预执支批 and takes a cell of its own: fewer than two such cells, no header
  // (asked of every row of a report: a scan for four characters, not a regex call per cell)
  let candidates = 0;
  for (const c of cells) if (hasAmountChar(c) && ++candidates === 2) break;
  if (candidates < 2) return null;
  const cols = new Map<Col, number>();
  let unit: MoneyUnit = '万元';
  cells.forEach((c, i) => {
    // a cell with none of the characters of the words (or of 元) says nothing: most cells of a report
    if (!MAYBE_WORD.test(c)) return;
    const w = cellWords(c);
    if (w.yuan) unit = '元';
    for (const col of w.cols) if (!cols.has(col)) cols.set(col, i);
  });
  const amounts = ['initialBudget', 'adjustedBudget', 'executed'].filter((c) => cols.has(c as Col)).length;
  return amounts >= 2 ? { cols, unit, width: cells.length } : null;
}

// every row is tested as a possible 资金 header: what each cell text says is remembered
const CELL_WORDS = new Map<string, { yuan: boolean; cols: Col[] }>();
function cellWords(c: string): { yuan: boolean; cols: Col[] } {
  let w = CELL_WORDS.get(c);
  if (!w) {
    const k = headerKey(c);
    w = { yuan: /[（(]元[)）]/.test(c.replace(/\s/g, '')), cols: WORDS.filter(([re]) => re.test(k)).map(([, col]) => col) };
    if (c.length > MEMO_KEY_MAX) return w;
    if (CELL_WORDS.size >= 8192) CELL_WORDS.clear();
    CELL_WORDS.set(c, w);
  }
  return w;
}

/** Fund source of a row label, or null when the row is not a budget line. */
export function fundSourceOf(label: string): FundSource | null {
  const t = oneLine(label).replace(/\s/g, '');
  if (/^(年度资金总额|资金总额|合计|总计|年度资金合计|年度总金额)/.test(t)) return 'total';
  if (/财政拨款|财政资金|当年财政/.test(t)) return 'appropriation';
  if (/上年结转|结转资金/.test(t)) return 'carryover';
  if (/其他资金|其他/.test(t)) return 'other';
  return null;
}

/** Build the Budget from its header and the rows that follow; returns how many rows were used. */
export function readBudget(h: BudgetHeader, rows: Row[]): { budget: Budget; used: number } {
  const lines: BudgetLine[] = [];
  let total: Row | null = null;
  let used = 0;
  for (const r of rows) {
    // empty lines of the block (a fund source left out: blanks or dashes only)
    if (r.cells.every((c) => isEmpty(c) || /^[\s—–\-－/／]+$/.test(c))) {
      used++;
      continue;
    }
    const labelIdx = r.cells.findIndex((c, i) => !isEmpty(c) && !isAmountCol(h, i));
    const label = labelIdx >= 0 ? r.cells[labelIdx] : '';
    const fs = fundSourceOf(label);
    if (!fs) break;
    used++;
    const get = cellGetter(h, r, labelIdx);
    lines.push({
      fundSource: fs,
      label: oneLine(label).replace(/\s/g, ''),
      initialBudget: amount(get('initialBudget')),
      adjustedBudget: amount(get('adjustedBudget')),
      executed: amount(get('executed')),
      source: r.source,
    });
    if (fs === 'total' && !total) total = r;
  }
  const main = total ?? rows[0];
  const get = main ? cellGetter(h, main, main.cells.findIndex((c, i) => !isEmpty(c) && !isAmountCol(h, i))) : () => undefined;
  const first = lines.find((l) => l.fundSource === 'total') ?? lines[0];
  const budget: Budget = {
    unit: h.unit,
    initialBudget: first?.initialBudget ?? null,
    adjustedBudget: first?.adjustedBudget ?? null,
    executed: first?.executed ?? null,
    weight: plainNumber(get('weight')),
    statedRate: percent(get('rate')),
    statedScore: plainNumber(get('score')),
    lines,
    source: main?.source,
  };
  if (h.cols.has('received')) budget.received = amount(get('received'));
  return { budget, used };
}

/**
 * A row as wide as the header is read by column. A row of another width (PDF text laid out by
 * position) is read in order: the cells after the label, blanks dropped, follow the header order.
 */
function cellGetter(h: BudgetHeader, r: Row, labelIdx: number): (c: Col) => string | undefined {
  if (r.cells.length === h.width) return (c) => (h.cols.has(c) ? r.cells[h.cols.get(c)!] : undefined);
  const vals = r.cells.slice(labelIdx + 1).filter((c) => !isEmpty(c));
  const order = [...h.cols.entries()].sort((a, b) => a[1] - b[1]).map(([c]) => c);
  return (c) => vals[order.indexOf(c)];
}

function isAmountCol(h: BudgetHeader, i: number): boolean {
  for (const v of h.cols.values()) if (v === i) return true;
  return false;
}
