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

echarts.use([BarChart, PieChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, CanvasRenderer]);

interface Dashboard {
  grades: { excellent: number; good: number; fair: number; poor: number };
  points: { id: string; title: string; unitName: string; executionRate: string | null; total: string | null; grade: string | null }[];
  findingsByRule: { rule: string; count: number; code?: string; label?: string }[];
  coverage: { unitId: string; unitName: string; due: number; submitted: number }[];
}

// The zone of likely inflated scores (national ruleset, inflation: total ≥ 95 while execution < 80%).
const INFLATED = { totalAtLeast: 95, executionBelow: 80 };

const num = (s: string | null | undefined) => (s == null || s === '' ? null : Number(s));

export function DashboardPage() {
  const [filters, setFilters] = useState({ fiscalYear: '', parentUnitId: '', subject: '', status: '' });
  const [units, setUnits] = useState<{ id: string; name: string; kind: string }[]>([]);
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api('/api/units').then(setUnits).catch(() => {});
  }, []);
  useEffect(() => {
    setError('');
    api<Dashboard>(`/api/dashboard${qs(filters)}`).then(setData).catch((e) => setError(e.message));
  }, [filters]);
  const set = (k: keyof typeof filters) => (e: React.ChangeEvent<HTMLSelectElement>) => setFilters((f) => ({ ...f, [k]: e.target.value }));
  const y = new Date().getFullYear();

  const g = data?.grades ?? { excellent: 0, good: 0, fair: 0, poor: 0 };
  const gradeRows: [string, number][] = [['优', g.excellent], ['良', g.good], ['中', g.fair], ['差', g.poor]];
  const points = (data?.points ?? []).filter((p) => num(p.executionRate) != null && num(p.total) != null);
  const inflated = points.filter((p) => num(p.total)! >= INFLATED.totalAtLeast && num(p.executionRate)! < INFLATED.executionBelow);
  const rules = [...(data?.findingsByRule ?? [])]
    .sort((a, b) => b.count - a.count)
    .map((r) => {
      const meta = getRule(r.rule);
      return { ...r, code: r.code ?? meta?.code, label: r.label ?? (meta ? `${meta.code} ${meta.title}` : r.rule) };
    });
  const maxRate = Math.max(100, ...points.map((p) => num(p.executionRate)!));
  // zoom the total axis to the data (never above 60) so the shaded band stays readable
  const minTotal = Math.min(60, ...points.map((p) => Math.floor((num(p.total)! - 5) / 10) * 10));

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
        <label>主管部门
          <select value={filters.parentUnitId} onChange={set('parentUnitId')} aria-label="主管部门">
            <option value="">全部</option>
            {units.filter((u) => u.kind !== 'unit').map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
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
          title={`执行率与总分（阴影：总分≥${INFLATED.totalAtLeast} 而执行率<${INFLATED.executionBelow}%，可能虚高；${inflated.length} 份）`}
          name="scatter"
          option={{
            grid: { left: 44, right: 16, top: 16, bottom: 36 },
            tooltip: { formatter: (p: any) => `${p.data.title}<br/>${p.data.unitName}<br/>执行率 ${p.data.value[0]}%，总分 ${p.data.value[1]}` },
            xAxis: { name: '执行率%', nameLocation: 'middle', nameGap: 22, min: 0, max: Math.ceil(maxRate / 10) * 10 },
            yAxis: { name: '总分', min: Math.max(0, minTotal), max: 100 },
            series: [{
              type: 'scatter',
              symbolSize: 8,
              data: points.map((p) => ({ value: [num(p.executionRate), num(p.total)], title: p.title, unitName: p.unitName, itemStyle: inflated.includes(p) ? { color: '#c62828' } : undefined })),
              markArea: { silent: true, itemStyle: { color: 'rgba(198,40,40,0.12)' }, data: [[{ xAxis: 0, yAxis: INFLATED.totalAtLeast }, { xAxis: INFLATED.executionBelow, yAxis: 100 }]] },
            }],
          }}
          rows={[['评价', '单位', '执行率%', '总分', '等级', '可能虚高'], ...(data?.points ?? []).map((p) => [p.title, p.unitName, num(p.executionRate), num(p.total), p.grade, inflated.includes(p) ? '是' : ''] as CellValue[])]}
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
            <h3>覆盖情况（已提交 / 应评）</h3>
            <button type="button" onClick={() => downloadBlob(writeXlsx([{ name: '覆盖情况', rows: [['单位', '应评', '已提交', '覆盖率%'], ...(data?.coverage ?? []).map((c) => [c.unitName, c.due, c.submitted, c.due ? Math.round((c.submitted / c.due) * 1000) / 10 : null] as CellValue[])] }]), 'coverage.xlsx', XLSX_TYPE)}>导出 .xlsx</button>
          </div>
          <div className="table-scroll">
            <table className="list" data-testid="coverage">
              <thead><tr><th>单位</th><th className="num">应评</th><th className="num">已提交</th><th>覆盖率</th></tr></thead>
              <tbody>
                {(data?.coverage ?? []).map((c) => {
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
        </div>
      </div>
      {inflated.length ? (
        <div className="card">
          <b>可能虚高的评价：</b>
          {inflated.map((p) => <Link key={p.id} to={`/evaluations/${p.id}/review`} className="chip">{p.unitName} · {p.title}</Link>)}
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
