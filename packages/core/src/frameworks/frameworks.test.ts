import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  frameworks, getFramework, frameworkFiles, validateFramework, matchFramework, frameworkMethodFor,
  newEvaluationFromFramework, carryForward, normalizeName,
} from './index.ts';
import { rulesets } from '../rulesets/index.ts';
import { DataFileError } from '../rulesets/validate.ts';
import { D } from '../decimal.ts';
import type { Framework } from '../model/framework.ts';
import { evaluationFromRows, type Row } from './testing.ts';

const fw = (id: string): Framework => {
  const f = getFramework(id);
  assert.ok(f, `缺少指标体系 ${id}`);
  return f;
};
const level1 = (f: Framework) => f.indicators.filter((i) => i.path.length === 1);
const at = (f: Framework, ...path: string[]) => {
  const hit = f.indicators.filter((i) => JSON.stringify(i.path) === JSON.stringify(path));
  assert.ok(hit.length > 0, `${f.id} 缺少 ${path.join(' / ')}`);
  return hit[0];
};
const leafWeights = (f: Framework, l1: string) =>
  f.indicators
    .filter((i, k) => i.path[0] === l1 && !(f.indicators[k + 1]?.path.length > i.path.length))
    .map((i) => i.weight);

test('all framework files load, validate and cite sources', () => {
  assert.deepEqual(frameworks.map((f) => f.id).sort(), [
    'anhui-project-2022', 'beijing-department-2021', 'beijing-project-evaluation-2021', 'chongqing-department-2021',
    'hebei-project', 'henan-project-2024', 'hubei-project-2021', 'hunan-special-2020', 'jilin-project-2024',
    'nanjing-department-a-2024', 'nanjing-department-b-2024', 'national-project', 'ningxia-project-2021',
    'rugao-project-2024', 'sichuan-project-2023', 'yunnan-project',
  ]);
  const ids = rulesets.map((r) => r.id);
  for (const [file, raw] of Object.entries(frameworkFiles)) {
    const f = validateFramework(raw, file, ids);
    assert.ok(f.sources.length > 0);
    assert.ok(ids.includes(f.ruleset));
  }
});

// forms whose 一级 points the unit sets (四川 90 as one pool, 湖北 80 by target block, 重庆 by the
// department, 河北 per indicator) or that score nothing (湖南 专项): provinces.md §1.1, §2.1, §7, §8, §9
const UNIT_SET_LEVEL1 = ['chongqing-department-2021', 'hebei-project', 'hubei-project-2021', 'hunan-special-2020', 'sichuan-project-2023'];

test('level-1 weights plus budgetWeight sum to 100 for every framework that fixes them, 加减分 excluded', () => {
  for (const f of frameworks) {
    const l1 = level1(f).filter((i) => i.method !== 'bonus');
    if (UNIT_SET_LEVEL1.includes(f.id)) {
      assert.ok(l1.every((i) => i.weight === null), `${f.id}: 一级分值由单位设定，不应写死`);
      continue;
    }
    const s = l1.reduce((a, i) => a.plus(i.weight ?? 'NaN'), D(f.budgetWeight ?? 0));
    assert.ok(s.eq(100), `${f.id}: ${s}`);
  }
});

