// Import jobs: the uploaded files stored in the database (source_files, one import_files row each)
// for the queue (queue.ts), and a job's progress and results as its uploader (or anyone whose scope
// covers the uploader's unit) sees them.
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../db/client.ts';
import type { User } from '../auth/store.ts';
import { unitInScope } from '../evaluations/store.ts';
import { requireAllowed, scopeSql } from '../scope.ts';
import { notFound } from '../errors.ts';
import { heldOfJob } from './held.ts';

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
  const held = await heldOfJob(db, jobId);
  const ids = files.flatMap((f) => (f.evaluation_ids as number[]) ?? []);
  const evs = ids.length
    ? await db.query(`SELECT id, title, total, grade, errors, warnings FROM evaluations WHERE id = ANY($1::int[])`, [ids])
    : [];
  const byId = new Map(evs.map((e) => [e.id, e]));
  // the queue reads a job's files in order: while it runs, its first pending file is the one being read
  const reading = job.status === 'running' ? files.find((f) => f.status === 'pending')?.id : undefined;
  return {
    id: job.id,
    status: job.status,
    total: job.total,
    done: job.done,
    error: job.error ?? undefined,
    files: files.map((f) => {
      const mine = held.filter((h) => h.importFileId === f.id).map(({ importFileId: _, ...h }) => h);
      return {
        name: f.name,
        status: f.status,
        state: fileState(f.status, f.id === reading, mine.some((h) => !h.resolution)),
        ...(f.error ? { error: f.error } : {}),
        evaluations: ((f.evaluation_ids as number[]) ?? [])
          .map((id) => byId.get(id))
          .filter(Boolean)
          .map((e: any) => ({ id: e.id, title: e.title, total: e.total, grade: e.grade, errors: e.errors, warnings: e.warnings })),
        held: mine,
        problems: f.problems,
      };
    }),
  };
}

/** queued 排队 · reading 读取中 · held 需确认 (something waits for the reviewer) · done 已导入 · error 无法读取 */
export type FileState = 'queued' | 'reading' | 'held' | 'done' | 'error';

function fileState(status: string, reading: boolean, open: boolean): FileState {
  if (status === 'pending') return reading ? 'reading' : 'queued';
  if (status === 'error') return 'error';
  return open ? 'held' : 'done';
}
