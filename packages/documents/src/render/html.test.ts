import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml, escapeHtml } from './html.ts';
import { analysed, haichuangEvaluation, longTextEvaluation, manyRowsEvaluation, nanjingEvaluation, noBudgetEvaluation, rugaoEvaluation } from './fixtures.ts';

const textOf = (html: string) =>
  html
    .replace(/<style>[^]*?<\/style>/, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, '');

test('escapeHtml escapes the five HTML characters', () => {
  assert.equal(escapeHtml(`<a href="x">&'</a>`), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
});

test('every text from the data is escaped: a title or cell with markup stays text', () => {
  const ev = haichuangEvaluation();
  ev.title = '<script>alert(1)</script>项目';
  ev.indicators = ev.indicators.map((i) => (i.name === '资助孵化海创数量' ? { ...i, target: '≥50个 <b>&</b>' } : i));
  const html = renderHtml(analysed(ev));
  assert.ok(!html.includes('<script>'));
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;项目'));
  assert.ok(html.includes('≥50个 &lt;b&gt;&amp;&lt;/b&gt;'));
});

test('self-contained: no scripts, no external resources', () => {
  const html = renderHtml(analysed(nanjingEvaluation()));
  assert.ok(!/<script|<link|src=|href=|@import|url\(/i.test(html));
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<meta charset="utf-8">/);
});

test('N1 annex 2 (S1): the project view holds the header, 资金 block, 年度总体目标, rows and 总分', () => {
  const t = textOf(renderHtml(analysed(haichuangEvaluation())));
  assert.ok(t.includes('项目负责人崔巍微联系电话89153880'));
  assert.ok(t.includes('年度资金总额2700.001300.001160.001089.23%9'));
  assert.ok(t.includes('其中：当年财政拨款2700.001300.001160.00———'));
  assert.ok(t.includes('资助孵化海创数量≥50个基本达成1512部分项目暂不符合扶持条件。'));
  assert.ok(t.includes('资助企业满意度指标≥80%100%1010'));
  assert.ok(t.includes('总分10085'));
});

test('empty sections show their heading and no placeholder; filled ones their text (S3 outline)', () => {
  const html = renderHtml(analysed(haichuangEvaluation()));
  assert.match(html, /<h2>一、项目概况<\/h2>\n<\/section>/);
  assert.ok(!html.includes('待填写'));
  const rugao = renderHtml(analysed(rugaoEvaluation()));
  assert.ok(!rugao.includes('<mark'));
  assert.ok(textOf(rugao).includes('四、存在问题新录用事业人员的课程安排有待完善。'));
});

test('S0: the department view has the six parts, bold runs, the 得分表 and 合计 100 / 93', () => {
  const html = renderHtml(analysed(nanjingEvaluation()));
  const t = textOf(html);
  assert.ok(t.includes('2024年度南京市国际人才交流中心部门整体支出绩效自评报告'));
  assert.ok(html.includes('<b>培育活动品牌</b>'));
  assert.ok(t.includes('决策（12）计划制定工作计划制定健全性'));
  assert.ok(t.includes('合计10093'));
  // each 一级 group name appears once: merged over its rows
  assert.equal(t.split('过程（28）').length - 1, 1);
});

test('odd data: 200 rows, very long text and no 资金 block render into the view', () => {
  const many = renderHtml(analysed(manyRowsEvaluation()));
  assert.equal((many.match(/data-indicator=/g) ?? []).length, 200);
  const long = renderHtml(analysed(longTextEvaluation()));
  assert.ok(long.includes('长文结束标记'));
  assert.match(long, /<tr class="long"/, 'a row too long for a page may break');
  const t = textOf(renderHtml(analysed(noBudgetEvaluation())));
  // the national form keeps its 资金 rows, empty
  assert.ok(t.includes('年度资金总额其中：当年财政拨款———'));
  assert.ok(t.includes('总分9085'));
});
