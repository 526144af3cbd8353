// The cycle's forms (绩效目标申报表, 运行监控表): written as .xlsx/.docx in the official layouts and read
// back from any document the readers produce.
import { assessRound, getRuleset, lifecycleSettings, type MonitoringRound, type TargetTable } from '@jixiao/core';
import { monitoringForm, targetForm } from './forms.ts';
import { formDocx, formXlsx } from './render.ts';

export { targetForm, monitoringForm, type Form } from './forms.ts';
export { readTargetForm, readMonitoringForm, FormError, type MonitoringForm, type MonitoringFormRow } from './read.ts';

export async function renderTargetTable(t: TargetTable, format: 'xlsx' | 'docx'): Promise<Uint8Array> {
  const f = targetForm(t);
  return format === 'xlsx' ? formXlsx(f, '绩效目标申报表') : formDocx(f);
}

export async function renderMonitoringTable(t: TargetTable, round: MonitoringRound, format: 'xlsx' | 'docx'): Promise<Uint8Array> {
  const a = assessRound(t, round, lifecycleSettings(getRuleset(t.ruleset ?? 'national') ?? null));
  const f = monitoringForm(t, round, a);
  return format === 'xlsx' ? formXlsx(f, '运行监控表') : formDocx(f);
}
