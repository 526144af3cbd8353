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
export const FIELD_LABEL: Record<string, string> = {
  target: '年度指标值',
  actual: '实际完成值',
  weight: '分值',
  statedScore: '得分',
  score: '计算得分',
  deviation: '偏差原因分析及改进措施',
  basis: '评分依据',
  name: '指标名称',
  initialBudget: '年初预算数',
  adjustedBudget: '全年预算数',
  executed: '全年执行数',
  statedRate: '执行率',
  statedTotal: '总分',
  statedGrade: '等级',
};

export function fieldLabel(field: string | undefined | null): string {
  if (!field) return '';
  const last = field.split('.').pop() ?? field;
  return FIELD_LABEL[field] ?? FIELD_LABEL[last] ?? field;
}

export function fmtTime(s: string | null | undefined): string {
  if (!s) return '';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
