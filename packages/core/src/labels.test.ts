import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldLabel } from './labels.ts';

test('every field key a user may see has a Chinese name, in both path notations', () => {
  assert.equal(fieldLabel('goals.expected'), '年度总体目标 · 预期目标');
  assert.equal(fieldLabel('budget.executed'), '全年执行数');
  assert.equal(fieldLabel('budget.unit'), '金额单位');
  assert.equal(fieldLabel('parentUnit'), '主管部门');
  assert.equal(fieldLabel('sections.2.text'), '报告正文第3节');
  assert.equal(fieldLabel('sections[0].heading'), '报告正文第1节（标题）');
  assert.equal(fieldLabel('budget.lines[1].executed'), '资金第2行 · 全年执行数');
  assert.equal(fieldLabel('budget.lines.0.label'), '资金第1行 · 名称');
  // an unknown key is named as such, never shown raw
  assert.equal(fieldLabel('somethingNew'), '其他字段');
  assert.equal(fieldLabel(''), '');
});
