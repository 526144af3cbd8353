// One file through the whole flow: read → recognize → score → check. Used by the CLI and bulk import.
import { readFile, stat } from 'node:fs/promises';
import { analyzeToJson, type EvaluationJson, type Problem, type Ruleset, type Scored } from '@jixiao/core';
import { checkSet } from '@jixiao/core/check/index.ts';
import { fromJson } from '@jixiao/core';
import type { Document } from './document.ts';
import { readDocument } from './read/index.ts';
import { recognize } from './recognize/index.ts';

export interface FileResult {
  path: string;
  evaluations: EvaluationJson[];
  problems: Problem[];
  /** set when the file could not be read at all (Chinese message) */
  error?: string;
  /** machine-readable reason for `error` */
  errorCode?: string;
}

export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** Analyse already-read bytes. Never throws: failures come back as `error`. */
export async function processBytes(
  bytes: Uint8Array,
  path: string,
  ruleset?: Ruleset | string,
): Promise<FileResult> {
  const result: FileResult = { path, evaluations: [], problems: [] };
  try {
    if (bytes.length === 0) throw Object.assign(new Error('文件为空'), { code: 'empty' });
    let doc: Document;
    if (/\.json$/i.test(path)) {
      return fromEvaluationJson(bytes, path, ruleset);
    }
    doc = await readDocument(bytes, path);
    for (const w of doc.warnings) result.problems.push({ message: w.message, source: { file: path, line: w.line, page: w.page } });
    const rec = recognize(doc, { file: path });
    result.problems.push(...rec.problems);
    // an evaluation that names no place takes it from the others in the file (a unit's bound report)
    const names = [...new Set(rec.evaluations.flatMap((e) => [e.unit, e.title, e.parentUnit]).filter((x): x is string => !!x))];
    const head = documentHead(doc);
    result.evaluations = rec.evaluations.map((e) => analyzeToJson(e, ruleset, { context: names, head }));
    addSetFindings(result.evaluations);
    if (result.evaluations.length === 0) {
      result.error = rec.problems.find((p) => /未找到/.test(p.message))?.message ?? '未找到绩效自评表';
      result.errorCode = 'no-evaluation';
    }
  } catch (e) {
    const err = e as Error & { code?: string };
    result.error = chineseMessage(err);
    // an error that is not one of ours (a reader's bug): the user gets a message, the fuzzer counts it
    result.errorCode = typeof err.code === 'string' ? err.code : 'internal';
  }
  return result;
}

/** The document's first words: its title lines and the first rows of its first table, spaces folded, up to 1000 characters. */
function documentHead(doc: Document): string {
  let out = '';
  const add = (t: string) => {
    const f = t.replace(/\s+/g, ' ').trim();
    if (f) out += f + '\n';
  };
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph') add(b.text);
    else for (const row of b.rows.slice(0, 12)) add(row.map((c) => c.text).join(' '));
    if (out.length >= 1000) break;
  }
  return out.slice(0, 1000);
}

function fromEvaluationJson(bytes: Uint8Array, path: string, ruleset?: Ruleset | string): FileResult {
  const text = new TextDecoder().decode(bytes);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { path, evaluations: [], problems: [], error: 'JSON 格式错误，无法解析', errorCode: 'bad-json' };
  }
  // Accept `jixiao check --json` output, a list of evaluations, or one evaluation.
  const d = data as { files?: { evaluations: unknown[] }[]; evaluations?: unknown[] };
  const list: unknown[] = Array.isArray(data)
    ? data
    : d.files
      ? d.files.flatMap((f) => f.evaluations)
      : d.evaluations ?? [data];
  const evaluations: EvaluationJson[] = [];
  const problems: Problem[] = [];
  list.forEach((item, i) => {
    const ev = item as EvaluationJson;
    if (!ev || typeof ev !== 'object' || !Array.isArray(ev.indicators) || typeof ev.title !== 'string') {
      problems.push({ message: `第 ${i + 1} 项不是绩效自评数据（缺少 title 或 indicators）`, source: { file: path } });
      return;
    }
    evaluations.push(analyzeToJson(fromJson(ev), ruleset));
  });
  addSetFindings(evaluations);
  const r: FileResult = { path, evaluations, problems };
  if (evaluations.length === 0) {
    r.error = '文件中没有绩效自评数据';
    r.errorCode = 'no-evaluation';
  }
  return r;
}

/** Findings across the evaluations of one file (e.g. the same project scored twice), each attached
 *  to the evaluation it names through `where.evaluationIndex`. */
function addSetFindings(evs: EvaluationJson[]): void {
  if (evs.length < 2) return;
  const items = evs.map((e) => {
    const scored: Scored = {
      indicators: e.indicators.map((i) => ({ id: i.id, score: i.score, trace: i.trace, method: i.method })),
      budget: e.budget ? { rate: e.budget.rate, score: e.budget.score, trace: e.budget.trace } : null,
      total: e.total,
      rawTotal: e.rawTotal,
      grade: e.grade,
      gradeLabel: e.gradeLabel,
      totalTrace: e.totalTrace,
    };
    return { evaluation: fromJson(e), scored };
  });
  for (const f of checkSet(items)) {
    const idx = f.where.evaluationIndex;
    if (typeof idx === 'number' && evs[idx]) evs[idx].findings.push(f);
  }
}

export async function processFile(path: string, ruleset?: Ruleset | string): Promise<FileResult> {
  try {
    const s = await stat(path);
    if (!s.isFile()) return { path, evaluations: [], problems: [], error: '不是文件', errorCode: 'not-a-file' };
    if (s.size > MAX_FILE_BYTES)
      return {
        path,
        evaluations: [],
        problems: [],
        error: `文件过大（${(s.size / 1048576).toFixed(1)} MB，上限 ${MAX_FILE_BYTES / 1048576} MB）`,
        errorCode: 'too-large',
      };
    const bytes = new Uint8Array(await readFile(path));
    return await processBytes(bytes, path, ruleset);
  } catch (e) {
    return { path, evaluations: [], problems: [], error: chineseMessage(e as Error), errorCode: 'unreadable' };
  }
}

function chineseMessage(e: Error & { code?: string }): string {
  if (e.code === 'ENOENT') return '文件不存在';
  if (e.code === 'EACCES') return '没有读取权限';
  if (e.code === 'EISDIR') return '是文件夹而不是文件';
  const m = e.message ?? String(e);
  // Messages of our own readers are Chinese already; an internal error's text is never shown.
  return /[\u4e00-\u9fff]/.test(m) && !(e instanceof RangeError || e instanceof TypeError) ? m : '无法读取文件：文件内容无法解析';
}
