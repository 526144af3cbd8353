// Evaluations over HTTP: the indicator frameworks and rulesets to start from, list, create, open,
// save, carry forward, history, the review workflow, comments, the audit log, and the published
// evaluations anyone may read (绩效公开).
import type { FastifyInstance } from 'fastify';
import { rulesets } from '@jixiao/core';
import { frameworks, getFramework, newEvaluationFromFramework } from '@jixiao/core/frameworks/index.ts';
import type { Db } from '../db/client.ts';
import { badRequest, notFound } from '../errors.ts';
import { body, id, idParams, route, user } from '../http.ts';
import { intParam, optText, parseEvaluation } from '../validate.ts';
import { addComment, commentsOf } from './comments.ts';
import { filtersFrom, listQuery } from './filters.ts';
import { auditOf, changes, version, versions } from './history.ts';
import { carryForward, createEvaluation, detailJson, listEvaluations, saveEvaluation } from './store.ts';
import { setRuleset } from './ruleset.ts';
import { transition } from './workflow.ts';

// the list's answer described for the OpenAPI document and serialised from the schema (fast-json-stringify)
const str = { type: 'string' };
const strOrNull = { type: ['string', 'null'] };
const int = { type: 'integer' };
const listResponse = {
  response: {
    200: {
      type: 'object',
      required: ['items', 'total', 'totalExact', 'next'],
      properties: {
        total: int,
        totalExact: { type: 'boolean' },
        next: strOrNull,
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: int,
              unitId: int,
              unitName: str,
              subject: str,
              title: str,
              fiscalYear: { type: ['integer', 'null'] },
              status: str,
              version: int,
              total: strOrNull,
              grade: strOrNull,
              gradeLabel: strOrNull,
              executionRate: strOrNull,
              errors: int,
              warnings: int,
              infos: int,
              updatedAt: strOrNull,
            },
          },
        },
      },
    },
  },
};

const ACTIONS = {
  submit: '提交',
  return: '退回已提交的评价（需填写意见）',
  approve: '审核通过',
  reopen: '财政部门重新打开已审核通过的评价（需填写理由，记入审计日志）',
  publish: '公开',
  recheck: '财政复核',
} as const;

