import { useCallback, useEffect, useRef, useState } from 'react';
import type { EvaluationJson, Evaluation, Finding } from '@jixiao/core';
import { api, ApiError } from '../api.ts';
import { useSession } from '../session.ts';
import { Link } from '../router.tsx';
import { BudgetBlock, IndicatorTable } from '../components/FormTables.tsx';
import { FindingsPanel, focusFinding, focusProse, isProseFinding } from '../components/Findings.tsx';
import { applyEdit, applyEdits, describeEdit, diffEvaluations, editKey, readEdit, type Edit } from '../lib/edit.ts';
import { counts, fromJson, marksOf, recompute } from '../lib/evaluation-state.ts';
import { STATUS_LABEL, SUBJECT_LABEL, fmtTime } from '../lib/labels.ts';

interface Loaded {
  id: string;
  unitId: string;
  unitName: string;
  status: string;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
  evaluation: EvaluationJson;
}
interface Conflict {
  version: number;
  updatedBy: string | null;
  updatedAt: string;
  evaluation: EvaluationJson;
}
interface Comment {
  id: string;
  indicatorId: string | null;
  text: string;
  user?: string;
  userName?: string;
  createdAt?: string;
}

const SAVE_DELAY = 800;

export function EditorPage({ id }: { id: string }) {
  const { user } = useSession();
  const [meta, setMeta] = useState<Omit<Loaded, 'evaluation'> | null>(null);
  const [ev, setEv] = useState<EvaluationJson | null>(null);
  const [calcError, setCalcError] = useState<string | null>(null);
  const [loadError, setLoadError] = useState('');
  const [saveState, setSaveState] = useState<'saved' | 'dirty' | 'saving' | 'error' | 'conflict'>('saved');
  const [saveError, setSaveError] = useState('');
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [refused, setRefused] = useState<Finding[] | null>(null);
  const [notice, setNotice] = useState('');
  const [tab, setTab] = useState<'form' | 'text'>('form');
  const [comments, setComments] = useState<Comment[]>([]);

  // refs: the save loop reads the latest values without re-creating callbacks
  const evRef = useRef<EvaluationJson | null>(null);
  const versionRef = useRef(0);
  const baseRef = useRef<Evaluation | null>(null);
  const pending = useRef(new Map<string, Edit>());
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef<Promise<void> | null>(null);
  const blocked = useRef(false);

  const setEvaluation = useCallback((e: Evaluation, rulesetId: string | undefined) => {
    const r = recompute(e, rulesetId);
    evRef.current = r.ev;
    setEv(r.ev);
    setCalcError(r.error);
  }, []);

  useEffect(() => {
    api<Loaded>(`/api/evaluations/${id}`)
      .then((r) => {
        const { evaluation, ...m } = r;
        setMeta(m);
        versionRef.current = r.version;
        baseRef.current = fromJson(evaluation);
        // recompute locally: same function as the server, and the ruleset may have changed since
        setEvaluation(fromJson(evaluation), evaluation.ruleset);
      })
      .catch((e) => setLoadError(e.message));
    api<Comment[]>(`/api/evaluations/${id}/comments`).then(setComments).catch(() => {});
  }, [id, setEvaluation]);

  const save = useCallback(async (): Promise<void> => {
    // one PUT at a time: a second one would carry the same version and conflict with our own save
    while (inFlight.current) await inFlight.current;
    if (blocked.current || pending.current.size === 0 || !evRef.current) return;
    const sent = new Map(pending.current);
    const body = { version: versionRef.current, evaluation: fromJson(evRef.current) };
    setSaveState('saving');
    const p = (async () => {
      try {
        const r = await api<{ version: number; evaluation: EvaluationJson }>(`/api/evaluations/${id}`, { method: 'PUT', body });
        versionRef.current = r.version;
        baseRef.current = fromJson(r.evaluation);
        for (const [k, e] of sent) if (pending.current.get(k) === e) pending.current.delete(k);
        setMeta((m) => (m ? { ...m, version: r.version, updatedAt: new Date().toISOString(), updatedBy: user?.name ?? m.updatedBy } : m));
        setSaveState(pending.current.size ? 'dirty' : 'saved');
        setSaveError('');
      } catch (e) {
        if (e instanceof ApiError && e.status === 409 && e.body?.current) {
          blocked.current = true;
          setConflict(e.body.current);
          setSaveState('conflict');
        } else {
          setSaveState('error');
          setSaveError((e as Error).message);
        }
      }
    })();
    inFlight.current = p;
    await p;
    inFlight.current = null;
    if (pending.current.size && !blocked.current) schedule();
  }, [id, user]);

  const schedule = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void save(), SAVE_DELAY);
  }, [save]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (pending.current.size) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      window.clearTimeout(timer.current);
      // leaving the page inside the app: save what is pending
      if (pending.current.size && !blocked.current) void save();
    };
  }, [save]);

  const onEdit = useCallback(
    (e: Edit) => {
      const cur = evRef.current;
      if (!cur) return;
      pending.current.delete(editKey(e));
      pending.current.set(editKey(e), e);
      setEvaluation(applyEdit(fromJson(cur), e), cur.ruleset);
      if (!blocked.current) {
        setSaveState('dirty');
        schedule();
      }
    },
    [schedule, setEvaluation],
  );

  if (loadError) return <p className="error page" role="alert">{loadError}</p>;
  if (!ev || !meta) return <p className="loading">正在加载…</p>;

  const editable = (meta.status === 'draft' || meta.status === 'returned') && (user?.role === 'filler' || user?.role === 'admin');
  const { errors, warnings } = counts(ev);
  const generalComments = comments.filter((c) => !c.indicatorId);
  const indicatorComments = comments.filter((c) => c.indicatorId);

  const submit = async () => {
    setNotice('');
    setRefused(null);
    window.clearTimeout(timer.current);
    await save();
    if (blocked.current) return;
    if (pending.current.size) {
      setNotice('还有未保存的修改，请稍后再提交。');
      return;
    }
    try {
      const r = await api<{ status: string }>(`/api/evaluations/${id}/submit`, { method: 'POST' });
      setMeta((m) => (m ? { ...m, status: r.status ?? 'submitted' } : m));
      setNotice('已提交审核。');
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) setRefused(e.body?.findings ?? ev.findings.filter((f) => f.severity === 'error'));
      else setNotice((e as Error).message);
    }
  };

  const resolve = (how: 'reapply' | 'theirs') => {
    if (!conflict) return;
    const theirs = fromJson(conflict.evaluation);
    versionRef.current = conflict.version;
    baseRef.current = theirs;
    setMeta((m) => (m ? { ...m, version: conflict.version, updatedAt: conflict.updatedAt, updatedBy: conflict.updatedBy } : m));
    if (how === 'reapply') setEvaluation(applyEdits(theirs, pending.current.values()), conflict.evaluation.ruleset);
    else {
      pending.current.clear();
      setEvaluation(theirs, conflict.evaluation.ruleset);
    }
    blocked.current = false;
    setConflict(null);
    setSaveState(pending.current.size ? 'dirty' : 'saved');
    if (pending.current.size) void save();
  };

  return (
    <section className="editor">
      <div className="ed-head">
        <div className="ed-title">
          <h1>{ev.title}</h1>
          <span className="muted">
            {ev.unit ?? meta.unitName} · {ev.fiscalYear ?? ''}年 · {SUBJECT_LABEL[ev.subject] ?? ev.subject}
          </span>
          <span className={`status st-${meta.status}`} data-testid="status">{STATUS_LABEL[meta.status] ?? meta.status}</span>
        </div>
        <div className="summary">
          <span>计算总分 <b data-testid="total">{ev.total ?? '—'}</b></span>
          <span>等级 <b data-testid="grade">{ev.gradeLabel ?? '—'}</b></span>
          <span>执行率 <b>{ev.budget?.rate != null ? `${ev.budget.rate}%` : '—'}</b></span>
          <span className={errors ? 'has-error' : ''}>错误 <b data-testid="errors">{errors}</b></span>
          <span className={warnings ? 'has-warning' : ''}>警告 <b>{warnings}</b></span>
          <span className={`save save-${saveState}`} data-testid="save-state" title={saveError}>
            {saveState === 'saved' ? `已保存（第${meta.version}版）` : saveState === 'dirty' ? '有修改，即将自动保存' : saveState === 'saving' ? '正在保存…' : saveState === 'conflict' ? '保存冲突' : `保存失败：${saveError}`}
          </span>
        </div>
        <div className="ed-actions">
          {saveState === 'error' ? <button type="button" onClick={() => void save()}>重试保存</button> : null}
          {editable ? <button type="button" className="primary" onClick={submit}>提交审核</button> : null}
          {user?.role !== 'filler' ? <Link to={`/evaluations/${id}/review`} className="button">审核</Link> : null}
          <Link to={`/evaluations/${id}/documents`} className="button">文档</Link>
        </div>
      </div>
      {calcError ? <p className="error">{calcError}</p> : null}
      {notice ? <p className="notice" role="status">{notice}</p> : null}
      {refused ? (
        <div className="refused" role="alert" data-testid="submit-refused">
          <b>无法提交：还有 {refused.filter((f) => f.severity === 'error').length || refused.length} 个错误需要改正。</b>
          <ul>
            {refused.map((f, k) => (
              <li key={k}>
                <button type="button" className="link" onClick={() => focusFinding(f)}>
                  {f.where?.path?.join(' / ') ?? ''} {f.message}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {!editable ? <p className="notice">当前状态为「{STATUS_LABEL[meta.status] ?? meta.status}」，表格只读。</p> : null}
      <div className="ed-body">
        <div className="ed-main">
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'form'} onClick={() => setTab('form')}>评分表</button>
            <button type="button" role="tab" aria-selected={tab === 'text'} onClick={() => setTab('text')}>报告正文</button>
          </div>
          {tab === 'form' ? (
            <>
              <BudgetBlock ev={ev} onEdit={editable ? onEdit : undefined} />
              <IndicatorTable ev={ev} onEdit={editable ? onEdit : undefined} marks={marksOf(ev)} />
            </>
          ) : (
            <Narrative ev={ev} onEdit={editable ? onEdit : undefined} />
          )}
        </div>
        <div className="ed-side">
          {generalComments.length || indicatorComments.length ? (
            <div className="comments-box">
              <h3>审核意见</h3>
              <ul>
                {comments.map((c) => (
                  <li key={c.id}>
                    {c.indicatorId ? (
                      <button type="button" className="link" onClick={() => focusFinding({ where: { indicatorId: c.indicatorId! } } as Finding)}>
                        {ev.indicators.find((i) => i.id === c.indicatorId)?.name ?? c.indicatorId}
                      </button>
                    ) : null}
                    ：{c.text} <span className="muted small">{c.userName ?? c.user ?? ''} {fmtTime(c.createdAt)}</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <FindingsPanel
            findings={ev.findings ?? []}
            onPick={(f) => {
              const prose = isProseFinding(f);
              setTab(prose ? 'text' : 'form');
              // after the tab has rendered
              requestAnimationFrame(() => (prose ? focusProse(f) : focusFinding(f)));
            }}
          />
        </div>
      </div>
      {conflict ? <ConflictDialog conflict={conflict} base={baseRef.current!} mine={[...pending.current.values()]} myEv={fromJson(ev)} onResolve={resolve} /> : null}
    </section>
  );
}

function ConflictDialog(props: { conflict: Conflict; base: Evaluation; mine: Edit[]; myEv: Evaluation; onResolve: (how: 'reapply' | 'theirs') => void }) {
  const { conflict, base, mine, myEv, onResolve } = props;
  const theirs = fromJson(conflict.evaluation);
  const theirChanges = diffEvaluations(base, theirs);
  const overlap = new Set(theirChanges.map((c) => c.key));
  return (
    <div className="modal-back">
      <div className="modal" role="dialog" aria-modal="true" aria-label="保存冲突" data-testid="conflict">
        <h2>保存冲突：别人已保存了新的版本</h2>
        <p>
          {conflict.updatedBy ?? '其他用户'}于 {fmtTime(conflict.updatedAt)} 保存了第 {conflict.version} 版。您的修改尚未保存，<b>不会丢失</b>：可以在对方的版本上重新应用您的修改。
        </p>
        <div className="two">
          <div>
            <h3>对方的修改（第 {conflict.version} 版）</h3>
            {theirChanges.length === 0 ? <p className="muted">没有单元格变化。</p> : null}
            <ul className="changes" data-testid="their-changes">
              {theirChanges.map((c) => (
                <li key={c.key}>
                  <span className="where">{c.label}</span>
                  <span className="from">{c.from ?? '（空）'}</span> → <span className="to">{c.to ?? '（空）'}</span>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3>您的修改（未保存）</h3>
            <ul className="changes" data-testid="my-changes">
              {mine.map((e) => (
                <li key={editKey(e)} className={overlap.has(editKey(e)) ? 'overlap' : ''}>
                  <span className="where">{describeEdit(myEv, e)}</span>
                  <span className="from">{readEdit(theirs, e) ?? '（空）'}</span> → <span className="to">{readEdit(myEv, e) ?? '（空）'}</span>
                  {overlap.has(editKey(e)) ? <span className="warn">双方都改了这一格，应用后以您的为准</span> : null}
                </li>
              ))}
            </ul>
          </div>
        </div>
        <div className="buttons">
          <button type="button" className="primary" onClick={() => onResolve('reapply')}>在对方版本上应用我的修改并保存</button>
          <button type="button" onClick={() => onResolve('theirs')}>放弃我的修改，使用对方版本</button>
        </div>
      </div>
    </div>
  );
}

function Narrative({ ev, onEdit }: { ev: EvaluationJson; onEdit?: (e: Edit) => void }) {
  const ro = !onEdit;
  return (
    <div className="narrative">
      <h2>年度总体目标</h2>
      <div className="two">
        <label>
          预期目标
          <textarea readOnly={ro} value={ev.goals?.expected ?? ''} data-field="goals.expected" onChange={(e) => onEdit?.({ kind: 'goals', field: 'expected', value: e.target.value })} rows={4} />
        </label>
        <label>
          实际完成情况
          <textarea readOnly={ro} value={ev.goals?.actual ?? ''} data-field="goals.actual" onChange={(e) => onEdit?.({ kind: 'goals', field: 'actual', value: e.target.value })} rows={4} />
        </label>
      </div>
      <h2>报告正文</h2>
      {ev.sections.map((s, i) => (
        <div key={i} className="section-edit">
          <input className="heading" readOnly={ro} value={s.heading} aria-label="标题" data-field={`sections.${i}.heading`} onChange={(e) => onEdit?.({ kind: 'section', index: i, field: 'heading', value: e.target.value })} />
          <textarea readOnly={ro} value={s.text} aria-label={s.heading} data-field={`sections.${i}.text`} rows={Math.min(12, Math.max(3, Math.ceil(s.text.length / 70)))} onChange={(e) => onEdit?.({ kind: 'section', index: i, field: 'text', value: e.target.value })} />
        </div>
      ))}
      {onEdit ? (
        <button type="button" onClick={() => onEdit({ kind: 'section', index: ev.sections.length, field: 'heading', value: `${'一二三四五六七八九十'[ev.sections.length] ?? ev.sections.length + 1}、` })}>添加一节</button>
      ) : null}
    </div>
  );
}

