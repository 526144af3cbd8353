// Issue 3 reader 1 (.html): tables with rowspan/colspan from a page saved from a government site;
// scripts, styles and navigation left out; the charset of the page honoured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { grid } from '../document.ts';
import { htmlFromString, readHtml } from './html.ts';
import { detectFormat } from './detect.ts';

test('html: rowspan/colspan rebuilt, <br> inside a cell kept as a line break, entities decoded', () => {
  const d = htmlFromString(`<table><tr><th rowspan="2">一级指标</th><th colspan=2>评价&nbsp;指标</th></tr>
    <tr><td>二级<br/>指标</td><td>分值&lt;10&gt;</td></tr><tr><td>产出</td><td>数量</td><td>15</td></tr></table>`);
  const t = d.blocks[0];
  assert.ok(t.kind === 'table');
  assert.deepEqual(
    grid(t).map((r) => r.map((c) => (c.merged ? '*' : '') + c.text)),
    [
      ['一级指标', '评价 指标', '*评价 指标'],
      ['*一级指标', '二级\n指标', '分值<10>'],
      ['产出', '数量', '15'],
    ],
  );
});

test('html: cells merged by their borders (a bottom left open over an empty cell whose top is open) are one cell; an open side alone merges nothing', () => {
  // a group printed without rowspan so that it may break across pages: 产出 over two rows, its 分值 with it
  const d = htmlFromString(`<style>td.open { border-bottom: 0; } td.cont { border-top: 0 }</style>
    <table><tr><th>一级指标</th><th>三级指标</th><th>分值</th></tr>
    <tr><td class="open">产出</td><td>数量</td><td class="n open">20</td></tr>
    <tr><td class="cont open"></td><td>质量</td><td class="n cont open"></td></tr>
    <tr><td class="cont"></td><td>时效</td><td class="n cont"></td></tr>
    <tr><td style="border-bottom:none">效益</td><td>社会</td><td>10</td></tr>
    <tr><td style="border-top:none"></td><td>生态</td><td style="border-top:none;border-bottom:solid 1px">10</td></tr></table>`);
  const t = d.blocks[0];
  assert.ok(t.kind === 'table');
  assert.deepEqual(
    grid(t).map((r) => r.map((c) => (c.merged ? '*' : '') + c.text)),
    [
      ['一级指标', '三级指标', '分值'],
      ['产出', '数量', '20'],
      ['*产出', '质量', '*20'],
      ['*产出', '时效', '*20'],
      ['效益', '社会', '10'],
      ['*效益', '生态', '10'],
    ],
  );
  // Word's export: every cell leaves its top border to the cell above, which draws its bottom
  const w = htmlFromString(`<table><tr><td style="border-bottom:solid .5pt">甲</td></tr><tr><td style="border-top:none"></td></tr></table>`);
  assert.ok(w.blocks[0].kind === 'table' && w.blocks[0].rows.length === 2 && w.blocks[0].rows[1].length === 1);
});

test('html: script, style, nav and footer are boilerplate; headings and paragraphs are blocks in order', () => {
  const d = htmlFromString(`<html><head><title>标题</title><style>td{color:red}</style><script>document.write("<table><tr><td>x</td></tr></table>")</script></head>
    <body><nav><a>首页</a></nav><h1>项目支出绩效
    自评表</h1><div>单位：万元</div><table><tr><td>a</td><td>b</td></tr></table><p>备注</p><footer>版权所有</footer></body></html>`);
  assert.deepEqual(
    d.blocks.map((b) => (b.kind === 'paragraph' ? b.text : `表${b.rows.length}`)),
    ['项目支出绩效自评表', '单位：万元', '表1', '备注'],
  );
});

test('html: a nested table stays inside its cell as tab-separated lines', () => {
  const d = htmlFromString('<table><tr><td>资金</td><td>说明<table><tr><td>年初</td><td>100</td></tr></table></td></tr></table>');
  const t = d.blocks[0];
  assert.ok(t.kind === 'table');
  assert.equal(d.blocks.length, 1);
  assert.equal(t.rows[0][1].text, '说明\n年初\t100');
});

test('html: a GBK page (meta charset=gbk) is decoded, and detected as html by content', () => {
  const page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body><table><tr><td>绩效指标</td><td>得分</td></tr></table></body></html>';
  const bytes = new Uint8Array(iconv.encode(page, 'gbk'));
  assert.equal(detectFormat(bytes), 'html');
  const t = readHtml(bytes).blocks[0];
  assert.ok(t.kind === 'table');
  assert.deepEqual(t.rows[0].map((c) => c.text), ['绩效指标', '得分']);
});

