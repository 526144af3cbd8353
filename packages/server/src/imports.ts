// Bulk import jobs: files stored in the database, processed in the background by an in-process
// queue. Each file's evaluations are written in ONE transaction with the file's result, so a
// crash leaves every file whole or absent; a restarted server picks the job up again.
import { createHash, randomUUID } from 'node:crypto';
import { analyzeToJson, type EvaluationJson } from '@jixiao/core';
import { parseEvaluation } from './validate.ts';
import type { Db, Queryable } from './db/client.ts';
import { userFromRow, type User } from './auth.ts';
import { insertEvaluation, unitInScope } from './evaluations.ts';
import { scopeSql, requireAllowed } from './scope.ts';
import { notFound } from './errors.ts';

export interface Upload {
  name: string;
  bytes: Uint8Array;
}

export async function createImportJob(db: Db, user: User, files: Upload[], unitId: number | null) {
  requireAllowed(user, 'import');
  return db.tx(async (q) => {
    if (unitId != null) await unitInScope(q, user, unitId);
    const [job] = await q.query<{ id: number }>(
      `INSERT INTO import_jobs (status, unit_id, created_by, total) VALUES ('queued', $1, $2, $3) RETURNING id`,
      [unitId, user.id, files.length],
    );
    for (const [i, f] of files.entries()) {
      const sha = createHash('sha256').update(f.bytes).digest('hex');
      const [sf] = await q.query<{ id: number }>(
        `INSERT INTO source_files (name, size, sha256, bytes, uploaded_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [f.name, f.bytes.length, sha, f.bytes, user.id],
      );
      await q.query(`INSERT INTO import_files (job_id, position, name, source_file_id) VALUES ($1, $2, $3, $4)`, [job.id, i + 1, f.name, sf.id]);
    }
    return { jobId: job.id };
  });
}

export async function getImportJob(db: Queryable, user: User, jobId: number) {
  const params: unknown[] = [jobId];
  // a job is visible to its creator and to anyone whose scope covers the creator's unit
  const scope = scopeSql(user, 'cu.unit_id', params);
  const [job] = await db.query(
    `SELECT j.* FROM import_jobs j JOIN users cu ON cu.id = j.created_by WHERE j.id = $1 AND (j.created_by = ${user.id | 0} OR ${scope})`,
    params,
  );
  if (!job) throw notFound('导入任务');
  const files = await db.query(`SELECT * FROM import_files WHERE job_id = $1 ORDER BY position`, [jobId]);
  const ids = files.flatMap((f) => (f.evaluation_ids as number[]) ?? []);
  const evs = ids.length
    ? await db.query(`SELECT id, title, total, grade, errors, warnings FROM evaluations WHERE id = ANY($1::int[])`, [ids])
    : [];
  const byId = new Map(evs.map((e) => [e.id, e]));
  return {
    id: job.id,
    status: job.status,
    total: job.total,
    done: job.done,
    error: job.error ?? undefined,
    files: files.map((f) => ({
      name: f.name,
      status: f.status === 'pending' ? 'pending' : f.status,
      ...(f.error ? { error: f.error } : {}),
      evaluations: ((f.evaluation_ids as number[]) ?? [])
        .map((id) => byId.get(id))
        .filter(Boolean)
        .map((e: any) => ({ id: e.id, title: e.title, total: e.total, grade: e.grade, errors: e.errors, warnings: e.warnings })),
      problems: f.problems,
    })),
  };
}

interface FileResult {
  evaluations: EvaluationJson[];
  problems: unknown[];
  error?: string;
}

/** JSON evaluations (one, a list, or `jixiao check --json` output) without the documents package. */
export function readJsonFile(bytes: Uint8Array): FileResult {
  let data: any;
  try {
    data = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return { evaluations: [], problems: [], error: 'JSON 格式错误，无法解析' };
  }
  const list: unknown[] = Array.isArray(data) ? data : data?.files ? data.files.flatMap((f: any) => f.evaluations ?? []) : data?.evaluations ?? [data];
  const evaluations: EvaluationJson[] = [];
  const problems: unknown[] = [];
  list.forEach((item, i) => {
    try {
      evaluations.push(analyzeToJson(parseEvaluation(item)));
    } catch (e) {
      problems.push({ message: `第 ${i + 1} 项不是有效的绩效自评数据：${(e as Error).message}` });
    }
  });
  if (!evaluations.length) return { evaluations, problems, error: '文件中没有绩效自评数据' };
  return { evaluations, problems };
}

type Process = (bytes: Uint8Array, path: string) => Promise<FileResult>;

/** The documents pipeline, loaded when first needed; a clear message while it is not there. */
async function loadPipeline(): Promise<Process> {
  try {
    const mod = await import('@jixiao/documents/pipeline.ts');
    if (typeof mod.processBytes === 'function') return mod.processBytes as Process;
  } catch (e) {
    throw new Error(`文件识别模块（@jixiao/documents）尚未就绪，无法导入此类文件（${(e as Error).message}）`);
  }
  throw new Error('文件识别模块（@jixiao/documents）尚未就绪，无法导入此类文件');
}

export interface QueueOptions {
  log?: { info: (o: object, m?: string) => void; error: (o: object, m?: string) => void };
  /** seconds after which a running job whose process stopped sending heartbeats is taken over */
  staleSeconds?: number;
  pollMs?: number;
  /** pause between files so interactive requests get the (single) embedded connection */
  pauseMs?: number;
}

export class ImportQueue {
  readonly worker = randomUUID();
  private running: Promise<void> | null = null;
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;
  private again = false;

  constructor(
    private db: Db,
    private opts: QueueOptions = {},
  ) {}

  async start() {
    if (this.db.kind === 'pglite') {
      // one process owns an embedded database: whatever was running was interrupted
      await this.db.query(`UPDATE import_jobs SET status = 'queued', claimed_by = NULL WHERE status = 'running'`);
    }
    this.timer = setInterval(() => this.kick(), this.opts.pollMs ?? 3000);
    this.timer.unref();
    this.kick();
  }

  kick() {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop()
      .catch((e) => this.opts.log?.error({ err: e }, 'import queue error'))
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopping) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Let the current file finish, then hand running jobs back to the queue. */
  async stop() {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.db
      .query(`UPDATE import_jobs SET status = 'queued', claimed_by = NULL WHERE status = 'running' AND claimed_by = $1`, [this.worker])
      .catch(() => {});
  }

  /** Wait until no job is being processed by this process (tests). */
  async idle() {
    while (this.running) await this.running;
  }

  private async claim(): Promise<any | null> {
    const stale = this.opts.staleSeconds ?? 120;
    const rows = await this.db.query(
      `UPDATE import_jobs SET status = 'running', claimed_by = $1, heartbeat_at = now()
       WHERE id = (SELECT id FROM import_jobs
                   WHERE status = 'queued' OR (status = 'running' AND heartbeat_at < now() - interval '${stale | 0} seconds')
                   ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [this.worker],
    );
    return rows[0] ?? null;
  }

  private async loop() {
    for (;;) {
      if (this.stopping) return;
      const job = await this.claim();
      if (!job) return;
      await this.runJob(job);
    }
  }

  private async runJob(job: any) {
    const log = this.opts.log;
    log?.info({ jobId: job.id }, 'import job started');
    const [creator] = await this.db.query(
      `SELECT u.*, un.name AS unit_name, un.path AS unit_path FROM users u LEFT JOIN units un ON un.id = u.unit_id WHERE u.id = $1`,
      [job.created_by],
    );
    let process: Process | null = null;
    let loadError: string | null = null;
    const files = await this.db.query(`SELECT id, position, name, source_file_id FROM import_files WHERE job_id = $1 AND status = 'pending' ORDER BY position`, [job.id]);
    for (const f of files) {
      if (this.stopping) return;
      await new Promise((r) => setTimeout(r, this.opts.pauseMs ?? 0));
      let result: FileResult;
      const isJson = /\.json$/i.test(f.name);
      if (!process && !loadError) {
        try {
          process = await loadPipeline();
        } catch (e) {
          loadError = (e as Error).message;
        }
      }
      const [src] = await this.db.query(`SELECT bytes FROM source_files WHERE id = $1`, [f.source_file_id]);
      if (process) {
        result = await process(new Uint8Array(src.bytes), f.name);
      } else if (isJson) {
        result = readJsonFile(new Uint8Array(src.bytes));
      } else {
        result = { evaluations: [], problems: [], error: loadError! };
      }
      await this.writeFile(job, creator ? userFromRow(creator) : null, f, result);
    }
    const [{ n }] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM import_files WHERE job_id = $1 AND status = 'ok'`, [job.id]);
    const status = loadError && n === 0 && files.length > 0 ? 'failed' : 'done';
    await this.db.query(
      `UPDATE import_jobs SET status = $2, error = $3, finished_at = now(), heartbeat_at = now() WHERE id = $1 AND claimed_by = $4`,
      [job.id, status, loadError, this.worker],
    );
    log?.info({ jobId: job.id, status }, 'import job finished');
  }

  /** One file: all its evaluations and its result row in one transaction. */
  private async writeFile(job: any, creator: User | null, f: any, result: FileResult) {
    await this.db.tx(async (q) => {
      const [cur] = await q.query(`SELECT status FROM import_files WHERE id = $1 FOR UPDATE`, [f.id]);
      if (cur.status !== 'pending') return;
      const ids: number[] = [];
      let error = result.error ?? null;
      if (!error) {
        try {
          for (const json of result.evaluations) {
            const unitId = await this.unitFor(q, job, creator, json);
            const actor = { id: creator?.id ?? null, username: creator?.username ?? 'system' };
            const r = await insertEvaluation(q, { unitId, json, actor, action: 'import', sourceFileId: f.source_file_id, importFileId: f.id });
            ids.push(r.id);
          }
        } catch (e) {
          // nothing of this file may stay: undo the inserts, record the error in a fresh transaction
          throw Object.assign(new Error('file-failed'), { fileError: (e as Error).message });
        }
      }
      await q.query(`UPDATE import_files SET status = $2, error = $3, evaluation_ids = $4::jsonb, problems = $5 WHERE id = $1`, [
        f.id,
        error ? 'error' : 'ok',
        error,
        JSON.stringify(ids),
        result.problems?.length ?? 0,
      ]);
      await q.query(`UPDATE import_jobs SET done = done + 1, heartbeat_at = now() WHERE id = $1`, [job.id]);
    }).catch(async (e) => {
      if (!e.fileError) throw e;
      await this.db.tx(async (q) => {
        await q.query(`UPDATE import_files SET status = 'error', error = $2 WHERE id = $1 AND status = 'pending'`, [f.id, `无法保存：${e.fileError}`]);
        await q.query(`UPDATE import_jobs SET done = done + 1, heartbeat_at = now() WHERE id = $1`, [job.id]);
      });
    });
  }

  /** The job's unit; else a unit in the creator's scope named as the document's unit; else the creator's unit. */
  private async unitFor(q: Queryable, job: any, creator: User | null, json: EvaluationJson): Promise<number> {
    if (job.unit_id) return job.unit_id;
    if (json.unit && creator) {
      const params: unknown[] = [json.unit];
      const rows = await q.query(`SELECT id FROM units u WHERE u.name = $1 AND ${scopeSql(creator, 'u.id', params)} ORDER BY id LIMIT 1`, params);
      if (rows.length) return rows[0].id;
    }
    if (creator?.unitId) return creator.unitId;
    throw new Error(`找不到单位「${json.unit ?? '（未注明）'}」，请在上传时选择所属单位`);
  }
}
