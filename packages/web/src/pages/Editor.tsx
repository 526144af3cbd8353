import { useCallback, useEffect, useRef, useState } from 'react';
import type { EvaluationJson, Evaluation, Finding } from '@jixiao/core';
import { api, ApiError } from '../api.ts';
import { useSession } from '../session.ts';
import { Link } from '../router.tsx';
import { BudgetBlock, HeaderFields, IndicatorTable } from '../components/FormTables.tsx';
import { cellNotes } from '../lib/comments.ts';
import { canEdit, may } from '../lib/moves.ts';
import { WORKFLOW } from '@jixiao/core/workflow/index.ts';
import { addIndicator, countFindings, indentIndicator, moveIndicator, outdentIndicator, removeIndicator, reportSections, type TreeEdit } from '@jixiao/core';
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

type TreeOp = 'sibling' | 'child' | 'indent' | 'outdent' | 'up' | 'down' | 'delete' | 'root';

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
  // undo / redo: each step holds the edit that takes it back and the one that does it again
  const undoStack = useRef<{ undo: Edit; redo: Edit; key: string; at: number }[]>([]);
  const redoStack = useRef<{ undo: Edit; redo: Edit; key: string; at: number }[]>([]);
  const focusAfter = useRef<string | null>(null);
  const lastIndicator = useRef<string | null>(null);

  // the ruleset the server chose or the user named, with its reason
  const chosenRef = useRef<{ ruleset: string; rulesetReason: string } | null>(null);
  const [rulesetList, setRulesetList] = useState<{ id: string; name: string }[]>([]);
  const setEvaluation = useCallback((e: Evaluation, rulesetId: string | undefined) => {
    const r = recompute(e, rulesetId, chosenRef.current);
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
        chosenRef.current = { ruleset: evaluation.ruleset, rulesetReason: evaluation.rulesetReason };
        // recompute locally: same function as the server, and the ruleset may have changed since
        setEvaluation(fromJson(evaluation), evaluation.ruleset);
      })
      .catch((e) => setLoadError(e.message));
    api<Comment[]>(`/api/evaluations/${id}/comments`).then(setComments).catch(() => {});
    api<{ id: string; name: string }[]>('/api/rulesets').then(setRulesetList).catch(() => {});
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

  // the user names the ruleset ('' = the automatic choice): pending edits are saved first, then the
  // server scores the evaluation again by it as a new version
  const changeRuleset = useCallback(
    async (rulesetId: string) => {
      await save();
      if (blocked.current || pending.current.size) return;
      setSaveState('saving');
      try {
        const r = await api<{ version: number; evaluation: EvaluationJson }>(`/api/evaluations/${id}/ruleset`, {
          method: 'PUT',
          body: { version: versionRef.current, ruleset: rulesetId || null },
        });
        versionRef.current = r.version;
        baseRef.current = fromJson(r.evaluation);
        chosenRef.current = { ruleset: r.evaluation.ruleset, rulesetReason: r.evaluation.rulesetReason };
        setEvaluation(fromJson(r.evaluation), r.evaluation.ruleset);
        setMeta((m) => (m ? { ...m, version: r.version, updatedAt: new Date().toISOString(), updatedBy: user?.name ?? m.updatedBy } : m));
        setSaveState('saved');
        setNotice(`已改用：${r.evaluation.rulesetReason}`);
      } catch (e) {
        setSaveState('error');
        setSaveError((e as Error).message);
      }
    },
    [id, save, setEvaluation, user],
  );

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

  /** apply an edit, mark it for saving; `record` false for undo/redo themselves */
  const apply = useCallback(
    (e: Edit, record: boolean) => {
      const cur = evRef.current;
      if (!cur) return;
      const before = fromJson(cur);
      if (record) {
        const inverse: Edit = e.kind === 'tree' ? { kind: 'tree', indicators: before.indicators, what: e.what } : ({ ...e, value: readEdit(before, e) } as Edit);
        const key = editKey(e);
        const top = undoStack.current.at(-1);
        // typing in one cell is one step, as in a spreadsheet
        if (top && e.kind !== 'tree' && top.key === key && Date.now() - top.at < 2000) {
          top.redo = e;
          top.at = Date.now();
        } else undoStack.current.push({ undo: inverse, redo: e, key, at: Date.now() });
        if (undoStack.current.length > 200) undoStack.current.shift();
        redoStack.current = [];
      }
      pending.current.delete(editKey(e));
      pending.current.set(editKey(e), e);
      setEvaluation(applyEdit(before, e), cur.ruleset);
      if (!blocked.current) {
        setSaveState('dirty');
        schedule();
      }
    },
    [schedule, setEvaluation],
  );
  const onEdit = useCallback((e: Edit) => apply(e, true), [apply]);

  const undo = useCallback(
    (redo = false) => {
      const from = redo ? redoStack.current : undoStack.current;
      const to = redo ? undoStack.current : redoStack.current;
      const step = from.pop();
      if (!step) {
        setNotice(redo ? '没有可重做的操作。' : '没有可撤销的操作。');
        return;
      }
      to.push({ ...step, at: 0 });
      const e = redo ? step.redo : step.undo;
      apply(e, false);
      setNotice('');
      const id = e.kind === 'indicator' ? e.id : e.kind === 'tree' ? lastIndicator.current : null;
      if (id) focusAfter.current = id;
    },
    [apply],
  );

  /** a change of the tree's shape, on the row being edited */
  const treeOp = useCallback(
    (op: TreeOp) => {
      const cur = evRef.current;
      if (!cur) return;
      const list = fromJson(cur).indicators;
      const id = lastIndicator.current && list.some((i) => i.id === lastIndicator.current) ? lastIndicator.current : null;
      if (!id && op !== 'root' && op !== 'sibling' && op !== 'child') {
        setNotice('请先选中一行指标（点击指标名称）。');
        return;
      }
      const WHAT = { sibling: '添加同级指标', child: '添加下级指标', root: '添加一级指标', indent: '降一级', outdent: '升一级', up: '上移', down: '下移', delete: '删除指标' };
      let r: TreeEdit | null;
      if (op === 'sibling') r = addIndicator(list, id, 'after');
      else if (op === 'child') r = addIndicator(list, id, id ? 'child' : 'after');
      else if (op === 'root') r = addIndicator(list, null, 'after');
      else if (op === 'indent') r = indentIndicator(list, id!);
      else if (op === 'outdent') r = outdentIndicator(list, id!);
      else if (op === 'up' || op === 'down') r = moveIndicator(list, id!, op === 'up' ? -1 : 1);
      else r = removeIndicator(list, id!);
      if (!r) {
        const why = { indent: '第一行没有可以归入的上一行，无法降级。', outdent: '一级指标无法再升级。', up: '已经是第一行。', down: '已经是最后一行。' } as Record<string, string>;
        setNotice(why[op] ?? '无法执行该操作。');
        return;
      }
      setNotice(op === 'delete' ? `已删除「${list.find((i) => i.id === id)?.name || '空白指标'}」及其下级指标，按 Ctrl+Z 可撤销。` : '');
      apply({ kind: 'tree', indicators: r.indicators, what: WHAT[op] }, true);
      lastIndicator.current = r.focus;
      focusAfter.current = r.focus;
    },
    [apply],
  );

  // after the table has rendered: put the caret in the name of the row an operation left us on
  useEffect(() => {
    const id = focusAfter.current;
    if (!id) return;
    focusAfter.current = null;
    const el = document.querySelector<HTMLInputElement>(`input[data-indicator-id="${CSS.escape(id)}"][data-field="name"]`) ?? document.querySelector<HTMLElement>(`[data-indicator-id="${CSS.escape(id)}"]`);
    el?.focus();
  });

  const onKeys = useCallback(
    (e: React.KeyboardEvent<HTMLElement>) => {
      const t = e.target as HTMLElement;
      if (t.dataset.indicatorId) lastIndicator.current = t.dataset.indicatorId;
      if (e.nativeEvent.isComposing) return;
      const ctrl = e.ctrlKey || e.metaKey;
      const k = e.key;
      let done = true;
      if (ctrl && !e.shiftKey && (k === 'z' || k === 'Z')) undo(false);
      else if (ctrl && (k === 'y' || k === 'Y' || (e.shiftKey && (k === 'z' || k === 'Z')))) undo(true);
      else if (!t.closest('table.indicators')) done = false;
      else if (ctrl && k === 'Enter') treeOp(e.shiftKey ? 'child' : 'sibling');
      else if (ctrl && k === 'Delete') treeOp('delete');
      else if (e.altKey && k === 'ArrowRight') treeOp('indent');
      else if (e.altKey && k === 'ArrowLeft') treeOp('outdent');
      else if (e.altKey && k === 'ArrowUp') treeOp('up');
      else if (e.altKey && k === 'ArrowDown') treeOp('down');
      else done = false;
      if (done) {
        e.preventDefault();
        e.stopPropagation();
      }
    },
    [treeOp, undo],
  );

  if (loadError) return <p className="error page" role="alert">{loadError}</p>;
  if (!ev || !meta) return <p className="loading">正在加载…</p>;

  // who may edit in which state is the workflow's (core/workflow), as the server enforces it
  const editable = canEdit(user?.role, meta.status);
  const canSubmit = may(user?.role, 'submit', meta.status);
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
          <span className="ruleset">
            <label>
              评分规则{' '}
              <select
                data-testid="ruleset"
                value={ev.ruleset}
                disabled={!editable || !rulesetList.length}
                onChange={(e) => void changeRuleset(e.target.value)}
              >
                {rulesetList.some((r) => r.id === ev.ruleset) ? null : <option value={ev.ruleset}>{ev.ruleset}</option>}
                {rulesetList.map((r) => (
                  <option key={r.id} value={r.id}>{r.name}</option>
                ))}
              </select>
            </label>
            {editable ? (
              <button type="button" className="link" onClick={() => void changeRuleset('')} title="按所属单位和表中文字重新自动选择">
                自动选择
              </button>
            ) : null}
            <small className="muted" data-testid="ruleset-reason">{ev.rulesetReason}</small>
          </span>
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
          {canSubmit ? <button type="button" className="primary" onClick={submit}>{WORKFLOW.submit.button ?? WORKFLOW.submit.label}</button> : null}
          {user?.role !== 'filler' ? <Link to={`/evaluations/${id}/review`} className="button">审核</Link> : null}
          <Link to={`/evaluations/${id}/documents`} className="button">文档</Link>
        </div>
      </div>
      {calcError ? <p className="error">{calcError}</p> : null}
      {notice ? <p className="notice" role="status">{notice}</p> : null}
      {refused ? (
        <div className="refused" role="alert" data-testid="submit-refused">
          <b>无法提交：还有 {countFindings(refused).errors || refused.length} 个错误需要改正。</b>
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
            <div onKeyDownCapture={editable ? onKeys : undefined} onFocusCapture={(e) => {
              const id = (e.target as HTMLElement).dataset?.indicatorId;
              if (id) lastIndicator.current = id;
            }}>
              <HeaderFields ev={ev} onEdit={editable ? onEdit : undefined} />
              <BudgetBlock ev={ev} onEdit={editable ? onEdit : undefined} />
              {editable ? <TreeToolbar onOp={treeOp} onUndo={() => undo(false)} onRedo={() => undo(true)} empty={ev.indicators.length === 0} /> : null}
              <IndicatorTable ev={ev} onEdit={editable ? onEdit : undefined} marks={marksOf(ev)} notes={cellNotes(comments)} />
            </div>
          ) : (
            <div onKeyDownCapture={editable ? onKeys : undefined}>
              <Narrative ev={ev} onEdit={editable ? onEdit : undefined} />
            </div>
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

const OPS: { op: TreeOp; label: string; keys: string }[] = [
  { op: 'sibling', label: '添加同级', keys: 'Ctrl+Enter' },
  { op: 'child', label: '添加下级', keys: 'Ctrl+Shift+Enter' },
  { op: 'outdent', label: '升一级', keys: 'Alt+←' },
  { op: 'indent', label: '降一级', keys: 'Alt+→' },
  { op: 'up', label: '上移', keys: 'Alt+↑' },
  { op: 'down', label: '下移', keys: 'Alt+↓' },
  { op: 'delete', label: '删除', keys: 'Ctrl+Delete' },
];

/** The tree's operations for the mouse; each names its key, which works in any cell of the row. */
function TreeToolbar(props: { onOp: (op: TreeOp) => void; onUndo: () => void; onRedo: () => void; empty: boolean }) {
  const keep = (e: React.MouseEvent) => e.preventDefault(); // the row being edited keeps the focus
  return (
    <div className="tree-toolbar" role="toolbar" aria-label="指标表操作">
      <span className="muted">指标：</span>
      {props.empty ? <button type="button" onClick={() => props.onOp('root')}>添加一级指标</button> : null}
      {OPS.map((o) => (
        <button key={o.op} type="button" onMouseDown={keep} onClick={() => props.onOp(o.op)} title={o.keys} aria-keyshortcuts={o.keys.replace('←', 'ArrowLeft').replace('→', 'ArrowRight').replace('↑', 'ArrowUp').replace('↓', 'ArrowDown')}>
          {o.label}
        </button>
      ))}
      <button type="button" onMouseDown={keep} onClick={props.onUndo} title="Ctrl+Z">撤销</button>
      <button type="button" onMouseDown={keep} onClick={props.onRedo} title="Ctrl+Y">重做</button>
      <span className="muted small">快捷键在所在行的任一格有效：Ctrl+Enter 添加同级、Ctrl+Shift+Enter 添加下级、Alt+←/→ 升降级、Alt+↑/↓ 移动、Ctrl+Delete 删除、Ctrl+Z 撤销</span>
    </div>
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

/** The report as the .docx prints it: the same headings, order and numbering; one text per section. */
function Narrative({ ev, onEdit }: { ev: EvaluationJson; onEdit?: (e: Edit) => void }) {
  const ro = !onEdit;
  const secs = reportSections(ev);
  const rows = (t: string) => Math.min(14, Math.max(3, Math.ceil(t.length / 60) + t.split('\n').length - 1));
  return (
    <div className="narrative">
      {ev.subject === 'project' ? (
        <>
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
        </>
      ) : null}
      <h2>{ev.subject === 'department' ? '部门整体支出绩效自评报告' : '项目支出绩效自评报告'}</h2>
      <p className="muted small">与生成的 Word 报告一致：同样的标题、顺序和编号。空着的部分在提交前列为问题。</p>
      {secs.map((s, n) => {
        if (s.item.group) return <h3 key={`g${n}`} className="outline-group">{s.item.heading}</h3>;
        const [first, ...more] = s.sources;
        const text = first != null ? ev.sections[first]?.text ?? '' : '';
        const write = (v: string) =>
          onEdit?.(first != null ? { kind: 'section', index: first, field: 'text', value: v } : { kind: 'section', index: ev.sections.length, field: 'text', value: v, create: { heading: s.item.heading, key: s.item.keys[0] } });
        return (
          <div key={s.extra ? `x${first}` : `o${n}`} className={`section-edit depth${s.item.depth}${s.paragraphs.length ? '' : ' empty'}`} data-section={s.item.keys[0] ?? ''}>
            {s.extra ? (
              <input className="heading" readOnly={ro} value={ev.sections[first!]?.heading ?? ''} aria-label={`第${n + 1}部分标题`} data-field={`sections.${first}.heading`} onChange={(e) => onEdit?.({ kind: 'section', index: first!, field: 'heading', value: e.target.value })} />
            ) : (
              <h3 id={`sec-${n}`}>{s.item.heading}</h3>
            )}
            <textarea
              readOnly={ro}
              value={text}
              aria-label={s.item.heading || `第${n + 1}部分`}
              data-field={`sections.${first ?? s.item.keys[0] ?? n}.text`}
              placeholder={ro ? '' : `填写“${s.item.what || '本部分'}”`}
              rows={rows(text)}
              onChange={(e) => write(e.target.value)}
            />
            {more.map((k) => (
              <div key={k} className="section-more">
                <input className="heading" readOnly={ro} value={ev.sections[k]?.heading ?? ''} aria-label={`${s.item.heading}（续）标题`} data-field={`sections.${k}.heading`} onChange={(e) => onEdit?.({ kind: 'section', index: k, field: 'heading', value: e.target.value })} />
                <textarea readOnly={ro} value={ev.sections[k]?.text ?? ''} aria-label={`${s.item.heading}（续）`} data-field={`sections.${k}.text`} rows={rows(ev.sections[k]?.text ?? '')} onChange={(e) => onEdit?.({ kind: 'section', index: k, field: 'text', value: e.target.value })} />
              </div>
            ))}
          </div>
        );
      })}
      {onEdit ? (
        <button type="button" onClick={() => onEdit({ kind: 'section', index: ev.sections.length, field: 'heading', value: `${'一二三四五六七八九十'[secs.filter((x) => x.item.depth === 1).length] ?? secs.length + 1}、` })}>
          在报告末尾添加一部分
        </button>
      ) : null}
    </div>
  );
}
