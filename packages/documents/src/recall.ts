// The real-case measure: how many hand-read rows of real published score tables the pipeline reads exactly
// (same name, weight and stated score), and how many error-level findings it raises that the case's facts do
// not list. The rules are those of the issue's measuring script, so the figures here equal it on the same folders:
// - a row counts when some recognised indicator has the same name (the last element of `path`, compared after
//   NFKC, without inline pinyin glosses, whitespace, pipes and quotes; a name of 4 or more characters may also
//   contain or be contained in the expected one) and the same weight and stated score as decimals;
// - rows marked sub_item or aggregate, and rows with neither weight nor score, are not counted;
// - a complete case (not truncated) is exact when all its rows count and its stated total is among the
//   evaluations' statedTotal.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decimal } from '@jixiao/core/decimal.ts';
import type { EvaluationJson } from '@jixiao/core';
import { processFile, type FileResult } from './pipeline.ts';

export const CASE_EXTENSIONS = ['txt', 'pdf', 'docx', 'doc', 'xlsx', 'xls', 'html', 'htm'];

/** One hand-read row of a case's facts (`NN.json`, key `indicators`). */
export interface FactRow {
  l3: string;
  weight?: number | string | null;
  score?: number | string | null;
  sub_item?: boolean;
  aggregate?: boolean;
}

export interface Facts {
  indicators: FactRow[];
  truncated?: boolean;
  total_stated?: number | string | null;
}

export interface CaseResult {
  /** file name, e.g. `03.docx` */
  name: string;
  /** rows read exactly / rows counted */
  hit: number;
  rows: number;
  /** the rows not read exactly (their l3) */
  missed: string[];
  complete: boolean;
  exact: boolean;
  /** error-level findings whose rule is not allowed for this case: `rule-id: message` */
  falseErrors: string[];
  /** the file could not be read or held no evaluation (Chinese message) */
  error?: string;
}

export interface FolderResult {
  label: string;
  cases: CaseResult[];
  hit: number;
  rows: number;
  exact: number;
  complete: number;
  falseErrors: number;
}

/** case name (`NN`) → rule ids whose error-level findings are legitimate in that case */
export type Allowed = Record<string, string[]>;

// The whitespace of Python's `\s` on str (str.isspace), so that names compare exactly as in the measuring script.
const SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GLOSS = new RegExp(`\\([a-z\\u00e0-\\u00fc\\u0100-\\u01dc\\u0300-\\u036f${SPACE}]+\\)`, 'g');
const DROP = new RegExp(`[${SPACE}|“”"‘’]`, 'g');

/** A name as compared: NFKC, inline pinyin glosses `(tóu rù)` removed, no whitespace, pipes or quotes. */
export function normName(s: string | null | undefined): string {
  return (s ?? '').normalize('NFKC').replace(GLOSS, '').replace(DROP, '');
}

function dec(v: unknown): Decimal | null {
  if (v === null || v === undefined || v === '') return null;
  try {
    const d = new Decimal(String(v));
    return d.isFinite() ? d : null;
  } catch {
    return null;
  }
}

function sameDec(a: Decimal | null, b: Decimal | null): boolean {
  return a === null || b === null ? a === b : a.eq(b);
}

/** The rows a case is measured on. */
export function countedRows(facts: Facts): FactRow[] {
  return facts.indicators.filter(
    (r) => !(r.sub_item || r.aggregate || ((r.weight ?? null) === null && (r.score ?? null) === null)),
  );
}

/** Does the recognised indicator (path, weight, statedScore) read the expected row exactly? */
export function readsRow(
  row: FactRow,
  got: { path?: string[] | null; weight?: string | null; statedScore?: string | null },
): boolean {
  const want = normName(row.l3);
  const path = got.path ?? [];
  const n = normName(path.length ? path[path.length - 1] : '');
  if (!n || !(n === want || (n.length >= 4 && (want.includes(n) || n.includes(want))))) return false;
  if ((row.weight ?? null) !== null && !sameDec(dec(got.weight), dec(row.weight))) return false;
  if ((row.score ?? null) !== null && !sameDec(dec(got.statedScore), dec(row.score))) return false;
  return true;
}

/** Measure one case against the pipeline's result for its file. */
export function measureCase(name: string, facts: Facts, result: FileResult | undefined, allowed: string[] = []): CaseResult {
  const evs: EvaluationJson[] = result?.evaluations ?? [];
  const got = evs.flatMap((e) => e.indicators);
  const missed: string[] = [];
  let hit = 0;
  const rows = countedRows(facts);
  for (const r of rows) {
    if (got.some((i) => readsRow(r, i))) hit++;
    else missed.push(r.l3);
  }
  const complete = !facts.truncated;
  let exact = missed.length === 0;
  const stated = dec(facts.total_stated);
  if (stated !== null && !evs.some((e) => sameDec(dec(e.statedTotal), stated))) exact = false;
  const falseErrors = evs
    .flatMap((e) => e.findings)
    .filter((f) => f.severity === 'error' && !allowed.includes(f.rule))
    .map((f) => `${f.rule}: ${f.message}`);
  return {
    name,
    hit,
    rows: rows.length,
    missed,
    complete,
    exact: complete && exact,
    falseErrors,
    ...(result?.error ? { error: result.error } : {}),
  };
}

