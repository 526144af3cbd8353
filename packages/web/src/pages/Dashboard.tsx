import { useEffect, useRef, useState } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, PieChart, ScatterChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, MarkAreaComponent, MarkLineComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { getRule } from '@jixiao/core/check/index.ts';
import { api, qs } from '../api.ts';
import { Link } from '../router.tsx';
import { STATUS_LABEL, SUBJECT_LABEL } from '../lib/labels.ts';
import { writeXlsx, type CellValue } from '../lib/xlsx.ts';
import { downloadBlob, downloadUrl, XLSX_TYPE } from '../lib/download.ts';
import { UnitPicker } from '../components/UnitPicker.tsx';

echarts.use([BarChart, PieChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, CanvasRenderer]);

interface Cell {
  rateFrom: number;
  rateTo: number | null;
  totalFrom: number;
  totalTo: number | null;
  count: number;
}
interface Dashboard {
  count: number;
  grades: { excellent: number; good: number; fair: number; poor: number };
  scatter: { kind: 'aggregate'; cells: Cell[]; withoutRate: number };
  inflated: { totalAtLeast: number; executionBelow: number; count: number; items: { id: string; title: string; unitName: string; executionRate: string | null; total: string | null }[] };
  findingsByRule: { rule: string; count: number; code?: string; label?: string }[];
  coverage: { items: { unitId: string; unitName: string; due: number; submitted: number }[]; total: number; next: string | number | null };
}

const COVERAGE_PAGE = 50;
const range = (from: number, to: number | null, unit = '') => (to == null ? `${from}${unit} 以上` : `${from}–${to}${unit}`);

