// Issue 3 reader 1 (.docx): paragraphs in order, gridSpan/vMerge → spans, nested tables and text boxes kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zipSync, strToU8 } from 'fflate';
import { grid } from '../document.ts';
import { docxFromXml, readDocx } from './docx.ts';
import { ImportError } from './limits.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`;
const p = (...runs: string[]) => `<w:p>${runs.map((r) => `<w:r>${r}</w:r>`).join('')}</w:p>`;
const t = (s: string) => `<w:t xml:space="preserve">${s}</w:t>`;
const tc = (inner: string, pr = '') => `<w:tc><w:tcPr>${pr}</w:tcPr>${inner}</w:tc>`;

test('docx: runs joined, w:tab → tab, w:br → newline, entities decoded, deleted text left out', () => {
  const d = docxFromXml(doc(p(t('项目'), t('名称'), '<w:tab/>', t('A&amp;B &lt;1&gt;'), '<w:br/>', t('第二行')) + `<w:p><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:r>${t('留下的')}</w:r></w:p>`));
  assert.deepEqual(d.blocks, [
    { kind: 'paragraph', text: '项目名称\tA&B <1>\n第二行' },
    { kind: 'paragraph', text: '留下的' },
  ]);
});

test('docx: gridSpan → colSpan and vMerge restart/continue → rowSpan (the 一级 column merged down)', () => {
  const xml = doc(
    `<w:tbl>
      <w:tr>${tc(p(t('一级指标')))}${tc(p(t('二级指标')))}${tc(p(t('分值')))}</w:tr>
      <w:tr>${tc(p(t('产出指标')), '<w:vMerge w:val="restart"/>')}${tc(p(t('数量指标')))}${tc(p(t('15')))}</w:tr>
      <w:tr>${tc(p(), '<w:vMerge/>')}${tc(p(t('质量指标')))}${tc(p(t('15')))}</w:tr>
      <w:tr>${tc(p(t('合计')), '<w:gridSpan w:val="2"/>')}${tc(p(t('30')))}</w:tr>
    </w:tbl>`,
  );
  const table = docxFromXml(xml).blocks[0];
  assert.equal(table.kind, 'table');
  if (table.kind !== 'table') return;
  assert.deepEqual(table.rows[1][0], { text: '产出指标', rowSpan: 2 });
  assert.deepEqual(table.rows[3][0], { text: '合计', colSpan: 2 });
  assert.deepEqual(
    grid(table).map((r) => r.map((c) => (c.merged ? '*' : '') + c.text)),
    [
      ['一级指标', '二级指标', '分值'],
      ['产出指标', '数量指标', '15'],
      ['*产出指标', '质量指标', '15'],
      ['合计', '*合计', '30'],
    ],
  );
});

test('docx: gridBefore keeps the cells of a row in their columns', () => {
  const xml = doc(`<w:tbl><w:tr>${tc(p(t('a')))}${tc(p(t('b')))}${tc(p(t('c')))}</w:tr><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc(p(t('y')))}${tc(p(t('z')))}</w:tr></w:tbl>`);
  const table = docxFromXml(xml).blocks[0];
  assert.ok(table.kind === 'table');
  assert.deepEqual(grid(table)[1].map((c) => c.text), ['', 'y', 'z']);
});

test('docx: a nested table becomes tab-separated lines of its cell', () => {
  const inner = `<w:tbl><w:tr>${tc(p(t('年初')))}${tc(p(t('100')))}</w:tr><w:tr>${tc(p(t('执行')))}${tc(p(t('90')))}</w:tr></w:tbl>`;
  const xml = doc(`<w:tbl><w:tr>${tc(p(t('资金')))}${tc(p(t('说明')) + inner)}</w:tr></w:tbl>`);
  const table = docxFromXml(xml).blocks[0];
  assert.ok(table.kind === 'table');
  assert.equal(table.rows[0][1].text, '说明\n年初\t100\n执行\t90');
});

test('docx: text boxes are read once (the VML fallback copy is skipped), after their paragraph', () => {
  const box = (s: string) => `<w:txbxContent>${p(t(s))}</w:txbxContent>`;
  const xml = doc(
    `<w:p><w:r>${t('正文')}</w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="x">${box('文本框：总分93分')}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v="v">${box('文本框：总分93分')}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
      p(t('下一段')),
  );
  assert.deepEqual(
    docxFromXml(xml).blocks.map((b) => (b.kind === 'paragraph' ? b.text : '表')),
    ['正文', '文本框：总分93分', '下一段'],
  );
});

test('docx: a DOCTYPE is refused before parsing (no entity is ever expanded)', () => {
  const xml = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>` + doc(p(t('&e;'))).replace(/^<\?xml[^>]*>/, '');
  assert.throws(() => docxFromXml(xml), (e: unknown) => e instanceof ImportError && e.code === 'xxe');
});

test('docx: a package without word/document.xml is corrupt', () => {
  const zip = zipSync({ '[Content_Types].xml': strToU8('<Types/>') });
  assert.throws(() => readDocx(zip, 'x.docx'), (e: unknown) => e instanceof ImportError && e.code === 'corrupt' && e.message === '文件已损坏或不完整');
});

test('docx: a body that is an embedded web page (w:altChunk → afchunk.mht/.htm) is read as that page', () => {
  const html = '<html><body><p>绩效自评表</p><table><tr><td>一级指标</td><td>分值</td></tr><tr><td>产出指标</td><td>50</td></tr></table></body></html>';
  const zip = zipSync({
    'word/document.xml': strToU8(doc(`<w:altChunk xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="htmlChunk"/>`)),
    'word/_rels/document.xml.rels': strToU8('<Relationships><Relationship Id="htmlChunk" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="afchunk.htm"/></Relationships>'),
    'word/afchunk.htm': strToU8(html),
  });
  const d = readDocx(zip, 'x.docx');
  assert.equal(d.format, 'docx');
  assert.deepEqual(d.blocks[0], { kind: 'paragraph', text: '绩效自评表' });
  const t = d.blocks[1];
  assert.ok(t.kind === 'table');
  assert.deepEqual(t.rows[1].map((c) => c.text), ['产出指标', '50']);
});
