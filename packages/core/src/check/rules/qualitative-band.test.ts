import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../fixtures.ts';
import { qualitativeBand } from './qualitative-band.ts';

const one = (target: string, actual: string | null, weight: string, score: string, basis?: string) =>
  runRule(qualitativeBand, { rows: [{ path: ['效益指标', '社会效益指标', '促进产业竞争力水平'], target, actual, weight, score, basis }] });

test('V10 (N1; S1 海创扶持资金): 得到提升/得到提升 scored 7/10 is below the 达成 band', () => {
  const f = one('得到提升', '得到提升', '10', '7');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.equal(
    f[0].message,
    '“效益指标/社会效益指标/促进产业竞争力水平”实际完成值与年度指标值相同（“得到提升”），属于达成，得分7占分值10的70%，低于达成档（80%–100%）',
  );
});

test('V10 (N1; S3 如皋): 是/是 scored 7/8, 5/6 and 9/10 stay inside the 达成 band; exactly 0.8w counts as 达成', () => {
  assert.deepEqual(one('是', '是', '8', '7'), []);
  assert.deepEqual(one('是', '是', '6', '5'), []);
  assert.deepEqual(one('得到提升', '得到提升', '10', '8'), []);
});

test('V10 (N1; S0): 较规范 scored 1/1.5 is inside 部分达成; 基本按要求完成 scored 4.5/5 is above it', () => {
  assert.deepEqual(one('规范', null, '1.5', '1', '较规范。项目管理制度执行待加强。'), []);
  const f = one('按要求完成', null, '5', '4.5', '基本按要求完成。原政策整合调整，相关人才政策申报兑现工作基本如期合理完成。');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /实际完成值“基本按要求完成”属于部分达成，得分4.5占分值5的90%，高于部分达成档（60%–80%）/);
});

test('V10 (N1; S3): 是否超出预算 否/否 is 达成; 否 against a target of 是 scored in full is above 未达成', () => {
  assert.deepEqual(one('否', '否', '5', '5'), []);
  const f = one('是', '否', '6', '6');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /与年度指标值“是”相反，属于未达成/);
});
