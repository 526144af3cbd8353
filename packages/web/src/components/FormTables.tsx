// The 资金 block and the indicator table, shaped like the paper 自评表.
import { parseDec, str, sum, type EvaluationJson, type IndicatorJson } from '@jixiao/core';
import { layoutIndicators, levelHeaders, levelName } from '@jixiao/core';
import type { Edit, IndicatorField, MetaField } from '../lib/edit.ts';
import { FIELD_LABEL } from '../lib/labels.ts';
import { Cell, ScoreCell } from './Cell.tsx';
import { onGridKeyDown } from './gridKeys.ts';

type OnEdit = ((e: Edit) => void) | undefined;

const BUDGET_COLS = ['initialBudget', 'adjustedBudget', 'executed'] as const;

const HEADER: { field: MetaField; project: string; department: string; type?: 'year' }[] = [
  { field: 'title', project: '项目名称', department: '评价名称' },
  { field: 'parentUnit', project: '主管部门', department: '主管部门' },
  { field: 'unit', project: '实施单位', department: '单位名称' },
  { field: 'manager', project: '项目负责人', department: '负责人' },
  { field: 'phone', project: '联系电话', department: '联系电话' },
  { field: 'fiscalYear', project: '年度', department: '年度', type: 'year' },
];

/** The header of the official form: 项目名称, 主管部门, 实施单位, 项目负责人, 联系电话, 年度, and the amounts' unit. */
export function HeaderFields({ ev, onEdit }: { ev: EvaluationJson; onEdit: OnEdit }) {
  const ro = !onEdit;
  return (
    <fieldset className="form-header" data-testid="form-header">
      <legend>表头</legend>
      {HEADER.map((h) => {
        const label = ev.subject === 'department' ? h.department : h.project;
        const v = ev[h.field];
        return (
          <label key={h.field}>
            <span>{label}</span>
            <input
              type={h.type === 'year' ? 'number' : 'text'}
              min={h.type === 'year' ? 1990 : undefined}
              max={h.type === 'year' ? 2100 : undefined}
              readOnly={ro}
              value={v == null ? '' : String(v)}
              data-field={h.field}
              onChange={(e) => onEdit?.({ kind: 'meta', field: h.field, value: e.target.value })}
            />
          </label>
        );
      })}
      {ev.budget ? (
        <label>
          <span>金额单位</span>
          <select disabled={ro} value={ev.budget.unit} data-field="budget.unit" onChange={(e) => onEdit?.({ kind: 'budget', field: 'unit', value: e.target.value })}>
            <option value="万元">万元</option>
            <option value="元">元</option>
          </select>
        </label>
      ) : null}
    </fieldset>
  );
}

