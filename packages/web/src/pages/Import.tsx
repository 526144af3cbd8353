import { useEffect, useRef, useState } from 'react';
import { api } from '../api.ts';
import { useSession } from '../session.ts';
import { Link } from '../router.tsx';

interface Job {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  done: number;
  error?: string;
  files: {
    name: string;
    status: 'ok' | 'error';
    error?: string;
    problems: number;
    evaluations: { id: string; title: string; total: string | null; grade: string | null; errors: number; warnings: number }[];
  }[];
}

const GRADE: Record<string, string> = { excellent: '优', good: '良', fair: '中', poor: '差' };

export function ImportPage() {
  const { user } = useSession();
  const [units, setUnits] = useState<{ id: string; name: string; kind: string }[]>([]);
  const [unitId, setUnitId] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [over, setOver] = useState(false);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const poll = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(poll.current), []);
  useEffect(() => {
    if (user?.role !== 'filler') api<{ id: string; name: string; kind: string }[]>('/api/units').then((u) => setUnits(u.filter((x) => x.kind === 'unit'))).catch(() => {});
  }, [user]);

  const add = (list: FileList | null) => {
    if (!list) return;
    // copied now: the input is cleared right after this call, and React may run the updater later
    // (it did whenever the page had re-rendered, e.g. after the unit list arrived for reviewers)
    const picked = Array.from(list);
    setFiles((f) => [...f, ...picked.filter((x) => !f.some((y) => y.name === x.name && y.size === x.size))]);
  };

  const follow = (jobId: string) => {
    api<Job>(`/api/imports/${jobId}`)
      .then((j) => {
        setJob(j);
        if (j.status === 'queued' || j.status === 'running') poll.current = window.setTimeout(() => follow(jobId), 400);
        else setBusy(false);
      })
      .catch((e) => {
        setError(e.message);
        setBusy(false);
      });
  };

  const start = async () => {
    setError('');
    setJob(null);
    setBusy(true);
    const form = new FormData();
    if (unitId) form.append('unitId', unitId);
    for (const f of files) form.append('files', f, f.name);
    try {
      const r = await api<{ jobId: string }>('/api/imports', { form });
      setFiles([]);
      follow(r.jobId);
    } catch (e: any) {
      setError(e.message);
      setBusy(false);
    }
  };

  const pct = job?.status === 'done' ? 100 : job && job.total ? Math.round((job.done / job.total) * 100) : 0;
  return (
    <section className="page import">
      <h1>批量导入</h1>
      <p className="muted">支持 .docx、.xlsx、.pdf、.html、.txt 格式的自评表和自评报告，可一次选择多个文件。</p>
      <div
        className={`dropzone${over ? ' over' : ''}`}
        data-testid="dropzone"
        onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => { e.preventDefault(); setOver(false); add(e.dataTransfer.files); }}
        onClick={() => input.current?.click()}
        role="button"
        tabIndex={0}
        onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') input.current?.click(); }}
      >
        <b>把文件拖到这里</b>，或点击选择文件
        <input ref={input} type="file" multiple hidden aria-label="选择文件" accept=".docx,.xlsx,.xls,.pdf,.html,.htm,.txt,.doc" onChange={(e) => { add(e.target.files); e.target.value = ''; }} />
      </div>
      {files.length ? (
        <div className="card">
          <ul className="file-list">
            {files.map((f) => (
              <li key={f.name + f.size}>
                {f.name} <span className="muted small">{(f.size / 1024).toFixed(0)} KB</span>
                <button type="button" className="link" onClick={() => setFiles((x) => x.filter((y) => y !== f))}>移除</button>
              </li>
            ))}
          </ul>
          {units.length ? (
            <label className="unit-pick">
              所属单位
              <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
                <option value="">按文件中的单位名称匹配</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>{u.name}</option>
                ))}
              </select>
            </label>
          ) : null}
          <button type="button" className="primary" onClick={start} disabled={busy}>开始导入（{files.length} 个文件）</button>
        </div>
      ) : null}
      {error ? <p className="error" role="alert">{error}</p> : null}
      {job ? (
        <div className="card">
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="导入进度">
            <div style={{ width: `${pct}%` }} />
          </div>
          <p data-testid="import-status">
            {job.status === 'done' ? '导入完成' : job.status === 'failed' ? `导入失败${job.error ? `：${job.error}` : ''}` : '正在导入…'}（{job.done}/{job.total} 个文件）
          </p>
          <table className="list">
            <thead>
              <tr><th>文件</th><th>结果</th><th>评价</th><th className="num">总分</th><th>等级</th><th className="num">错误</th><th className="num">警告</th><th className="num">识别问题</th></tr>
            </thead>
            <tbody>
              {job.files.flatMap((f) =>
                f.status === 'error' || f.evaluations.length === 0
                  ? [
                      <tr key={f.name} className="file-error">
                        <td>{f.name}</td>
                        <td className="has-error">{f.status === 'error' ? f.error ?? '失败' : '未找到评价'}</td>
                        <td colSpan={5} />
                        <td className="num">{f.problems}</td>
                      </tr>,
                    ]
                  : f.evaluations.map((e, k) => (
                      <tr key={e.id} data-import-evaluation={e.id}>
                        {k === 0 ? <td rowSpan={f.evaluations.length}>{f.name}</td> : null}
                        {k === 0 ? <td rowSpan={f.evaluations.length}>找到 {f.evaluations.length} 份</td> : null}
                        <td><Link to={`/evaluations/${e.id}`}>{e.title}</Link></td>
                        <td className="num">{e.total ?? '—'}</td>
                        <td>{e.grade ? GRADE[e.grade] ?? e.grade : '—'}</td>
                        <td className={`num${e.errors ? ' has-error' : ''}`}>{e.errors}</td>
                        <td className={`num${e.warnings ? ' has-warning' : ''}`}>{e.warnings}</td>
                        {k === 0 ? <td className="num" rowSpan={f.evaluations.length}>{f.problems}</td> : null}
                      </tr>
                    )),
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
