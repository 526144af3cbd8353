// .html → Document with a small tolerant tokenizer: tables with rowspan/colspan, paragraphs from
// block elements; scripts, styles and site navigation left out. Pages saved from government sites
// are often GBK: the charset is taken from the BOM or the <meta> tag.
import iconv from 'iconv-lite';
import type { Block, Cell, Document, Table } from '../document.ts';

export function decodeHtml(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  const cs = m?.[1].toLowerCase();
  if (cs && /^(gb2312|gbk|gb18030|x-gbk|cp936)$/.test(cs)) return iconv.decode(Buffer.from(bytes), 'gb18030');
  if (cs && /^big5/.test(cs)) return iconv.decode(Buffer.from(bytes), 'big5');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), 'gb18030');
  }
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'noscript', 'template', 'xmp']);
const SKIPPED = new Set(['head', 'nav', 'header', 'footer', 'aside', 'select', 'button', 'svg', 'iframe', 'object', 'menu', 'math']);
const BLOCK = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'section', 'article', 'main',
  'blockquote', 'pre', 'form', 'fieldset', 'address', 'figure', 'figcaption', 'hr', 'center', 'body', 'html', 'legend',
]);

interface CellBuild {
  lines: string[];
  buf: string;
  rowSpan: number;
  colSpan: number;
  /** the td's class and style attributes, for the borders it leaves out */
  attrs: string;
}
interface TableBuild {
  rows: Cell[][];
  row: Cell[] | null;
  cell: CellBuild | null;
  caption: string;
  inCaption: boolean;
  /** a table used for page layout (it holds a real table in a cell): its text becomes paragraphs */
  layout: boolean;
  /** blocks of a layout table, in order */
  out: Block[];
}

export function readHtml(bytes: Uint8Array, path?: string): Document {
  return htmlFromString(decodeHtml(bytes), path);
}