export function BudgetBlock({ ev, onEdit }: { ev: EvaluationJson; onEdit: OnEdit }) {
  const b = ev.budget;
  if (!b) return <p className="muted">本评价没有资金表。</p>;
  const lines = b.lines.map((l, i) => ({ l, i })).filter(({ l }) => l.fundSource !== 'total');
  return (
    <table className="form budget" onKeyDown={onGridKeyDown}>
      <caption>项目资金（{b.unit}）</caption>
      <thead>
        <tr>
          <th>资金</th>
          <th className="w-amount">年初预算数</th>
          <th className="w-amount">全年预算数</th>
          <th className="w-amount">全年执行数</th>
          <th className="w-weight">分值</th>
          <th className="w-rate">执行率%（填报 / 计算）</th>
          <th className="w-score">得分（填报 / 计算）</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th className="rowhead">年度资金总额</th>
          {BUDGET_COLS.map((f, c) => (
            <td key={f}>
              <Cell numeric value={b[f]} field={`budget.${f}`} row={0} col={c} label={`年度资金总额 ${FIELD_LABEL[f]}`} onChange={onEdit && ((v) => onEdit({ kind: 'budget', field: f, value: v }))} />
            </td>
          ))}
          <td>
            <Cell numeric value={b.weight} field="budget.weight" row={0} col={3} label="预算执行 分值" onChange={onEdit && ((v) => onEdit({ kind: 'budget', field: 'weight', value: v }))} />
          </td>
          <td className="rate-cell">
            <Cell numeric value={b.statedRate} field="budget.statedRate" row={0} col={4} label="填报执行率（%）" onChange={onEdit && ((v) => onEdit({ kind: 'budget', field: 'statedRate', value: v }))} />
            <span className="computed-line" data-testid="execution-rate">计算 {b.rate != null ? `${b.rate}%` : '—'}</span>
          </td>
          <td rowSpan={lines.length + 1} className="budget-score">
            <Cell numeric value={b.statedScore} field="budget.statedScore" row={0} col={5} label="填报得分" onChange={onEdit && ((v) => onEdit({ kind: 'budget', field: 'statedScore', value: v }))} />
            <ScoreCell score={b.score} stated={b.statedScore} trace={b.trace} field="budget.score" row={0} col={6} label="预算执行计算得分" />
          </td>
        </tr>
        {lines.map(({ l, i }, k) => (
          <tr key={i}>
            <th className="rowhead sub">{l.label}</th>
            {BUDGET_COLS.map((f, c) => (
              <td key={f}>
                <Cell numeric value={l[f]} field={`budget.lines.${i}.${f}`} row={k + 1} col={c} label={`${l.label} ${FIELD_LABEL[f]}`} onChange={onEdit && ((v) => onEdit({ kind: 'budgetLine', index: i, field: f, value: v }))} />
              </td>
            ))}
            <td className="na">—</td>
            <td className="na">—</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const COLS: { field: IndicatorField | 'score'; title: string; numeric?: boolean; wide?: boolean }[] = [
  { field: 'target', title: '年度指标值' },
  { field: 'actual', title: '实际完成值' },
  { field: 'weight', title: '分值', numeric: true },
  { field: 'statedScore', title: '得分', numeric: true },
  { field: 'score', title: '计算得分' },
  { field: 'deviation', title: '偏差原因分析及改进措施', wide: true },
];

export function IndicatorTable(props: {
  ev: EvaluationJson;
  onEdit: OnEdit;
  /** indicator ids with unresolved findings → the worst severity */
  marks?: Map<string, string>;
  /** "id:field" keys changed since the last submission */
  changed?: Set<string>;
  /** extra column (review comments) */
  extra?: { title: string; render: (i: IndicatorJson) => React.ReactNode };
  /** "id:field" → the review comments bound to that cell, shown under it */
  notes?: Map<string, string[]>;
}) {
  const { ev, onEdit, marks, changed, extra, notes } = props;
  const layout = layoutIndicators(ev.indicators);
  const headers = levelHeaders(layout.depth);
  // grid columns: the level names first when they are editable, then the value columns
  const base = onEdit ? layout.depth : 0;
  return (
    <table className="form indicators" onKeyDown={onGridKeyDown}>
      <thead>
        <tr>
          {headers.map((h, k) => (
            <th key={h} className={`lvl${k === headers.length - 1 && k > 0 ? ' lvl-last' : ''}`}>{h}</th>
          ))}
          {COLS.map((c) => (
            <th key={c.field} className={`col-${c.field}`}>{c.title}</th>
          ))}
          {extra ? <th>{extra.title}</th> : null}
        </tr>
      </thead>
      <tbody>
        {layout.rows.map((r, ri) => {
          const leaf = r.leaf;
          const mark = marks?.get(leaf.id);
          return (
            <tr key={leaf.id} className={mark ? `mark-${mark}` : undefined}>
              {r.cells.map((c) => {
                const i = c.indicator;
                const isLeaf = i.id === leaf.id;
                const cls = `lvl lvl${c.column + 1}${isLeaf ? ' leafname' : ''}${marks?.get(i.id) && !isLeaf ? ` mark-${marks.get(i.id)}` : ''}`;
                const subtotal =
                  !isLeaf && (i.weight != null || i.score != null) ? (
                    <span className="subtotal" title={i.trace || undefined}>
                      {[i.weight != null ? `分值 ${i.weight}` : '', i.score != null ? `得分 ${i.score}` : ''].filter(Boolean).join(' · ')}
                    </span>
                  ) : null;
                if (onEdit) {
                  // authoring: the name is a cell of the grid like any other
                  return (
                    <td key={i.id} rowSpan={c.rowSpan} colSpan={c.colSpan} className={cls}>
                      {i.code ? <span className="code">{i.code}</span> : null}
                      <Cell
                        value={i.name}
                        indicatorId={i.id}
                        field="name"
                        row={ri}
                        col={c.column}
                        label={`${levelName(i.level)}指标名称`}
                        placeholder="输入指标名称"
                        onChange={(v) => onEdit({ kind: 'indicator', id: i.id, field: 'name', value: v })}
                      />
                      {subtotal}
                    </td>
                  );
                }
                return (
                  <td key={i.id} rowSpan={c.rowSpan} colSpan={c.colSpan} className={cls} data-indicator-id={i.id} data-field="name" tabIndex={-1}>
                    {i.code ? <span className="code">{i.code}</span> : null}
                    {i.name}
                    {subtotal}
                  </td>
                );
              })}
              {COLS.map((c, ci) => (
                <td key={c.field} className={`col-${c.field}`}>
                  {c.field === 'score' ? (
                    <ScoreCell score={leaf.score} stated={leaf.statedScore} trace={leaf.trace} indicatorId={leaf.id} row={ri} col={base + ci} label={`${leaf.name} 计算得分`} />
                  ) : (
                    <Cell
                      value={leaf[c.field] as string | null}
                      numeric={c.numeric}
                      wide={c.wide}
                      indicatorId={leaf.id}
                      field={c.field}
                      row={ri}
                      col={base + ci}
                      label={`${leaf.name} ${c.title}`}
                      highlight={changed?.has(`${leaf.id}:${c.field}`) ? 'changed' : null}
                      onChange={onEdit && ((v) => onEdit({ kind: 'indicator', id: leaf.id, field: c.field as IndicatorField, value: v }))}
                    />
                  )}
                  {notes?.get(`${leaf.id}:${c.field}`)?.map((t, k) => (
                    <p key={k} className="cell-note" data-note-for={`${leaf.id}:${c.field}`} title="审核批注">
                      批注：{t}
                    </p>
                  ))}
                </td>
              ))}
              {extra ? <td className="extra">{extra.render(leaf)}</td> : null}
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th colSpan={layout.depth} className="rowhead">合计</th>
          <td></td>
          <td></td>
          <td className="num">{sumWeights(ev)}</td>
          <td>
            <Cell numeric value={ev.statedTotal} field="statedTotal" row={layout.rows.length} col={base + 3} label="填报总分" onChange={onEdit && ((v) => onEdit({ kind: 'meta', field: 'statedTotal', value: v }))} />
          </td>
          <td>
            <TotalCell ev={ev} row={layout.rows.length} col={base + 4} />
          </td>
          <td className="grade-cell">
            等级 <b data-testid="grade-foot">{ev.gradeLabel ?? '—'}</b>
            <span className="stated-grade">
              填报等级
              <Cell value={ev.statedGrade} field="statedGrade" row={layout.rows.length} col={base + 5} label="填报等级" onChange={onEdit && ((v) => onEdit({ kind: 'meta', field: 'statedGrade', value: v }))} />
            </span>
          </td>
          {extra ? <td /> : null}
        </tr>
      </tfoot>
    </table>
  );
}

export function TotalCell({ ev, row, col }: { ev: EvaluationJson; row?: number; col?: number }) {
  return (
    <span className="score-cell total">
      <span tabIndex={0} className="score-value" data-field="total" data-row={row} data-col={col} aria-label="计算总分">
        {ev.total ?? '—'}
      </span>
      <span role="tooltip" className="trace">
        <b>评分过程</b>
        {'\n'}
        {ev.totalTrace || '（无评分过程）'}
      </span>
    </span>
  );
}

/** Σ 分值 of the leaf rows as stated (display only; the checks judge it). */
function sumWeights(ev: EvaluationJson): string {
  const parents = new Set(ev.indicators.map((i) => i.parentId));
  const parts = ev.indicators.filter((i) => !parents.has(i.id) && i.kind !== 'bonus').map((i) => parseDec(i.weight));
  // the 资金 block's 分值 counts towards 100 unless budget execution is already a row of the table
  if (ev.budget && !ev.indicators.some((i) => i.kind === 'execution')) parts.push(parseDec(ev.budget.weight));
  if (parts.every((p) => p == null)) return '';
  return str(sum(parts));
}