test('html: the seed 002 fixture page (GBK, site boilerplate) gives the 部门整体 table (seed 002 line 52: A部门决策（15分）… 15分 12分)', () => {
  const bytes = new Uint8Array(readFileSync(new URL('../../test-fixtures/formats/002.html', import.meta.url)));
  const d = readHtml(bytes, '002.html');
  // the menu (nav), the footer and the scripts are gone; the breadcrumb line stays, as plain text
  assert.ok(!d.blocks.some((b) => b.kind === 'paragraph' && /^(首页|信息公开)$|版权所有|_hmt|统计/.test(b.text)));
  const t = d.blocks.find((b) => b.kind === 'table');
  assert.ok(t && t.kind === 'table');
  const g = grid(t).map((r) => r.map((c) => c.text));
  assert.deepEqual(g[1], ['A部门决策（15分）', 'A1决策机制', 'A11决策制度的规范性', '', '', '15分', '12分']);
  assert.deepEqual(g[2].slice(0, 3), ['A部门决策（15分）', 'A1决策机制', 'A12决策流程的科学性']);
});

test('html: a web page saved with a .xls name (as many systems export) is read as the table it is', async () => {
  const { readDocument } = await import('./index.ts');
  const page = '<html><body><table><tr><td>一级指标</td><td>分值</td></tr><tr><td>产出指标</td><td>50</td></tr></table></body></html>';
  const doc = await readDocument(new TextEncoder().encode(page), '自评表.xls');
  assert.equal(doc.format, 'html');
  const t = doc.blocks[0];
  assert.ok(t.kind === 'table');
  assert.deepEqual(t.rows[1].map((c) => c.text), ['产出指标', '50']);
});

test('html: a page saved as MHTML (quoted-printable, GBK) — even named .doc — is read as its page', async () => {
  const { readDocument } = await import('./index.ts');
  const page = iconv.encode('<html><body><p>项目支出绩效自评表</p><table><tr><td rowspan=2>产出指标</td><td>数量指标</td></tr><tr><td>质量指标</td></tr></table></body></html>', 'gbk');
  const qp = [...page].map((b) => (b >= 33 && b <= 126 && b !== 61 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
  const mht = [
    'MIME-Version: 1.0',
    'Content-Type: multipart/related; boundary="----=_NextPart_01"',
    '',
    '------=_NextPart_01',
    'Content-Location: file:///C:/report.htm',
    'Content-Transfer-Encoding: quoted-printable',
    'Content-Type: text/html; charset="gb2312"',
    '',
    qp.replace(/(.{70})/g, '$1=\r\n'),
    '------=_NextPart_01--',
  ].join('\r\n');
  const doc = await readDocument(new Uint8Array(Buffer.from(mht, 'latin1')), '自评表.doc');
  assert.equal(doc.format, 'html');
  assert.deepEqual(doc.blocks[0], { kind: 'paragraph', text: '项目支出绩效自评表' });
  const t = doc.blocks[1];
  assert.ok(t.kind === 'table');
  assert.deepEqual(grid(t).map((r) => r.map((c) => (c.merged ? '*' : '') + c.text)), [
    ['产出指标', '数量指标'],
    ['*产出指标', '质量指标'],
  ]);
});

test('html: a page laid out with tables (old government sites) gives its report table as a table, the rest as paragraphs', () => {
  const d = htmlFromString(`<table width="980"><tr><td>当前位置：首页 &gt; 预决算公开</td></tr>
    <tr><td><p>项目支出绩效自评表</p>
      <table><tr><td>一级指标</td><td>二级指标</td><td>分值</td></tr><tr><td>产出指标</td><td>数量指标</td><td>15</td></tr><tr><td></td><td>质量指标</td><td>15</td></tr></table>
      <p>填报人：张三</p></td></tr></table>`);
  assert.deepEqual(
    d.blocks.map((b) => (b.kind === 'paragraph' ? b.text : `表:${b.rows.map((r) => r.map((c) => c.text).join('|')).join('/')}`)),
    ['当前位置：首页 > 预决算公开', '项目支出绩效自评表', '表:一级指标|二级指标|分值/产出指标|数量指标|15/|质量指标|15', '填报人：张三'],
  );
});
