import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { api, setCsrf, type User } from './api.ts';
import { Link, match, navigate, useLocation } from './router.tsx';
import { ROLE_LABEL } from './lib/labels.ts';
import { SessionCtx } from './session.ts';
import { LoginPage } from './pages/Login.tsx';
import { HomePage } from './pages/Home.tsx';
import { EditorPage } from './pages/Editor.tsx';
import { ReviewPage } from './pages/Review.tsx';
import { ImportPage } from './pages/Import.tsx';
import { DocumentsPage } from './pages/Documents.tsx';
import { PublicPage } from './pages/Public.tsx';
import { AccountPage } from './pages/Account.tsx';
import { AdminPage } from './pages/Admin.tsx';
import { TargetPage, TargetsPage } from './pages/Targets.tsx';
import { MonitoringPage, RedLightsPage } from './pages/Monitoring.tsx';
import { EvaluationRectificationPage, RectificationPage } from './pages/Rectification.tsx';

// ECharts is only loaded when the dashboard is opened, so the first page stays small.
const DashboardPage = lazy(() => import('./pages/Dashboard.tsx').then((m) => ({ default: m.DashboardPage })));


export function App() {
  const { path } = useLocation();
  const [user, setUser] = useState<User | null>(null);
  const [checked, setChecked] = useState(false);
  const isPublic = path.startsWith('/public');

  useEffect(() => {
    api<{ user: User | null; csrfToken: string | null }>('/api/auth/session')
      .then((r) => {
        setCsrf(r.csrfToken ?? '');
        setUser(r.user);
      })
      .catch(() => setUser(null))
      .finally(() => setChecked(true));
  }, []);

  const logout = useCallback(async () => {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => {});
    setUser(null);
    setCsrf('');
    navigate('/login');
  }, []);

  let page: React.ReactNode;
  let m: Record<string, string> | null;
  if (isPublic) page = <PublicPage id={match('/public/:id', path)?.id ?? null} />;
  else if (!checked) page = <p className="loading">正在加载…</p>;
  else if (!user || path === '/login') page = <LoginPage onLogin={(u) => setUser(u)} />;
  // a one-time password (first start, set by the administrator): nothing else until it is changed
  else if (user.mustChangePassword) page = <AccountPage />;
  else if (path === '/' || path === '/evaluations') page = <HomePage />;
  else if ((m = match('/evaluations/:id', path))) page = <EditorPage id={m.id} key={m.id} />;
  else if ((m = match('/evaluations/:id/review', path))) page = <ReviewPage id={m.id} key={m.id} />;
  else if ((m = match('/evaluations/:id/documents', path))) page = <DocumentsPage id={m.id} key={m.id} />;
  else if (path === '/documents') page = <DocumentsPage id={null} />;
  else if (path === '/import') page = <ImportPage />;
  else if (path === '/dashboard') page = <DashboardPage />;
  else if (path === '/account') page = <AccountPage />;
  else if (path === '/admin') page = <AdminPage />;
  else if (path === '/targets') page = <TargetsPage />;
  else if ((m = match('/targets/:id', path))) page = <TargetPage id={m.id} key={m.id} />;
  else if (path === '/monitoring/red') page = <RedLightsPage />;
  else if ((m = match('/monitoring/:id', path))) page = <MonitoringPage id={m.id} key={m.id} />;
  else if (path === '/rectification') page = <RectificationPage />;
  else if ((m = match('/evaluations/:id/rectification', path))) page = <EvaluationRectificationPage id={m.id} key={m.id} />;
  else page = <p className="empty">页面不存在。<Link to="/">返回首页</Link></p>;

  return (
    <SessionCtx.Provider value={{ user, setUser }}>
      <header className="top">
        <Link to={user ? '/' : '/public'} className="brand">预算绩效自评</Link>
        {user ? (
          <nav>
            <Link to="/" className={path === '/' ? 'on' : ''}>我的评价</Link>
            <Link to="/targets" className={path.startsWith('/targets') || path.startsWith('/monitoring') || path.startsWith('/rectification') ? 'on' : ''}>绩效目标</Link>
            <Link to="/import" className={path === '/import' ? 'on' : ''}>批量导入</Link>
            <Link to="/documents" className={path === '/documents' ? 'on' : ''}>文档下载</Link>
            {user.role !== 'filler' ? <Link to="/dashboard" className={path === '/dashboard' ? 'on' : ''}>统计分析</Link> : null}
            {user.role === 'admin' ? <Link to="/admin" className={path === '/admin' ? 'on' : ''}>用户与单位</Link> : null}
            <Link to="/public" className={isPublic ? 'on' : ''}>绩效公开</Link>
          </nav>
        ) : (
          <nav>
            <Link to="/public" className={isPublic ? 'on' : ''}>绩效公开</Link>
          </nav>
        )}
        <span className="spacer" />
        {user ? (
          <span className="who">
            <Link to="/account" title="账号与密码">{user.name || user.username}</Link>（{ROLE_LABEL[user.role] ?? user.role}{user.unitName ? ` · ${user.unitName}` : ''}）
            <button type="button" className="link" onClick={logout}>退出</button>
          </span>
        ) : !isPublic || checked ? (
          path !== '/login' ? <Link to="/login">登录</Link> : null
        ) : null}
      </header>
      <main>
        <Suspense fallback={<p className="loading">正在加载…</p>}>{page}</Suspense>
      </main>
    </SessionCtx.Provider>
  );
}
