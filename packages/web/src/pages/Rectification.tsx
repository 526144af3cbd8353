// 整改: the findings and problems of one evaluation turned into items (owner, deadline, measures), the
// budget consequence its grade suggests; and the list of items, with the open ones counted by unit.
import { useCallback, useEffect, useState } from 'react';
import { RECTIFICATION_STATUS_LABEL, type RectificationItem } from '@jixiao/core';
import { api, qs } from '../api.ts';
import { useSession } from '../session.ts';
import { Link } from '../router.tsx';

interface Item {
  id: number;
  unitName: string;
  evaluationId: number | null;
  fiscalYear: number | null;
  title: string;
  problem: string;
  owner: string | null;
  deadline: string | null;
  measures: string | null;
  status: 'open' | 'in-progress' | 'done';
  statusLabel: string;
}

export function EvaluationRectificationPage({ id }: { id: string }) {
  const [d, setD] = useState<{ title: string; gradeLabel: string | null; total: string | null; consequence: { action: string; source: string } | null; candidates: RectificationItem[]; items: Item[] } | null>(null);
  const [picked, setPicked] = useState<Record<number, { on: boolean; owner: string; deadline: string; measures: string }>>({});
  const [msg, setMsg] = useState('');
  const [error, setError] = useState('');
  const load = useCallback(() => {
    api(`/api/evaluations/${id}/rectification`).then((r) => {
      setD(r);
      setPicked(Object.fromEntries(r.candidates.map((c: RectificationItem, k: number) => [k, { on: false, owner: '', deadline: '', measures: c.measures ?? '' }])));
    }).catch((e) => setError(e.message));
  }, [id]);
  useEffect(load, [load]);
  if (error && !d) return <p className="error page" role="alert">{error}</p>;
  if (!d) return <p className="loading">正在加载…</p>;
  const create = async () => {
    setError('');
    setMsg('');
    const items = d.candidates
      .map((c, k) => ({ c, p: picked[k] }))
      .filter((x) => x.p?.on)
      .map(({ c, p }) => ({ problem: c.problem, source: c.source, owner: p.owner || null, deadline: p.deadline || null, measures: p.measures || null }));
    try {
      const r = await api<{ ids: number[] }>('/api/rectification', { body: { evaluationId: Number(id), items } });
      setMsg(`已登记 ${r.ids.length} 项整改。`);
      load();
    } catch (e: any) {
      setError(e.message);
    }
  };
  return (
    <section className="page">
      <div className="toolbar">
        <h1 style={{ margin: 0 }}>整改：{d.title}</h1>
        <span className="spacer" />
        <Link to={`/evaluations/${id}`}>返回评价</Link>
      </div>
      <p data-testid="consequence">
        自评 {d.total ?? '—'} 分，等级 {d.gradeLabel ?? '—'}。
        {d.consequence ? <>结果应用建议：<b>{d.consequence.action}</b>（依据：{d.consequence.source}）</> : null}
      </p>
      {msg ? <p className="notice" role="status">{msg}</p> : null}
      {error ? <p className="error" role="alert">{error}</p> : null}
      <h2>可转为整改事项的问题</h2>
      {d.candidates.length === 0 ? <p className="empty">报告没有列出问题，也没有错误级别的检查结果。</p> : (
        <table className="list" data-testid="candidates">
          <thead><tr><th>选择</th><th>问题</th><th>责任人</th><th>整改期限</th><th>整改措施</th></tr></thead>
          <tbody>
            {d.candidates.map((c, k) => (
              <tr key={k} data-candidate={c.source.rule ?? c.source.kind}>
                <td><input type="checkbox" aria-label={`选择问题 ${k + 1}`} checked={picked[k]?.on ?? false} onChange={(e) => setPicked({ ...picked, [k]: { ...picked[k], on: e.target.checked } })} /></td>
                <td>{c.source.code ? <span className="code">{c.source.code} </span> : null}{c.problem}</td>
                <td><input aria-label={`责任人 ${k + 1}`} value={picked[k]?.owner ?? ''} onChange={(e) => setPicked({ ...picked, [k]: { ...picked[k], owner: e.target.value } })} /></td>
                <td><input type="date" aria-label={`整改期限 ${k + 1}`} value={picked[k]?.deadline ?? ''} onChange={(e) => setPicked({ ...picked, [k]: { ...picked[k], deadline: e.target.value } })} /></td>
                <td><input aria-label={`整改措施 ${k + 1}`} value={picked[k]?.measures ?? ''} onChange={(e) => setPicked({ ...picked, [k]: { ...picked[k], measures: e.target.value } })} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="primary" disabled={!Object.values(picked).some((p) => p.on)} onClick={create}>登记为整改事项</button>
      <h2>已登记的整改事项</h2>
      <ItemsTable items={d.items} onChange={load} />
    </section>
  );
}

function ItemsTable({ items, onChange }: { items: Item[]; onChange: () => void }) {
  const [error, setError] = useState('');
  if (!items.length) return <p className="empty">没有整改事项。</p>;
  const setStatus = async (id: number, status: string) => {
    try {
      await api(`/api/rectification/${id}`, { method: 'PATCH', body: { status } });
      onChange();
    } catch (e: any) {
      setError(e.message);
    }
  };
  return (
    <>
      {error ? <p className="error" role="alert">{error}</p> : null}
      <table className="list" data-testid="rectification-items">
        <thead><tr><th>单位</th><th>项目</th><th>问题</th><th>责任人</th><th>期限</th><th>措施</th><th>状态</th></tr></thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              <td>{i.unitName}</td>
              <td>{i.evaluationId ? <Link to={`/evaluations/${i.evaluationId}/rectification`}>{i.title}</Link> : i.title}（{i.fiscalYear}）</td>
              <td>{i.problem}</td>
              <td>{i.owner ?? ''}</td>
              <td>{i.deadline ?? ''}</td>
              <td className="small">{i.measures ?? ''}</td>
              <td>
                <select aria-label={`整改状态 ${i.id}`} value={i.status} onChange={(e) => setStatus(i.id, e.target.value)}>
                  {Object.entries(RECTIFICATION_STATUS_LABEL).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function RectificationPage() {
  const { user } = useSession();
  const [items, setItems] = useState<Item[] | null>(null);
  const [byUnit, setByUnit] = useState<{ unitId: number; unitName: string; open: number; inProgress: number; overdue: number }[]>([]);
  const [open, setOpen] = useState(true);
  const load = useCallback(() => {
    api<{ items: Item[] }>(`/api/rectification${qs({ open: open ? 1 : null })}`).then((r) => setItems(r.items)).catch(() => setItems([]));
    api('/api/rectification/by-unit').then(setByUnit).catch(() => setByUnit([]));
  }, [open]);
  useEffect(load, [load]);
  return (
    <section className="page">
      <h1>整改事项</h1>
      {user?.role !== 'filler' && byUnit.length ? (
        <table className="list" data-testid="open-by-unit">
          <thead><tr><th>单位</th><th>待整改</th><th>整改中</th><th>已逾期</th></tr></thead>
          <tbody>{byUnit.map((u) => <tr key={u.unitId}><td>{u.unitName}</td><td className="num">{u.open}</td><td className="num">{u.inProgress}</td><td className="num">{u.overdue}</td></tr>)}</tbody>
        </table>
      ) : null}
      <div className="toolbar"><label><input type="checkbox" checked={open} onChange={(e) => setOpen(e.target.checked)} />只看未完成</label></div>
      {items == null ? <p className="loading">正在加载…</p> : <ItemsTable items={items} onChange={load} />}
    </section>
  );
}
