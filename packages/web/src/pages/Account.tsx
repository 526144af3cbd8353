// 账号：修改自己的密码（首次启动的一次性密码应尽快改掉）。其他会话随之失效，本会话保留。
import { useState } from 'react';
import { api } from '../api.ts';
import { useSession } from '../session.ts';
import { ROLE_LABEL } from '../lib/labels.ts';

export function AccountPage() {
  const { user, setUser } = useSession();
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!user) return null;
  return (
    <section className="page account">
      <h1>账号</h1>
      <p>
        {user.name || user.username}（{user.username}，{ROLE_LABEL[user.role] ?? user.role}
        {user.unitName ? ` · ${user.unitName}` : ''}）
      </p>
      {user.mustChangePassword ? (
        <p className="error" role="note">
          您的密码是一次性密码（首次启动时生成或由管理员设置），请先修改密码，然后才能使用其他功能。
        </p>
      ) : null}
      <form
        className="card stack"
        onSubmit={async (e) => {
          e.preventDefault();
          setError('');
          setDone(false);
          if (newPassword !== again) return setError('两次输入的新密码不一致');
          if ([...newPassword].length < 10) return setError('新密码至少 10 位');
          setBusy(true);
          try {
            await api('/api/auth/password', { body: { oldPassword, newPassword } });
            setDone(true);
            if (user.mustChangePassword) setUser({ ...user, mustChangePassword: false });
            setOld('');
            setNew('');
            setAgain('');
          } catch (err: any) {
            setError(err.message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <h2>修改密码</h2>
        <label>
          原密码
          <input type="password" autoComplete="current-password" value={oldPassword} onChange={(e) => setOld(e.target.value)} required />
        </label>
        <label>
          新密码（至少 10 位，不能是常见密码）
          <input type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNew(e.target.value)} required />
        </label>
        <label>
          再次输入新密码
          <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required />
        </label>
        {error ? <p className="error" role="alert">{error}</p> : null}
        {done ? <p className="ok" role="status">密码已修改；在其他浏览器或设备上的登录已失效。</p> : null}
        <div>
          <button type="submit" className="primary" disabled={busy}>{busy ? '正在保存…' : '修改密码'}</button>
        </div>
      </form>
    </section>
  );
}
