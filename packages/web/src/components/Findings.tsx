import { countFindings, type Finding } from '@jixiao/core';
import { SEVERITY_LABEL, fieldLabel } from '../lib/labels.ts';

const ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };

/** Move focus to the cell a finding is about (data-indicator-id + data-field), or the nearest one. */
export function focusFinding(f: Finding) {
  const w = f.where ?? {};
  const field = w.field ?? '';
  const id = w.indicatorId;
  const sel: string[] = [];
  if (id) {
    const q = `[data-indicator-id="${CSS.escape(id)}"]`;
    if (field) sel.push(`${q}[data-field="${CSS.escape(field)}"]`);
    if (field === 'score') sel.push(`${q}[data-field="statedScore"]`);
    sel.push(`${q}[data-field="actual"]`, `${q}[data-field="name"]`);
  } else if (field) {
    // a finding about the whole table (no row) focuses only cells that exist once: budget, totals
    const short = field.replace(/^budget\./, '');
    sel.push(`[data-field="budget.${CSS.escape(short)}"]`);
    if (/^(statedTotal|statedGrade|total)$/.test(field)) sel.push(`[data-field="${CSS.escape(field)}"]`);
  }
  for (const s of sel) {
    const el = document.querySelector<HTMLElement>(s);
    if (el) {
      el.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
      el.focus();
      if (el instanceof HTMLInputElement) el.select();
      el.classList.add('flash');
      setTimeout(() => el.classList.remove('flash'), 1200);
      return true;
    }
  }
  return false;
}

export function FindingsPanel({ findings, onPick }: { findings: Finding[]; onPick?: (f: Finding) => void }) {
  const list = [...findings].sort((a, b) => (ORDER[a.severity] ?? 3) - (ORDER[b.severity] ?? 3));
  const { errors, warnings } = countFindings(findings);
  return (
    <aside className="findings" aria-label="审核发现">
      <h3>
        问题清单 <span className="badge error">{errors} 错误</span> <span className="badge warning">{warnings} 警告</span>
      </h3>
      {list.length === 0 ? <p className="muted">未发现问题。</p> : null}
      <ol>
        {list.map((f, k) => (
          <li key={k}>
            <button
              type="button"
              className={`finding sev-${f.severity}`}
              data-rule={f.rule}
              data-finding-indicator={f.where?.indicatorId ?? ''}
              data-finding-field={f.where?.field ?? ''}
              onClick={() => (onPick ? onPick(f) : focusFinding(f))}
            >
              <span className={`sev sev-${f.severity}`}>{SEVERITY_LABEL[f.severity] ?? f.severity}</span>
              <span className="code">{f.code}</span>
              <span className="where">
                {f.where?.path?.join(' / ') ?? ''}
                {f.where?.cell || f.where?.field ? ` · ${f.where.cell ?? fieldLabel(f.where.field)}` : ''}
              </span>
              <span className="msg">{f.message}</span>
              {f.suggestion ? <span className="sug">建议：{f.suggestion}</span> : null}
            </button>
          </li>
        ))}
      </ol>
    </aside>
  );
}

/** Findings about the report prose (stated facts, sections): focus the section text quoting its numbers. */
export function focusProse(f: Finding): boolean {
  if (f.rule === 'report-section-missing' && f.where?.cell) {
    const t = document.querySelector<HTMLTextAreaElement>(`textarea[aria-label="${CSS.escape(f.where.cell)}"]`);
    if (t) {
      t.scrollIntoView({ block: 'center' });
      t.focus();
      return true;
    }
  }
  const nums = f.message.match(/\d[\d,.]*\d/g) ?? [];
  const areas = Array.from(document.querySelectorAll<HTMLTextAreaElement>('textarea[data-field^="sections."]'));
  const hit = areas.find((t) => nums.some((n) => t.value.includes(n))) ?? areas[0];
  if (!hit) return false;
  hit.scrollIntoView({ block: 'center' });
  hit.focus();
  const n = nums.find((x) => hit.value.includes(x));
  if (n) hit.setSelectionRange(hit.value.indexOf(n), hit.value.indexOf(n) + n.length);
  return true;
}

export function isProseFinding(f: Finding): boolean {
  const field = f.where?.field ?? '';
  return !f.where?.indicatorId && (field === 'facts' || field.startsWith('section') || f.where?.cell === '报告正文');
}
