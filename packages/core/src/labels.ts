// Every Chinese label of a field, a status, a role … written once, for the web UI, the server and
// the CLI. A key the user might see never shows raw (`goals.expected`): fieldLabel names it.

export const STATUS_LABEL: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '退回',
  approved: '审核通过',
  published: '已公开',
};
export const SUBJECT_LABEL: Record<string, string> = { project: '项目支出', department: '部门整体支出' };
export const SEVERITY_LABEL: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
export const GRADE_LABEL: Record<string, string> = { excellent: '优', good: '良', fair: '中', poor: '差' };
export const ROLE_LABEL: Record<string, string> = { filler: '填报人', reviewer: '审核人', finance: '财政', admin: '管理员' };
/** the kinds of unit in the unit tree */
export const KIND_LABEL: Record<string, string> = { finance: '财政部门', department: '主管部门', unit: '单位' };

export const FIELD_LABEL: Record<string, string> = {
  // the form's header
  title: '项目名称',
  subject: '评价对象',
  unit: '实施单位',
  parentUnit: '主管部门',
  manager: '项目负责人',
  phone: '联系电话',
  fiscalYear: '年度',
  framework: '指标体系',
  // one indicator row
  name: '指标名称',
  code: '指标编码',
  description: '指标说明',
  rule: '评分标准',
  target: '年度指标值',
  actual: '实际完成值',
  unitOfMeasure: '计量单位',
  weight: '分值',
  statedScore: '得分',
  score: '计算得分',
  deviation: '偏差原因分析及改进措施',
  basis: '评分依据',
  indicators: '绩效指标',
  // the 资金 block
  budget: '项目资金',
  'budget.unit': '金额单位',
  initialBudget: '年初预算数',
  adjustedBudget: '全年预算数',
  executed: '全年执行数',
  received: '实际到位资金',
  statedRate: '执行率',
  rate: '计算执行率',
  // totals
  statedTotal: '总分',
  total: '计算总分',
  statedGrade: '等级',
  grade: '计算等级',
  // 年度总体目标 and the report
  goals: '年度总体目标',
  'goals.expected': '年度总体目标 · 预期目标',
  'goals.actual': '年度总体目标 · 实际完成情况',
  sections: '报告正文',
  heading: '标题',
  text: '正文',
};

/** The Chinese name of a field key: "actual", "budget.executed", "goals.expected", "sections.2.text". */
export function fieldLabel(field: string | undefined | null): string {
  if (!field) return '';
  if (FIELD_LABEL[field]) return FIELD_LABEL[field];
  const section = field.match(/^sections(?:\.(\d+)|\[(\d+)\])(?:\.(heading|text))?$/);
  if (section) return `报告正文第${Number(section[1] ?? section[2]) + 1}节${section[3] === 'heading' ? '（标题）' : ''}`;
  const line = field.match(/^budget\.lines(?:\.(\d+)|\[(\d+)\])\.(\w+)$/);
  if (line) return `资金第${Number(line[1] ?? line[2]) + 1}行 · ${line[3] === 'label' ? '名称' : line[3] === 'fundSource' ? '资金来源' : FIELD_LABEL[line[3]] ?? '金额'}`;
  const last = field.split('.').pop() ?? field;
  return FIELD_LABEL[last] ?? '其他字段';
}
