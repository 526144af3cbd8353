// 用户与单位（管理员）：单位树（财政部门 → 主管部门 → 单位）、新增单位；用户列表、新增用户、
// 停用/启用、重设密码。新密码由浏览器随机生成，只显示一次。
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, qs } from '../api.ts';
import { useSession } from '../session.ts';
import { KIND_LABEL, ROLE_LABEL } from '../lib/labels.ts';

interface Unit {
  id: number;
  name: string;
  parentId: number | null;
  kind: 'finance' | 'department' | 'unit';
}
interface UserRow {
  id: number;
  username: string;
  name: string;
  role: 'filler' | 'reviewer' | 'finance' | 'admin';
  unitId: number | null;
  unitName: string | null;
  disabled: boolean;
}

const KIND = KIND_LABEL;
/** which kinds of unit each role belongs to (as the server checks) */
const ROLE_UNIT: Record<UserRow['role'], Unit['kind'][] | null> = {
  filler: ['unit', 'department'],
  reviewer: ['department'],
  finance: ['finance'],
  admin: null,
};

/** a password without look-alike characters, as `jixiao user add` makes */
function randomPassword(): string {
  const chars = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const b = crypto.getRandomValues(new Uint8Array(14));
  return Array.from(b, (x) => chars[x % chars.length]).join('');
}

/** every unit, page by page (the administration page shows and edits the whole tree) */
async function allUnits(): Promise<Unit[]> {
  const out: Unit[] = [];
  let after: string | null = null;
  do {
    const r: { items: Unit[]; next: string | null } = await api(`/api/units${qs({ limit: 1000, after })}`);
    out.push(...r.items);
    after = r.next;
  } while (after);
  return out;
}

export function AdminPage() {
  const { user } = useSession();
  const [units, setUnits] = useState<Unit[]>([]);
  const [users, setUsers] = useState<UserRow[]>([]);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  const load = useCallback(async () => {
    try {
      const [u, us] = await Promise.all([allUnits(), api<UserRow[]>('/api/users')]);
      setUnits(u);
      setUsers(us);
    } catch (e: any) {
      setError(e.message);
    }
  }, []);
  useEffect(() => {
    load();
  }, [load]);

  const depth = useMemo(() => {
    const byId = new Map(units.map((u) => [u.id, u]));
    const d = new Map<number, number>();
    const of = (u: Unit): number => {
      if (d.has(u.id)) return d.get(u.id)!;
      const p = u.parentId != null ? byId.get(u.parentId) : undefined;
      const v = p ? of(p) + 1 : 0;
      d.set(u.id, v);
      return v;
    };
    units.forEach(of);
    return d;
  }, [units]);

  if (user?.role !== 'admin') return <p className="empty">只有管理员可以管理用户与单位。</p>;

  /** run a change, show its result or its error; true when it succeeded (forms keep their input otherwise) */
  const act = async (what: () => Promise<string>): Promise<boolean> => {
    setError('');
    setNotice('');
    try {
      setNotice(await what());
      await load();
      return true;
    } catch (e: any) {
      setError(e.message);
      return false;
    }
  };

  return (
    <section className="page admin">
      <h1>用户与单位</h1>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {notice ? <p className="ok" role="status">{notice}</p> : null}
      <div className="admin-cols">
        <div>
          <h2>单位</h2>
          <table className="list units">
            <thead>
              <tr>
                <th>名称</th>
                <th>类型</th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr key={u.id} data-unit-id={u.id}>
                  <td style={{ paddingLeft: 8 + 18 * (depth.get(u.id) ?? 0) }}>{u.name}</td>
                  <td>{KIND[u.kind]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <NewUnit units={units} onAdd={(b) => act(async () => (await api('/api/units', { body: b }), `已新增单位「${b.name}」`))} />
        </div>
        <div>
          <h2>用户</h2>
          <table className="list users">
            <thead>
              <tr>
                <th>用户名</th>
                <th>姓名</th>
                <th>角色</th>
                <th>所属单位</th>
                <th>状态</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} data-username={u.username} className={u.disabled ? 'disabled' : ''}>
                  <td>{u.username}</td>
                  <td>{u.name}</td>
                  <td>{ROLE_LABEL[u.role] ?? u.role}</td>
                  <td>{u.unitName ?? '—'}</td>
                  <td>{u.disabled ? '已停用' : '正常'}</td>
                  <td className="actions">
                    {u.id !== user.id ? (
                      <button
                        type="button"
                        onClick={() =>
                          act(async () => {
                            await api(`/api/users/${u.id}`, { method: 'PATCH', body: { disabled: !u.disabled } });
                            return u.disabled ? `已启用 ${u.username}` : `已停用 ${u.username}，其登录已失效`;
                          })
                        }
                      >
                        {u.disabled ? '启用' : '停用'}
                      </button>
                    ) : null}
                    <button
                      type="button"
                      onClick={() => {
                        if (!confirm(`为 ${u.username} 重设密码？其现有登录将失效。`)) return;
                        act(async () => {
                          const password = randomPassword();
                          await api(`/api/users/${u.id}`, { method: 'PATCH', body: { password } });
                          return `${u.username} 的新密码：${password}（只显示这一次，请转告本人登录后修改）`;
                        });
                      }}
                    >
                      重设密码
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <NewUser
            units={units}
            onAdd={(b) =>
              act(async () => {
                await api('/api/users', { body: b });
                return `已新增用户 ${b.username}，初始密码：${b.password}（只显示这一次，请转告本人登录后修改）`;
              })
            }
          />
        </div>
      </div>
    </section>
  );
}

