// One XML parser configuration for the OOXML readers: ordered nodes, no value guessing, no entity processing.
import { XMLParser } from 'fast-xml-parser';
import { assertSafeXml, decodeXmlEntities, ImportError, MESSAGES } from './limits.ts';

/** An element of fast-xml-parser's preserveOrder output: { tag: children, ':@': attributes }. */
export type XNode = Record<string, unknown>;

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

export function parseXml(xml: string): XNode[] {
  assertSafeXml(xml);
  try {
    return parser.parse(xml) as XNode[];
  } catch (e) {
    throw new ImportError('corrupt', MESSAGES.corrupt, { cause: e });
  }
}

export function tagOf(n: XNode): string {
  for (const k in n) if (k !== ':@') return k;
  return '';
}

export function kids(n: XNode): XNode[] {
  const t = tagOf(n);
  const v = n[t];
  return Array.isArray(v) ? (v as XNode[]) : [];
}

export function attr(n: XNode, name: string): string | undefined {
  const a = n[':@'] as Record<string, string> | undefined;
  const v = a?.[name];
  return v == null ? undefined : decodeXmlEntities(String(v));
}

/** Text of a #text node, entities decoded. */
export function textOf(n: XNode): string {
  return decodeXmlEntities(String(n['#text'] ?? ''));
}

/** First descendant-or-self path match by tag names, e.g. find(root, 'w:document', 'w:body'). */
export function child(n: XNode, tag: string): XNode | undefined {
  return kids(n).find((k) => tagOf(k) === tag);
}

export function childrenNamed(n: XNode, tag: string): XNode[] {
  return kids(n).filter((k) => tagOf(k) === tag);
}

export function rootElement(nodes: XNode[], tag: string): XNode | undefined {
  return nodes.find((k) => tagOf(k) === tag);
}