export function htmlFromString(html: string, path?: string): Document {
  const blocks: Block[] = [];
  const tables: TableBuild[] = [];
  /** the class and style attributes of each cell read; the style sheets of the page */
  const cellAttrs = new WeakMap<Cell, string>();
  let sheets = '';
  let para = '';
  let skipDepth = 0;
  const skipStack: string[] = [];
  let pre = 0;

  const append = (text: string) => {
    const t = tables[tables.length - 1];
    if (t?.inCaption) t.caption += text;
    else if (t?.cell) t.cell.buf += text;
    else if (!t) para += text;
    // text between cells (outside any td) is stray markup: dropped
  };
  const lineBreak = () => {
    const t = tables[tables.length - 1];
    if (t?.cell) {
      t.cell.lines.push(t.cell.buf);
      t.cell.buf = '';
    } else if (!t) flushPara();
  };
  const flushPara = () => {
    for (const line of para.split('\n')) {
      const text = clean(line);
      if (text) blocks.push({ kind: 'paragraph', text });
    }
    para = '';
  };
  const paragraphs = (text: string, into: Block[]) => {
    for (const line of text.split('\n')) {
      const p = clean(line);
      if (p) into.push({ kind: 'paragraph', text: p });
    }
  };
  const closeCell = (t: TableBuild) => {
    if (!t.cell) return;
    t.cell.lines.push(t.cell.buf);
    if (t.layout) {
      paragraphs(t.cell.lines.join('\n'), t.out);
      t.cell = null;
      return;
    }
    const cell: Cell = { text: t.cell.lines.map(clean).filter(Boolean).join('\n') };
    if (t.cell.attrs) cellAttrs.set(cell, t.cell.attrs);
    if (t.cell.rowSpan > 1) cell.rowSpan = t.cell.rowSpan;
    if (t.cell.colSpan > 1) cell.colSpan = t.cell.colSpan;
    (t.row ??= []).push(cell);
    t.cell = null;
  };
  const closeRow = (t: TableBuild) => {
    closeCell(t);
    if (t.row && !t.layout) t.rows.push(t.row);
    t.row = null;
  };
  /** The table turns out to be page layout: what it held so far becomes paragraphs, in order. */
  const toLayout = (t: TableBuild) => {
    if (t.layout) return;
    t.layout = true;
    for (const row of [...t.rows, ...(t.row ? [t.row] : [])]) for (const c of row) paragraphs(c.text, t.out);
    t.rows = [];
    t.row = [];
    if (t.cell) {
      t.cell.lines.push(t.cell.buf);
      paragraphs(t.cell.lines.join('\n'), t.out);
      t.cell.lines = [];
      t.cell.buf = '';
    }
  };
  const closeTable = () => {
    const t = tables.pop();
    if (!t) return;
    closeRow(t);
    const rows = t.rows.filter((r) => r.length > 0);
    const own: Block[] = t.layout ? t.out : [];
    if (!t.layout) {
      if (clean(t.caption)) own.push({ kind: 'paragraph', text: clean(t.caption) });
      if (rows.length > 0) own.push({ kind: 'table', rows } satisfies Table);
    }
    const parent = tables[tables.length - 1];
    if (parent?.cell) {
      // a small table inside a cell: its rows become lines of the cell, cells separated by tabs;
      // a real table (3+ rows of 3+ cells) makes the outer one a layout table
      const big = t.layout || (rows.length >= 3 && Math.max(...rows.map((r) => r.length)) >= 3);
      if (!big) {
        for (const r of rows) parent.cell.lines.push(r.map((c) => c.text.replace(/\s+/g, ' ')).join('\t'));
        return;
      }
      toLayout(parent);
      parent.out.push(...own);
      return;
    }
    blocks.push(...own);
  };

  const re = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>?|<\/?([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+|</g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    const tok = m[0];
    const name = m[1]?.toLowerCase();
    if (!name) {
      if (tok[0] === '<' && tok.length > 1) continue; // comment, doctype, processing instruction
      if (skipDepth === 0) append(pre ? decodeEntities(tok) : collapse(decodeEntities(tok)));
      continue;
    }
    const closing = tok[1] === '/';
    if (!closing && RAW_TEXT.has(name)) {
      const end = html.toLowerCase().indexOf(`</${name}`, re.lastIndex);
      if (name === 'style') sheets += html.slice(re.lastIndex, end < 0 ? html.length : end) + '\n';
      re.lastIndex = end < 0 ? html.length : end;
      continue;
    }
    if (SKIPPED.has(name)) {
      if (!closing && !tok.endsWith('/>')) {
        skipDepth++;
        skipStack.push(name);
      } else if (closing && skipStack.includes(name)) {
        while (skipStack.length && skipStack.pop() !== name) skipDepth--;
        skipDepth--;
      }
      continue;
    }
    if (skipDepth > 0) continue;
    const t = tables[tables.length - 1];
    switch (name) {
      case 'table':
        if (closing) closeTable();
        else {
          if (!t) flushPara();
          else if (t.cell) lineBreak();
          tables.push({ rows: [], row: null, cell: null, caption: '', inCaption: false, layout: false, out: [] });
        }
        break;
      case 'tr':
        if (t) {
          closeRow(t);
          if (!closing) t.row = [];
        }
        break;
      case 'td':
      case 'th':
        if (t) {
          closeCell(t);
          if (!closing) {
            t.row ??= [];
            t.cell = { lines: [], buf: '', rowSpan: spanAttr(m[2], 'rowspan'), colSpan: spanAttr(m[2], 'colspan'), attrs: borderAttrs(m[2]) };
          }
        }
        break;
      case 'caption':
        if (t) t.inCaption = !closing;
        break;
      case 'thead':
      case 'tbody':
      case 'tfoot':
        if (t && closing) closeRow(t);
        break;
      case 'br':
        if (t?.cell) lineBreak();
        else append('\n');
        break;
      case 'pre':
        pre += closing ? -1 : 1;
        lineBreak();
        break;
      default:
        if (BLOCK.has(name)) lineBreak();
    }
  }
  while (tables.length) closeTable();
  flushPara();
  const open = openSides(sheets);
  for (const b of blocks) if (b.kind === 'table') mergeOpenBorders(b, (c) => open(cellAttrs.get(c)));
  return { format: 'html', path, blocks, warnings: [] };
}

/** The class and style attributes of a tag, where they may say something of its borders. */
function borderAttrs(attrs: string | undefined): string {
  if (!attrs || !/\b(class|style)\s*=/i.test(attrs)) return '';
  const cls = /\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs);
  const style = /\bstyle\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(attrs);
  return `${cls ? (cls[1] ?? cls[2] ?? cls[3]) : ''}|${style ? decodeEntities(style[1] ?? style[2]) : ''}`;
}

/** Does a list of CSS declarations leave out the top / bottom border? */
function noBorder(decls: string, side: 'top' | 'bottom'): boolean | undefined {
  let out: boolean | undefined;
  for (const d of decls.split(';')) {
    const m = /^\s*border-(top|bottom)(-style|-width)?\s*:\s*([^!]*)/i.exec(d);
    if (!m || m[1].toLowerCase() !== side) continue;
    const v = m[3].trim().toLowerCase();
    out = /^(none|hidden|0(\.0+)?([a-z]+)?)$/.test(v) || /(^|\s)(none|hidden)(\s|$)/.test(v) || /^0(px|pt)?\s/.test(v);
  }
  return out;
}

/**
 * The sides a cell leaves open, from the page's style sheets (rules on a class: `td.open { border-bottom: 0 }`)
 * and its own style attribute.
 */
function openSides(sheets: string): (attrs: string | undefined) => { top: boolean; bottom: boolean } {
  const byClass = new Map<string, string>();
  for (const m of sheets.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    for (const sel of m[1].split(',')) {
      const c = /^\s*(?:t[dh])?\.([\w-]+)\s*$/i.exec(sel)?.[1];
      if (c) byClass.set(c, (byClass.get(c) ?? '') + ';' + m[2]);
    }
  }
  return (attrs) => {
    if (!attrs) return { top: false, bottom: false };
    const [cls, style] = attrs.split('|');
    const decls = cls.split(/\s+/).filter(Boolean).map((c) => byClass.get(c) ?? '').join(';') + ';' + (style ?? '');
    return { top: noBorder(decls, 'top') === true, bottom: noBorder(decls, 'bottom') === true };
  };
}

