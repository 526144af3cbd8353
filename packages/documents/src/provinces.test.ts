// Issue 15 "Must show": a Hubei 20/80 table, a Chongqing 得分系数 table and a Ningxia table, imported
// as a reviewer receives them (Word, Excel and the web page they were made from), pick the right
// ruleset and are scored with no false findings. The tables are built from the layouts that
// ../shared/docs/provinces.md records (湖北 §1.1, 重庆 §7 and realworld 22, 宁夏 §6) as HTML with
// merged cells, and converted by LibreOffice (`soffice --convert-to docx|xlsx`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getRuleset } from '@jixiao/core/rulesets/index.ts';
import { processBytes } from './pipeline.ts';
import { renderDocx, renderHtml, renderXlsx } from './render/index.ts';
import { columns } from './render/layout.ts';
import { getFramework, newEvaluationFromFramework } from '@jixiao/core/frameworks/index.ts';
import { analyzeToJson, type EvaluationJson } from '@jixiao/core';

const DIR = join(import.meta.dirname, '..', 'test-fixtures', 'provinces');
const FORMATS = ['html', 'docx', 'xlsx'] as const;

async function one(name: string, ext: string, ruleset?: Parameters<typeof processBytes>[2]): Promise<EvaluationJson> {
  const path = join(DIR, `${name}.${ext}`);
  const r = await processBytes(new Uint8Array(readFileSync(path)), path, ruleset);
  assert.equal(r.error, undefined, r.error);
  assert.equal(r.evaluations.length, 1, `${name}.${ext}: ${r.evaluations.length} evaluations`);
  return r.evaluations[0];
}

const row = (e: EvaluationJson, name: string) => {
  const i = e.indicators.find((x) => x.name === name);
  assert.ok(i, `${name} not in ${e.indicators.map((x) => x.name).join('、')}`);
  return i;
};

// error and warning findings; an info (e.g. "no stated total, Σ used") is not a finding against the unit
const findings = (e: EvaluationJson) => e.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}: ${f.message}`);

for (const ext of FORMATS) {
  test(`湖北 20/80 表 (.${ext}): 20 × 执行率 + the 80-point block's stated scores, no false finding`, async () => {
    const e = await one('hubei-2021', ext);
    assert.equal(e.ruleset, 'hubei-2021');
    assert.match(e.rulesetReason!, /^按湖北省 20\/80 项目绩效自评表（2020–2021）评分：单位名称含「黄冈」，表中有「20分\*执行率」$/);
    // 预算数(A) 50, 执行数(B) 45: 执行率 90%; 得分 = 20分 × 执行率 = 18 (the block leaves 分值 blank, its
    // heading says 20分)
    assert.equal(e.budget?.rate, '90');
    assert.equal(e.budget?.score, '18');
    // no 分值 column: each stated score stands, with the trace saying why (P§1.1 "cannot recompute")
    assert.equal(row(e, '维修供水工程处数').score, '20');
    assert.match(row(e, '维修供水工程处数').trace!, /不设逐项分值/);
    // 18 + 20 + 15 + 15 + 20 + 10 = 98 = the stated 总分; 优 (N1 ≥ 90)
    assert.equal(e.total, '98');
    assert.equal(e.statedTotal, '98');
    assert.equal(e.grade, 'excellent');
    // the form's text rows are read as sections: the 90% execution is explained there
    assert.ok(e.sections.some((s) => s.heading === '偏差大或目标未完成原因分析' && /结余5万元/.test(s.text)));
    assert.deepEqual(findings(e), []);
  });

  test(`重庆 得分系数表 (.${ext}): 系数 × 指标权重, 是否核心指标 and 调整指标值 read, no false finding`, async () => {
    const e = await one('chongqing-2023', ext);
    assert.equal(e.subject, 'department');
    assert.equal(e.ruleset, 'chongqing-2021');
    assert.match(e.rulesetReason!, /^按重庆市 部门整体绩效自评表（得分系数，2021）评分：标题含「重庆」$/);
    // 全年(调整)预算数 1100, 全年执行数 1045: 执行率 95%, 执行率权重 10 → 9.5
    assert.equal(e.budget?.adjustedBudget, '1100');
    assert.equal(e.budget?.rate, '95');
    assert.equal(e.budget?.score, '9.5');
    const area = row(e, '森林抚育面积');
    assert.equal(area.core, true);
    assert.equal(area.target, '≥2.5万亩');
    assert.match(area.adjustedTarget ?? '', /^≥2(\.0)?万亩$/); // Excel keeps 2.0 as the number 2
    assert.equal(area.coefficient, '100%');
    assert.equal(area.score, '20'); // 100% × 20
    const cover = row(e, '森林覆盖率');
    assert.equal(cover.core, true);
    // 得分系数 99% × 指标权重 20 = 19.8
    assert.equal(cover.score, '19.8');
    assert.match(cover.trace!, /得分系数 99%.*得分 = 系数 × 指标权重 20 = 19\.8/);
    assert.equal(row(e, '造林成活率').core, false);
    // 9.5 + 20 + 20 + 10 + 19.8 + 20 = 99.3 (the 自评总分 of the header); 优
    assert.equal(e.total, '99.3');
    assert.equal(e.grade, 'excellent');
    // 年初 | 全年(调整) | 实际完成情况: the adjusted goal is the one compared
    assert.match(e.goals?.expected ?? '', /2\.0万亩/);
    assert.match(e.goals?.actual ?? '', /结转55万元/);
    assert.deepEqual(findings(e), []);
  });

  test(`宁夏 表 (.${ext}): 决策/管理/产出/效益 with 预算执行率 as a 三级, 财政审核评分 kept beside the self score`, async () => {
    const e = await one('ningxia-2021', ext);
    assert.equal(e.ruleset, 'ningxia-2021');
    assert.match(e.rulesetReason!, /^按宁夏回族自治区 市级项目支出绩效自评表（2021）评分：单位名称含「银川」$/);
    // no 资金 block: execution is the 三级 预算执行率 under 管理/资金管理, 10 × 95/100 = 9.5
    assert.equal(e.budget, null);
    const exec = row(e, '预算执行率');
    assert.deepEqual(exec.path, ['管理', '资金管理', '预算执行率']);
    assert.equal(exec.score, '9.5');
    const sys = row(e, '管理制度健全性');
    assert.equal(sys.reviewScore, '6');
    assert.equal(sys.score, '7');
    assert.match(sys.trace!, /财政审核评分 6（评分规则以自评得分定分，审核评分仅列示）/);
    // 5 + 5 + 9.5 + 8 + 7 + 15 + 15 + 20 + 15 = 99.5 = the stated 合计
    assert.equal(e.total, '99.5');
    assert.equal(e.statedTotal, '99.5');
    assert.deepEqual(findings(e), []);
  });
}

