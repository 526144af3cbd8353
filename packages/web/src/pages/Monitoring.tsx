// 运行监控: one round's form (per indicator 执行情况, 全年预计, 偏差原因, 完成目标可能性; the funds),
// with the traffic lights computed as it is filled; and the finance bureau's list of red lights.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { assessRound, CAUSES, getRuleset, lifecycleSettings, LIKELIHOODS, type MonitoringRound, type TargetTable } from '@jixiao/core';
import { api, qs } from '../api.ts';
import { useSession } from '../session.ts';
import { Link } from '../router.tsx';
import { LIGHT } from './Targets.tsx';

interface Detail {
  id: number;
  targetTableId: number;
  unitName: string;
  title: string;
  fiscalYear: number | null;
  status: 'draft' | 'submitted';
  version: number;
  round: MonitoringRound;
  table: TargetTable;
  settings: { sources: string[] };
}

const Light = ({ l }: { l: string }) => <span className={`light light-${l}`} data-light={l}>{LIGHT[l] ?? l}</span>;

export function MonitoringPage({ id }: { id: string }) {
  const { user } = useSession();
  const [d, setD] = useState<Detail | null>(null);
  const [round, setRound] = useState<MonitoringRound | null>(null);
  const [msg, setMsg] = useState('');
  const [error, setError] = useState('');
  const load = useCallback(() => {
    api<Detail>(`/api/monitoring/${id}`).then((r) => {
      setD(r);
      setRound(r.round);
    }).catch((e) => setError(e.message));
  }, [id]);
  useEffect(load, [load]);
  const assessment = useMemo(
    () => (d && round ? assessRound(d.table, round, lifecycleSettings(getRuleset(d.table.ruleset ?? 'national') ?? null)) : null),
    [d, round],
  );
  if (error && !d) return <p className="error page" role="alert">{error}</p>;
  if (!d || !round || !assessment) return <p className="loading">正在加载…</p>;
  const editable = d.status === 'draft' && (user?.role === 'filler' || user?.role === 'admin');
  const byId = new Map(d.table.indicators.map((i) => [i.id, i]));
  const lightOf = new Map(assessment.indicators.map((i) => [i.indicatorId, i]));
  const setRow = (iid: string, patch: Record<string, unknown>) => setRound({ ...round, rows: round.rows.map((r) => (r.indicatorId === iid ? { ...r, ...patch } : r)) });
  const setFunds = (k: 'executed' | 'expectedYearEnd' | 'annualBudget', v: string) => setRound({ ...round, funds: { ...round.funds, [k]: v.trim() || null } });
  const run = async (label: string, f: () => Promise<unknown>) => {
    setError('');
    setMsg('');
    try {
      await f();
      setMsg(label);
      load();
    } catch (e: any) {
      setError([e.message, ...(e.body?.missing ?? [])].join('；'));
    }
  };
  return (
    <section className="page monitoring">
      <div className="toolbar">
        <h1 style={{ margin: 0 }}>运行监控：{d.title}（{round.period.from}–{round.period.to}月）</h1>
        <span>项目 <Light l={assessment.light} /></span>
        <span className="muted">{d.unitName} · {d.fiscalYear}年 · {d.status === 'submitted' ? '已提交' : '草稿'}</span>
        <span className="spacer" />
        <a href={`/api/monitoring/${id}/export?format=xlsx`} download>下载 Excel</a>
        <a href={`/api/monitoring/${id}/export?format=docx`} download>下载 Word</a>
        <Link to={`/targets/${d.targetTableId}`}>绩效目标表</Link>
      </div>
      {msg ? <p className="notice" role="status">{msg}</p> : null}
      {error ? <p className="error" role="alert" data-testid="monitoring-error">{error}</p> : null}
      <div className="card">
        <h2>资金执行（{round.funds.unit}）</h2>
        <table className="form-head">
          <tbody>
            <tr>
              <th>全年预算数</th><td><input aria-label="全年预算数" className="num" readOnly={!editable} value={round.funds.annualBudget ?? ''} onChange={(e) => setFunds('annualBudget', e.target.value)} /></td>
              <th>{round.period.from}–{round.period.to}月执行数</th><td><input aria-label="执行数" className="num" readOnly={!editable} value={round.funds.executed ?? ''} onChange={(e) => setFunds('executed', e.target.value)} /></td>
              <th>全年预计执行数</th><td><input aria-label="全年预计执行数" className="num" readOnly={!editable} value={round.funds.expectedYearEnd ?? ''} onChange={(e) => setFunds('expectedYearEnd', e.target.value)} /></td>
            </tr>
            <tr>
              <th>执行率</th><td data-testid="funds-rate">{assessment.funds.rate ? `${assessment.funds.rate}%` : '—'}</td>
              <th>序时进度</th><td>{assessment.funds.schedule}%</td>
              <th>资金</th><td><Light l={assessment.funds.light} /> <span className="small">{assessment.funds.reasons.join('；')}</span></td>
            </tr>
          </tbody>
        </table>
      </div>
      <table className="list indicators" data-testid="monitoring-rows">
        <thead>
          <tr><th>指标</th><th>年度指标值</th><th>{round.period.from}–{round.period.to}月执行情况</th><th>全年预计完成情况</th><th>偏差原因</th><th>原因说明</th><th>完成目标可能性</th><th>灯</th></tr>
        </thead>
        <tbody>
          {round.rows.map((r) => {
            const ind = byId.get(r.indicatorId);
            const l = lightOf.get(r.indicatorId);
            return (
              <tr key={r.indicatorId} data-row-id={r.indicatorId}>
                <td>{ind?.path.join('/')}</td>
                <td>{ind?.target ?? ''}</td>
                <td><input aria-label={`${r.indicatorId} 执行情况`} readOnly={!editable} value={r.progress ?? ''} onChange={(e) => setRow(r.indicatorId, { progress: e.target.value || null })} /></td>
                <td><input aria-label={`${r.indicatorId} 全年预计`} readOnly={!editable} value={r.expected ?? ''} onChange={(e) => setRow(r.indicatorId, { expected: e.target.value || null })} /></td>
                <td>
                  <select aria-label={`${r.indicatorId} 偏差原因`} disabled={!editable} value={r.cause ?? ''} onChange={(e) => setRow(r.indicatorId, { cause: e.target.value || null })}>
                    <option value="">—</option>
                    {CAUSES.map((c) => <option key={c} value={c}>{c}</option>)}
                  </select>
                </td>
                <td><input aria-label={`${r.indicatorId} 原因说明`} readOnly={!editable} value={r.note ?? ''} onChange={(e) => setRow(r.indicatorId, { note: e.target.value || null })} /></td>
                <td>
                  <select aria-label={`${r.indicatorId} 完成目标可能性`} disabled={!editable} value={r.likelihood ?? ''} onChange={(e) => setRow(r.indicatorId, { likelihood: e.target.value || null })}>
                    <option value="">—</option>
                    {LIKELIHOODS.map((c) => <option key={c} value={c}>{c}</option>)}
                  </select>
                </td>
                <td title={l?.reasons.join('；')}><Light l={l?.light ?? 'none'} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {assessment.missing.length ? <ul className="small error">{assessment.missing.map((m) => <li key={m}>{m}</li>)}</ul> : null}
      {editable ? (
        <div className="toolbar">
          <button type="button" className="primary" onClick={() => run('已保存。', () => api(`/api/monitoring/${id}`, { method: 'PUT', body: { version: d.version, round } }))}>保存</button>
          <button type="button" onClick={() => run('已提交。', async () => {
            await api(`/api/monitoring/${id}`, { method: 'PUT', body: { version: d.version, round } });
            await api(`/api/monitoring/${id}/submit`, { body: {} });
          })}>保存并提交</button>
        </div>
      ) : null}
      <details className="small muted"><summary>红黄绿灯的规则及依据</summary><ul>{d.settings.sources.map((s) => <li key={s}>{s}</li>)}</ul></details>
    </section>
  );
}

interface Red {
  id: number;
  targetTableId: number;
  unitName: string;
  title: string;
  fiscalYear: number | null;
  period: { from: number; to: number };
  funds: { rate: string | null; light: string; reasons: string[] };
  red: { indicatorId: string; path: string[]; reasons: string[]; cause: string | null; note: string | null }[];
}

export function RedLightsPage() {
  const [items, setItems] = useState<Red[] | null>(null);
  const [year, setYear] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    api<Red[]>(`/api/monitoring/red${qs({ fiscalYear: year })}`).then(setItems).catch((e) => setError(e.message));
  }, [year]);
  return (
    <section className="page">
      <h1>红灯项目</h1>
      <p className="muted">已提交的运行监控表中有红灯的项目：预计无法完成目标或资金执行严重滞后，需预警纠偏（双监控）。</p>
      <div className="toolbar"><label>年度<input type="number" value={year} onChange={(e) => setYear(e.target.value)} style={{ width: 90 }} /></label></div>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {items == null ? <p className="loading">正在加载…</p> : items.length === 0 ? <p className="empty">没有红灯项目。</p> : (
        <table className="list" data-testid="red-list">
          <thead><tr><th>单位</th><th>项目</th><th>期间</th><th>红灯指标</th><th>偏差原因</th><th>资金</th></tr></thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <td>{r.unitName}</td>
                <td><Link to={`/monitoring/${r.id}`}>{r.title}</Link></td>
                <td>{r.fiscalYear}年{r.period.from}–{r.period.to}月</td>
                <td>{r.red.map((x) => <div key={x.indicatorId}>{x.path.at(-1)}：{x.reasons.join('；')}</div>)}</td>
                <td>{r.red.map((x) => <div key={x.indicatorId}>{x.cause ?? '—'}{x.note ? `（${x.note}）` : ''}</div>)}</td>
                <td>{r.funds.rate ? `${r.funds.rate}%` : '—'} {r.funds.light === 'red' ? <Light l="red" /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
