// First start on an empty database: an administrator with a one-time password, printed once;
// and (unless --no-demo) demo units, one demo user per role and the seed reports as an import job.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from './db/client.ts';
import { hashPassword, randomPassword } from './auth/store.ts';
import { addUnit } from './units/store.ts';
import { createHash } from 'node:crypto';

const SYSTEM = { id: null, username: 'system' };
export const SEEDS_DIR = resolve(import.meta.dirname, '../../documents/test-fixtures/seeds');

export interface FirstStart {
  adminPassword: string;
  demoUsers: { username: string; role: string; unit: string; password: string }[];
}

export async function firstStart(db: Db, opts: { demo: boolean; seedsDir?: string }): Promise<FirstStart | null> {
  const adminPassword = randomPassword();
  const adminHash = await hashPassword(adminPassword);
  const demo = opts.demo ? await demoUsers() : [];
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(4242002)');
    const [{ n }] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    if (n > 0) return null;
    const [admin] = await q.query<{ id: number }>(
      `INSERT INTO users (username, name, role, password_hash, must_change_password) VALUES ('admin', '系统管理员', 'admin', $1, true) RETURNING id`,
      [adminHash],
    );
    if (!opts.demo) return { adminPassword, demoUsers: [] };
    const fin = await addUnit(q, SYSTEM, '示范市财政局', null, 'finance');
    const edu = await addUnit(q, SYSTEM, '示范市教育局', fin.id, 'department');
    const hr = await addUnit(q, SYSTEM, '示范市人力资源和社会保障局', fin.id, 'department');
    const units = [
      await addUnit(q, SYSTEM, '示范市第一中学', edu.id, 'unit'),
      await addUnit(q, SYSTEM, '示范市教师发展中心', edu.id, 'unit'),
      await addUnit(q, SYSTEM, '示范市国际人才交流中心', hr.id, 'unit'),
      await addUnit(q, SYSTEM, '示范市就业服务中心', hr.id, 'unit'),
    ];
    const unitOf: Record<string, { id: number; name: string }> = { filler: units[0], reviewer: edu, finance: fin };
    const out: FirstStart['demoUsers'] = [];
    for (const d of demo) {
      const u = unitOf[d.role];
      await q.query(`INSERT INTO users (username, name, role, unit_id, password_hash) VALUES ($1, $2, $3, $4, $5)`, [
        d.username,
        d.name,
        d.role,
        u.id,
        d.hash,
      ]);
      out.push({ username: d.username, role: d.role, unit: u.name, password: d.password });
    }
    const dir = opts.seedsDir ?? SEEDS_DIR;
    const seeds = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')).sort() : [];
    for (const [i, name] of seeds.entries()) {
      const bytes = readFileSync(join(dir, name));
      const [job] = await q.query<{ id: number }>(
        `INSERT INTO import_jobs (status, unit_id, created_by, total) VALUES ('queued', $1, $2, 1) RETURNING id`,
        [units[i % units.length].id, admin.id],
      );
      const [sf] = await q.query<{ id: number }>(
        `INSERT INTO source_files (name, size, sha256, bytes, uploaded_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [name, bytes.length, createHash('sha256').update(bytes).digest('hex'), new Uint8Array(bytes), admin.id],
      );
      await q.query(`INSERT INTO import_files (job_id, position, name, source_file_id) VALUES ($1, 1, $2, $3)`, [job.id, name, sf.id]);
    }
    return { adminPassword, demoUsers: out };
  });
}

async function demoUsers() {
  const list = [
    { username: 'tianbao', name: '示范填报人', role: 'filler' },
    { username: 'shenhe', name: '示范审核人', role: 'reviewer' },
    { username: 'caizheng', name: '示范财政', role: 'finance' },
  ];
  return Promise.all(
    list.map(async (d) => {
      const password = randomPassword();
      return { ...d, password, hash: await hashPassword(password) };
    }),
  );
}

export function firstStartText(f: FirstStart): string {
  const lines = [
    '==================== 首次启动 ====================',
    `已创建管理员账号：admin`,
    `一次性密码：${f.adminPassword}`,
    '（此密码只显示这一次，请登录后立即修改）',
  ];
  if (f.demoUsers.length) {
    lines.push('', '演示账号（演示数据：示范市财政局及其下属单位，种子报告已排队导入）：');
    for (const u of f.demoUsers) lines.push(`  ${u.username}  ${u.role}  ${u.unit}  密码：${u.password}`);
  }
  lines.push('==================================================');
  return lines.join('\n');
}