export function DashboardPage() {
  const [filters, setFilters] = useState({ fiscalYear: '', parentUnitId: '', subject: '', status: '' });
  const [coverageQ, setCoverageQ] = useState('');
  // the coverage table's pages seen so far (keyset: the first has no cursor)
  const [coverageCursors, setCoverageCursors] = useState<string[]>(['']);
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState('');
  useEffect(() => setCoverageCursors(['']), [filters, coverageQ]);
  useEffect(() => {
    setError('');
    const t = window.setTimeout(
      () =>
        api<Dashboard>(`/api/dashboard${qs({ ...filters, coverageQ, coveragePageSize: COVERAGE_PAGE, coverageAfter: coverageCursors[coverageCursors.length - 1] })}`)
          .then(setData)
          .catch((e) => setError(e.message)),
      coverageQ ? 250 : 0,
    );
    return () => window.clearTimeout(t);
  }, [filters, coverageQ, coverageCursors]);
  const set = (k: keyof typeof filters) => (e: React.ChangeEvent<HTMLSelectElement>) => setFilters((f) => ({ ...f, [k]: e.target.value }));
  const y = new Date().getFullYear();

  const g = data?.grades ?? { excellent: 0, good: 0, fair: 0, poor: 0 };
  const gradeRows: [string, number][] = [['优', g.excellent], ['良', g.good], ['中', g.fair], ['差', g.poor]];
  const cells = data?.scatter.cells ?? [];
  const zone = data?.inflated ?? { totalAtLeast: 95, executionBelow: 80, count: 0, items: [] };
  const inZone = (c: Cell) => c.totalFrom >= zone.totalAtLeast && c.rateTo != null && c.rateTo <= zone.executionBelow;
  const maxCount = Math.max(1, ...cells.map((c) => c.count));
  const rules = [...(data?.findingsByRule ?? [])]
    .sort((a, b) => b.count - a.count)
    .map((r) => {
      const meta = getRule(r.rule);
      return { ...r, code: r.code ?? meta?.code, label: r.label ?? (meta ? `${meta.code} ${meta.title}` : r.rule) };
    });
  const maxRate = Math.max(100, ...cells.map((c) => (c.rateTo ?? c.rateFrom + 10)));
  // zoom the total axis to the data (never above 60) so the shaded band stays readable
  const minTotal = Math.min(60, ...cells.map((c) => Math.floor(c.totalFrom / 10) * 10));
  const coverage = data?.coverage ?? { items: [], total: 0, next: null };
  const coveragePage = coverageCursors.length;

  return (
    <section className="page dashboard">
      <div className="toolbar">
        <h1>统计分析</h1>
        <label>年度
          <select value={filters.fiscalYear} onChange={set('fiscalYear')} aria-label="年度">
            <option value="">全部</option>
            {Array.from({ length: 8 }, (_, i) => y - i).map((v) => <option key={v} value={v}>{v}年</option>)}
          </select>
        </label>
        <span className="field">主管部门
          <UnitPicker label="主管部门" kind="department" value={filters.parentUnitId} emptyLabel="全部" onChange={(v) => setFilters((f) => ({ ...f, parentUnitId: v }))} />
        </span>
        <label>评价对象
          <select value={filters.subject} onChange={set('subject')} aria-label="评价对象">
            <option value="">全部</option>
            {Object.entries(SUBJECT_LABEL).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </label>
        <label>状态
          <select value={filters.status} onChange={set('status')} aria-label="状态">
            <option value="">全部</option>
            {Object.entries(STATUS_LABEL).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </label>
        {data ? <span className="muted" data-testid="selection-count">共 {data.count} 份评价</span> : null}
      </div>
      {error ? <p className="error">{error}</p> : null}
      <div className="charts">
        <ChartBox
          title="等级分布"
          name="grades"
          option={{
            tooltip: { trigger: 'item' },
            color: ['#2e7d32', '#1565c0', '#f9a825', '#c62828'],
            series: [{ type: 'pie', radius: ['35%', '65%'], label: { formatter: '{b}：{c}' }, data: gradeRows.map(([name, value]) => ({ name, value })) }],
          }}
          rows={[['等级', '数量'], ...gradeRows]}
        />
        <ChartBox
          title={`执行率与总分（全部 ${data?.count ?? 0} 份按格计数，圆越大份数越多；阴影：总分≥${zone.totalAtLeast} 而执行率<${zone.executionBelow}%，可能虚高：${zone.count} 份）`}
          name="scatter"
          option={{
            grid: { left: 44, right: 16, top: 16, bottom: 36 },
            tooltip: { formatter: (p: any) => `执行率 ${range(p.data.cell.rateFrom, p.data.cell.rateTo, '%')}<br/>总分 ${range(p.data.cell.totalFrom, p.data.cell.totalTo)}<br/>${p.data.cell.count} 份` },
            xAxis: { name: '执行率%', nameLocation: 'middle', nameGap: 22, min: 0, max: Math.ceil(maxRate / 10) * 10 },
            yAxis: { name: '总分', min: Math.max(0, minTotal), max: 100 },
            series: [{
              type: 'scatter',
              symbolSize: (_: unknown, p: any) => 6 + 30 * Math.sqrt(p.data.cell.count / maxCount),
              data: cells.map((c) => ({
                value: [c.rateFrom + ((c.rateTo ?? c.rateFrom + 10) - c.rateFrom) / 2, Math.min(100, c.totalFrom + ((c.totalTo ?? 100) - c.totalFrom) / 2)],
                cell: c,
                itemStyle: inZone(c) ? { color: '#c62828' } : undefined,
              })),
              markArea: { silent: true, itemStyle: { color: 'rgba(198,40,40,0.12)' }, data: [[{ xAxis: 0, yAxis: zone.totalAtLeast }, { xAxis: zone.executionBelow, yAxis: 100 }]] },
            }],
          }}
          rows={[['执行率%', '总分', '份数', '可能虚高'], ...cells.map((c) => [range(c.rateFrom, c.rateTo), range(c.totalFrom, c.totalTo), c.count, inZone(c) ? '是' : ''] as CellValue[])]}
        />
        <ChartBox
          title="问题按规则统计"
          name="findings"
          option={{
            grid: { left: 150, right: 24, top: 8, bottom: 24 },
            tooltip: { trigger: 'axis' },
            xAxis: { type: 'value' },
            yAxis: { type: 'category', inverse: true, data: rules.map((r) => r.label ?? r.code ?? r.rule), axisLabel: { width: 140, overflow: 'truncate' } },
            series: [{ type: 'bar', data: rules.map((r) => r.count), itemStyle: { color: '#1565c0' } }],
          }}
          rows={[['规则', '编号', '次数'], ...rules.map((r) => [r.label ?? r.rule, r.code ?? '', r.count] as CellValue[])]}
        />
        <div className="chart-box coverage">
          <div className="chart-head">
            <h3>覆盖情况（已提交 / 应评；共 {coverage.total} 个单位）</h3>
            <input type="search" placeholder="输入单位名称筛选" aria-label="筛选覆盖情况的单位" value={coverageQ} onChange={(e) => setCoverageQ(e.target.value)} />
            <button type="button" onClick={() => downloadBlob(writeXlsx([{ name: '覆盖情况', rows: [['单位', '应评', '已提交', '覆盖率%'], ...coverage.items.map((c) => [c.unitName, c.due, c.submitted, c.due ? Math.round((c.submitted / c.due) * 1000) / 10 : null] as CellValue[])] }]), 'coverage.xlsx', XLSX_TYPE)}>导出本页 .xlsx</button>
          </div>
          <div className="table-scroll">
            <table className="list" data-testid="coverage">
              <thead><tr><th>单位</th><th className="num">应评</th><th className="num">已提交</th><th>覆盖率</th></tr></thead>
              <tbody>
                {coverage.items.map((c) => {
                  const pct = c.due ? Math.round((c.submitted / c.due) * 100) : 0;
                  return (
                    <tr key={c.unitId}>
                      <td>{c.unitName}</td>
                      <td className="num">{c.due}</td>
                      <td className="num">{c.submitted}</td>
                      <td><span className="bar"><span style={{ width: `${pct}%` }} /></span> {c.due ? `${pct}%` : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="pager">
            <button type="button" disabled={coveragePage === 1} onClick={() => setCoverageCursors((c) => c.slice(0, -1))}>上一页</button>
            <span>第 {coveragePage} / {Math.max(1, Math.ceil(coverage.total / COVERAGE_PAGE))} 页</span>
            <button type="button" disabled={coverage.next == null} onClick={() => coverage.next != null && setCoverageCursors((c) => [...c, String(coverage.next)])}>下一页</button>
          </div>
        </div>
      </div>
      {zone.items.length ? (
        <div className="card">
          <b>可能虚高的评价（{zone.count} 份{zone.count > zone.items.length ? `，最近更新的 ${zone.items.length} 份` : ''}）：</b>
          {zone.items.map((p) => <Link key={p.id} to={`/evaluations/${p.id}/review`} className="chip">{p.unitName} · {p.title}</Link>)}
        </div>
      ) : null}
    </section>
  );
}

function ChartBox({ title, name, option, rows }: { title: string; name: string; option: EChartsCoreOption; rows: CellValue[][] }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    chart.current = echarts.init(el.current!, undefined, { renderer: 'canvas' });
    const onResize = () => chart.current?.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.current?.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ animation: false, textStyle: { fontFamily: 'inherit' }, ...option }, true);
  });
  return (
    <div className="chart-box" data-chart={name}>
      <div className="chart-head">
        <h3>{title}</h3>
        <button type="button" onClick={() => chart.current && downloadUrl(chart.current.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }), `${name}.png`)}>导出图片</button>
        <button type="button" onClick={() => downloadBlob(writeXlsx([{ name: title.slice(0, 20), rows }]), `${name}.xlsx`, XLSX_TYPE)}>导出 .xlsx</button>
      </div>
      <div ref={el} className="chart" />
    </div>
  );
}
