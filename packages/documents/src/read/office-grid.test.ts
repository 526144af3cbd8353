// Issue 11 "one table model for every reader": each real office file (.pdf, .docx, .doc, .xlsx, .xls)
// reads to the same grid of cells as the HTML it was converted from (its merged cells included), read
// by the html reader. The .doc and .xls files go through LibreOffice and must keep their merges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { grid, type Table } from '../document.ts';
import { readDocument } from './index.ts';
import { findSoffice } from './legacy.ts';

const dir = new URL('../../test-fixtures/realworld/office/', import.meta.url);

/**
 * Cell texts, spaces removed. Folded away: columns that no border separates from their left
 * neighbour in any row (they cannot exist in a PDF), and rows that are one cell across the whole
 * table (a title: a spreadsheet reader may give it as a paragraph above the table).
 */
function cells(t: Table): string[][] {
  const g = grid(t);
  const keep = g[0].map((_, c) => c === 0 || g.some((r) => r[c].originCol !== r[c - 1].originCol || r[c].originRow !== r[c - 1].originRow));
  return g
    .map((r) => r.filter((_, c) => keep[c]))
    .filter((r) => new Set(r.map((c) => `${c.originRow},${c.originCol}`)).size > 1)
    .map((r) => r.map((c) => c.text.replace(/\s+/g, '')));
}

async function tables(name: string, folder = dir): Promise<string[][][]> {
  const doc = await readDocument(new Uint8Array(readFileSync(new URL(name, folder))), name);
  return doc.blocks.filter((b): b is Table => b.kind === 'table').map(cells);
}

const cases = readdirSync(dir).filter((f) => /^\d\d\.(pdf|docx|doc|xlsx|xls)$/.test(f));

test('office grid: the fixtures hold the ten real office files in five formats', () => {
  assert.equal(cases.length, 10);
  assert.deepEqual([...new Set(cases.map((f) => f.split('.')[1]))].sort(), ['doc', 'docx', 'pdf', 'xls', 'xlsx']);
});

for (const file of cases) {
  test(`office grid: ${file} reads to the cells and merged cells of src/${file.slice(0, 2)}.html`, async () => {
    if (/\.(doc|xls)$/.test(file)) assert.ok(findSoffice(), '需要 LibreOffice（soffice）来读取 .doc/.xls');
    const [got, want] = [await tables(file), await tables(`src/${file.slice(0, 2)}.html`)];
    assert.ok(want.length > 0);
    assert.deepEqual(got, want);
  });
}

// The 22 text tables rebuilt as office files: the Writer-made ones (.pdf, .docx) hold to their HTML
// too. (Calc's HTML import cuts a cell at each <br> into rows of its own, so the rebuilt .xlsx/.xls
// differ from their HTML by LibreOffice's doing, not the readers'; .doc is covered above.)
const rebuilt = new URL('../../test-fixtures/realworld/rebuilt/', import.meta.url);
for (const file of readdirSync(rebuilt).filter((f) => /^\d\d\.(pdf|docx)$/.test(f))) {
  test(`office grid: rebuilt ${file} reads to the cells and merged cells of src/${file.slice(0, 2)}.html`, async () => {
    const [got, want] = [await tables(file, rebuilt), await tables(`src/${file.slice(0, 2)}.html`, rebuilt)];
    assert.ok(want.length > 0);
    assert.deepEqual(got, want);
  });
}
