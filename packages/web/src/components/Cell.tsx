// One editable cell of the form. Keeps the typed text locally so a half-typed number ("8.") is not
// lost; numeric cells refuse text that is not a decimal (shown in red, not applied).
import { useEffect, useState } from 'react';
import { parseDec } from '@jixiao/core';

export function Cell(props: {
  value: string | null | undefined;
  onChange?: (v: string | null) => void;
  numeric?: boolean;
  readOnly?: boolean;
  indicatorId?: string;
  field: string;
  row: number;
  col: number;
  label: string;
  wide?: boolean;
  highlight?: 'changed' | null;
  placeholder?: string;
}) {
  const { value, onChange, numeric, readOnly, indicatorId, field, row, col, label, wide, highlight, placeholder } = props;
  const [text, setText] = useState(value ?? '');
  const [bad, setBad] = useState(false);
  useEffect(() => {
    // an outside change (conflict merge, reload) replaces the local text unless it means the same
    setText((t) => (t === (value ?? '') || (numeric && sameDec(t, value ?? '')) ? t : value ?? ''));
    setBad(false);
  }, [value, numeric]);
  if (readOnly || !onChange) {
    // read-only (review, public, submitted): wrapped text like the printed form, still focusable
    return (
      <div
        className={`cell-text${numeric ? ' num' : ''}${highlight ? ` hl-${highlight}` : ''}`}
        tabIndex={0}
        aria-label={label}
        data-indicator-id={indicatorId}
        data-field={field}
        data-row={row}
        data-col={col}
      >
        {value ?? ''}
      </div>
    );
  }
  const cls = ['cell-input', numeric ? 'num' : '', wide ? 'wide' : '', bad ? 'bad' : '', highlight ? `hl-${highlight}` : ''].join(' ');
  return (
    <input
      className={cls}
      value={text}
      readOnly={readOnly || !onChange}
      aria-label={label}
      placeholder={placeholder}
      title={bad ? '请输入数字' : undefined}
      data-indicator-id={indicatorId}
      data-field={field}
      data-row={row}
      data-col={col}
      onChange={(e) => {
        const t = e.target.value;
        setText(t);
        if (numeric && t.trim() !== '' && !parseDec(t)) {
          setBad(true);
          return;
        }
        setBad(false);
        onChange?.(numeric && t.trim() !== '' ? t.trim().replace(/[,，]/g, '') : t);
      }}
    />
  );
}

/** A computed score: focusable, shows its 评分过程 on hover and focus. */
export function ScoreCell(props: {
  score: string | null;
  trace: string;
  stated?: string | null;
  indicatorId?: string;
  field?: string;
  row: number;
  col: number;
  label: string;
}) {
  const { score, trace, stated, indicatorId, field = 'score', row, col, label } = props;
  const differs = score != null && stated != null && stated !== '' && !sameDec(score, stated);
  const tipId = `trace-${indicatorId ?? field}`;
  return (
    <span className={`score-cell${differs ? ' differs' : ''}`}>
      <span
        tabIndex={0}
        className="score-value"
        aria-label={label}
        aria-describedby={tipId}
        data-indicator-id={indicatorId}
        data-field={field}
        data-row={row}
        data-col={col}
        data-testid={indicatorId ? `score-${indicatorId}` : undefined}
      >
        {score ?? '—'}
      </span>
      <span role="tooltip" id={tipId} className="trace">
        <b>评分过程</b>
        {'\n'}
        {trace || '（无评分过程）'}
        {differs ? `\n填报得分 ${stated}，与计算得分不一致。` : ''}
      </span>
    </span>
  );
}

function sameDec(a: string, b: string): boolean {
  const x = parseDec(a);
  const y = parseDec(b);
  return x != null && y != null ? x.equals(y) : a.trim() === b.trim();
}
