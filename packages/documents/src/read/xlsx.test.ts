// Issue 3 reader 1 (.xlsx): values as Excel displays them — number formats, percentages, dates,
// formula results not formulas, shared strings — and merged ranges as spans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zipSync, strToU8 } from 'fflate';
import { grid } from '../document.ts';
import { formatNumber, readXlsx } from './xlsx.ts';

test('xlsx: number formats as displayed (0.00% → 89.23%, General drops float noise, thousands, literals)', () => {
  const cases: [string, string, string][] = [
    ['0.8923', '0.00%', '89.23%'],
    ['0.89229999999999998', '0.00%', '89.23%'],
    ['0.5', '0%', '50%'],
    ['1160', 'General', '1160'],
    ['0.30000000000000004', 'General', '0.3'],
    ['946.5', '0.00', '946.50'],
    ['1234567.891', '#,##0.00', '1,234,567.89'],
    ['12.5', '0.0"万元"', '12.5万元'],
    ['-5', '0;(0)', '(5)'],
    ['9.5', '0.##', '9.5'],
    ['10', '0.##', '10'],
    ['44561', 'yyyy-mm-dd', '2021-12-31'],
    ['44561', 'yyyy"年"m"月"d"日"', '2021年12月31日'],
  ];
  for (const [raw, code, shown] of cases) assert.equal(formatNumber(raw, code), shown, `${raw} @ ${code}`);
});

function workbook(sheet: string, sst: string, styles: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8('<workbook xmlns:r="r"><sheets><sheet name="自评表" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/sharedStrings.xml': strToU8(sst),
    'xl/styles.xml': strToU8(styles),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
  });
}

test('xlsx: shared strings (rich runs, phonetic guides left out), formula results, merges and styles', () => {
  const sst = `<sst><si><t>项目资金（万元）</t></si><si><r><t>年度</t></r><r><t>资金总额</t></r><rPh><t>ねんど</t></rPh></si><si><t>总分</t></si></sst>`;
  const styles = `<styleSheet><numFmts><numFmt numFmtId="176" formatCode="0.00%"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="2"/></cellXfs></styleSheet>`;
  const sheet = `<worksheet><sheetData>
    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>全年预算数</t></is></c><c r="D1" t="inlineStr"><is><t>全年执行数</t></is></c><c r="E1" t="inlineStr"><is><t>执行率</t></is></c></row>
    <row r="2"><c r="B2" t="s"><v>1</v></c><c r="C2" s="2"><v>1300</v></c><c r="D2"><v>1160</v></c><c r="E2" s="1"><f>D2/C2</f><v>0.89230769230769236</v></c></row>
    <row r="4"><c r="A4" t="s"><v>2</v></c><c r="D4" t="str"><f>"合"&amp;"计"</f><v>合计</v></c><c r="E4" t="b"><v>1</v></c></row>
  </sheetData><mergeCells><mergeCell ref="A1:B1"/><mergeCell ref="A2:A3"/></mergeCells></worksheet>`;
  const doc = readXlsx(workbook(sheet, sst, styles), 'x.xlsx');
  assert.equal(doc.blocks.length, 1);
  const t = doc.blocks[0];
  assert.ok(t.kind === 'table');
  assert.equal(t.sheet, '自评表');
  assert.deepEqual(
    grid(t).map((r) => r.map((c) => (c.merged ? '*' : '') + c.text)),
    [
      ['项目资金（万元）', '*项目资金（万元）', '全年预算数', '全年执行数', '执行率'],
      ['', '年度资金总额', '1300.00', '1160', '89.23%'],
      ['*', '', '', '', ''],
      ['总分', '', '', '合计', 'TRUE'],
    ],
  );
});
