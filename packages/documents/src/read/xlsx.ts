// .xlsx → Document: one table per sheet, merged ranges as spans, values as Excel displays them
// (number formats, percentages, dates, cached formula results; never the formula).
import { Decimal } from '@jixiao/core/decimal.ts';
import type { Block, Cell, Document, Table } from '../document.ts';
import { ImportError, MESSAGES, resolveLimits, safeUnzip, utf8, type ReadLimits } from './limits.ts';
import { attr, child, childrenNamed, kids, parseXml, rootElement, tagOf, textOf, type XNode } from './xml.ts';

export function readXlsx(bytes: Uint8Array, path?: string, limits: ReadLimits = resolveLimits()): Document {
  const files = safeUnzip(
    bytes,
    limits,
    (n) =>
      n === 'xl/workbook.xml' ||
      n === 'xl/_rels/workbook.xml.rels' ||
      n === 'xl/sharedStrings.xml' ||
      n === 'xl/styles.xml' ||
      /^xl\/worksheets\/[^/]+\.xml$/.test(n),
  );
  const wbXml = files['xl/workbook.xml'];
  if (!wbXml) throw new ImportError('corrupt', MESSAGES.corrupt);
  const wb = rootElement(parseXml(utf8(wbXml)), 'workbook');
  if (!wb) throw new ImportError('corrupt', MESSAGES.corrupt);
  const wbPr = child(wb, 'workbookPr');
  const date1904 = wbPr ? /^(1|true)$/.test(attr(wbPr, 'date1904') ?? '') : false;

  const rels = new Map<string, string>();
  const relsXml = files['xl/_rels/workbook.xml.rels'];
  if (relsXml) {
    const root = rootElement(parseXml(utf8(relsXml)), 'Relationships');
    for (const r of root ? childrenNamed(root, 'Relationship') : []) {
      const target = attr(r, 'Target') ?? '';
      rels.set(attr(r, 'Id') ?? '', target.startsWith('/') ? target.slice(1) : 'xl/' + target.replace(/^\.\//, ''));
    }
  }
  const strings = files['xl/sharedStrings.xml'] ? readSharedStrings(utf8(files['xl/sharedStrings.xml'])) : [];
  const styles = files['xl/styles.xml'] ? readStyles(utf8(files['xl/styles.xml'])) : [];

  const doc: Document = { format: 'xlsx', path, blocks: [], warnings: [] };
  const sheets = child(wb, 'sheets');
  for (const s of sheets ? childrenNamed(sheets, 'sheet') : []) {
    const name = attr(s, 'name') ?? '';
    const target = rels.get(attr(s, 'r:id') ?? '');
    const data = target ? files[target] : undefined;
    if (!data) {
      doc.warnings.push({ message: `工作表「${name}」缺失，已跳过` });
      continue;
    }
    const table = readSheet(utf8(data), { strings, styles, date1904, limits });
    doc.blocks.push(...splitProse(table, name));
  }
  return doc;
}

/**
 * Rows above and below the table that hold a single text (a title, 单位：万元, notes, report text)
 * are paragraphs, as they would be in a Word file; everything from the first to the last row
 * with two or more cells (or a cell merged downward) is the table.
 */
function splitProse(table: Table, sheet: string): Block[] {
  const tabular = (row: Cell[]) =>
    row.filter((c) => c.text.trim() !== '').length >= 2 || row.some((c) => (c.rowSpan ?? 1) > 1);
  const first = table.rows.findIndex(tabular);
  let last = -1;
  table.rows.forEach((r, i) => {
    if (tabular(r)) last = i;
  });
  const para = (rows: Cell[][]): Block[] =>
    rows.flatMap((r) => r.filter((c) => c.text.trim() !== '').map((c) => ({ kind: 'paragraph' as const, text: c.text })));
  if (first < 0) return para(table.rows);
  return [
    ...para(table.rows.slice(0, first)),
    { ...table, rows: table.rows.slice(first, last + 1), sheet },
    ...para(table.rows.slice(last + 1)),
  ];
}

interface SheetContext {
  strings: string[];
  /** format code per cellXfs index */
  styles: string[];
  date1904: boolean;
  limits: ReadLimits;
}

function readSheet(xml: string, ctx: SheetContext): Table {
  const root = rootElement(parseXml(xml), 'worksheet');
  if (!root) throw new ImportError('corrupt', MESSAGES.corrupt);
  const values = new Map<number, Map<number, string>>();
  let maxRow = -1;
  let maxCol = -1;
  let minCol = Infinity;
  const sheetData = child(root, 'sheetData');
  let nextRow = 0;
  for (const row of sheetData ? childrenNamed(sheetData, 'row') : []) {
    const rAttr = Number(attr(row, 'r'));
    const r = Number.isFinite(rAttr) && rAttr > 0 ? rAttr - 1 : nextRow;
    nextRow = r + 1;
    let nextCol = 0;
    for (const c of childrenNamed(row, 'c')) {
      const ref = attr(c, 'r');
      const col = ref ? decodeRef(ref).col : nextCol;
      nextCol = col + 1;
      const text = cellValue(c, ctx);
      if (text === '') continue;
      let m = values.get(r);
      if (!m) values.set(r, (m = new Map()));
      m.set(col, text);
      maxRow = Math.max(maxRow, r);
      maxCol = Math.max(maxCol, col);
      minCol = Math.min(minCol, col);
    }
  }
  const merges: { r0: number; c0: number; r1: number; c1: number }[] = [];
  const mergeCells = child(root, 'mergeCells');
  for (const m of mergeCells ? childrenNamed(mergeCells, 'mergeCell') : []) {
    const [a, b] = (attr(m, 'ref') ?? '').split(':');
    if (!a || !b) continue;
    const p = decodeRef(a);
    const q = decodeRef(b);
    const mg = { r0: Math.min(p.row, q.row), c0: Math.min(p.col, q.col), r1: Math.max(p.row, q.row), c1: Math.max(p.col, q.col) };
    // a merge over empty cells only (formatting) matters only inside the used range
    if (mg.r0 > maxRow || mg.c0 > maxCol) continue;
    mg.r1 = Math.min(mg.r1, maxRow);
    mg.c1 = Math.min(mg.c1, maxCol);
    merges.push(mg);
    minCol = Math.min(minCol, mg.c0);
  }
  if (maxRow < 0) return { kind: 'table', rows: [] };
  if ((maxRow + 1) * (maxCol + 1 - minCol) > ctx.limits.maxSheetCells) {
    throw new ImportError('too-large', '工作表过大，未读取');
  }
  // positions keyed r × stride + c (exact: rows and columns are bounded by the sheet format)
  const stride = maxCol + 1;
  const origin = new Map<number, { rs: number; cs: number }>();
  const covered = new Set<number>();
  const touched = new Set<number>();
  for (const m of merges) {
    origin.set(m.r0 * stride + m.c0, { rs: m.r1 - m.r0 + 1, cs: m.c1 - m.c0 + 1 });
    for (let r = m.r0; r <= m.r1; r++) {
      touched.add(r);
      for (let c = m.c0; c <= m.c1; c++) if (r !== m.r0 || c !== m.c0) covered.add(r * stride + c);
    }
  }
  const rows: Cell[][] = [];
  for (let r = 0; r <= maxRow; r++) {
    const vals = values.get(r);
    if (!vals && !touched.has(r)) continue;
    const out: Cell[] = [];
    for (let c = minCol; c <= maxCol; c++) {
      const key = r * stride + c;
      if (covered.has(key)) continue;
      const cell: Cell = { text: vals?.get(c) ?? '' };
      const o = origin.get(key);
      if (o) {
        if (o.rs > 1) cell.rowSpan = o.rs;
        if (o.cs > 1) cell.colSpan = o.cs;
      }
      out.push(cell);
    }
    rows.push(out);
  }
  return { kind: 'table', rows };
}

function cellValue(c: XNode, ctx: SheetContext): string {
  const t = attr(c, 't') ?? 'n';
  if (t === 'inlineStr') {
    const is = child(c, 'is');
    return is ? decodeEscapes(richText(is)) : '';
  }
  const v = child(c, 'v');
  const raw = v ? kids(v).map(textOf).join('') : '';
  if (raw === '') return '';
  switch (t) {
    case 's':
      return ctx.strings[Number(raw)] ?? '';
    case 'str':
    case 'e':
      return decodeEscapes(raw);
    case 'b':
      return raw === '1' ? 'TRUE' : 'FALSE';
    case 'd':
      return raw;
    default: {
      const s = Number(attr(c, 's') ?? 0);
      return formatNumber(raw.trim(), ctx.styles[s] ?? 'General', ctx.date1904);
    }
  }
}

function readSharedStrings(xml: string): string[] {
  const root = rootElement(parseXml(xml), 'sst');
  return root ? childrenNamed(root, 'si').map((si) => decodeEscapes(richText(si))) : [];
}

/** Text of <si>/<is>: its <t>, or the <t> of each run; phonetic guides (<rPh>) left out. */
function richText(n: XNode): string {
  let s = '';
  for (const k of kids(n)) {
    const t = tagOf(k);
    if (t === 't') s += kids(k).map(textOf).join('');
    else if (t === 'r') {
      const tt = child(k, 't');
      if (tt) s += kids(tt).map(textOf).join('');
    }
  }
  return s;
}

/** OOXML escapes characters XML cannot hold as _xHHHH_. */
function decodeEscapes(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => {
    const ch = String.fromCharCode(parseInt(h, 16));
    return ch === '\r' ? '' : ch;
  });
}

const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'yyyy-mm-dd',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy-mm-dd h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

function readStyles(xml: string): string[] {
  const root = rootElement(parseXml(xml), 'styleSheet');
  if (!root) return [];
  const custom = new Map<number, string>();
  const numFmts = child(root, 'numFmts');
  for (const f of numFmts ? childrenNamed(numFmts, 'numFmt') : []) {
    custom.set(Number(attr(f, 'numFmtId')), attr(f, 'formatCode') ?? 'General');
  }
  const xfs = child(root, 'cellXfs');
  return (xfs ? childrenNamed(xfs, 'xf') : []).map((xf) => {
    const id = Number(attr(xf, 'numFmtId') ?? 0);
    return custom.get(id) ?? BUILTIN_FORMATS[id] ?? 'General';
  });
}

/** The number as Excel shows it under `code` (the common formats; anything exotic falls back to General). */
export function formatNumber(raw: string, code: string, date1904 = false): string {
  // the same numbers (weights, scores, years) under the same few formats recur in every workbook
  const key = `${date1904 ? 1 : 0}${code}\u0000${raw}`;
  let out = FORMATTED.get(key);
  if (out === undefined) {
    out = formatUncached(raw, code, date1904);
    if (key.length > 256) return out;
    if (FORMATTED.size >= 8192) FORMATTED.clear();
    FORMATTED.set(key, out);
  }
  return out;
}
const FORMATTED = new Map<string, string>();

function formatUncached(raw: string, code: string, date1904: boolean): string {
  let d: Decimal;
  try {
    d = new Decimal(raw);
  } catch {
    return raw;
  }
  const sections = splitSections(code);
  let section = sections[0];
  let value = d;
  if (d.isNegative() && sections.length > 1) {
    section = sections[1];
    value = d.abs();
  } else if (d.isZero() && sections.length > 2) {
    section = sections[2];
  }
  const bare = section.replace(/\[(Red|Black|Blue|Green|White|Yellow|Cyan|Magenta|Color\s*\d+|\$[^\]]*|DBNum\d|[<>=][^\]]*)\]/gi, '');
  if (/^\s*(General|@)?\s*$/i.test(bare)) return general(d);
  const plain = bare.replace(/"[^"]*"|\\./g, '');
  if (/[ymdhs]/i.test(plain) && !/[0#?]/.test(plain.replace(/\.0+/, ''))) return formatDate(d.toNumber(), bare, date1904);
  if (/E\+/i.test(plain)) return d.toExponential(Math.max(0, (plain.split('.')[1] ?? '').replace(/E.*/i, '').length)).toUpperCase();
  return formatFixed(value, bare);
}

function splitSections(code: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted) {
      cur += ch + (code[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function general(d: Decimal): string {
  const abs = d.abs();
  if (!abs.isZero() && (abs.gte(1e11) || abs.lt(1e-9))) return d.toSignificantDigits(6).toExponential().toUpperCase();
  return trimZeros(d.toSignificantDigits(15).toFixed());
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Fixed-point formats: literal prefix/suffix, thousands separators, required/optional decimals, percent. */
function formatFixed(value: Decimal, section: string): string {
  // literal text: "…", \x, and characters outside the number pattern
  const tokens: { lit: boolean; s: string }[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const s = section.slice(i + 1, end < 0 ? undefined : end);
      tokens.push({ lit: true, s });
      i = end < 0 ? section.length : end;
    } else if (ch === '\\') {
      tokens.push({ lit: true, s: section[i + 1] ?? '' });
      i++;
    } else if (ch === '_' || ch === '*') {
      i++; // padding to the width of the next character: nothing in plain text
    } else if ('0#?.,%'.includes(ch)) tokens.push({ lit: false, s: ch });
    else tokens.push({ lit: true, s: ch });
  }
  const pattern = tokens.filter((t) => !t.lit).map((t) => t.s).join('');
  const percents = (pattern.match(/%/g) ?? []).length;
  const num = pattern.replace(/%/g, '');
  const [intPart, decPart = ''] = num.split('.');
  const trailingCommas = (intPart.match(/,+$/)?.[0].length ?? 0);
  const thousands = /[0#?],[0#?]/.test(intPart);
  const required = (decPart.match(/0/g) ?? []).length;
  const optional = (decPart.match(/[#?]/g) ?? []).length;
  let v = value.times(new Decimal(100).pow(percents)).div(new Decimal(1000).pow(trailingCommas));
  v = v.toDecimalPlaces(required + optional, Decimal.ROUND_HALF_UP);
  let s = v.abs().toFixed(required + optional);
  if (optional > 0) {
    const [i, f] = s.split('.');
    let frac = f;
    while (frac.length > required && frac.endsWith('0')) frac = frac.slice(0, -1);
    s = frac ? `${i}.${frac}` : i;
  }
  const minInt = (intPart.match(/0/g) ?? []).length;
  let [ip, fp] = s.split('.');
  if (minInt === 0 && ip === '0' && fp) ip = '';
  if (thousands) ip = ip.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const number = (v.isNegative() && !v.isZero() ? '-' : '') + ip + (fp !== undefined ? '.' + fp : '');
  // put literals back around the number: before the first placeholder and after the last
  let out = '';
  let placed = false;
  for (const t of tokens) {
    if (t.lit) out += t.s;
    else if (!placed) {
      out += number + '%'.repeat(percents);
      placed = true;
    }
  }
  return out;
}

function formatDate(serial: number, code: string, date1904: boolean): string {
  const ms = Math.round(((date1904 ? serial + 1462 : serial) - 25569) * 86400000);
  const dt = new Date(ms);
  const y = dt.getUTCFullYear();
  const m = dt.getUTCMonth() + 1;
  const day = dt.getUTCDate();
  const hh = String(dt.getUTCHours()).padStart(2, '0');
  const mm = String(dt.getUTCMinutes()).padStart(2, '0');
  const plain = code.replace(/"[^"]*"|\\./g, (x) => (x.includes('年') || x.includes('月') ? '年' : ''));
  const hasDate = /[yd]/i.test(plain) || /m/i.test(plain.replace(/h+:?m+|m+:?s+/gi, ''));
  const hasTime = /[hs]/i.test(plain);
  const date = code.includes('年')
    ? /d/i.test(plain)
      ? `${y}年${m}月${day}日`
      : `${y}年${m}月`
    : `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (hasDate && hasTime) return `${date} ${hh}:${mm}`;
  if (hasTime) return `${hh}:${mm}`;
  return date;
}

/** "B12" / "$B$12" → row 11, col 1; anything else → 0, 0. Read char by char: it runs for every cell. */
function decodeRef(ref: string): { row: number; col: number } {
  const n = ref.length;
  let i = ref.charCodeAt(0) === 36 /* $ */ ? 1 : 0;
  let col = 0;
  const c0 = i;
  for (; i < n; i++) {
    const ch = ref.charCodeAt(i) | 32; // lower case
    if (ch < 97 || ch > 122) break;
    col = col * 26 + (ch - 96);
  }
  if (i === c0) return { row: 0, col: 0 };
  if (ref.charCodeAt(i) === 36) i++;
  const d0 = i;
  let row = 0;
  for (; i < n; i++) {
    const ch = ref.charCodeAt(i);
    if (ch < 48 || ch > 57) return { row: 0, col: 0 };
    row = row * 10 + (ch - 48);
  }
  if (i === d0) return { row: 0, col: 0 };
  return { row: row - 1, col: col - 1 };
}
