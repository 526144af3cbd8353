// The XML reading of the OOXML readers: a small tokenizer (no DTD, no entity expansion) and its node helpers.
import { XMLParser } from 'fast-xml-parser';
import { assertSafeXml, decodeXmlEntities, ImportError, MAX_XML_DEPTH, MESSAGES } from './limits.ts';

/** An element: its tag, children, and its attribute text (parsed on first use). */
export class XEl {
  constructor(
    readonly tag: string,
    readonly kids: XNode[],
    private raw: string | undefined,
  ) {}
  private parsed: Record<string, string> | undefined;
  attrs(): Record<string, string> | undefined {
    if (this.raw !== undefined) {
      this.parsed = scanAttrs(this.raw);
      this.raw = undefined;
    }
    return this.parsed;
  }
}
/** Character data, entities left as written (textOf decodes them). */
export class XText {
  constructor(readonly text: string) {}
}
export type XNode = XEl | XText;

const TEXT = '#text';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** fast-xml-parser's preserveOrder output, kept as the reference the tokenizer below is tested against. */
export function parseXmlReference(xml: string): Record<string, unknown>[] {
  assertSafeXml(xml);
  try {
    return parser.parse(xml) as Record<string, unknown>[];
  } catch (e) {
    throw new ImportError('corrupt', MESSAGES.corrupt, { cause: e });
  }
}

/** Our nodes in fast-xml-parser's preserveOrder shape (for comparing the two). */
export function toReferenceShape(nodes: XNode[]): Record<string, unknown>[] {
  return nodes.map((n) => {
    if (n instanceof XText) return { [TEXT]: n.text };
    const o: Record<string, unknown> = { [n.tag]: toReferenceShape(n.kids) };
    const a = n.attrs();
    if (a && Object.keys(a).length) o[':@'] = a;
    return o;
  });
}

/** `name="value"` pairs of a start tag's attribute text (what /([^\s=/]+)\s*=\s*("[^"]*"|'[^']*')/g finds, without a regex per element). */
function scanAttrs(raw: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const n = raw.length;
  let i = 0;
  for (;;) {
    const eq = raw.indexOf('=', i);
    if (eq < 0) break;
    let e = eq;
    while (e > i && isSpace(raw.charCodeAt(e - 1))) e--;
    let b = e;
    while (b > i) {
      const c = raw.charCodeAt(b - 1);
      if (isSpace(c) || c === 61 /* = */ || c === 47 /* / */) break;
      b--;
    }
    let v = eq + 1;
    while (v < n && isSpace(raw.charCodeAt(v))) v++;
    const q = raw.charCodeAt(v);
    const end = q === 34 || q === 39 ? raw.indexOf(q === 34 ? '"' : "'", v + 1) : -1;
    if (b === e || end < 0) {
      i = eq + 1;
      continue;
    }
    attrs[raw.slice(b, e)] = raw.slice(v + 1, end);
    i = end + 1;
  }
  return attrs;
}

/**
 * OOXML parts → a tree of XEl/XText, several times faster than fast-xml-parser (import throughput is
 * measured against unzip + XML parse). No DTD is ever processed: a DOCTYPE or ENTITY declaration is
 * refused, entities stay as written and are decoded only by textOf/attr.
 * Elements named in `skip` (which must not nest in themselves) are passed over without building nodes.
 */
