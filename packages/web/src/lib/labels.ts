export { STATUS_LABEL, SUBJECT_LABEL, SEVERITY_LABEL, GRADE_LABEL, ROLE_LABEL, KIND_LABEL, FIELD_LABEL, fieldLabel } from '@jixiao/core/labels.ts';

export function fmtTime(s: string | null | undefined): string {
  if (!s) return '';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
