// jixiao targets: a target table written by --format xlsx|docx and read back by `jixiao targets --json`
// with the same rows and values and its checks; a monitoring table read back too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedTable } from '@jixiao/core/targets/test-fixtures/index.ts';
import { renderMonitoringTable } from '@jixiao/documents/cycle/index.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const jixiao = (args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('targets --format xlsx|docx, then targets --json reads both back: same rows, values and T02 findings (S1 海创扶持资金)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-targets-'));
  const table = { ...seedTable('海创扶持资金'), funds: { unit: '万元' as const, total: '2700', appropriation: '2700', other: null } };
  writeFileSync(join(dir, '海创.json'), JSON.stringify(table));
  for (const format of ['xlsx', 'docx']) {
    const w = jixiao(['targets', join(dir, '海创.json'), '--format', format, '--out', dir]);
    assert.equal(w.code, 0, w.stderr);
    const r = jixiao(['targets', join(dir, `海创.${format}`), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const [f] = JSON.parse(r.stdout).files;
    assert.equal(f.kind, 'targets');
    assert.deepEqual(f.table.funds, table.funds);
    assert.deepEqual(
      f.table.indicators.map((i: any) => [i.path.join('/'), i.target, i.weight]),
      table.indicators.map((i) => [i.path.join('/'), i.target, i.weight]),
    );
    assert.deepEqual(f.findings.map((x: any) => x.code), ['T02', 'T02', 'T02', 'T02']);
  }
});

test('targets --json reads a monitoring table; an unreadable file exits 2 with a Chinese message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-monitoring-'));
  const table = seedTable('海创扶持资金');
  const round = {
    period: { from: 1, to: 7 },
    funds: { unit: '万元' as const, annualBudget: '2700', executed: '1600', expectedYearEnd: '2650' },
    rows: [{ indicatorId: '1.1.1', progress: '18个', expected: '30个', cause: '制度保障' as const, note: null, likelihood: '完全不可能' as const }],
  };
  writeFileSync(join(dir, '监控.docx'), await renderMonitoringTable(table, round, 'docx'));
  const r = jixiao(['targets', join(dir, '监控.docx'), '--json']);
  assert.equal(r.code, 0, r.stderr);
  const [f] = JSON.parse(r.stdout).files;
  assert.equal(f.kind, 'monitoring');
  assert.deepEqual(f.monitoring.funds.executed, '1600');
  assert.deepEqual(f.monitoring.rows[0], { path: ['产出指标', '数量指标', '资助孵化海创数量'], target: '≥50个', progress: '18个', expected: '30个', cause: '制度保障', note: null, likelihood: '完全不可能' });
  writeFileSync(join(dir, '空.txt'), '没有表格');
  const bad = jixiao(['targets', join(dir, '空.txt')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /没有找到运行监控表/);
});
