import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unzipSync, strFromU8 } from 'fflate';
import ExcelJS from 'exceljs';
import { writeXlsx } from './xlsx.ts';

test('the workbook is a valid zip with the sheet cells (strings inline, numbers as numbers)', () => {
  const bytes = writeXlsx([{ name: '等级分布', rows: [['等级', '数量'], ['优', 3], ['良<&>', 1]] }]);
  const files = unzipSync(bytes);
  assert.ok(files['xl/workbook.xml']);
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
  assert.match(sheet, /<c r="A1" t="inlineStr"><is><t xml:space="preserve">等级<\/t>/);
  assert.match(sheet, /<c r="B2"><v>3<\/v><\/c>/);
  assert.match(sheet, /良&lt;&amp;&gt;/);
  assert.match(strFromU8(files['xl/workbook.xml']), /name="等级分布"/);
});

test('Excel readers open it: exceljs reads back the same values', async () => {
  const bytes = writeXlsx([
    { name: 'A', rows: [['单位', '应评', '已提交'], ['如皋市人社局', 22, 20]] },
    { name: 'B', rows: [['规则', '次数'], ['weights-sum', 4]] },
  ]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer);
  assert.equal(wb.worksheets.length, 2);
  assert.equal(wb.worksheets[0].getCell('A2').value, '如皋市人社局');
  assert.equal(wb.worksheets[0].getCell('C2').value, 20);
  assert.equal(wb.worksheets[1].getCell('A2').value, 'weights-sum');
});
