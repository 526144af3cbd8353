// A unit picker that asks the server for what it shows: up to 50 units of a kind, narrowed by a
// name typed in the search box (GET /api/units?kind=&q=&limit=), never a whole province's units.
import { useEffect, useState } from 'react';
import { api, qs } from '../api.ts';

export interface UnitOption {
  id: string | number;
  name: string;
  kind: string;
}

const SHOWN = 50;
const KIND = { unit: '单位', department: '主管部门', finance: '财政部门' } as const;

export function UnitPicker({
  label,
  kind,
  value,
  onChange,
  emptyLabel,
  onTotal,
}: {
  label: string;
  kind: 'unit' | 'department' | 'finance';
  value: string;
  onChange: (id: string) => void;
  /** an option with no unit ('全部', '按文件匹配'); without it the first unit found is the default */
  emptyLabel?: string;
  /** told how many units of that kind the user may pick from (before any search) */
  onTotal?: (n: number) => void;
}) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ items: UnitOption[]; total: number } | null>(null);
  const [chosen, setChosen] = useState<UnitOption | null>(null);
  useEffect(() => {
    const t = window.setTimeout(
      () =>
        api<{ items: UnitOption[]; total: number }>(`/api/units${qs({ kind, q, limit: SHOWN })}`)
          .then((r) => {
            setFound(r);
            if (!q) onTotal?.(r.total);
            if (!value && emptyLabel == null && r.items[0]) onChange(String(r.items[0].id));
          })
          .catch(() => {}),
      q ? 250 : 0,
    );
    return () => window.clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, q]);
  const items = found?.items ?? [];
  // the chosen unit stays an option while a search shows others
  const options = chosen && String(chosen.id) === value && !items.some((u) => String(u.id) === value) ? [chosen, ...items] : items;
  return (
    <span className="unit-picker">
      <input type="search" placeholder="输入名称筛选" aria-label={`筛选${KIND[kind]}`} value={q} onChange={(e) => setQ(e.target.value)} />
      <select
        aria-label={label}
        value={value}
        onChange={(e) => {
          setChosen(options.find((u) => String(u.id) === e.target.value) ?? null);
          onChange(e.target.value);
        }}
      >
        {emptyLabel != null ? <option value="">{emptyLabel}</option> : null}
        {options.map((u) => (
          <option key={u.id} value={u.id}>{u.name}</option>
        ))}
      </select>
      {found && found.total > items.length ? <small className="muted">共 {found.total} 个，显示 {items.length} 个；输入名称搜索</small> : null}
    </span>
  );
}
