// The scripted-setup commands behind `jixiao user|unit|backup|restore`: they open the same
// database as the server (--data / JIXIAO_DATA for PGlite, --database-url / DATABASE_URL).
import { DataDirBusyError, openDb, type Db } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { addUnit, addUser, setDisabled, setPassword } from './units/store.ts';
import { audit } from './audit.ts';
import { randomPassword } from './auth/store.ts';
import { HttpError } from './errors.ts';
import { backup, restore, RestoreError } from './db/backup.ts';

const CLI = { id: null, username: 'cli' };

interface Parsed {
  positional: string[];
  flags: Record<string, string | true>;
}

function parse(argv: string[], valued: string[]): Parsed {
  const p: Parsed = { positional: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      p.positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (valued.includes(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new Error(`参数 --${name} 缺少取值`);
      p.flags[name] = v;
    } else p.flags[name] = true;
  }
  return p;
}

async function withDb<T>(p: Parsed, fn: (db: Db) => Promise<T>): Promise<T> {
  const databaseUrl = (p.flags['database-url'] as string) || process.env.DATABASE_URL || null;
  const dataDir = (p.flags.data as string) || process.env.JIXIAO_DATA || './data';
  const db = await openDb({ databaseUrl, dataDir, poolSize: 2 });
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function resolveUnit(db: Db, ref: string): Promise<number> {
  const rows = /^\d+$/.test(ref)
    ? await db.query('SELECT id FROM units WHERE id = $1', [Number(ref)])
    : await db.query('SELECT id FROM units WHERE name = $1', [ref]);
  if (rows.length === 0) throw new Error(`找不到单位「${ref}」`);
  if (rows.length > 1) throw new Error(`有多个单位名为「${ref}」，请用编号指定`);
  return rows[0].id;
}

async function readStdinLine(): Promise<string> {
  let s = '';
  for await (const chunk of process.stdin) {
    s += chunk;
    if (s.includes('\n')) break;
  }
  return s.split('\n')[0].trim();
}

type Out = { out: (s: string) => void; err: (s: string) => void };
const std: Out = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

async function guard(usage: string, io: Out, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof DataDirBusyError) {
      io.err(e.message);
      return 1;
    }
    if (e instanceof HttpError || e instanceof RestoreError || (e instanceof Error && /[\u4e00-\u9fff]/.test(e.message))) {
      io.err((e as Error).message);
      if (!(e instanceof HttpError) && !(e instanceof RestoreError)) io.err(usage);
      return e instanceof RestoreError || e instanceof HttpError ? 1 : 2;
    }
    io.err(`出错：${(e as Error).message}`);
    return 1;
  }
}

export const USER_USAGE = `用法：
  jixiao user add <用户名> --role filler|reviewer|finance|admin [--unit <单位名称或编号>] [--name <姓名>] [--password-stdin]
  jixiao user passwd <用户名> [--password-stdin]
  jixiao user disable|enable <用户名>（停用即结束该用户的所有会话）
  jixiao user list
  （未给 --password-stdin 时生成随机密码并显示一次）
  数据库：--data <目录>（默认 ./data 或 JIXIAO_DATA）或 --database-url <postgres://…>（或 DATABASE_URL）`;

