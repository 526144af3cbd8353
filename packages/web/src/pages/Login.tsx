import { useState } from 'react';
import { api, setCsrf, type User } from '../api.ts';
import { navigate } from '../router.tsx';

export function LoginPage({ onLogin }: { onLogin: (u: User) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="login card"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError('');
        try {
          const r = await api<{ user: User; csrfToken: string }>('/api/auth/login', { body: { username, password } });
          setCsrf(r.csrfToken);
          onLogin(r.user);
          const next = new URLSearchParams(location.search).get('next');
          navigate(next && next.startsWith('/') ? next : '/', true);
        } catch (err: any) {
          setError(err.message ?? '登录失败');
        } finally {
          setBusy(false);
        }
      }}
    >
      <h1>登录</h1>
      <label>
        用户名
        <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
      </label>
      <label>
        密码
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      {error ? <p className="error" role="alert">{error}</p> : null}
      <button type="submit" className="primary" disabled={busy}>{busy ? '正在登录…' : '登录'}</button>
      <p className="muted small">不登录也可以查看<a href="/public">已公开的绩效自评</a>。</p>
    </form>
  );
}
