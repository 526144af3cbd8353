import { useEffect, useRef, useState } from 'react';
import { api } from '../api.ts';
import { UnitPicker } from '../components/UnitPicker.tsx';
import { useSession } from '../session.ts';
import { Link } from '../router.tsx';
import { GRADE_LABEL, STATUS_LABEL, fieldLabel } from '../lib/labels.ts';

interface Held {
  id: number;
  reason: 'unknown-unit' | 'duplicate';
  title: string;
  fiscalYear: number | null;
  total: string | null;
  unitName: string | null;
  candidates: { id: number; name: string }[];
  unitId: number | null;
  unitLabel: string | null;
  duplicateOf: { id: number; title: string; status: string } | null;
  identical: boolean;
  changes: { indicatorId: string | null; path: string[] | null; field: string; from: string | null; to: string | null }[];
  resolution: 'placed' | 'updated' | 'kept' | 'skipped' | null;
  evaluationId: number | null;
}

interface Job {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  done: number;
  error?: string;
  files: {
    name: string;
    state: 'queued' | 'reading' | 'held' | 'done' | 'error';
    error?: string;
    problems: number;
    evaluations: { id: string; title: string; total: string | null; grade: string | null; errors: number; warnings: number }[];
    held: Held[];
  }[];
}

const STATE_LABEL: Record<Job['files'][number]['state'], string> = {
  queued: '排队',
  reading: '读取中',
  held: '需确认',
  done: '已导入',
  error: '无法读取',
};
const RESOLUTION_LABEL: Record<string, string> = { placed: '已归入单位', updated: '已更新原评价', kept: '已保留两份', skipped: '已跳过' };
// the jobs whose results are on the page, kept across page changes until dismissed
const KEPT = 'jixiao.importJobs';
const keptJobs = (): string[] => {
  try {
    return JSON.parse(sessionStorage.getItem(KEPT) ?? '[]');
  } catch {
    return [];
  }
};
const keepJobs = (ids: string[]) => sessionStorage.setItem(KEPT, JSON.stringify(ids));

export function ImportPage() {
  const { user } = useSession();
  const [unitCount, setUnitCount] = useState(0);
  // the units offered for placing a held evaluation besides the close names (the first 1,000)
  const [units, setUnits] = useState<{ id: string; name: string }[]>([]);
  const [unitId, setUnitId] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [over, setOver] = useState(false);
  const [jobs, setJobs] = useState<Job[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const poll = useRef<Record<string, number>>({});

  useEffect(() => {
    for (const id of keptJobs()) follow(id);
    return () => Object.values(poll.current).forEach((t) => window.clearTimeout(t));
  }, []);
  useEffect(() => {
    if (user?.role !== 'filler') api<{ items: { id: string; name: string }[] }>('/api/units?kind=unit&limit=1000').then((r) => setUnits(r.items)).catch(() => {});
  }, [user]);

  const add = (list: FileList | null) => {
    if (!list) return;
    // copied now: the input is cleared right after this call, and React may run the updater later
    // (it did whenever the page had re-rendered, e.g. after the unit list arrived for reviewers)
    const picked = Array.from(list);
    setFiles((f) => [...f, ...picked.filter((x) => !f.some((y) => y.name === x.name && y.size === x.size))]);
  };

  const follow = (jobId: string) => {
    window.clearTimeout(poll.current[jobId]);
    api<Job>(`/api/imports/${jobId}`)
      .then((j) => {
        setJobs((list) => (list.some((x) => String(x.id) === String(j.id)) ? list.map((x) => (String(x.id) === String(j.id) ? j : x)) : [j, ...list]));
        if (j.status === 'queued' || j.status === 'running') poll.current[jobId] = window.setTimeout(() => follow(jobId), 400);
        else setBusy(false);
      })
      .catch((e) => {
        // the result stays on the page: only the message is added
        setError(e.status === 404 ? '' : e.message);
        if (e.status === 404) dismiss(jobId);
        setBusy(false);
      });
  };

  const dismiss = (jobId: string) => {
    window.clearTimeout(poll.current[jobId]);
    keepJobs(keptJobs().filter((x) => String(x) !== String(jobId)));
    setJobs((list) => list.filter((x) => String(x.id) !== String(jobId)));
  };

  const start = async () => {
    setError('');
    setBusy(true);
    const form = new FormData();
    if (unitId) form.append('unitId', unitId);
    for (const f of files) form.append('files', f, f.name);
    try {
      const r = await api<{ jobId: string }>('/api/imports', { form });
      setFiles([]);
      keepJobs([String(r.jobId), ...keptJobs()]);
      follow(String(r.jobId));
    } catch (e: any) {
      setError(e.message);
      setBusy(false);
    }
  };

  const resolve = async (jobId: string, held: number, action: 'place' | 'update' | 'keep' | 'skip', unit?: string) => {
    setError('');
    try {
      await api(`/api/imports/${jobId}/held/${held}`, { body: { action, ...(unit ? { unitId: Number(unit) } : {}) } });
    } catch (e: any) {
      setError(e.message);
    }
    follow(jobId);
  };

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
        <input ref={input} type="file" multiple hidden aria-label="选择文件" accept=".docx,.xlsx,.xls,.pdf,.html,.htm,.txt,.doc,.json" onChange={(e) => { add(e.target.files); e.target.value = ''; }} />
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
          {user?.role !== 'filler' ? (
            <div className={`unit-pick${unitCount ? '' : ' hidden'}`}>
              <span>所属单位</span>
              <UnitPicker label="所属单位" kind="unit" value={unitId} onChange={setUnitId} emptyLabel="按文件中的单位名称匹配" onTotal={setUnitCount} />
            </div>
          ) : null}
          <button type="button" className="primary" onClick={start} disabled={busy}>开始导入（{files.length} 个文件）</button>
        </div>
      ) : null}
      {error ? <p className="error" role="alert">{error}</p> : null}
      {jobs.map((job) => (
        <JobResult key={job.id} job={job} units={units} onDismiss={() => dismiss(String(job.id))} onResolve={(h, a, u) => resolve(String(job.id), h, a, u)} />
      ))}
    </section>
  );
}

