// Passwords (argon2id), sessions in the database, login throttling shared by all processes.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify, Algorithm } from '@node-rs/argon2';
import { preparedText, type Queryable } from '../db/client.ts';

export type Role = 'filler' | 'reviewer' | 'finance' | 'admin';
export const ROLES: Role[] = ['filler', 'reviewer', 'finance', 'admin'];
export { ROLE_LABEL } from '@jixiao/core/labels.ts';

export interface User {
  id: number;
  username: string;
  name: string;
  role: Role;
  unitId: number | null;
  unitName: string | null;
  /** materialised path of the user's unit ('/1/4/'), '' for a user without a unit */
  unitPath: string;
  /** the password was set by someone else (the first start, an administrator): to be changed before anything else */
  mustChangePassword: boolean;
}

export interface Session {
  id: string;
  csrfToken: string;
  user: User;
}

export const SESSION_HOURS = 12;
export const THROTTLE_AFTER = 5;
/** failures older than this are forgotten (an office behind one address is not locked out for good) */
export const FORGET_MINUTES = 30;
const ARGON = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(pw: string): Promise<string> {
  return hash(pw, ARGON);
}

// Verified against when the username does not exist, so timing does not reveal usernames.
let dummyHash: Promise<string> | null = null;
export async function verifyPassword(stored: string | null, pw: string): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hashPassword('jixiao-dummy-password');
    await verify(await dummyHash, pw).catch(() => false);
    return false;
  }
  return verify(stored, pw).catch(() => false);
}

export { passwordProblem, usernameKey } from './passwords.ts';

export function randomPassword(): string {
  // no look-alike characters (0/O, 1/l/I)
  const chars = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const b = randomBytes(14);
  return Array.from(b, (x) => chars[x % chars.length]).join('');
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function userFromRow(r: any): User {
  return {
    id: r.id,
    username: r.username,
    name: r.name,
    role: r.role,
    unitId: r.unit_id ?? null,
    unitName: r.unit_name ?? null,
    unitPath: r.unit_path ?? '',
    mustChangePassword: r.must_change_password === true,
  };
}

export const USER_SELECT = `SELECT u.id, u.username, u.name, u.role, u.unit_id, u.password_hash, u.disabled, u.must_change_password,
  un.name AS unit_name, un.path AS unit_path FROM users u LEFT JOIN units un ON un.id = u.unit_id`;

export async function createSession(q: Queryable, userId: number, ip: string | null): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await q.query(
    `INSERT INTO sessions (id, user_id, csrf_token, ip, expires_at) VALUES ($1, $2, $3, $4, now() + interval '${SESSION_HOURS} hours')`,
    [sha256(token), userId, csrfToken, ip],
  );
  return { token, csrfToken };
}

const SESSION = preparedText(
  `SELECT s.id AS session_id, s.csrf_token, u.id, u.username, u.name, u.role, u.unit_id, u.must_change_password, un.name AS unit_name, un.path AS unit_path
   FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN units un ON un.id = u.unit_id
   WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND NOT u.disabled`,
);

export async function findSession(q: Queryable, token: string | undefined): Promise<Session | null> {
  if (!token || token.length > 100) return null;
  const rows = await q.query(SESSION, [sha256(token)]);
  if (!rows.length) return null;
  return { id: rows[0].session_id, csrfToken: rows[0].csrf_token, user: userFromRow(rows[0]) };
}

export async function revokeSession(q: Queryable, sessionId: string) {
  await q.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [sessionId]);
}

export async function revokeUserSessions(q: Queryable, userId: number, exceptSessionId: string | null) {
  await q.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND id <> $2', [
    userId,
    exceptSessionId ?? '',
  ]);
}

export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/** Seconds to wait before another attempt on any of these keys, 0 when allowed. */
export async function throttleWait(q: Queryable, keys: string[]): Promise<number> {
  const rows = await q.query<{ failures: number; since: number }>(
    `SELECT failures, EXTRACT(EPOCH FROM (now() - last_failure_at))::float8 AS since FROM login_throttle WHERE key = ANY($1::text[])`,
    [keys],
  );
  let wait = 0;
  for (const r of rows) {
    if (r.failures < THROTTLE_AFTER || Number(r.since) > FORGET_MINUTES * 60) continue;
    // 1 s after the 5th failure, doubling, at most 15 minutes
    const delay = Math.min(2 ** (r.failures - THROTTLE_AFTER), 900);
    wait = Math.max(wait, Math.ceil(delay - Number(r.since)));
  }
  return Math.max(0, wait);
}

export async function recordFailure(q: Queryable, keys: string[]) {
  for (const k of keys) {
    await q.query(
      `INSERT INTO login_throttle (key, failures, last_failure_at) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET last_failure_at = now(), failures =
         CASE WHEN login_throttle.last_failure_at < now() - interval '${FORGET_MINUTES} minutes' THEN 1 ELSE login_throttle.failures + 1 END`,
      [k],
    );
  }
}

export async function clearFailures(q: Queryable, key: string) {
  await q.query('DELETE FROM login_throttle WHERE key = $1', [key]);
}