// Expected weights below are read off the seeds and N2, not from the data files.
test('N2/N10 national-project: 产出 50, 效益 30, 满意度 10 + 预算执行率 10 in the 资金 block', () => {
  const f = fw('national-project');
  assert.equal(f.budgetWeight, '10');
  assert.deepEqual(level1(f).map((i) => [i.path[0], i.weight]), [['产出', '50'], ['效益', '30'], ['满意度', '10']]);
  assert.deepEqual(f.indicators.filter((i) => i.path.length === 2 && i.path[0] === '产出').map((i) => i.path[1]),
    ['数量指标', '质量指标', '时效指标', '成本指标']);
  assert.deepEqual(f.indicators.filter((i) => i.path.length === 2 && i.path[0] === '效益').map((i) => i.path[1]),
    ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标']);
  assert.ok(f.indicators.filter((i) => i.path.length === 3).every((i) => i.placeholder));
});

test('S3 rugao-project-2024: 决策 12 (6 × 2), 过程 18 (3/3/4/2/6), 产出 30, 效益 30, 满意度 10', () => {
  const f = fw('rugao-project-2024');
  assert.deepEqual(level1(f).map((i) => [i.path[0], i.weight]), [['决策', '12'], ['过程', '18'], ['产出', '30'], ['效益', '30'], ['满意度', '10']]);
  assert.deepEqual(leafWeights(f, '决策'), ['2', '2', '2', '2', '2', '2']);
  assert.deepEqual(f.indicators.filter((i) => i.path[0] === '决策' && i.path.length === 3).map((i) => i.path[2]),
    ['立项依据充分性', '立项程序规范性', '绩效目标合理性', '绩效指标明确性', '预算编制科学性', '资金分配合理性']);
  assert.deepEqual(f.indicators.filter((i) => i.path[0] === '过程' && i.path.length === 3).map((i) => [i.path[2], i.weight]),
    [['资金到位率', '3'], ['预算执行率', '3'], ['资金使用合规性', '4'], ['管理制度及安全性', '2'], ['制度执行有效性', '6']]);
  assert.equal(at(f, '产出', '成本指标', '是否超出预算').weight, '5');
  assert.equal(at(f, '过程', '资金管理', '预算执行率').method, 'execution');
});

test('S1 beijing-project-evaluation-2021 (特聘岗位评分表): 决策 10 / 过程 20 / 产出 40 / 效益 30, every row', () => {
  const f = fw('beijing-project-evaluation-2021');
  assert.equal(f.budgetWeight, null);
  assert.deepEqual(f.indicators.map((i) => [i.path.join('/'), i.weight]), [
    ['决策', '10'],
    ['决策/项目立项', '3'], ['决策/项目立项/立项依据充分性', '1.5'], ['决策/项目立项/立项程序规范性', '1.5'],
    ['决策/绩效目标', '3'], ['决策/绩效目标/绩效目标合理性', '1.5'], ['决策/绩效目标/绩效指标明确性', '1.5'],
    ['决策/资金投入', '4'], ['决策/资金投入/预算编制科学性', '2'], ['决策/资金投入/资金分配合理性', '2'],
    ['过程', '20'],
    ['过程/资金管理', '12'], ['过程/资金管理/资金到位率', '4'], ['过程/资金管理/预算执行率', '4'], ['过程/资金管理/资金使用合规性', '4'],
    ['过程/组织实施', '8'], ['过程/组织实施/管理制度健全性', '4'], ['过程/组织实施/制度执行有效性', '4'],
    ['产出', '40'],
    ['产出/产出数量', '10'], ['产出/产出数量/实际完成率', '10'],
    ['产出/产出质量', '10'], ['产出/产出质量/质量达标率', '10'],
    ['产出/产出时效', '10'], ['产出/产出时效/完成及时性', '10'],
    ['产出/产出成本', '10'], ['产出/产出成本/成本节约率', '10'],
    ['效益', '30'],
    ['效益/项目效益', '30'], ['效益/项目效益/实施效益', '20'], ['效益/项目效益/满意度', '10'],
  ]);
});

test('S1 beijing-department-2021: 部门决策 20 / 部门管理 20 / 部门绩效 60, every row', () => {
  const f = fw('beijing-department-2021');
  assert.deepEqual(f.indicators.map((i) => [i.path.join('/'), i.weight]), [
    ['部门决策', '20'],
    ['部门决策/预算编制', '10'], ['部门决策/预算编制/预算编制科学性、资金分配合理性', '5'], ['部门决策/预算编制/预算编制规范性', '5'],
    ['部门决策/目标设置', '10'], ['部门决策/目标设置/绩效目标完整性', '3'], ['部门决策/目标设置/绩效指标明确性', '7'],
    ['部门管理', '20'],
    ['部门管理/资金管理', '8'], ['部门管理/资金管理/财务合规、安全性', '4'], ['部门管理/资金管理/预决算信息公开', '4'],
    ['部门管理/项目管理', '4'], ['部门管理/项目管理/项目实施程序', '2'], ['部门管理/项目管理/项目监管', '2'],
    ['部门管理/资产管理', '5'], ['部门管理/资产管理/资产管理安全性', '3'], ['部门管理/资产管理/固定资产利用率', '2'],
    ['部门管理/制度管理', '3'], ['部门管理/制度管理/管理制度健全性', '3'],
    ['部门绩效', '60'],
    ['部门绩效/经济性', '6'], ['部门绩效/经济性/公用经费控制率', '6'],
    ['部门绩效/效率性', '20'], ['部门绩效/效率性/预算执行率', '6'], ['部门绩效/效率性/重点工作完成情况', '8'], ['部门绩效/效率性/项目完成及时性', '6'],
    ['部门绩效/效果性', '25'], ['部门绩效/效果性/社会效益、经济效益、生态效益及可持续影响等', '25'],
    ['部门绩效/公平性', '9'], ['部门绩效/公平性/群众信访办理情况', '3'], ['部门绩效/公平性/公众或服务对象满意度', '6'],
  ]);
  assert.match(at(f, '部门管理', '资产管理', '固定资产利用率').description!, /实际在用固定资产总额/);
});

test('S0 nanjing-department-a-2024: 决策 12 / 过程 28 / 履职 30 / 效益 20 / 满意度 10 with 标准值, 权重分 and rules', () => {
  const f = fw('nanjing-department-a-2024');
  assert.deepEqual(level1(f).map((i) => [i.path[0], i.weight]), [['决策', '12'], ['过程', '28'], ['履职', '30'], ['效益', '20'], ['满意度', '10']]);
  assert.deepEqual(leafWeights(f, '决策'), ['2', '2', '2', '2', '2', '2']);
  assert.deepEqual(f.indicators.filter((i) => i.path[0] === '过程' && i.path.length === 3).map((i) => [i.path[2], i.target, i.weight]), [
    ['非税收入预算完成率', '100%', '2'], ['政府采购执行率', '100%', '2'], ['“三公经费”变动率', '0%', '2'],
    ['公用经费控制率', '100%', '2'], ['结转结余率', '0%', '2'], ['预算执行率', '100%', '1'], ['预算调整率', '0%', '1'],
    ['支付进度符合率', '100%', '1'],
    ['预算管理制度健全性', '健全', '1'], ['非税收入管理合规性', '合规', '1'], ['预决算信息公开度', '公开', '1'],
    ['基础信息完善性', '完善', '1'], ['绩效管理覆盖率', '100%', '1'], ['资金使用合规性', '合规', '1'],
    ['资产管理规范性', '规范', '1'], ['固定资产利用率', '100%', '1'], ['资产管理制度健全性', '健全', '1'],
    ['项目管理制度执行规范性', '规范', '1.5'], ['项目管理制度健全性', '健全', '1.5'],
    ['人员管理制度执行有效性', '有效', '0.5'], ['在职人员控制率', '100%', '0.5'], ['人员管理制度健全性', '健全', '0.5'],
    ['业务学习与培训及时完成率', '100%', '0.5'], ['纪检监察工作有效性', '有效', '0.5'], ['组织建设工作及时完成率', '100%', '0.5'],
  ]);
  assert.deepEqual(leafWeights(f, '履职'), ['5', '5', '5', '5', '5', '5']);
  assert.equal(at(f, '效益', '社会效益', '营造引智环境').weight, '20');
  assert.equal(at(f, '满意度', '服务对象满意度', '窗口服务满意度').target, '窗口考核指标');
  // scoring-rule text decides the method: 是非 → binary, 比率 → ratio, 按实际情况 → qualitative
  const wp = at(f, '决策', '计划制定', '工作计划制定健全性');
  assert.match(wp.rule!, /符合得对应权重分，否则不得分/);
  assert.equal(wp.method, 'binary');
  assert.equal(at(f, '过程', '预算执行', '政府采购执行率').method, 'ratio');
  assert.equal(at(f, '过程', '项目管理', '项目管理制度执行规范性').method, 'qualitative');
});

test('S2 nanjing-department-b-2024: A 15 / B 20 / C 30 / D 30 / E 5, F 加减分 bonus, codes as printed', () => {
  const f = fw('nanjing-department-b-2024');
  assert.deepEqual(level1(f).map((i) => [i.code, i.path[0], i.weight, i.method ?? null]), [
    ['A', '部门决策', '15', null], ['B', '部门管理', '20', null], ['C', '部门履职', '30', null],
    ['D', '履职绩效', '30', null], ['E', '可持续发展能力', '5', null], ['F', '加减分项', null, 'bonus'],
  ]);
  // weights only at level 1 on the form
  assert.ok(f.indicators.filter((i) => i.path.length > 1).every((i) => i.weight === null));
  assert.deepEqual(f.indicators.filter((i) => i.path[0] === '部门决策' && i.path.length === 3).map((i) => i.code),
    ['A11', 'A12', 'A13', 'A21', 'A22', 'A31', 'A32', 'A41', 'A42']);
  assert.deepEqual(f.indicators.filter((i) => i.path[0] === '部门管理' && i.path.length === 3).map((i) => i.code),
    ['B11', 'B12', 'B13', 'B14', 'B21', 'B22', 'B31', 'B32', 'B41', 'B42', 'B52', 'B61', 'B62', 'B63', 'B71', 'B72', 'B73']);
  assert.equal(at(f, '部门管理', '预算执行', '部门预算执行率').method, 'execution');
  assert.match(at(f, '部门决策', '部门预算编制', '预算编制科学规范').rule!, /90%.*扣3分/);
  assert.deepEqual(f.indicators.filter((i) => i.path[0] === '加减分项').map((i) => i.method), ['bonus', 'bonus', 'bonus']);
  assert.match(at(f, '加减分项', '加分项').rule!, /国务院嘉奖加3分/);
});

// ---- a broken framework is refused ----
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
function refused(file: string, mutate: (r: any) => void, field: RegExp) {
  const raw = clone(frameworkFiles[file]) as any;
  mutate(raw);
  assert.throws(() => validateFramework(raw, file, rulesets.map((r) => r.id)), (e: unknown) => {
    assert.ok(e instanceof DataFileError, String(e));
    assert.match(e.message, /^指标体系文件 /);
    assert.ok(e.message.includes(file));
    assert.match(e.message, field);
    return true;
  });
}

test('a broken framework file is refused with a Chinese message naming file and field', () => {
  const bj = 'beijing-project-evaluation-2021.json';
  refused(bj, (r) => (r.indicators[2].weight = '2'), /indicators\[1\]\.weight.*合计为 3\.5/); // 项目立项 3 ≠ 2 + 1.5
  refused(bj, (r) => (r.indicators[0].weight = '15'), /indicators\[0\]\.weight/);
  refused(bj, (r) => (r.indicators[2].method = 'guess'), /indicators\[2\]\.method/);
  refused(bj, (r) => delete r.indicators[2].method, /indicators\[2\]\.method.*计分方法/);
  refused(bj, (r) => r.indicators.splice(1, 1), /indicators\[1\]\.path.*先序/); // 三级 without its 二级
  refused(bj, (r) => (r.ruleset = 'shanghai'), /ruleset/);
  refused(bj, (r) => (r.indicators[2].weight = 1.5), /indicators\[2\]\.weight.*十进制/);
  refused(bj, (r) => (r.indicators[2].wieght = '1.5'), /indicators\[2\]\.wieght/);
  refused('national-project.json', (r) => (r.budgetWeight = '20'), /indicators.*合计应为 100/);
  refused('nanjing-department-a-2024.json', (r) => (r.subject = 'unit'), /subject/);
});

// ---- matching evaluations built from seed rows ----
const HAICHUANG: Row[] = [ // seed 001, 海创扶持资金 自评表
  ['产出指标', '数量指标', '资助孵化海创数量', '≥50个', '基本达成', '15', '12'],
  ['', '质量指标', '符合资助政策规定', '符合最新政策标准和资助规定', '符合标准', '15', '15'],
  ['', '时效指标', '完成项目评审', '1.项目启动2021年1月至5月；2.项目实施阶段：2021年6-12月', '每年一次', '10', '10'],
  ['', '成本指标', '项目预算控制数', '2700', '1160万元', '10', '5'],
  ['效益指标', '社会效益\n指标', '引领技术创新水平', '得到提升', '得到提升', '10', '9'],
  ['', '', '促进产业竞争力水平', '得到提升', '得到提升', '10', '7'],
  ['', '', '培育优质企业发展数量', '得到提升', '得到提升', '10', '8'],
  ['满意度\n指标', '服务对象满意度', '资助企业满意度指标', '≥80%', '100%', '10', '10'],
];
const RUGAO: Row[] = [ // seed 003, 新录用事业人员培训及事业人员嘉奖证书
  ['决策指标', '项目立项', '立项依据充分性', '充分', '充分', '2', '2'],
  ['', '', '立项程序规范性', '规范', '规范', '2', '2'],
  ['', '绩效目标', '绩效目标合理性', '合理', '合理', '2', '2'],
  ['', '', '绩效指标明确性', '明确', '明确', '2', '2'],
  ['', '资金投入', '预算编制科学性', '科学', '科学', '2', '2'],
  ['', '', '资金分配合理性', '合理', '合理', '2', '2'],
  ['过程指标', '资金管理', '资金到位率', '100%', '100%', '3', '3'],
  ['', '', '预算执行率', '100%', '100%', '3', '3'],
  ['', '', '资金使用合规性', '合规', '合规', '4', '4'],
  ['', '组织实施', '管理制度及安全性', '健全', '健全', '2', '2'],
  ['', '', '制度执行有效性', '有效', '有效', '6', '6'],
  ['产出指标', '数量指标', '事业人员应培尽培率', '100%', '100%', '5', '5'],
  ['', '', '证书发放到位率', '100%', '100%', '5', '5'],
  ['', '质量指标', '参培学员考核结果合格率', '100%', '100%', '5', '5'],
  ['', '时效指标', '按时完成培训', '按时完成', '按时完成', '5', '5'],
  ['', '', '按时发放证书', '按时完成', '按时完成', '5', '5'],
  ['', '成本指标', '是否超出预算', '否', '否', '5', '5'],
  ['效益指标', '经济效益指标', '提高事业单位新录用人员适岗率和获得嘉奖人员工作积极性，促进经济发展', '是', '是', '10', '9'],
  ['', '社会效益指标', '提高参培人员工作能力，激励获得嘉奖人员，更好地服务社会。', '是', '是', '10', '9'],
  ['', '可持续发展指标', '促进事业单位可持续发展', '是', '是', '10', '10'],
  ['满意度指标', '满意度指标', '参培学员满意度', '>95%', '>95%', '5', '5'],
  ['', '', '获得嘉奖事业单位人员满意度', '>95%', '>95%', '5', '5'],
];
const NANJING_A: Row[] = [ // seed 000 得分表 (first rows of each block)
  ['决策 (12)', '计划制定', '工作计划制定健全性', '健全', '健全', '2', '2'],
  ['', '', '中长期规划制定健全性', '健全', '健全', '2', '2'],
  ['', '目标设定', '绩效指标明确性', '明确', '明确', '2', '2'],
  ['', '', '绩效目标合理性', '合理', '合理', '2', '2'],
  ['', '预算编制', '预算编制规范性', '规范', '规范', '2', '2'],
  ['', '', '预算编制科学性', '科学', '科学', '2', '2'],
  ['过程 (28)', '预算执行', '非税收入预算完成率', '100%', '100%', '2', '2'],
  ['', '', '政府采购执行率', '100%', '100%', '2', '2'],
  ['', '', '“三公经费”变动率', '0%', '0%', '2', '2'],
  ['', '', '预算执行率', '100%', '100%', '1', '1'],
  ['', '预算管理', '预算管理制度健全性', '健全', '健全', '1', '1'],
  ['', '资产管理', '固定资产利用率', '100%', '100%', '1', '1'],
  ['', '项目管理', '项目管理制度执行规范性', '规范', '较规范', '1.5', '1'],
  ['', '人员管理', '在职人员控制率', '100%', '100%', '0.5', '0.5'],
  ['', '机构建设', '纪检监察工作有效性', '有效', '有效', '0.5', '0.5'],
  ['履职 (30)', '人才引进', '人才引进', '按要求完成', '基本按要求完成', '5', '4'],
  ['', '人才服务', '人才服务', '按要求完成', '按要求完成', '5', '5'],
  ['', '组织大赛等相关活动', '完成大赛活动', '按要求完成', '按要求完成', '5', '5'],
  ['效益 (20)', '社会效益', '营造引智环境', '按年度工作任务', '', '20', '16.5'],
  ['满意度 (10)', '服务对象满意度', '窗口服务满意度', '窗口考核指标', '', '10', '10'],
];
const NANJING_B: Row[] = [ // seed 002 自评表, names with their printed codes
  ['A部门决策（15分）', 'A1决策机制', 'A11决策制度的规范性'],
  ['', '', 'A12决策流程的科学性'],
  ['', 'A2中长期规划', 'A21中长期规划明确性'],
  ['', 'A4部门预算编制', 'A41预算编制科学规范'],
  ['B部门管理（20分）', 'B1预算执行', 'B11部门预算执行率'],
  ['', '', 'B13“三公”经费控制率'],
  ['', 'B3资产管理', 'B31资产管理制度健全性'],
  ['', 'B5内部控制管理', 'B61内部控制建设情况'],
  ['', 'B6预算绩效管理', 'B73绩效信息公开'],
  ['C部门履职（30分）', 'C1重点工作数量完成率', '外事活动'],
  ['', 'C2重点工作质量达标率', ''],
  ['', 'C3重点工作完成及时率', ''],
  ['D履职绩效（30分）', 'D1经济效益', '提升国际投资吸引力'],
  ['', 'D2社会效益', '提升南京国际化城市建设水平'],
  ['E可持续发展能力（5分）', 'E1信息化建设情况（可选）', ''],
  ['F加减分项（≤5分）', 'F1加分项', ''],
  ['', 'F2减分项', ''],
];
const BJ_DEPT: Row[] = [ // seed 001 部门整体 指标体系
  ['部门决策', '预算编制', '预算编制科学性、资金分配合理性', '', '', '5', '5'],
  ['', '', '预算编制规范性', '', '', '5', '5'],
  ['', '目标设置', '绩效目标完整性', '', '', '3', '3'],
  ['', '', '绩效指标明确性', '', '', '7', '6'],
  ['部门管理', '资金管理', '财务合规、安全性', '', '', '4', '4'],
  ['', '资产管理', '固定资产利用率', '', '', '2', '1.98'],
  ['部门绩效', '经济性', '公用经费控制率', '', '', '6', '5.75'],
  ['', '效率性', '预算执行率', '', '', '6', '5.07'],
  ['', '公平性', '公众或服务对象满意度', '', '', '6', '5.8'],
];
const BJ_PROJECT_EVAL: Row[] = [ // seed 001 特聘岗位 项目评价评分表
  ['决策', '项目立项', '立项依据充分性', '', '', '1.5', '1.5'],
  ['', '', '立项程序规范性', '', '', '1.5', '1.5'],
  ['', '绩效目标', '绩效目标合理性', '', '', '1.5', '1.3'],
  ['', '资金投入', '预算编制科学性', '', '', '2', '2'],
  ['过程', '资金管理', '资金到位率', '', '', '4', '4'],
  ['', '', '预算执行率', '', '', '4', '3.9'],
  ['', '组织实施', '管理制度健全性', '', '', '4', '4'],
  ['产出', '产出数量', '实际完成率', '', '', '10', '10'],
  ['', '产出质量', '质量达标率', '', '', '10', '10'],
  ['', '产出时效', '完成及时性', '', '', '10', '10'],
  ['', '产出成本', '成本节约率', '', '', '10', '9'],
  ['效益', '项目效益', '实施效益', '', '', '20', '20'],
  ['', '', '满意度', '', '', '10', '10'],
];

test('matchFramework picks the framework each seed table follows (S0–S3)', () => {
  const cases: [string, Row[], 'project' | 'department', string][] = [
    ['001 海创扶持资金 自评表', HAICHUANG, 'project', 'national-project'],
    ['003 如皋 评分表', RUGAO, 'project', 'rugao-project-2024'],
    ['000 南京国才中心 得分表', NANJING_A, 'department', 'nanjing-department-a-2024'],
    ['002 南京外办 自评表', NANJING_B, 'department', 'nanjing-department-b-2024'],
    ['001 北京 部门整体', BJ_DEPT, 'department', 'beijing-department-2021'],
    ['001 北京 特聘岗位评价', BJ_PROJECT_EVAL, 'project', 'beijing-project-evaluation-2021'],
  ];
  for (const [what, rows, subject, want] of cases) {
    const m = matchFramework(evaluationFromRows(subject, rows));
    assert.equal(m?.framework.id, want, `${what} → ${m?.framework.id} (${m?.score})`);
    assert.ok(m!.score >= 0.5 && m!.score <= 1);
  }
});

test('matchFramework: unrelated tables match nothing', () => {
  const unrelated = evaluationFromRows('department', [
    ['基本情况', '人员编制', '在编人数', '6'],
    ['', '资产情况', '货币资金', '2448.22'],
    ['收支情况', '收入', '一般公共预算财政拨款收入'],
  ]);
  assert.equal(matchFramework(unrelated), null);
  // N7 财预〔2013〕53号 common 部门整体 framework: a different template, shares only a few names
  const n7 = evaluationFromRows('department', [
    ['投入', '目标设定', '绩效目标合理性'], ['', '', '绩效指标明确性'],
    ['', '预算配置', '在职人员控制率'], ['', '', '“三公经费”变动率'], ['', '', '重点支出安排率'],
    ['过程', '预算执行', '预算完成率'], ['', '', '预算调整率'], ['', '', '支付进度率'], ['', '', '结转结余率'],
    ['', '预算管理', '管理制度健全性'], ['', '', '资金使用合规性'], ['', '', '预决算信息公开性'],
    ['产出', '职责履行', '实际完成率'], ['', '', '完成及时率'], ['', '', '质量达标率'], ['', '', '重点工作办结率'],
    ['效果', '履职效益', '经济效益'], ['', '', '社会效益'], ['', '', '生态效益'], ['', '', '社会公众或服务对象满意度'],
  ]);
  assert.equal(matchFramework(n7), null);
  assert.equal(matchFramework(evaluationFromRows('project', [])), null);
});

test('normalizeName strips spaces, 指标 suffix, codes and (分) notes', () => {
  assert.equal(normalizeName('社会效益\n指标'), '社会效益');
  assert.equal(normalizeName('A11决策制度的规范性'), '决策制度的规范性');
  assert.equal(normalizeName('F加减分项（≤5分）'), '加减分项');
  assert.equal(normalizeName('E1信息化建设情况（可选）'), '信息化建设情况');
  assert.equal(normalizeName('决策 (12)'), '决策');
  assert.equal(normalizeName('满意 度指 标'), '满意度');
  assert.equal(normalizeName('部门（单位）概况'), '部门(单位)概况');
});

test('frameworkMethodFor: rows, placeholders and 加减分 (N2, S0, S2, S3)', () => {
  const nat = fw('national-project');
  const cost = frameworkMethodFor(nat, ['产出指标', '成本指标', '项目预算控制数']);
  assert.equal(cost?.method, 'ratio');
  assert.equal(cost?.direction, 'reverse'); // 成本 is a reverse indicator (§5.6)
  assert.equal(frameworkMethodFor(nat, ['满意度指标', '服务对象满意度', '资助企业满意度指标'])?.direction, 'positive');
  assert.equal(frameworkMethodFor(fw('rugao-project-2024'), ['过程指标', '资金管理', '预算执行率'])?.method, 'execution');
  assert.equal(frameworkMethodFor(fw('rugao-project-2024'), ['决策指标', '项目立项', '立项依据充分性'])?.method, 'qualitative');
  assert.equal(frameworkMethodFor(fw('nanjing-department-b-2024'), ['F加减分项（≤5分）', 'F1加分项'])?.method, 'bonus');
  assert.equal(frameworkMethodFor(fw('nanjing-department-a-2024'), ['过程', '预算执行', '“三公经费”变动率'])?.method, 'binary');
  assert.equal(frameworkMethodFor(fw('rugao-project-2024'), ['决策指标', '项目立项', '不存在的指标']), undefined);
  assert.equal(frameworkMethodFor(nat, []), undefined);
  // S1 特聘岗位 自评表 files its 社会效益指标 row under 产出指标: found through the unique 二级 name
  const misfiled = frameworkMethodFor(nat, ['产出指标', '社会效益\n指标', '落实建设属地职责推动经济和社会效益']);
  assert.equal(misfiled?.method, 'qualitative');
  assert.deepEqual(misfiled?.path.slice(0, 2), ['效益', '社会效益指标']);
});

test('newEvaluationFromFramework: national form with 资金 block of weight 10 (N2), tree and empty values', () => {
  const ev = newEvaluationFromFramework(fw('national-project'), { title: '海创扶持资金', unit: '北京海外学人中心', fiscalYear: 2025 });
  assert.equal(ev.subject, 'project');
  assert.equal(ev.framework, 'national-project');
  assert.equal(ev.fiscalYear, 2025);
  assert.equal(ev.budget?.weight, '10');
  assert.equal(ev.budget?.unit, '万元');
  assert.deepEqual(ev.budget?.lines.map((l) => l.fundSource), ['total', 'appropriation', 'carryover', 'other']);
  assert.deepEqual(ev.indicators.slice(0, 3).map((i) => [i.id, i.parentId, i.level, i.name]), [
    ['1', null, 1, '产出'], ['1.1', '1', 2, '数量指标'], ['1.1.1', '1.1', 3, '数量指标（按项目填写）'],
  ]);
  assert.deepEqual(ev.indicators.filter((i) => i.level === 1).map((i) => [i.id, i.weight]), [['1', '50'], ['2', '30'], ['3', '10']]);
  assert.equal(ev.indicators.find((i) => i.name === '服务对象满意度指标')?.id, '3.1');
  for (const i of ev.indicators) {
    assert.equal(i.actual, null);
    assert.equal(i.statedScore, null);
    assert.equal(i.target, null);
  }
  assert.ok(ev.indicators.find((i) => i.id === '1.1.1')?.notes?.length);
  assert.equal(ev.statedTotal, null);
});

test('newEvaluationFromFramework: department frameworks keep 标准值 and 加减分 kinds; no 资金 block (S0, S2)', () => {
  const a = newEvaluationFromFramework(fw('nanjing-department-a-2024'), { title: '2025 年度整体支出', unit: null, fiscalYear: 2025 });
  assert.equal(a.budget, null);
  assert.equal(a.indicators.find((i) => i.name === '工作计划制定健全性')?.target, '健全');
  assert.equal(a.indicators.find((i) => i.name === '预算执行率')?.kind, 'execution');
  const b = newEvaluationFromFramework(fw('nanjing-department-b-2024'), { title: '外办整体支出', unit: '南京市外办', fiscalYear: 2025 });
  const f = b.indicators.filter((i) => i.path[0] === '加减分项');
  assert.deepEqual(f.map((i) => [i.code, i.kind]), [['F', 'bonus'], ['F1', 'bonus'], ['F2', 'bonus']]);
  assert.equal(b.indicators.find((i) => i.code === 'A')?.weight, '15');
  assert.throws(() => newEvaluationFromFramework(fw('national-project'), { title: ' ', unit: null, fiscalYear: 2025 }), /标题/);
  assert.throws(() => newEvaluationFromFramework(fw('national-project'), { title: 'x', unit: null, fiscalYear: 25.5 }), /年份/);
});

test('carryForward: targets and weights kept, actuals/scores/deviation emptied, year moved', () => {
  const last = evaluationFromRows('project', HAICHUANG, {
    title: '2024年度海创扶持资金',
    fiscalYear: 2024,
    framework: 'national-project',
    statedTotal: '85',
    statedGrade: '良',
    goals: { expected: '加大海创扶持工作力度', actual: '完成了海创扶持政策制定相关工作' },
    budget: {
      unit: '万元', initialBudget: '2700', adjustedBudget: '1300', executed: '1160', weight: '10',
      statedRate: '89.23', statedScore: '9',
      lines: [{ fundSource: 'total', label: '年度资金总额', initialBudget: '2700', adjustedBudget: '1300', executed: '1160' }],
    },
    sections: [{ heading: '一、基本情况', text: '……' }],
  });
  last.indicators[2].deviation = '部分项目暂不符合扶持条件。';
  const before = JSON.stringify(last);
  const next = carryForward(last, 2025);
  assert.equal(JSON.stringify(last), before, '原评价不应被修改');
  assert.equal(next.fiscalYear, 2025);
  assert.equal(next.title, '2025年度海创扶持资金');
  assert.equal(next.framework, 'national-project');
  assert.deepEqual(next.indicators.map((i) => [i.id, i.path, i.target, i.weight]), last.indicators.map((i) => [i.id, i.path, i.target, i.weight]));
  assert.ok(next.indicators.every((i) => i.actual === null && i.statedScore === null && i.deviation === null));
  assert.equal(next.budget?.weight, '10');
  assert.equal(next.budget?.adjustedBudget, null);
  assert.equal(next.budget?.statedScore, null);
  assert.deepEqual(next.budget?.lines.map((l) => [l.label, l.executed]), [['年度资金总额', null]]);
  assert.deepEqual(next.goals, { expected: '加大海创扶持工作力度', actual: null });
  assert.equal(next.statedTotal, null);
  assert.equal(next.statedGrade, null);
  assert.deepEqual(next.sections, []);
  assert.throws(() => carryForward(last, Number.NaN), /年份/);
  assert.throws(() => carryForward(last, 2024), /不能结转到同一年度/);
});