/**
 * Cells merged by their borders rather than by rowspan (a page printed so that a group may break across pages):
 * a cell that leaves its bottom border out, over an empty cell of the same columns that leaves its top border out,
 * is one cell with it. A border left out on one side only (Word's `border-top: none` under a cell that draws its
 * bottom) merges nothing.
 */
function mergeOpenBorders(t: Table, open: (c: Cell) => { top: boolean; bottom: boolean }): void {
  const at = new Map<string, { cell: Cell; r: number; c: number }>();
  const where = new Map<Cell, { r: number; c: number }>();
  const taken: boolean[][] = [];
  t.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken[r]?.[c]) c++;
      at.set(`${r},${c}`, { cell, r, c });
      where.set(cell, { r, c });
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) (taken[r + dr] ??= [])[c + dc] = true;
      c += cell.colSpan ?? 1;
    }
  });
  const gone = new Set<Cell>();
  for (let r = 0; r < t.rows.length; r++) {
    for (const cell of t.rows[r]) {
      if (gone.has(cell) || !open(cell).bottom) continue;
      const me = where.get(cell)!;
      let bottomOpen = true;
      while (bottomOpen) {
        const below = at.get(`${me.r + (cell.rowSpan ?? 1)},${me.c}`);
        if (!below || below.cell.text !== '' || (below.cell.colSpan ?? 1) !== (cell.colSpan ?? 1) || !open(below.cell).top) break;
        cell.rowSpan = (cell.rowSpan ?? 1) + (below.cell.rowSpan ?? 1);
        gone.add(below.cell);
        bottomOpen = open(below.cell).bottom;
      }
    }
  }
  if (gone.size) t.rows = t.rows.map((row) => row.filter((c) => !gone.has(c)));
}

function spanAttr(attrs: string | undefined, name: string): number {
  const m = new RegExp(`\\b${name}\\s*=\\s*["']?\\s*(\\d+)`, 'i').exec(attrs ?? '');
  const n = m ? parseInt(m[1], 10) : 1;
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1;
}

const CJK = '\\u2E80-\\u9FFF\\uF900-\\uFAFF\\uFF00-\\uFFEF\\u3000-\\u303F';
const CJK_BREAK = new RegExp(`([${CJK}])[ \\t\\r\\f]*\\n\\s*([${CJK}])`, 'g');

/** HTML whitespace: runs become one space; a source line break between two CJK characters is no space. */
function collapse(s: string): string {
  return s.replace(CJK_BREAK, '$1$2').replace(/[ \t\r\n\f]+/g, ' ');
}

function clean(s: string): string {
  return s.replace(/\u00a0/g, ' ').replace(/[ \t]{2,}/g, ' ').trim();
}

const NAMED: Record<string, string> = {
  nbsp: '\u00a0', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  mdash: '—', ndash: '–', hellip: '…', middot: '·', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', times: '×',
  divide: '÷', ge: '≥', le: '≤', ne: '≠', plusmn: '±', deg: '°', permil: '‰', yen: '¥', copy: '©', reg: '®',
  laquo: '«', raquo: '»', bull: '•', sup2: '²', sup3: '³', frac12: '½', percnt: '%', shy: '',
};

function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z][a-zA-Z0-9]*);?/g, (m, ent: string) => {
    if (ent[0] === '#') {
      const cp = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return NAMED[ent] ?? NAMED[ent.toLowerCase()] ?? m;
  });
}

/**
 * A web page saved as one file (MHTML: .mht/.mhtml, or a .doc written by some office systems): the
 * first text/html part, decoded from quoted-printable or base64 in its own charset.
 */
export function readMhtml(bytes: Uint8Array, path?: string): Document {
  const raw = Buffer.from(bytes).toString('latin1');
  const boundary = /boundary\s*=\s*"?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const parts = boundary ? raw.split('--' + boundary) : [raw];
  for (const part of parts) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const head = part.slice(0, split);
    if (!/Content-Type:\s*text\/html/i.test(head)) continue;
    let body = part.slice(split).replace(/^\r?\n\r?\n/, '');
    const enc = /Content-Transfer-Encoding:\s*([\w-]+)/i.exec(head)?.[1].toLowerCase();
    let data: Buffer;
    if (enc === 'base64') data = Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    else if (enc === 'quoted-printable') {
      body = body.replace(/=\r?\n/g, '');
      data = Buffer.from(body.replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    } else data = Buffer.from(body, 'latin1');
    const charset = /charset\s*=\s*"?([\w-]+)/i.exec(head)?.[1].toLowerCase();
    let html: string;
    if (charset && /^(gb2312|gbk|gb18030|x-gbk|cp936)$/.test(charset)) html = iconv.decode(data, 'gb18030');
    else if (charset && /^utf-?8$/.test(charset)) html = data.toString('utf8');
    else html = decodeHtml(new Uint8Array(data));
    return { ...htmlFromString(html, path), format: 'html' };
  }
  return { format: 'html', path, blocks: [], warnings: [{ message: '网页存档中没有找到网页内容' }] };
}
