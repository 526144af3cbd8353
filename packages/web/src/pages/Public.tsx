import { useEffect, useState } from 'react';
import type { EvaluationJson } from '@jixiao/core';
import { api, qs } from '../api.ts';
import { Link } from '../router.tsx';
import { BudgetBlock, IndicatorTable } from '../components/FormTables.tsx';
import { SUBJECT_LABEL } from '../lib/labels.ts';

interface PublicItem {
  id: string;
  title: string;
  unitName: string;
  subject: string;
  fiscalYear: number;
  total: string | null;
  gradeLabel: string | null;
}

export function PublicPage({ id }: { id: string | null }) {
  return id ? <PublicEvaluation id={id} /> : <PublicList />;
}

function PublicList() {
  const [year, setYear] = useState('');
  const [items, setItems] = useState<PublicItem[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<PublicItem[] | { items: PublicItem[] }>(`/api/public/evaluations${qs({ fiscalYear: year })}`)
      .then((r) => setItems(Array.isArray(r) ? r : r.items))
      .catch((e) => setError(e.message));
  }, [year]);
  const y = new Date().getFullYear();
  return (
    <section className="page public">
      <div className="toolbar">
        <h1>绩效公开</h1>
        <label>
          年度
          <select value={year} onChange={(e) => setYear(e.target.value)}>
            <option value="">全部</option>
            {Array.from({ length: 8 }, (_, i) => y - i).map((v) => (
              <option key={v} value={v}>{v}年</option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted">以下为各单位已审核并公开的预算绩效自评结果。</p>
      {error ? <p className="error">{error}</p> : null}
      {items == null ? <p className="loading">正在加载…</p> : items.length === 0 ? <p className="empty">暂无公开的绩效自评。</p> : (
        <table className="list">
          <thead>
            <tr><th>年度</th><th>名称</th><th>单位</th><th>评价对象</th><th className="num">总分</th><th>等级</th></tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} data-public-id={i.id}>
                <td>{i.fiscalYear}</td>
                <td><Link to={`/public/${i.id}`}>{i.title}</Link></td>
                <td>{i.unitName}</td>
                <td>{SUBJECT_LABEL[i.subject] ?? i.subject}</td>
                <td className="num">{i.total ?? '—'}</td>
                <td>{i.gradeLabel ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PublicEvaluation({ id }: { id: string }) {
  const [ev, setEv] = useState<EvaluationJson | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<{ evaluation: EvaluationJson }>(`/api/public/evaluations/${id}`).then((r) => setEv(r.evaluation)).catch((e) => setError(e.message));
  }, [id]);
  if (error) return <p className="error page">{error}</p>;
  if (!ev) return <p className="loading">正在加载…</p>;
  return (
    <section className="page public-detail">
      <p><Link to="/public">← 返回公开列表</Link></p>
      <h1>{ev.title}</h1>
      <p className="muted">{ev.unit} · {ev.fiscalYear}年 · 总分 <b data-testid="total">{ev.total ?? '—'}</b> · 等级 <b data-testid="grade">{ev.gradeLabel ?? '—'}</b></p>
      <BudgetBlock ev={ev} onEdit={undefined} />
      <IndicatorTable ev={ev} onEdit={undefined} />
      {ev.sections.map((s, i) => (
        <div key={i} className="public-section">
          <h3>{s.heading}</h3>
          <p>{s.text}</p>
        </div>
      ))}
    </section>
  );
}