function NewUnit({ units, onAdd }: { units: Unit[]; onAdd: (b: { name: string; parentId: number | null }) => Promise<boolean> }) {
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const parents = units.filter((u) => u.kind !== 'unit');
  return (
    <form
      className="card stack new-unit"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await onAdd({ name: name.trim(), parentId: parentId ? Number(parentId) : null })) setName('');
      }}
    >
      <h3>新增单位</h3>
      <label>
        单位名称
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      <label>
        上级
        <select value={parentId} onChange={(e) => setParentId(e.target.value)}>
          <option value="">（无，新增财政部门）</option>
          {parents.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}（{KIND[u.kind]}）
            </option>
          ))}
        </select>
      </label>
      <p className="muted small">类型随上级而定：财政部门之下为主管部门，主管部门之下为单位。</p>
      <div>
        <button type="submit" className="primary">新增单位</button>
      </div>
    </form>
  );
}

function NewUser({ units, onAdd }: { units: Unit[]; onAdd: (b: { username: string; name: string; role: string; unitId: number | null; password: string }) => Promise<boolean> }) {
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<UserRow['role']>('filler');
  const [unitId, setUnitId] = useState('');
  const kinds = ROLE_UNIT[role];
  const choices = kinds ? units.filter((u) => kinds.includes(u.kind)) : [];
  return (
    <form
      className="card stack new-user"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await onAdd({ username: username.trim(), name: name.trim(), role, unitId: kinds && unitId ? Number(unitId) : null, password: randomPassword() })) {
          setUsername('');
          setName('');
        }
      }}
    >
      <h3>新增用户</h3>
      <label>
        用户名（字母、数字或 _ . @ -）
        <input value={username} onChange={(e) => setUsername(e.target.value)} required pattern="[A-Za-z0-9_.@\-]{2,64}" />
      </label>
      <label>
        姓名
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
      </label>
      <label>
        角色
        <select
          value={role}
          onChange={(e) => {
            setRole(e.target.value as UserRow['role']);
            setUnitId('');
          }}
        >
          {(Object.keys(ROLE_UNIT) as UserRow['role'][]).map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r] ?? r}
            </option>
          ))}
        </select>
      </label>
      {kinds ? (
        <label>
          所属单位
          <select value={unitId} onChange={(e) => setUnitId(e.target.value)} required>
            <option value="">（请选择）</option>
            {choices.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <div>
        <button type="submit" className="primary">新增用户</button>
      </div>
    </form>
  );
}
