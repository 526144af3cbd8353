// Target tables over HTTP (绩效目标申报、审核、批复、调整) and the indicator library.
import type { FastifyInstance } from 'fastify';
import { emptyTargetTable, getFramework, newEvaluationFromFramework, targetTableFromEvaluation, TARGET_RATINGS, type TargetRating } from '@jixiao/core';
import type { Db } from '../db/client.ts';
import { badRequest } from '../errors.ts';
import { body, id, idParams, route, user } from '../http.ts';
import { intParam, optText } from '../validate.ts';
import { parseTargetTable } from './validate.ts';
import { exportRoutes } from './export.ts';
import { startSelfEvaluation, targetsOfEvaluation } from './self-evaluation.ts';
import { auditOfTable, copyToYear, createTable, detail, library, listTables, saveTable, transitionTable, versionOf, versionsOf } from './store.ts';

const ACTIONS = {
  submit: '申报绩效目标（有错误时拒绝）',
  review: '主管部门审核：等级（优/良/中/差）与逐项意见；中、差退回修改',
  approve: '财政部门批复，批复后锁定',
  return: '退回修改（需填写意见）',
  adjust: '申请调整已批复的目标（需填写理由，重新审核批复）',
} as const;

export function targetRoutes(app: FastifyInstance, db: Db) {
  exportRoutes(app, db);
  app.get('/api/targets', route('绩效目标', '绩效目标表列表（可见范围内）'), async (req) => {
    const qy = req.query as Record<string, string | undefined>;
    return listTables(db, user(req), {
      fiscalYear: qy.fiscalYear ? intParam(qy.fiscalYear, '年度') : null,
      status: optText(qy.status, '状态', 20),
      unitId: qy.unitId ? intParam(qy.unitId, '单位') : null,
    });
  });

  app.get('/api/targets/library', route('绩效目标', '指标库：用过的指标，按名称和类别搜索'), async (req) => {
    const qy = req.query as Record<string, string | undefined>;
    return library(db, user(req), optText(qy.q, '关键词', 100) ?? '', optText(qy.category, '类别', 100));
  });

  app.post('/api/targets', route('绩效目标', '新建绩效目标表：空白、按模板（frameworkId）或提交完整的表'), async (req) => {
    const b = body(req);
    const unitId = intParam(b.unitId, '单位');
    if (b.table !== undefined) return createTable(db, user(req), unitId, parseTargetTable(b.table), 'table');
    const fiscalYear = intParam(b.fiscalYear, '年度');
    const title = optText(b.title, '项目名称', 500);
    if (!title) throw badRequest('请填写项目名称');
    const [unit] = await db.query('SELECT name FROM units WHERE id = $1', [unitId]);
    if (b.frameworkId) {
      const fw = getFramework(String(b.frameworkId));
      if (!fw) throw badRequest('模板不存在');
      let ev;
      try {
        ev = newEvaluationFromFramework(fw, { title, unit: unit?.name ?? null, fiscalYear });
      } catch (e) {
        throw badRequest((e as Error).message);
      }
      const t = targetTableFromEvaluation(ev, fiscalYear);
      t.parentUnit = optText(b.parentUnit, '主管部门', 200);
      return createTable(db, user(req), unitId, t, `template:${fw.id}`);
    }
    const t = emptyTargetTable({ title, unit: unit?.name ?? null, fiscalYear, parentUnit: optText(b.parentUnit, '主管部门', 200) });
    return createTable(db, user(req), unitId, t, 'blank');
  });

  app.get('/api/targets/:id', route('绩效目标', '打开绩效目标表（含检查结果、审核意见、结转的整改事项）', idParams), async (req) => detail(db, user(req), id(req)));

  app.put('/api/targets/:id', route('绩效目标', '保存（带所编辑的版本号；过期返回 409；已批复的锁定）', idParams), async (req) => {
    const b = body(req);
    return saveTable(db, user(req), id(req), intParam(b.version, '版本号'), parseTargetTable(b.table));
  });

  app.post('/api/targets/:id/copy', route('绩效目标', '复制到下一年度（含未完成的整改事项）', idParams), async (req) =>
    copyToYear(db, user(req), id(req), intParam(body(req).fiscalYear, '年度')),
  );

  for (const [action, label] of Object.entries(ACTIONS) as [keyof typeof ACTIONS, string][]) {
    app.post(`/api/targets/:id/${action}`, route('绩效目标', label, idParams), async (req) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      const rating = b.rating == null ? null : String(b.rating);
      if (rating && !TARGET_RATINGS.includes(rating as TargetRating)) throw badRequest('审核等级应为 优、良、中、差 之一');
      const comments = Array.isArray(b.comments)
        ? b.comments.slice(0, 2000).map((c: any) => ({ indicatorId: String(c?.indicatorId ?? ''), text: optText(c?.text, '意见', 5000) ?? '' })).filter((c) => c.text)
        : [];
      const comment = optText(b.comment ?? b.reason, action === 'adjust' ? '调整理由' : '意见', 5000);
      return transitionTable(db, user(req), id(req), action, { comment, rating: rating as TargetRating | null, comments });
    });
  }

  app.post('/api/targets/:id/self-evaluation', route('绩效目标', '按批复的目标开始自评（年初指标值自动带入）', idParams), async (req) =>
    startSelfEvaluation(db, user(req), id(req)),
  );
  app.get('/api/evaluations/:id/targets', route('绩效目标', '评价所依据的批复目标和运行监控情况', idParams), async (req) =>
    targetsOfEvaluation(db, user(req), id(req)),
  );

  app.get('/api/targets/:id/versions', route('绩效目标', '历史版本（含调整理由）', idParams), async (req) => versionsOf(db, user(req), id(req)));
  app.get('/api/targets/:id/versions/:version', route('绩效目标', '某一版本', idParams), async (req) =>
    versionOf(db, user(req), id(req), intParam((req.params as any).version, '版本号')),
  );
  app.get('/api/targets/:id/audit', route('绩效目标', '审计日志', idParams), async (req) => auditOfTable(db, user(req), id(req)));
}