test('宁夏 表 graded on the 财政审核评分 (gradeOn review): 5 + 5 + 9.5 + 8 + 6 + 15 + 15 + 20 + 14 = 97.5', async () => {
  const rs = { ...getRuleset('ningxia-2021')!, gradeOn: 'review' as const };
  const e = await one('ningxia-2021', 'docx', rs);
  assert.equal(row(e, '管理制度健全性').score, '6');
  assert.equal(row(e, '服务对象满意度').score, '14');
  assert.equal(e.total, '97.5');
});

// The renderer writes the columns these forms add, and what it writes reads back the same.

test('重庆 and 宁夏 tables rendered: 是否核心指标, 调整指标值, 得分系数 and 财政审核评分 printed, and read back with the same ruleset and scores', async () => {
  for (const [name, words] of [
    ['chongqing-2023', ['是否核心指标', '调整指标值', '得分系数']],
    ['ningxia-2021', ['财政审核评分']],
  ] as const) {
    const e = await one(name, 'html');
    const html = renderHtml(e);
    for (const w of words) assert.ok(html.includes(`<th>${w}</th>`), `${name}: ${w}`);
    for (const [ext, bytes] of [['xlsx', await renderXlsx(e)], ['docx', await renderDocx(e)]] as const) {
      const back = await processBytes(bytes, `${name}-rendered.${ext}`);
      assert.equal(back.error, undefined);
      const b = back.evaluations[0];
      assert.equal(b.ruleset, e.ruleset, `${name}.${ext}`);
      assert.equal(b.total, e.total, `${name}.${ext}`);
      for (const i of e.indicators.filter((x) => x.coefficient || x.reviewScore || x.adjustedTarget)) {
        const j = b.indicators.find((x) => x.name === i.name)!;
        assert.equal(j.coefficient ?? null, i.coefficient ?? null, `${name}.${ext} ${i.name} 得分系数`);
        assert.equal(j.reviewScore ?? null, i.reviewScore ?? null, `${name}.${ext} ${i.name} 财政审核评分`);
        assert.equal(j.core ?? null, i.core ?? null, `${name}.${ext} ${i.name} 是否核心指标`);
      }
    }
  }
});

test("a blank evaluation from a province's form prints that form's columns with its header words", () => {
  const labels = (id: string) => {
    const ev = newEvaluationFromFramework(getFramework(id)!, { title: '测试', unit: null, fiscalYear: 2024 });
    return columns(analyzeToJson(ev)).map((c) => c.label);
  };
  // 四川: 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析 (provinces.md §2.1)
  assert.deepEqual(labels('sichuan-project-2023'), ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '完成值', '权重', '得分', '未完成原因分析']);
  // 湖北: 年初目标值(A) | 实际完成值(B) | 得分, with the 分值 column the totals row needs
  assert.deepEqual(labels('hubei-project-2021'), ['一级指标', '二级指标', '三级指标', '年初目标值(A)', '实际完成值(B)', '分值', '得分']);
  // the national form is unchanged
  assert.deepEqual(labels('national-project'), ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
});
