// The import queue: jobs processed in the background by each server process, each file read in the
// import pool's worker threads (with a time and memory limit), never on the thread that answers requests. Each file's
// evaluations are written in ONE transaction with the file's result, so a crash leaves every file
// whole or absent; a restarted server picks the job up again. Several processes on one PostgreSQL
// claim jobs with FOR UPDATE SKIP LOCKED.
import { randomUUID } from 'node:crypto';
import type { FileResult } from '@jixiao/documents/pipeline.ts';
import { ImportPool, type PoolOptions } from '@jixiao/documents/pool/index.ts';
import type { Db } from '../db/client.ts';
import { userFromRow, type User } from '../auth/store.ts';
import { fileOrHold } from './held.ts';

export interface QueueOptions {
  log?: { info: (o: object, m?: string) => void; error: (o: object, m?: string) => void };
  /** seconds after which a running job whose process stopped sending heartbeats is taken over */
  staleSeconds?: number;
  pollMs?: number;
  /** pause between files so interactive requests get the (single) embedded connection */
  pauseMs?: number;
  /** the import pool: workers, time and memory limit per file (default: one worker, 60 s, 1 GB) */
  pool?: PoolOptions;
}

export class ImportQueue {
  readonly worker = randomUUID();
  private running: Promise<void> | null = null;
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;
  private again = false;
  private pool: ImportPool;

  constructor(
    private db: Db,
    private opts: QueueOptions = {},
  ) {
    this.pool = new ImportPool({ size: 1, ...opts.pool });
  }

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
    await this.pool.close();
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
    const files = await this.db.query(`SELECT id, position, name, source_file_id FROM import_files WHERE job_id = $1 AND status = 'pending' ORDER BY position`, [job.id]);
    for (const f of files) {
      if (this.stopping) return;
      await new Promise((r) => setTimeout(r, this.opts.pauseMs ?? 0));
      const [src] = await this.db.query(`SELECT bytes FROM source_files WHERE id = $1`, [f.source_file_id]);
      const result = await this.pool.run({ path: f.name, bytes: new Uint8Array(src.bytes) });
      // stopped while the file was read: it stays pending for the next start
      if (this.stopping && result.errorCode === 'crashed') return;
      await this.writeFile(job, creator ? userFromRow(creator) : null, f, result);
    }
    await this.db.query(`UPDATE import_jobs SET status = 'done', finished_at = now(), heartbeat_at = now() WHERE id = $1 AND claimed_by = $2`, [
      job.id,
      this.worker,
    ]);
    log?.info({ jobId: job.id, status: 'done' }, 'import job finished');
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
          const c = { jobId: job.id, jobUnitId: job.unit_id ?? null, creator, importFileId: f.id, sourceFileId: f.source_file_id };
          for (const json of result.evaluations) {
            const p = await fileOrHold(q, c, json);
            if ('evaluationId' in p) ids.push(p.evaluationId);
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
}