function JobResult({ job, units, onDismiss, onResolve }: {
  job: Job;
  units: { id: string; name: string }[];
  onDismiss: () => void;
  onResolve: (held: number, action: 'place' | 'update' | 'keep' | 'skip', unit?: string) => void;
}) {
  const pct = job.status === 'done' ? 100 : job.total ? Math.round((job.done / job.total) * 100) : 0;
  const open = job.files.reduce((n, f) => n + f.held.filter((h) => !h.resolution).length, 0);
  return (
    <div className="card import-job" data-job={job.id}>
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="导入进度">
        <div style={{ width: `${pct}%` }} />
      </div>
      <p data-testid="import-status">
        {job.status === 'done' ? '导入完成' : job.status === 'failed' ? `导入失败${job.error ? `：${job.error}` : ''}` : '正在导入…'}（{job.done}/{job.total} 个文件）
        {open ? <b className="has-warning">，{open} 份评价需要确认</b> : null}
        <button type="button" className="link" onClick={onDismiss} disabled={job.status === 'queued' || job.status === 'running'}>关闭结果</button>
      </p>
      <table className="list">
        <thead>
          <tr><th>文件</th><th>状态</th><th>评价</th><th className="num">总分</th><th>等级</th><th className="num">错误</th><th className="num">警告</th><th className="num">识别问题</th></tr>
        </thead>
        <tbody>
          {job.files.flatMap((f, i) => {
            const state = STATE_LABEL[f.state];
            if (f.state === 'queued' || f.state === 'reading' || f.state === 'error' || (f.evaluations.length === 0 && f.held.length === 0)) {
              return [
                <tr key={`${i}`} data-import-file={f.name} className={f.state === 'error' ? 'file-error' : undefined}>
                  <td>{f.name}</td>
                  <td className={f.state === 'error' ? 'has-error' : undefined}>
                    {f.state === 'error' ? `${state}：${f.error ?? '原因不明'}` : f.state === 'done' ? '已读取，文件中没有找到评价' : state}
                  </td>
                  <td colSpan={5} />
                  <td className="num">{f.state === 'queued' || f.state === 'reading' ? '' : f.problems}</td>
                </tr>,
              ];
            }
            const n = f.evaluations.length;
            return [
              ...f.evaluations.map((e, k) => (
                <tr key={`${i}-${e.id}`} data-import-evaluation={e.id} data-import-file={f.name}>
                  {k === 0 ? <td rowSpan={n}>{f.name}</td> : null}
                  {k === 0 ? <td rowSpan={n}>{state}：找到 {n} 份{f.held.length ? `，另有 ${f.held.length} 份待确认` : ''}</td> : null}
                  <td><Link to={`/evaluations/${e.id}`}>{e.title}</Link></td>
                  <td className="num">{e.total ?? '—'}</td>
                  <td>{e.grade ? GRADE_LABEL[e.grade] ?? e.grade : '—'}</td>
                  <td className={`num${e.errors ? ' has-error' : ''}`}>{e.errors}</td>
                  <td className={`num${e.warnings ? ' has-warning' : ''}`}>{e.warnings}</td>
                  {k === 0 ? <td className="num" rowSpan={n}>{f.problems}</td> : null}
                </tr>
              )),
              ...f.held.map((h) => (
                <tr key={`${i}-h${h.id}`} data-held={h.id} data-import-file={f.name} className="held">
                  <td>{n === 0 ? f.name : ''}</td>
                  <td className={h.resolution ? undefined : 'has-warning'}>{h.resolution ? RESOLUTION_LABEL[h.resolution] : state}</td>
                  <td colSpan={6}>
                    <HeldItem h={h} units={units} onResolve={(a, u) => onResolve(h.id, a, u)} />
                  </td>
                </tr>
              )),
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}

function HeldItem({ h, units, onResolve }: { h: Held; units: { id: string; name: string }[]; onResolve: (action: 'place' | 'update' | 'keep' | 'skip', unit?: string) => void }) {
  const [unit, setUnit] = useState(h.candidates[0] ? String(h.candidates[0].id) : '');
  const title = (
    <b>
      {h.title}
      {h.fiscalYear ? `（${h.fiscalYear} 年）` : ''}
    </b>
  );
  if (h.resolution) {
    return (
      <span>
        {title}
        {h.evaluationId ? <> · <Link to={`/evaluations/${h.evaluationId}`}>打开</Link></> : null}
      </span>
    );
  }
  if (h.reason === 'unknown-unit') {
    const rest = units.filter((u) => !h.candidates.some((c) => String(c.id) === String(u.id)));
    return (
      <div className="held-unit">
        {title}
        <p>
          {h.unitName ? <>文件中的单位「{h.unitName}」不在单位树中（或不在您的管辖范围内），尚未导入。</> : <>文件中没有注明单位，尚未导入。</>}
          请选择它所属的单位；如需新建单位，请管理员在「用户与单位」中添加后再归入。
        </p>
        <label>
          归入单位
          <select value={unit} onChange={(e) => setUnit(e.target.value)}>
            <option value="">请选择…</option>
            {h.candidates.length ? (
              <optgroup label="名称相近的单位">
                {h.candidates.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </optgroup>
            ) : null}
            <optgroup label="其他单位">
              {rest.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </optgroup>
          </select>
        </label>
        <button type="button" className="primary" disabled={!unit} onClick={() => onResolve('place', unit)}>归入</button>
        <button type="button" onClick={() => onResolve('skip')}>跳过</button>
      </div>
    );
  }
  return (
    <div className="held-duplicate">
      {title}
      <p>
        {h.unitLabel ?? ''}已有同一年度、同类型、同名称的评价
        {h.duplicateOf ? <> <Link to={`/evaluations/${h.duplicateOf.id}`}>「{h.duplicateOf.title}」</Link>（{STATUS_LABEL[h.duplicateOf.status] ?? h.duplicateOf.status}）</> : null}
        ，这份是重复导入，尚未保存。{h.identical ? '两份内容完全相同。' : `与已有评价相比有 ${h.changes.length} 处不同：`}
      </p>
      {h.changes.length ? (
        <table className="diff" aria-label="与已有评价的差异">
          <thead><tr><th>位置</th><th>已有评价</th><th>这次导入</th></tr></thead>
          <tbody>
            {h.changes.map((c, k) => (
              <tr key={k}>
                <td>{c.path ? `${c.path.join(' / ')} · ` : ''}{fieldLabel(c.field)}</td>
                <td>{c.from ?? '（空）'}</td>
                <td>{c.to ?? '（空）'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <button type="button" className="primary" onClick={() => onResolve('update')}>用这份更新已有评价</button>
      <button type="button" onClick={() => onResolve('keep')}>保留两份</button>
      <button type="button" onClick={() => onResolve('skip')}>跳过</button>
    </div>
  );
}
