// 绩效目标: the list of target tables, a new one (blank, from a template), and one table: the form
// (项目名称, 主管部门, 实施单位, funds, 总体目标, indicators with 年度指标值 as operator/value/unit),
// the checks, the review (rating, comments per indicator), approval, adjustment, and the next steps
// of the cycle (monitoring round, self-evaluation, next year's table with the open rectification items).
import { useCallback, useEffect, useState } from 'react';
import { composeTarget, leaves, OPS, targetParts, TARGET_RATINGS, TARGET_STATUS_LABEL, type Finding, type Indicator, type TargetTable } from '@jixiao/core';
import { api, qs } from '../api.ts';
import { useSession } from '../session.ts';
import { Link, navigate } from '../router.tsx';

interface Item {
  id: number;
  unitName: string;
  title: string;
  fiscalYear: number | null;
  status: keyof typeof TARGET_STATUS_LABEL;
  statusLabel: string;
  rating: string | null;
  errors: number;
  warnings: number;
}

export function TargetsPage() {
  const { user } = useSession();
  const [items, setItems] = useState<Item[] | null>(null);
  const [year, setYear] = useState('');
  const [frameworks, setFrameworks] = useState<{ id: string; name: string; subject: string }[]>([]);
  const [units, setUnits] = useState<{ id: number; name: string; kind: string }[]>([]);
  const [form, setForm] = useState({ title: '', fiscalYear: String(new Date().getFullYear() + 1), frameworkId: 'national-project', unitId: '', parentUnit: '' });
  const [error, setError] = useState('');
  useEffect(() => {
    api<{ items: Item[] }>(`/api/targets${qs({ fiscalYear: year })}`).then((r) => setItems(r.items)).catch((e) => setError(e.message));
  }, [year]);
  useEffect(() => {
    api('/api/frameworks').then((f) => setFrameworks(f.filter((x: any) => x.subject === 'project'))).catch(() => {});
    api('/api/units?kind=unit&limit=1000').then((u) => {
      const list = (Array.isArray(u) ? u : u.items ?? []).filter((x: any) => x.kind === 'unit');
      setUnits(list);
      if (list.length) setForm((f) => ({ ...f, unitId: String(list[0].id) }));
    }).catch(() => {});
  }, []);
  const canCreate = user?.role === 'filler' || user?.role === 'admin';
  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    setError('');
    try {
      const r = await api<{ id: number }>('/api/targets', {
        body: { unitId: Number(form.unitId), title: form.title, fiscalYear: Number(form.fiscalYear), frameworkId: form.frameworkId || undefined, parentUnit: form.parentUnit || undefined },
      });
      navigate(`/targets/${r.id}`);
    } catch (err: any) {
      setError(err.message);
    }
  };
  return (
    <section className="page">
      <h1>绩效目标</h1>
      <p className="muted">申报 → 主管部门审核 → 财政批复 → 运行监控 → 自评 → 整改，同一棵指标树贯穿全程。</p>
      {canCreate ? (
        <form className="new-eval card" onSubmit={create}>
          <h2>新建绩效目标申报表</h2>
          <label>项目名称<input value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} required /></label>
          <label>年度<input type="number" value={form.fiscalYear} onChange={(e) => setForm({ ...form, fiscalYear: e.target.value })} /></label>
          <label>模板
            <select value={form.frameworkId} onChange={(e) => setForm({ ...form, frameworkId: e.target.value })}>
              <option value="">空白</option>
              {frameworks.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
            </select>
          </label>
          <label>实施单位
            <select value={form.unitId} onChange={(e) => setForm({ ...form, unitId: e.target.value })}>
              {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
          </label>
          <label>主管部门<input value={form.parentUnit} onChange={(e) => setForm({ ...form, parentUnit: e.target.value })} /></label>
          <div className="buttons"><button type="submit" className="primary">新建</button></div>
          {error ? <p className="error" role="alert">{error}</p> : null}
        </form>
      ) : null}
      <div className="toolbar">
        <label>年度<input type="number" value={year} onChange={(e) => setYear(e.target.value)} style={{ width: 90 }} /></label>
        <Link to="/monitoring/red">红灯项目</Link>
        <Link to="/rectification">整改事项</Link>
      </div>
      {items == null ? <p className="loading">正在加载…</p> : items.length === 0 ? <p className="empty">还没有绩效目标表。</p> : (
        <table className="list" data-testid="targets-list">
          <thead><tr><th>项目名称</th><th>单位</th><th>年度</th><th>状态</th><th>审核等级</th><th>错误/提示</th></tr></thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td><Link to={`/targets/${i.id}`}>{i.title}</Link></td>
                <td>{i.unitName}</td>
                <td>{i.fiscalYear ?? ''}</td>
                <td><span className={`status st-${i.status}`}>{i.statusLabel}</span></td>
                <td>{i.rating ?? ''}</td>
                <td className="num">{i.errors}/{i.warnings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface Detail {
  id: number;
  unitName: string;
  status: keyof typeof TARGET_STATUS_LABEL;
  statusLabel: string;
  version: number;
  rating: string | null;
  approvedVersion: number | null;
  adjustmentReason: string | null;
  table: TargetTable;
  findings: Finding[];
  reviews: { version: number; rating: string; comment: string | null; comments: { indicatorId: string; text: string }[]; at: string; username: string }[];
  approved: TargetTable | null;
}

const nextId = (t: TargetTable, parentId: string) => {
  const n = t.indicators.filter((i) => i.parentId === parentId).length;
  let k = n + 1;
  while (t.indicators.some((i) => i.id === `${parentId}.${k}`)) k++;
  return `${parentId}.${k}`;
};

export function TargetPage({ id }: { id: string }) {
  const { user } = useSession();
  const [d, setD] = useState<Detail | null>(null);
  const [table, setTable] = useState<TargetTable | null>(null);
  const [dirty, setDirty] = useState(false);
  const [msg, setMsg] = useState('');
  const [error, setError] = useState('');
  const [rating, setRating] = useState('');
  const [comment, setComment] = useState('');
  const [perRow, setPerRow] = useState<Record<string, string>>({});
  // the operator and unit chosen on a row before its value is typed
  const [ops, setOps] = useState<Record<string, string>>({});
  const [unitsOf, setUnitsOf] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [rounds, setRounds] = useState<{ id: number; period: { from: number; to: number }; status: string; light: string }[]>([]);
  const [period, setPeriod] = useState({ from: 1, to: 7 });
  const [nextYear, setNextYear] = useState('');
  const [lib, setLib] = useState<{ q: string; results: { category: string[]; name: string; target: string | null }[]; parent: string }>({ q: '', results: [], parent: '' });

  const load = useCallback(() => {
    api<Detail>(`/api/targets/${id}`).then((r) => {
      setD(r);
      setTable(r.table);
      setDirty(false);
      setNextYear(String((r.table.fiscalYear ?? new Date().getFullYear()) + 1));
    }).catch((e) => setError(e.message));
    api(`/api/targets/${id}/monitoring`).then(setRounds).catch(() => setRounds([]));
  }, [id]);
  useEffect(load, [load]);
  if (error && !d) return <p className="error page" role="alert">{error}</p>;
  if (!d || !table) return <p className="loading">正在加载…</p>;

  const editable = (user?.role === 'filler' || user?.role === 'admin') && ['draft', 'returned', 'adjusting'].includes(d.status);
  const set = (t: TargetTable) => {
    setTable(t);
    setDirty(true);
  };
  const setInd = (iid: string, patch: Partial<Indicator>) => set({ ...table, indicators: table.indicators.map((i) => (i.id === iid ? { ...i, ...patch } : i)) });
  const leafIds = new Set(leaves(table).map((i) => i.id));
  const lastComments = new Map((d.reviews.at(-1)?.comments ?? []).map((c) => [c.indicatorId, c.text]));

  const run = async (label: string, f: () => Promise<unknown>) => {
    setError('');
    setMsg('');
    try {
      await f();
      setMsg(label);
      load();
    } catch (e: any) {
      const list = e.body?.findings?.map((x: Finding) => x.message) ?? e.body?.missing ?? [];
      setError([e.message, ...list].join('；'));
    }
  };
  const save = () => run('已保存。', () => api(`/api/targets/${id}`, { method: 'PUT', body: { version: d.version, table } }));
  const act = (action: string, body: unknown, label: string) => run(label, () => api(`/api/targets/${id}/${action}`, { body }));
  const search = async () => {
    const r = await api(`/api/targets/library${qs({ q: lib.q })}`).catch(() => []);
    setLib({ ...lib, results: r });
  };
  const addFromLibrary = (e: { category: string[]; name: string; target: string | null }) => {
    const parent = table.indicators.find((i) => i.id === lib.parent) ?? table.indicators.find((i) => i.level === 2 && e.category.at(-1) && i.name.includes(e.category.at(-1)!.replace(/指标$/, '')));
    if (!parent) return setError('请先选择要添加到的二级指标');
    const nid = nextId(table, parent.id);
    const row: Indicator = { id: nid, parentId: parent.id, level: parent.level + 1, path: [...parent.path, e.name], name: e.name, target: e.target, actual: null, weight: null, statedScore: null };
    const at = table.indicators.findIndex((i) => i.id === parent.id);
    let end = at + 1;
    while (end < table.indicators.length && table.indicators[end].id.startsWith(parent.id + '.')) end++;
    set({ ...table, indicators: [...table.indicators.slice(0, end), row, ...table.indicators.slice(end)] });
  };
  const fund = (k: 'total' | 'appropriation' | 'other', v: string) => set({ ...table, funds: { ...table.funds, [k]: v.trim() || null } });

  return (
    <section className="page targets">
      <div className="toolbar">
        <h1 style={{ margin: 0 }}>绩效目标申报表：{table.title}</h1>
        <span className={`status st-${d.status}`} data-testid="target-status">{d.statusLabel}</span>
        {d.rating ? <span>审核等级 <b data-testid="target-rating">{d.rating}</b></span> : null}
        <span className="muted">{d.unitName} · {table.fiscalYear}年 · 第{d.version}版</span>
        <span className="spacer" />
        <a href={`/api/targets/${id}/export?format=xlsx`} download>下载 Excel</a>
        <a href={`/api/targets/${id}/export?format=docx`} download>下载 Word</a>
        <Link to="/targets">返回列表</Link>
      </div>
      {msg ? <p className="notice" role="status">{msg}</p> : null}
      {error ? <p className="error" role="alert" data-testid="target-error">{error}</p> : null}
      {d.status === 'adjusting' ? <p className="notice">调整中（理由：{d.adjustmentReason}）。批复前以第{d.approvedVersion}版批复的目标为准。</p> : null}

      {table.carried?.length ? (
        <div className="card" data-testid="carried">
          <h2>上年度未完成的整改事项</h2>
          <ul>
            {table.carried.map((c) => <li key={c.id}>{c.problem}（{c.status}{c.owner ? `，责任人：${c.owner}` : ''}{c.deadline ? `，期限：${c.deadline}` : ''}）</li>)}
          </ul>
        </div>
      ) : null}

      <div className="card">
        <table className="form-head">
          <tbody>
            <tr>
              <th>项目名称</th><td><input aria-label="项目名称" readOnly={!editable} value={table.title} onChange={(e) => set({ ...table, title: e.target.value })} /></td>
              <th>主管部门</th><td><input aria-label="主管部门" readOnly={!editable} value={table.parentUnit ?? ''} onChange={(e) => set({ ...table, parentUnit: e.target.value || null })} /></td>
              <th>实施单位</th><td><input aria-label="实施单位" readOnly={!editable} value={table.unit ?? ''} onChange={(e) => set({ ...table, unit: e.target.value || null })} /></td>
            </tr>
            <tr>
              <th>项目资金（{table.funds.unit}）</th><td><input aria-label="资金总额" className="num" readOnly={!editable} value={table.funds.total ?? ''} onChange={(e) => fund('total', e.target.value)} /></td>
              <th>其中：财政拨款</th><td><input aria-label="财政拨款" className="num" readOnly={!editable} value={table.funds.appropriation ?? ''} onChange={(e) => fund('appropriation', e.target.value)} /></td>
              <th>其他资金</th><td><input aria-label="其他资金" className="num" readOnly={!editable} value={table.funds.other ?? ''} onChange={(e) => fund('other', e.target.value)} /></td>
            </tr>
            <tr>
              <th>中长期目标</th><td colSpan={5}><textarea aria-label="中长期目标" readOnly={!editable} rows={2} value={table.goals.longTerm ?? ''} onChange={(e) => set({ ...table, goals: { ...table.goals, longTerm: e.target.value || null } })} /></td>
            </tr>
            <tr>
              <th>年度目标</th><td colSpan={5}><textarea aria-label="年度目标" readOnly={!editable} rows={2} value={table.goals.annual ?? ''} onChange={(e) => set({ ...table, goals: { ...table.goals, annual: e.target.value || null } })} /></td>
            </tr>
          </tbody>
        </table>
      </div>

      <table className="list indicators targets-tree" data-testid="targets-tree">
        <thead>
          <tr><th>一级/二级指标</th><th>三级指标</th><th>运算符</th><th>指标值</th><th>计量单位</th><th>分值</th><th>审核意见</th></tr>
        </thead>
        <tbody>
          {table.indicators.map((i) => {
            if (!leafIds.has(i.id) || i.level < 3) {
              return (
                <tr key={i.id} className={`lvl${i.level}`}>
                  <td colSpan={5} style={{ paddingLeft: (i.level - 1) * 16 }}>
                    <input aria-label={`${i.path.join('/')} 名称`} readOnly={!editable} value={i.name} data-indicator-id={i.id} data-field="name"
                      onChange={(e) => setInd(i.id, { name: e.target.value, path: [...i.path.slice(0, -1), e.target.value] })} />
                  </td>
                  <td><input className="num" aria-label={`${i.name} 分值`} readOnly={!editable} value={i.weight ?? ''} data-indicator-id={i.id} data-field="weight" onChange={(e) => setInd(i.id, { weight: e.target.value.trim() || null })} /></td>
                  <td />
                </tr>
              );
            }
            const parts = targetParts(i.target);
            const op = ops[i.id] ?? (parts ? (parts.op ?? '') : i.target ? 'text' : '>=');
            const unit = parts?.unit ?? unitsOf[i.id] ?? '';
            const value = parts ? parts.value : (i.target ?? '');
            const setTarget = (o: string, v: string, u: string) => {
              setOps({ ...ops, [i.id]: o });
              setUnitsOf({ ...unitsOf, [i.id]: u });
              setInd(i.id, { target: o === 'text' ? v || null : v.trim() ? composeTarget((o || null) as any, v, u) : null });
            };
            return (
              <tr key={i.id} data-row-id={i.id}>
                <td className="muted small">{i.path.slice(0, -1).join('/')}</td>
                <td><input aria-label={`${i.id} 三级指标`} readOnly={!editable} value={i.name} data-indicator-id={i.id} data-field="name" onChange={(e) => setInd(i.id, { name: e.target.value, path: [...i.path.slice(0, -1), e.target.value] })} /></td>
                <td>
                  <select aria-label={`${i.id} 运算符`} disabled={!editable} value={op} data-indicator-id={i.id} data-field="op" onChange={(e) => setTarget(e.target.value, value, unit)}>
                    {OPS.filter((o) => o.op).map((o) => <option key={o.op!} value={o.op!}>{o.label}</option>)}
                    <option value="">（仅数值）</option>
                    <option value="text">（定性/文字）</option>
                  </select>
                </td>
                <td><input aria-label={`${i.id} 指标值`} readOnly={!editable} value={value} data-indicator-id={i.id} data-field="value" onChange={(e) => setTarget(op, e.target.value, unit)} /></td>
                <td><input aria-label={`${i.id} 计量单位`} readOnly={!editable || op === 'text'} value={unit} data-indicator-id={i.id} data-field="unit" onChange={(e) => setTarget(op, value, e.target.value)} style={{ width: 60 }} /></td>
                <td><input className="num" aria-label={`${i.id} 分值`} readOnly={!editable} value={i.weight ?? ''} data-indicator-id={i.id} data-field="weight" onChange={(e) => setInd(i.id, { weight: e.target.value.trim() || null })} style={{ width: 50 }} /></td>
                <td>
                  {user?.role === 'reviewer' && d.status === 'submitted' ? (
                    <input aria-label={`${i.id} 审核意见`} data-comment-input={i.id} value={perRow[i.id] ?? ''} onChange={(e) => setPerRow({ ...perRow, [i.id]: e.target.value })} />
                  ) : (
                    <span className="comment small" data-comment-for={i.id}>{lastComments.get(i.id) ?? ''}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="small muted">分值合计（含预算执行率 {table.executionWeight ?? 0} 分）应为 100。</p>

      {editable ? (
        <div className="card">
          <div className="toolbar">
            <button type="button" className="primary" onClick={save} disabled={!dirty}>保存</button>
            <button type="button" onClick={() => act('submit', {}, '已申报，等待主管部门审核。')} disabled={dirty}>申报</button>
            {dirty ? <span className="muted small">有未保存的修改</span> : null}
          </div>
          <div className="toolbar">
            <label>指标库<input aria-label="指标库搜索" value={lib.q} onChange={(e) => setLib({ ...lib, q: e.target.value })} placeholder="指标名称或类别" /></label>
            <label>添加到
              <select aria-label="添加到二级指标" value={lib.parent} onChange={(e) => setLib({ ...lib, parent: e.target.value })}>
                <option value="">（按类别）</option>
                {table.indicators.filter((i) => i.level === 2).map((i) => <option key={i.id} value={i.id}>{i.path.join('/')}</option>)}
              </select>
            </label>
            <button type="button" onClick={search}>搜索</button>
          </div>
          {lib.results.length ? (
            <ul data-testid="library-results">
              {lib.results.map((e, k) => (
                <li key={k}>{e.category.join('/')}/<b>{e.name}</b> {e.target ?? ''} <button type="button" className="link" onClick={() => addFromLibrary(e)}>添加</button></li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      {user?.role === 'reviewer' && d.status === 'submitted' ? (
        <div className="card review-actions">
          <label>审核等级
            <select aria-label="审核等级" value={rating} onChange={(e) => setRating(e.target.value)}>
              <option value="">请选择</option>
              {TARGET_RATINGS.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </label>
          <label className="block-label">审核意见<textarea aria-label="审核意见" value={comment} onChange={(e) => setComment(e.target.value)} rows={2} /></label>
          <button type="button" className="primary" disabled={!rating}
            onClick={() => act('review', { rating, comment: comment || undefined, comments: Object.entries(perRow).filter(([, t]) => t.trim()).map(([indicatorId, text]) => ({ indicatorId, text })) }, '审核意见已提交。')}>提交审核</button>
          <button type="button" disabled={!comment.trim()} onClick={() => act('return', { comment }, '已退回修改。')}>退回修改</button>
        </div>
      ) : null}
      {user?.role === 'finance' && d.status === 'reviewed' ? (
        <div className="card review-actions">
          <button type="button" className="primary" onClick={() => act('approve', {}, '已批复，绩效目标已锁定。')}>批复</button>
          <label className="block-label">退回意见<textarea aria-label="退回意见" value={comment} onChange={(e) => setComment(e.target.value)} rows={2} /></label>
          <button type="button" disabled={!comment.trim()} onClick={() => act('return', { comment }, '已退回修改。')}>退回修改</button>
        </div>
      ) : null}
      {d.approvedVersion && (user?.role === 'filler' || user?.role === 'admin') ? (
        <div className="card">
          <h2>批复后</h2>
          <div className="toolbar">
            <label>监控期间<input type="number" aria-label="起始月份" min={1} max={12} value={period.from} onChange={(e) => setPeriod({ ...period, from: Number(e.target.value) })} style={{ width: 50 }} />–
              <input type="number" aria-label="截止月份" min={1} max={12} value={period.to} onChange={(e) => setPeriod({ ...period, to: Number(e.target.value) })} style={{ width: 50 }} />月</label>
            <button type="button" onClick={() => run('已新建监控表。', async () => { const r = await api(`/api/targets/${id}/monitoring`, { body: period }); navigate(`/monitoring/${r.id}`); })}>新建运行监控</button>
            <button type="button" onClick={() => run('已开始自评。', async () => { const r = await api(`/api/targets/${id}/self-evaluation`, { body: {} }); navigate(`/evaluations/${r.id}`); })}>按批复目标开始自评</button>
          </div>
          <div className="toolbar">
            <label>下一年度<input type="number" aria-label="下一年度" value={nextYear} onChange={(e) => setNextYear(e.target.value)} style={{ width: 80 }} /></label>
            <button type="button" onClick={() => run('已复制到下一年度。', async () => { const r = await api(`/api/targets/${id}/copy`, { body: { fiscalYear: Number(nextYear) } }); navigate(`/targets/${r.id}`); })}>复制到下一年度</button>
            {d.status === 'approved' ? (
              <>
                <label>调整理由<input aria-label="调整理由" value={reason} onChange={(e) => setReason(e.target.value)} /></label>
                <button type="button" disabled={!reason.trim()} onClick={() => act('adjust', { reason }, '已进入调整，修改后重新申报。')}>申请调整</button>
              </>
            ) : null}
          </div>
          {rounds.length ? (
            <ul>{rounds.map((r) => <li key={r.id}><Link to={`/monitoring/${r.id}`}>{r.period.from}–{r.period.to}月监控表</Link>（{r.status === 'submitted' ? '已提交' : '草稿'}，<span className={`light light-${r.light}`}>{LIGHT[r.light] ?? r.light}</span>）</li>)}</ul>
          ) : null}
        </div>
      ) : null}

      <div className="card findings">
        <h2>审核要点（{d.findings.length}）</h2>
        {d.findings.length === 0 ? <p className="muted">未发现问题。</p> : (
          <ol data-testid="target-findings">
            {d.findings.map((f, k) => (
              <li key={k} className={`sev-${f.severity}`}><span className="code">{f.code}</span><span className="sev">{f.severity === 'error' ? '错误' : '提示'}</span>{f.message}<span className="sug">{f.suggestion}</span></li>
            ))}
          </ol>
        )}
      </div>
      {d.reviews.length ? (
        <div className="card">
          <h2>审核记录</h2>
          <ul data-testid="target-reviews">
            {d.reviews.map((r, k) => <li key={k}>第{r.version}版：{r.username} 评为「{r.rating}」{r.comment ? `，${r.comment}` : ''}{r.comments.length ? `（逐项意见 ${r.comments.length} 条）` : ''}</li>)}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

export const LIGHT: Record<string, string> = { green: '绿灯', yellow: '黄灯', red: '红灯', none: '未填报' };