export function parseXml(xml: string, skip?: ReadonlySet<string>): XNode[] {
  const root: XNode[] = [];
  const stack: XEl[] = [];
  let kids = root;
  const n = xml.length;
  let i = 0;
  const bad = () => new ImportError('corrupt', MESSAGES.corrupt);
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      if (stack.length) kids.push(new XText(xml.slice(i)));
      break;
    }
    if (lt > i && stack.length) kids.push(new XText(xml.slice(i, lt)));
    const c = xml.charCodeAt(lt + 1);
    if (c === 47 /* / */) {
      const gt = xml.indexOf('>', lt);
      if (gt < 0) throw bad();
      const top = stack.pop();
      if (!top || !xml.startsWith(top.tag, lt + 2) || xml.slice(lt + 2 + top.tag.length, gt).trim() !== '') throw bad();
      kids = stack.length ? stack[stack.length - 1].kids : root;
      i = gt + 1;
      continue;
    }
    if (c === 63 /* ? */) {
      const end = xml.indexOf('?>', lt);
      if (end < 0) throw bad();
      i = end + 2;
      continue;
    }
    if (c === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) throw bad();
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) throw bad();
        kids.push(new XText(xml.slice(lt + 9, end).replace(/&/g, '&amp;')));
        i = end + 3;
      } else {
        assertSafeXml(xml.slice(lt, lt + 12));
        throw bad();
      }
      continue;
    }
    // a start tag; '>' may appear inside a quoted attribute value
    let gt = lt + 1;
    let quote = 0;
    let attrStart = -1;
    for (; gt < n; gt++) {
      const ch = xml.charCodeAt(gt);
      if (quote) {
        if (ch === quote) quote = 0;
      } else if (ch === 62 /* > */) break;
      else if (ch === 34 || ch === 39) quote = ch;
      else if (attrStart < 0 && isSpace(ch)) attrStart = gt;
    }
    if (gt >= n) throw bad();
    const selfClosing = xml.charCodeAt(gt - 1) === 47;
    const tagEnd = attrStart >= 0 ? attrStart : selfClosing ? gt - 1 : gt;
    const tag = xml.slice(lt + 1, tagEnd);
    if (!tag) throw bad();
    // elements the caller never reads (run and paragraph formatting): jumped over, not built
    if (skip?.has(tag)) {
      if (selfClosing) i = gt + 1;
      else {
        let close = CLOSE.get(tag);
        if (close === undefined) CLOSE.set(tag, (close = `</${tag}>`));
        const end = xml.indexOf(close, gt);
        if (end < 0) throw bad();
        i = end + tag.length + 3;
      }
      continue;
    }
    let raw: string | undefined;
    if (attrStart >= 0) {
      raw = xml.slice(attrStart, selfClosing ? gt - 1 : gt);
      if (raw.indexOf('=') < 0) raw = undefined;
    }
    const el = new XEl(tag, [], raw);
    kids.push(el);
    if (!selfClosing) {
      if (stack.length >= MAX_XML_DEPTH) throw new ImportError('too-deep', `文件嵌套层次过深（超过 ${MAX_XML_DEPTH} 层），未读取`);
      stack.push(el);
      kids = el.kids;
    }
    i = gt + 1;
  }
  if (stack.length) throw bad();
  return root;
}

const CLOSE = new Map<string, string>();

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

export function tagOf(n: XNode): string {
  return n instanceof XEl ? n.tag : TEXT;
}

export function kids(n: XNode | undefined): XNode[] {
  return n instanceof XEl ? n.kids : [];
}

export function attr(n: XNode, name: string): string | undefined {
  if (!(n instanceof XEl)) return undefined;
  const v = n.attrs()?.[name];
  return v == null ? undefined : decodeXmlEntities(v);
}

/** Text of a text node, entities decoded ('' for an element). */
export function textOf(n: XNode): string {
  return n instanceof XText ? decodeXmlEntities(n.text) : '';
}

export function child(n: XNode, tag: string): XEl | undefined {
  for (const k of kids(n)) if (k instanceof XEl && k.tag === tag) return k;
  return undefined;
}

export function childrenNamed(n: XNode, tag: string): XEl[] {
  return kids(n).filter((k): k is XEl => k instanceof XEl && k.tag === tag);
}

export function rootElement(nodes: XNode[], tag: string): XEl | undefined {
  return nodes.find((k): k is XEl => k instanceof XEl && k.tag === tag);
}
