import { useEffect, useState } from 'react';
import { api, qs, type EvaluationItem } from '../api.ts';
import { useSession } from '../session.ts';
import { Link, navigate } from '../router.tsx';
import { STATUS_LABEL, SUBJECT_LABEL, fmtTime } from '../lib/labels.ts';
import { checkCarryForward } from '@jixiao/core/workflow/index.ts';
import { UnitPicker } from '../components/UnitPicker.tsx';

interface Framework {
  id: string;
  name: string;
  subject: string;
  jurisdiction: string;
}
interface Unit {
  id: string | number;
  name: string;
  kind: string;
}

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 8 }, (_, i) => thisYear - i);
const PAGE_SIZE = Number(new URLSearchParams(location.search).get('pageSize')) || 50;

export function HomePage() {
  const { user } = useSession();
  const [year, setYear] = useState<string>(new URLSearchParams(location.search).get('fiscalYear') ?? '');
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const [items, setItems] = useState<EvaluationItem[] | null>(null);
  const [error, setError] = useState('');
  const [reload, setReload] = useState(0);
  const [showNew, setShowNew] = useState(false);
  // keyset paging: the cursors of the pages seen so far (the first page has none)
  // (a change of filters starts again from the first page)
  const filterKey = JSON.stringify([year, status, q, reload]);
  const [paging, setPaging] = useState({ key: filterKey, cursors: [''] });
  const cursors = paging.key === filterKey ? paging.cursors : [''];
  const setCursors = (f: (c: string[]) => string[]) => setPaging({ key: filterKey, cursors: f(cursors) });
  const [next, setNext] = useState<string | null>(null);
  const [total, setTotal] = useState<{ n: number; exact: boolean } | null>(null);
  const pageNo = cursors.length;
  useEffect(() => {
    setError('');
    api<{ items: EvaluationItem[]; total: number; totalExact: boolean; next: string | null }>(
      `/api/evaluations${qs({ fiscalYear: year, status, q, pageSize: PAGE_SIZE, after: cursors[cursors.length - 1] })}`,
    )
      .then((r) => {
        setItems(r.items);
        setNext(r.next);
        setTotal({ n: r.total, exact: r.totalExact });
      })
      .catch((e) => setError(e.message));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterKey, cursors.join('\n')]);

  const [carrying, setCarrying] = useState<EvaluationItem | null>(null);
  const reviews = user?.role === 'reviewer' || user?.role === 'finance' || user?.role === 'admin';
  // what waits for me: submitted evaluations for a reviewer, returned ones for a filler
  const waiting = reviews ? 'submitted' : 'returned';
  const [waitingCount, setWaitingCount] = useState<number | null>(null);
  useEffect(() => {
    api<{ total: number }>(`/api/evaluations${qs({ status: waiting, pageSize: 1 })}`)
      .then((r) => setWaitingCount(r.total))
      .catch(() => setWaitingCount(null));
  }, [waiting, reload]);

  return (
    <section className="page">
      <div className="toolbar">
        <h1>绩效自评</h1>
        <label>
          年度
          <select value={year} onChange={(e) => setYear(e.target.value)} aria-label="年度">
            <option value="">全部年度</option>
            {YEARS.map((y) => (
              <option key={y} value={y}>{y}年</option>
            ))}
          </select>
        </label>
        <label>
          状态
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">全部</option>
            {Object.entries(STATUS_LABEL).map(([k, v]) => (
              <option key={k} value={k}>{v}</option>
            ))}
          </select>
        </label>
        <input type="search" placeholder="搜索名称" aria-label="搜索名称" value={q} onChange={(e) => setQ(e.target.value)} />
        {waitingCount != null ? (
          <button
            type="button"
            className={`queue${status === waiting ? ' active' : ''}`}
            data-testid="queue"
            aria-pressed={status === waiting}
            onClick={() => setStatus(status === waiting ? '' : waiting)}
            title={reviews ? '已提交、等待我审核的评价' : '被退回、等待我修改的评价'}
          >
            {reviews ? '待审核' : '待修改'} <b>{waitingCount}</b>
          </button>
        ) : null}
        <span className="spacer" />
        {user?.role === 'filler' || user?.role === 'admin' ? (
          <button type="button" className="primary" onClick={() => setShowNew(true)}>新建评价</button>
        ) : null}
        <Link to="/import" className="button">批量导入</Link>
      </div>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {carrying ? <CarryForward item={carrying} onClose={() => setCarrying(null)} /> : null}
      {showNew ? <NewEvaluation onClose={() => setShowNew(false)} defaultYear={Number(year) || thisYear - 1} onCreated={() => setReload((r) => r + 1)} /> : null}
      {items == null ? (
        <p className="loading">正在加载…</p>
      ) : items.length === 0 ? (
        <p className="empty">还没有评价。可以新建、从上年结转，或<Link to="/import">批量导入</Link>已有的自评表。</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th>年度</th>
              <th>名称</th>
              <th>单位</th>
              <th>评价对象</th>
              <th>状态</th>
              <th className="num">总分</th>
              <th>等级</th>
              <th className="num">错误</th>
              <th className="num">警告</th>
              <th>更新时间</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {items.map((it) => (
              <tr key={it.id} data-evaluation-id={it.id}>
                <td>{it.fiscalYear}</td>
                <td>
                  <Link to={`/evaluations/${it.id}`} className="title-link">{it.title}</Link>
                </td>
                <td>{it.unitName}</td>
                <td>{SUBJECT_LABEL[it.subject] ?? it.subject}</td>
                <td>
                  <span className={`status st-${it.status}`}>{STATUS_LABEL[it.status] ?? it.status}</span>
                </td>
                <td className="num">{it.total ?? '—'}</td>
                <td>{it.gradeLabel ?? '—'}</td>
                <td className={`num${it.errors ? ' has-error' : ''}`}>{it.errors}</td>
                <td className={`num${it.warnings ? ' has-warning' : ''}`}>{it.warnings}</td>
                <td className="small">{fmtTime(it.updatedAt)}</td>
                <td className="actions">
                  {user?.role !== 'filler' ? <Link to={`/evaluations/${it.id}/review`}>审核</Link> : null}
                  <Link to={`/evaluations/${it.id}/documents`}>文档</Link>
                  {user?.role === 'filler' || user?.role === 'admin' ? (
                    <button type="button" className="link" onClick={() => setCarrying(it)} title="复制到另一年度：保留指标和目标值，清空实际完成值">
                      结转到新年度
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items?.length && total ? (
        <div className="pager" data-testid="pager">
          <button type="button" onClick={() => setCursors((c) => c.slice(0, -1))} disabled={pageNo === 1}>上一页</button>
          <span>
            第 {pageNo} / {Math.max(1, Math.ceil(total.n / PAGE_SIZE))}{total.exact ? '' : '+'} 页，共 {total.n}{total.exact ? '' : '+'} 条
          </span>
          <button type="button" onClick={() => next && setCursors((c) => [...c, next])} disabled={!next}>下一页</button>
        </div>
      ) : null}
    </section>
  );
}

/** Last year's evaluation carried into another year: the tree, weights and targets kept, the actuals emptied. */
function CarryForward({ item, onClose }: { item: EvaluationItem; onClose: () => void }) {
  const [year, setYear] = useState(item.fiscalYear + 1);
  const [error, setError] = useState('');
  return (
    <form
      className="card new-eval"
      aria-label="结转到新年度"
      onSubmit={async (e) => {
        e.preventDefault();
        setError('');
        // the same rule as the server's (core/workflow), told before asking it
        const refused = checkCarryForward(item.fiscalYear, year);
        if (refused) return setError(refused);
        try {
          const r = await api<{ id: string }>(`/api/evaluations/${item.id}/carry-forward`, { body: { fiscalYear: year } });
          navigate(`/evaluations/${r.id}`);
        } catch (err: any) {
          setError(err.message);
        }
      }}
    >
      <h2>结转「{item.title}」（{item.fiscalYear}年）</h2>
      <p className="muted">保留指标、分值和年度指标值，清空实际完成值、得分和资金数。</p>
      <label>
        结转到年度
        <input type="number" value={year} min={1990} max={2100} onChange={(e) => setYear(Number(e.target.value))} />
      </label>
      {error ? <p className="error" role="alert">{error}</p> : null}
      <div className="buttons">
        <button type="submit" className="primary">结转</button>
        <button type="button" onClick={onClose}>取消</button>
      </div>
    </form>
  );
}

function NewEvaluation({ onClose, defaultYear, onCreated }: { onClose: () => void; defaultYear: number; onCreated: () => void }) {
  const { user } = useSession();
  const [frameworks, setFrameworks] = useState<Framework[]>([]);
  const [unitCount, setUnitCount] = useState(0);
  const [frameworkId, setFrameworkId] = useState('');
  const [unitId, setUnitId] = useState(String(user?.unitId ?? ''));
  const [title, setTitle] = useState('');
  const [fiscalYear, setFiscalYear] = useState(defaultYear);
  const [error, setError] = useState('');
  useEffect(() => {
    api<Framework[]>('/api/frameworks').then((f) => {
      setFrameworks(f);
      if (f[0]) setFrameworkId(f[0].id);
    }).catch((e) => setError(e.message));
  }, []);
  return (
    <form
      className="card new-eval"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          const r = await api<{ id: string }>('/api/evaluations', { body: { unitId: unitId || user?.unitId, fiscalYear, title, frameworkId } });
          onCreated();
          navigate(`/evaluations/${r.id}`);
        } catch (err: any) {
          setError(err.message);
        }
      }}
    >
      <h2>新建评价</h2>
      <label>
        指标体系
        <select value={frameworkId} onChange={(e) => setFrameworkId(e.target.value)} required>
          {frameworks.map((f) => (
            <option key={f.id} value={f.id}>{f.name}（{f.jurisdiction}）</option>
          ))}
        </select>
      </label>
      <div className={unitCount > 1 ? 'field' : 'hidden'}>
        <span>单位</span>
        <UnitPicker label="单位" kind="unit" value={unitId} onChange={setUnitId} onTotal={setUnitCount} />
      </div>
      <label>
        名称
        <input value={title} onChange={(e) => setTitle(e.target.value)} required placeholder="项目名称，或单位名称＋整体支出" />
      </label>
      <label>
        年度
        <input type="number" value={fiscalYear} onChange={(e) => setFiscalYear(Number(e.target.value))} min={2000} max={2100} />
      </label>
      {error ? <p className="error" role="alert">{error}</p> : null}
      <div className="buttons">
        <button type="submit" className="primary">创建</button>
        <button type="button" onClick={onClose}>取消</button>
      </div>
    </form>
  );
}
