// Fetch wrapper for the jixiao HTTP API (docs/api.md): session cookie + x-csrf-token on writes.
let csrfToken = '';
export function setCsrf(t: string | undefined | null) {
  csrfToken = t ?? '';
}

export class ApiError extends Error {
  status: number;
  body: any;
  constructor(status: number, body: any) {
    super(body?.error ?? `请求失败（${status}）`);
    this.status = status;
    this.body = body;
  }
}

export async function api<T = any>(path: string, opts: { method?: string; body?: unknown; form?: FormData } = {}): Promise<T> {
  const method = opts.method ?? (opts.body !== undefined || opts.form ? 'POST' : 'GET');
  const headers: Record<string, string> = {};
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { error: '无法连接服务器，请检查网络后重试' });
  }
  const text = await res.text();
  let data: any = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { error: text };
  }
  if (!res.ok) throw new ApiError(res.status, data ?? {});
  return data as T;
}

export interface User {
  id: string | number;
  username: string;
  name: string;
  role: 'filler' | 'reviewer' | 'finance' | 'admin';
  unitId: string | number | null;
  unitName: string | null;
  /** the password was set by someone else: the account page is shown until it is changed */
  mustChangePassword?: boolean;
}

export interface EvaluationItem {
  id: string | number;
  unitId: string | number;
  unitName: string;
  subject: 'project' | 'department';
  title: string;
  fiscalYear: number;
  status: 'draft' | 'submitted' | 'returned' | 'approved' | 'published';
  version: number;
  total: string | null;
  grade: string | null;
  gradeLabel: string | null;
  executionRate: string | null;
  errors: number;
  warnings: number;
  infos: number;
  updatedAt: string;
}

export const qs = (o: Record<string, unknown>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) if (v != null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};
