import { useCallback, useEffect, useState } from 'react';
import type { EvaluationJson, IndicatorJson } from '@jixiao/core';
import { api } from '../api.ts';
import { useSession } from '../session.ts';
import { Link } from '../router.tsx';
import { BudgetBlock, IndicatorTable } from '../components/FormTables.tsx';
import { FindingsPanel } from '../components/Findings.tsx';
import { fromJson, marksOf } from '../lib/evaluation-state.ts';
import { diffEvaluations, type Change } from '@jixiao/core/model/diff.ts';
import { STATUS_LABEL, fieldLabel, fmtTime } from '../lib/labels.ts';
import { may, movesOf } from '../lib/moves.ts';
import { cellNotes } from '../lib/comments.ts';
import { WORKFLOW, type WorkflowAction } from '@jixiao/core/workflow/index.ts';

/** the cells of a row a reviewer may comment on */
const CELL_FIELDS = ['target', 'actual', 'weight', 'statedScore', 'deviation'] as const;

const DONE: Partial<Record<WorkflowAction, string>> = {
  return: '已退回填报单位。',
  reopen: '已重新打开，退回填报单位修改。',
  approve: '已审核通过。',
  publish: '已公开。',
  recheck: '已提交复核意见。',
};

interface Comment {
  id: string;
  indicatorId: string | null;
  field?: string | null;
  text: string;
  userName?: string;
  user?: string;
  createdAt?: string;
}

