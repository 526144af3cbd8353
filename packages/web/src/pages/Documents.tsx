import { useEffect, useState } from 'react';
import { api, qs, type EvaluationItem } from '../api.ts';
import { useSession } from '../session.ts';
import { Link, navigate } from '../router.tsx';

const FORMATS: [string, string][] = [
  ['docx', 'Word 报告（.docx）'],
  ['xlsx', 'Excel 自评表（.xlsx）'],
  ['pdf', 'PDF（.pdf）'],
];

export function DocumentsPage({ id }: { id: string | null }) {
  const { user } = useSession();
  const [items, setItems] = useState<EvaluationItem[]>([]);
  const [year, setYear] = useState<string>('');
  const [title, setTitle] = useState('');
  useEffect(() => {
    api<{ items: EvaluationItem[] }>(`/api/evaluations${qs({ fiscalYear: year, pageSize: 500 })}`).then((r) => setItems(r.items)).catch(() => {});
  }, [year]);
  useEffect(() => {
    if (id) api(`/api/evaluations/${id}`).then((r) => setTitle(r.evaluation?.title ?? '')).catch(() => {});
  }, [id]);
  const years = [...new Set(items.map((i) => i.fiscalYear))].sort((a, b) => b - a);
  return (
    <section className="page documents">
      <div className="toolbar">
        <h1>文档下载</h1>
        <label>
          评价
          <select value={id ?? ''} onChange={(e) => navigate(e.target.value ? `/evaluations/${e.target.value}/documents` : '/documents')} aria-label="选择评价">
            <option value="">请选择</option>
            {items.map((i) => (
              <option key={i.id} value={i.id}>{i.fiscalYear} · {i.title}</option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <label>
          汇总年度
          <select value={year} onChange={(e) => setYear(e.target.value)}>
            <option value="">全部</option>
            {years.map((y) => (
              <option key={y} value={y}>{y}</option>
            ))}
          </select>
        </label>
        <a className="button" href={`/api/summary.xlsx${qs({ fiscalYear: year, unitId: user?.role === 'filler' ? user.unitId : undefined })}`} download>
          下载单位汇总表（.xlsx）
        </a>
      </div>
      {id ? (
        <>
          <div className="card downloads">
            <b>{title}</b>
            {FORMATS.map(([f, label]) => (
              <a key={f} className="button" href={`/api/evaluations/${id}/download?format=${f}`} download data-format={f}>
                下载 {label}
              </a>
            ))}
            <Link to={`/evaluations/${id}`}>返回填报表</Link>
          </div>
          <Preview id={id} />
        </>
      ) : (
        <p className="empty">请选择一份评价，下载其报告或在页面中预览。</p>
      )}
    </section>
  );
}

/** The report as HTML from the server, shown in a sandboxed frame (no scripts), whatever the download headers say. */
function Preview({ id }: { id: string }) {
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    setHtml(null);
    fetch(`/api/evaluations/${id}/download?format=html`, { credentials: 'same-origin' })
      .then(async (r) => {
        if (!r.ok) throw new Error((await r.json().catch(() => null))?.error ?? `预览失败（${r.status}）`);
        setHtml(await r.text());
      })
      .catch((e) => setError(e.message));
  }, [id]);
  if (error) return <p className="error">{error}</p>;
  if (html == null) return <p className="loading">正在生成预览…</p>;
  return <iframe className="preview" title="报告预览" sandbox="" srcDoc={html} />;
}
