// Text folds applied before matching: Traditional characters, pinyin glosses, operator look-alikes,
// OCR slips inside numbers, full-width digits. Expected strings written by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clean, ocrNumber } from './clean.ts';

test('Traditional → Simplified for the words of the forms', () => {
  assert.equal(clean('項目名稱'), '项目名称');
  assert.equal(clean('權重 得分 總分 績效 評價'), '权重 得分 总分 绩效 评价');
  assert.equal(clean('年初預算數 全年執行數 實際完成值 滿意度'), '年初预算数 全年执行数 实际完成值 满意度');
  // Simplified text is left as it is (著 is Simplified too: 显著)
  assert.equal(clean('效果显著，满意度提升'), '效果显著，满意度提升');
});

test('pinyin glosses after a character are dropped, other brackets kept', () => {
  assert.equal(clean('項(xiàng)目名稱'), '项目名称');
  assert.equal(clean('绩（jì）效'), '绩效');
  assert.equal(clean('决策（15分）'), '决策（15分）');
  assert.equal(clean('资金(A)'), '资金(A)');
});

test('operator look-alikes ≧ ≦ ═ ﹦ ＝', () => {
  assert.equal(clean('≧90%'), '≥90%');
  assert.equal(clean('≦2小时'), '≤2小时');
  assert.equal(clean('═100%'), '=100%');
  assert.equal(clean('﹦3年'), '=3年');
  assert.equal(clean('＝1'), '=1');
});

test('OCR slips only inside numbers: O → 0, l/I → 1; words untouched', () => {
  assert.equal(clean('≥1O0%'), '≥100%');
  assert.equal(clean('9O%'), '90%');
  assert.equal(clean('l5个'), '15个');
  assert.equal(clean('PDF Level5 IO'), 'PDF Level5 IO');
  assert.equal(ocrNumber('IO'), '10');
  assert.equal(ocrNumber('O'), '0');
  assert.equal(ocrNumber('2O分'), '20分');
  assert.equal(ocrNumber('OK'), 'OK');
});

test('full-width digits and ％', () => {
  assert.equal(clean('≥９５％'), '≥95%');
  assert.equal(clean('３．５万元'), '3.5万元');
  assert.equal(clean('（一）'), '（一）');
});