export function ReviewPage({ id }: { id: string }) {
  const { user } = useSession();
  const [data, setData] = useState<{ status: string; version: number; unitName: string; evaluation: EvaluationJson } | null>(null);
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [comments, setComments] = useState<Comment[]>([]);
  const [commentFor, setCommentFor] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [draftField, setDraftField] = useState('');
  const [returnText, setReturnText] = useState('');
  const [msg, setMsg] = useState('');
  const [error, setError] = useState('');

  const load = useCallback(() => {
    api(`/api/evaluations/${id}`).then(setData).catch((e) => setError(e.message));
    loadChanges(id).then(setChanges).catch(() => setChanges([]));
    api<Comment[]>(`/api/evaluations/${id}/comments`).then(setComments).catch(() => {});
  }, [id]);
  useEffect(load, [load]);

  if (error && !data) return <p className="error page" role="alert">{error}</p>;
  if (!data) return <p className="loading">正在加载…</p>;
  const ev = data.evaluation;
  const changed = new Set((changes ?? []).map((c) => `${c.indicatorId}:${c.field}`));

  const act = async (action: WorkflowAction, body?: unknown) => {
    setError('');
    setMsg('');
    try {
      await api(`/api/evaluations/${id}/${action}`, { method: 'POST', body: body ?? {} });
      setMsg(DONE[action] ?? `已${WORKFLOW[action].label}。`);
      setReturnText('');
      load();
    } catch (e: any) {
      setError(e.message);
    }
  };
  const addComment = async (indicatorId: string | null, text: string, field: string | null = null) => {
    if (!text.trim()) return;
    try {
      await api(`/api/evaluations/${id}/comments`, { body: { indicatorId, text, ...(field ? { field } : {}) } });
      setCommentFor(null);
      setDraft('');
      load();
    } catch (e: any) {
      setError(e.message);
    }
  };
  // a comment on a row goes in the 审核批注 column; one on a cell under that cell
  const commentsOf = (i: IndicatorJson) => comments.filter((c) => c.indicatorId === i.id && !c.field);
  const notes = cellNotes(comments);
  const canReview = may(user?.role, 'comment') && user?.role !== 'filler';
  // the state changes of this role in this state, from core's workflow (submitting is the editor's)
  const moves = movesOf(user?.role, data.status, ['submit']);
  const reasonMove = moves.find((m) => m.reason);

  return (
    <section className="editor review">
      <div className="ed-head">
        <div className="ed-title">
          <h1>审核：{ev.title}</h1>
          <span className="muted">{ev.unit ?? data.unitName} · {ev.fiscalYear}年 · 第{data.version}版</span>
          <span className={`status st-${data.status}`} data-testid="status">{STATUS_LABEL[data.status] ?? data.status}</span>
        </div>
        <div className="summary">
          <span>计算总分 <b data-testid="total">{ev.total ?? '—'}</b></span>
          <span>等级 <b data-testid="grade">{ev.gradeLabel ?? '—'}</b></span>
          <span>填报总分 <b>{ev.statedTotal ?? '—'}</b></span>
        </div>
        <div className="ed-actions">
          <Link to={`/evaluations/${id}`} className="button">打开填报表</Link>
          <Link to={`/evaluations/${id}/documents`} className="button">文档</Link>
        </div>
      </div>
      {msg ? <p className="notice" role="status">{msg}</p> : null}
      {error ? <p className="error" role="alert">{error}</p> : null}
      {moves.length || canReview ? (
        <div className="review-actions card">
          {moves.length ? (
            <label className="block-label">
              {reasonMove?.reason ?? '复核意见（可不填）'}
              <textarea
                placeholder={reasonMove ? `${reasonMove.reasonMissing}` : '财政复核时可填写意见'}
                value={returnText}
                onChange={(e) => setReturnText(e.target.value)}
                rows={2}
              />
            </label>
          ) : null}
          {moves.map((m) => (
            <button
              key={m.action}
              type="button"
              className={m.reason || m.action === 'recheck' ? undefined : 'primary'}
              disabled={!!m.reason && !returnText.trim()}
              title={m.reason && !returnText.trim() ? m.reasonMissing ?? undefined : undefined}
              onClick={() => act(m.action, m.reason || m.action === 'recheck' ? { comment: returnText || undefined } : undefined)}
            >
              {m.button}
            </button>
          ))}
          {data.status === 'draft' || data.status === 'returned' ? <span className="muted">填报单位尚未提交（{STATUS_LABEL[data.status]}）。</span> : null}
          {data.status === 'published' ? <span className="muted">已公开，可在「绩效公开」页查看。</span> : null}
        </div>
      ) : null}
      <div className="ed-body">
        <div className="ed-main">
          <h2>自上次提交以来的修改</h2>
          {changes == null ? null : changes.length === 0 ? (
            <p className="muted" data-testid="changes">没有修改（或首次提交）。</p>
          ) : (
            <table className="list changes" data-testid="changes">
              <thead>
                <tr><th>指标</th><th>栏目</th><th>原值</th><th>新值</th></tr>
              </thead>
              <tbody>
                {changes.map((c, k) => (
                  <tr key={k}>
                    <td>{c.path?.join(' / ') ?? (c.indicatorId ? ev.indicators.find((i) => i.id === c.indicatorId)?.path.join(' / ') : '') ?? ''}</td>
                    <td>{fieldLabel(c.field)}</td>
                    <td className="from">{c.from ?? '（空）'}</td>
                    <td className="to">{c.to ?? '（空）'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <BudgetBlock ev={ev} onEdit={undefined} />
          <IndicatorTable
            ev={ev}
            onEdit={undefined}
            marks={marksOf(ev)}
            changed={changed}
            notes={notes}
            extra={{
              title: '审核批注',
              render: (i) => (
                <div className="comment-cell">
                  {commentsOf(i).map((c) => (
                    <p key={c.id} className="comment">{c.text}</p>
                  ))}
                  {canReview ? (
                    commentFor === i.id ? (
                      <form onSubmit={(e) => { e.preventDefault(); void addComment(i.id, draft, draftField || null); }}>
                        <label>
                          批注对象
                          <select value={draftField} onChange={(e) => setDraftField(e.target.value)} aria-label={`${i.name} 批注对象`}>
                            <option value="">整行</option>
                            {CELL_FIELDS.map((f) => <option key={f} value={f}>{fieldLabel(f)}</option>)}
                          </select>
                        </label>
                        <input autoFocus value={draft} onChange={(e) => setDraft(e.target.value)} aria-label={`${i.name} 批注`} />
                        <button type="submit">保存</button>
                      </form>
                    ) : (
                      <button type="button" className="link" data-comment-for={i.id} onClick={() => { setCommentFor(i.id); setDraft(''); setDraftField(''); }}>批注</button>
                    )
                  ) : null}
                </div>
              ),
            }}
          />
        </div>
        <div className="ed-side">
          <div className="comments-box">
            <h3>审核意见</h3>
            <ul>
              {comments.map((c) => (
                <li key={c.id}>
                  {c.indicatorId ? (
                    <b>
                      {ev.indicators.find((i) => i.id === c.indicatorId)?.name ?? c.indicatorId}
                      {c.field ? ` · ${fieldLabel(c.field)}` : ''}：
                    </b>
                  ) : null}
                  {c.text} <span className="muted small">{c.userName ?? c.user ?? ''} {fmtTime(c.createdAt)}</span>
                </li>
              ))}
            </ul>
            {canReview ? <GeneralComment onAdd={(t) => addComment(null, t)} /> : null}
          </div>
          <FindingsPanel findings={ev.findings ?? []} />
        </div>
      </div>
    </section>
  );
}

function GeneralComment({ onAdd }: { onAdd: (t: string) => void }) {
  const [t, setT] = useState('');
  return (
    <form className="general-comment" onSubmit={(e) => { e.preventDefault(); onAdd(t); setT(''); }}>
      <label htmlFor="general-comment">对整份评价的意见</label>
      <input id="general-comment" value={t} onChange={(e) => setT(e.target.value)} placeholder="整体意见" />
      <button type="submit">添加</button>
    </form>
  );
}

/**
 * Changes since the last submission. Once resubmitted, the server's /changes compares the evaluation
 * with itself (the new submission); the reviewer then needs the changes since the previous submission,
 * taken from the submitted versions.
 */
async function loadChanges(id: string): Promise<Change[]> {
  const [changes, versions, current] = await Promise.all([
    api<Change[]>(`/api/evaluations/${id}/changes`),
    api<{ version: number; status: string }[]>(`/api/evaluations/${id}/versions`).catch(() => []),
    api<{ status: string; evaluation: EvaluationJson }>(`/api/evaluations/${id}`),
  ]);
  if (changes.length > 0 || current.status === 'draft' || current.status === 'returned') return changes;
  const submitted = versions.filter((v) => v.status === 'submitted').sort((a, b) => b.version - a.version);
  if (submitted.length < 2) return changes;
  const prev = await api<{ evaluation: EvaluationJson }>(`/api/evaluations/${id}/versions/${submitted[1].version}`);
  return diffEvaluations(fromJson(prev.evaluation), fromJson(current.evaluation));
}