export function evaluationRoutes(app: FastifyInstance, db: Db) {
  // frameworks and rulesets (data from core)
  app.get('/api/frameworks', route('评分', '指标体系'), async () =>
    frameworks.map((f) => ({ id: f.id, name: f.name, subject: f.subject, jurisdiction: f.jurisdiction, ruleset: f.ruleset })),
  );
  app.get('/api/rulesets', route('评分', '评分规则'), async () => rulesets.map((r) => ({ id: r.id, name: r.name, jurisdiction: r.jurisdiction })));

  app.get('/api/evaluations', route('评价', '评价列表（可见范围内，可筛选）', { ...listQuery, ...listResponse }), async (req) =>
    listEvaluations(db, user(req), filtersFrom(req.query)),
  );

  app.post('/api/evaluations', route('评价', '新建评价（按指标体系或提交完整评价）'), async (req) => {
    const b = body(req);
    const unitId = intParam(b.unitId, '单位');
    if (b.evaluation !== undefined) return createEvaluation(db, user(req), unitId, parseEvaluation(b.evaluation));
    const fw = getFramework(String(b.frameworkId ?? ''));
    if (!fw) throw badRequest('指标体系不存在');
    const fiscalYear = intParam(b.fiscalYear, '年度');
    const title = optText(b.title, '标题', 500);
    if (!title) throw badRequest('请填写标题');
    const [unit] = await db.query('SELECT name FROM units WHERE id = $1', [unitId]);
    let blank;
    try {
      blank = newEvaluationFromFramework(fw, { title, unit: unit?.name ?? null, fiscalYear });
    } catch (e) {
      throw badRequest((e as Error).message);
    }
    return createEvaluation(db, user(req), unitId, blank, 'create', fw.ruleset);
  });

  app.get('/api/evaluations/:id', route('评价', '打开评价', idParams), async (req, reply) =>
    reply.type('application/json; charset=utf-8').send(await detailJson(db, user(req), id(req))),
  );

  app.put('/api/evaluations/:id', route('评价', '保存（带所编辑的版本号；过期返回 409）', idParams), async (req, reply) => {
    const b = body(req);
    const v = intParam(b.version, '版本号');
    const saved = await saveEvaluation(db, user(req), id(req), v, parseEvaluation(b.evaluation));
    // the evaluation was serialised once for the database; the same text goes into the answer
    return reply.type('application/json; charset=utf-8').send(`{"version":${saved.version},"evaluation":${saved.text}}`);
  });

  app.put('/api/evaluations/:id/ruleset', route('评价', '改用指定的评分规则（ruleset 为 null：恢复自动选择），重新评分为新版本', idParams), async (req, reply) => {
    const b = body(req);
    const v = intParam(b.version, '版本号');
    const rs = b.ruleset == null || b.ruleset === '' ? null : optText(b.ruleset, '评分规则', 100);
    const saved = await setRuleset(db, user(req), id(req), v, rs);
    return reply.type('application/json; charset=utf-8').send(`{"version":${saved.version},"evaluation":${saved.text}}`);
  });

  app.post('/api/evaluations/:id/carry-forward', route('评价', '结转到新年度（保留目标，清空实际）', idParams), async (req) =>
    carryForward(db, user(req), id(req), intParam(body(req).fiscalYear, '年度')),
  );
  app.get('/api/evaluations/:id/versions', route('评价', '历史版本', idParams), async (req) => versions(db, user(req), id(req)));
  app.get('/api/evaluations/:id/versions/:version', route('评价', '某一版本', idParams), async (req) =>
    version(db, user(req), id(req), intParam((req.params as any).version, '版本号')),
  );
  app.get('/api/evaluations/:id/changes', route('评价', '上次提交以来的修改', idParams), async (req) => changes(db, user(req), id(req)));

  for (const [action, label] of Object.entries(ACTIONS) as [keyof typeof ACTIONS, string][]) {
    app.post(`/api/evaluations/:id/${action}`, route('审核流程', label, idParams), async (req) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      const comment = optText(b.comment, '意见', 5000);
      return transition(db, user(req), id(req), action, comment);
    });
  }

  app.get('/api/evaluations/:id/comments', route('审核流程', '意见', idParams), async (req) => commentsOf(db, user(req), id(req)));
  app.post('/api/evaluations/:id/comments', route('审核流程', '对评价、某一指标或某一指标的某一栏提意见', idParams), async (req) => {
    const b = body(req);
    const text = optText(b.text, '意见', 5000);
    if (!text) throw badRequest('意见不能为空');
    return addComment(db, user(req), id(req), optText(b.indicatorId, '指标', 50), text, optText(b.field, '栏目', 50));
  });
  app.get('/api/evaluations/:id/audit', route('审核流程', '审计日志（每项修改的原值与新值）', idParams), async (req) =>
    auditOf(db, user(req), id(req)),
  );

  // public (绩效公开), no login
  app.get('/api/public/evaluations', route('公开', '已公开的评价', listQuery), async (req) => {
    const f = filtersFrom(req.query);
    return listEvaluations(db, null, { ...f, status: null });
  });
  app.get('/api/public/evaluations/:id', route('公开', '已公开评价的内容', idParams), async (req) => {
    const [row] = await db.query(
      `SELECT e.id, e.current, un.name AS unit_name FROM evaluations e JOIN units un ON un.id = e.unit_id WHERE e.id = $1 AND e.status = 'published'`,
      [id(req)],
    );
    if (!row) throw notFound('公开评价');
    return { id: row.id, unitName: row.unit_name, evaluation: row.current };
  });
}