export async function userCommand(argv: string[], io: Out = std): Promise<number> {
  return guard(USER_USAGE, io, async () => {
    const p = parse(argv, ['role', 'unit', 'name', 'data', 'database-url']);
    const [sub, username] = p.positional;
    if (sub === 'list') {
      return withDb(p, async (db) => {
        const rows = await db.query(`SELECT u.username, u.role, u.name, u.disabled, un.name AS unit FROM users u LEFT JOIN units un ON un.id = u.unit_id ORDER BY u.id`);
        for (const r of rows) io.out(`${r.username}\t${r.role}\t${r.unit ?? '-'}\t${r.name}${r.disabled ? '\t（已停用）' : ''}`);
        return 0;
      });
    }
    if ((sub === 'disable' || sub === 'enable') && username) {
      return withDb(p, async (db) => {
        const u = await userByName(db, username);
        const disabled = sub === 'disable';
        if (u.disabled !== disabled) {
          await db.tx(async (q) => {
            const e = await setDisabled(q, u.id, disabled);
            await audit(q, CLI, null, null, [{ ...e, field: `${username}.${e.field}` }]);
          });
        }
        io.out(disabled ? `已停用用户 ${username}，其所有会话已失效` : `已启用用户 ${username}`);
        return 0;
      });
    }
    if ((sub !== 'add' && sub !== 'passwd') || !username) throw new Error('缺少子命令或用户名');
    const password = p.flags['password-stdin'] ? await readStdinLine() : randomPassword();
    return withDb(p, async (db) => {
      if (sub === 'add') {
        if (typeof p.flags.role !== 'string') throw new Error('请用 --role 指定角色');
        const unitId = typeof p.flags.unit === 'string' ? await resolveUnit(db, p.flags.unit) : null;
        // a password set by someone else is one-time: the user changes it at the first login
        await db.tx((q) => addUser(q, CLI, { username, role: p.flags.role as string, unitId, name: (p.flags.name as string) ?? '', password, mustChangePassword: true }));
        io.out(`已添加用户 ${username}（${p.flags.role}）`);
      } else {
        const u = await userByName(db, username);
        await db.tx((q) => setPassword(q, CLI, u.id, password, null));
        io.out(`已重设 ${username} 的密码，该用户的所有会话已失效`);
      }
      if (!p.flags['password-stdin']) io.out(`密码：${password}（只显示这一次；一次性密码，首次登录后须修改）`);
      return 0;
    });
  });
}

async function userByName(db: Db, username: string): Promise<{ id: number; disabled: boolean }> {
  const [u] = await db.query<{ id: number; disabled: boolean }>('SELECT id, disabled FROM users WHERE username = $1', [username]);
  if (!u) throw new Error(`找不到用户「${username}」`);
  return u;
}

export const UNIT_USAGE = `用法：
  jixiao unit add <名称> [--parent <上级单位名称或编号>] [--kind finance|department|unit]
  jixiao unit list
  数据库：--data <目录> 或 --database-url <postgres://…>`;

export async function unitCommand(argv: string[], io: Out = std): Promise<number> {
  return guard(UNIT_USAGE, io, async () => {
    const p = parse(argv, ['parent', 'kind', 'data', 'database-url']);
    const [sub, name] = p.positional;
    if (sub === 'list') {
      return withDb(p, async (db) => {
        const rows = await db.query('SELECT id, name, kind, path FROM units ORDER BY path');
        for (const r of rows) io.out(`${'  '.repeat(r.path.split('/').length - 3)}${r.id}\t${r.name}\t${r.kind}`);
        return 0;
      });
    }
    if (sub !== 'add' || !name) throw new Error('缺少子命令或单位名称');
    return withDb(p, async (db) => {
      const parentId = typeof p.flags.parent === 'string' ? await resolveUnit(db, p.flags.parent) : null;
      const u = await db.tx((q) => addUnit(q, CLI, name, parentId, (p.flags.kind as any) ?? null));
      io.out(`已添加单位 ${u.name}（编号 ${u.id}，${u.kind}）`);
      return 0;
    });
  });
}

export const BACKUP_USAGE = `用法：jixiao backup <文件>  /  jixiao restore <文件> [--force]
  数据库：--data <目录> 或 --database-url <postgres://…>；内嵌数据库请先停止服务`;

export async function backupCommand(argv: string[], io: Out = std): Promise<number> {
  return guard(BACKUP_USAGE, io, async () => {
    const p = parse(argv, ['data', 'database-url']);
    const [file] = p.positional;
    if (!file) throw new Error('请指定备份文件');
    return withDb(p, async (db) => {
      const counts = await backup(db, file);
      io.out(`已备份到 ${file}：${Object.values(counts).reduce((a, b) => a + b, 0)} 行（评价 ${counts.evaluations} 份）`);
      return 0;
    });
  });
}

export async function restoreCommand(argv: string[], io: Out = std): Promise<number> {
  return guard(BACKUP_USAGE, io, async () => {
    const p = parse(argv, ['data', 'database-url']);
    const [file] = p.positional;
    if (!file) throw new Error('请指定备份文件');
    return withDb(p, async (db) => {
      const counts = await restore(db, file, { force: !!p.flags.force });
      io.out(`已从 ${file} 恢复：${Object.values(counts).reduce((a, b) => a + b, 0)} 行（评价 ${counts.evaluations ?? 0} 份）`);
      return 0;
    });
  });
}