/** The cases of a folder: `NN.<ext>` files with a readable extension, in name order. */
export function listCases(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => /^[0-9]{2}\./.test(f) && CASE_EXTENSIONS.includes(f.slice(f.lastIndexOf('.') + 1).toLowerCase()))
    .sort()
    .map((f) => join(folder, f));
}

function caseId(file: string): string {
  const b = basename(file);
  return b.slice(0, b.lastIndexOf('.'));
}

/** Run every case of a folder through the pipeline (as `jixiao check --json` does) and measure it. */
export async function recallFolder(folder: string, opts: { label?: string; allowed?: Allowed } = {}): Promise<FolderResult> {
  const label = opts.label ?? basename(folder.replace(/[\\/]+$/, ''));
  const cases: CaseResult[] = [];
  for (const file of listCases(folder)) {
    const facts = JSON.parse(readFileSync(file.slice(0, file.lastIndexOf('.')) + '.json', 'utf8')) as Facts;
    const result = await processFile(file);
    cases.push(measureCase(basename(file), facts, result, opts.allowed?.[caseId(file)] ?? []));
  }
  return {
    label,
    cases,
    hit: cases.reduce((s, c) => s + c.hit, 0),
    rows: cases.reduce((s, c) => s + c.rows, 0),
    exact: cases.filter((c) => c.exact).length,
    complete: cases.filter((c) => c.complete).length,
    falseErrors: cases.reduce((s, c) => s + c.falseErrors.length, 0),
  };
}

/** The measure of a folder in the measuring script's words, plus a line on false errors. */
export function formatFolder(r: FolderResult): string[] {
  return [
    `${r.label}: ${r.cases.map((c) => `${c.name} ${c.hit}/${c.rows}`).join(', ')}`,
    `${r.label}: ${r.exact}/${r.complete} complete cases exact; ${r.hit}/${r.rows} rows`,
    `${r.label}: ${r.falseErrors} false errors` +
      (r.falseErrors
        ? ` (${r.cases
            .filter((c) => c.falseErrors.length)
            .map((c) => `${c.name}: ${[...new Set(c.falseErrors.map((e) => e.slice(0, e.indexOf(':'))))].join(' ')}`)
            .join('; ')})`
        : ''),
  ];
}

/** The row share as the script prints it, e.g. `13.8%`. */
export function percent(hit: number, rows: number): string {
  return `${rows ? new Decimal(hit).div(rows).times(100).toFixed(1) : '0.0'}%`;
}

/** The project's copies of the real cases, and the folders measured by default and in the tests. */
export const REALWORLD = resolve(dirname(fileURLToPath(import.meta.url)), '../test-fixtures/realworld');
export const FOLDERS = ['text', 'office', 'rebuilt'];

/** realworld/floor.json: per folder, the best reached so far. */
export interface Floor {
  /** rows read exactly */
  rows: number;
  /** complete cases read exactly */
  exact: number;
  /** error-level findings that the case's facts do not list (a ceiling) */
  falseErrors: number;
}

/** realworld/expected-errors.json, `"folder/NN": { rule id: why }`, for one folder. A rebuilt case carries the
 *  facts of the text case it was transcribed from, so the text case's entry applies unless `rebuilt/NN` has its own. */
export function loadAllowed(folder: string): Allowed {
  const all = JSON.parse(readFileSync(join(REALWORLD, 'expected-errors.json'), 'utf8')) as Record<string, Record<string, string>>;
  const out: Allowed = {};
  for (const from of folder === 'rebuilt' ? ['text', 'rebuilt'] : [folder]) {
    for (const [key, rules] of Object.entries(all)) {
      const [f, nn] = key.split('/');
      if (f === from) out[nn] = Object.keys(rules);
    }
  }
  return out;
}

export function loadFloors(): Record<string, Floor> {
  return JSON.parse(readFileSync(join(REALWORLD, 'floor.json'), 'utf8')) as Record<string, Floor>;
}

/** What falls short of the floor, in words; empty when the folder holds its floor. */
export function belowFloor(r: FolderResult, f: Floor): string[] {
  const out: string[] = [];
  if (r.hit < f.rows) out.push(`rows read exactly ${r.hit} < floor ${f.rows}`);
  if (r.exact < f.exact) out.push(`complete cases exact ${r.exact} < floor ${f.exact}`);
  if (r.falseErrors > f.falseErrors) out.push(`false errors ${r.falseErrors} > ceiling ${f.falseErrors}`);
  return out;
}

/** The floor after a run: it only ever rises (and the ceiling of false errors only falls). */
export function raiseFloor(r: FolderResult, f: Floor | undefined): Floor {
  if (!f) return { rows: r.hit, exact: r.exact, falseErrors: r.falseErrors };
  return {
    rows: Math.max(f.rows, r.hit),
    exact: Math.max(f.exact, r.exact),
    falseErrors: Math.min(f.falseErrors, r.falseErrors),
  };
}
