// The OOXML tokenizer gives the same nodes as fast-xml-parser (preserveOrder) and refuses DTDs (issue 3, safety).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { parseXml, parseXmlReference, toReferenceShape } from './xml.ts';
import { ImportError } from './limits.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test-fixtures/formats/${name}`, import.meta.url)));

test('xml: same tree as fast-xml-parser for every part of the docx and xlsx fixtures', () => {
  for (const f of ['001.docx', '003.xlsx']) {
    const parts = unzipSync(fixture(f));
    for (const [name, data] of Object.entries(parts)) {
      if (!/\.(xml|rels)$/.test(name)) continue;
      const xml = strFromU8(data);
      assert.deepEqual(toReferenceShape(parseXml(xml)), parseXmlReference(xml), `${f}:${name}`);
    }
  }
});

test('xml: quotes, > in attribute values, comments, CDATA and entities left for the reader', () => {
  const nodes = toReferenceShape(parseXml(`<?xml version="1.0"?><a x="1 > 0" y='&amp;'><!-- c --><b/>t&lt;<![CDATA[<&>]]></a>`));
  assert.deepEqual(nodes, [{ a: [{ b: [] }, { '#text': 't&lt;' }, { '#text': '<&amp;>' }], ':@': { x: '1 > 0', y: '&amp;' } }]);
});

test('xml: DOCTYPE/ENTITY refused as xxe; unbalanced tags as corrupt', () => {
  assert.throws(() => parseXml('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>'), (e: unknown) => e instanceof ImportError && e.code === 'xxe');
  assert.throws(() => parseXml('<a><b></a>'), (e: unknown) => e instanceof ImportError && e.code === 'corrupt');
  assert.throws(() => parseXml('<a><b>'), (e: unknown) => e instanceof ImportError && e.code === 'corrupt');
});
