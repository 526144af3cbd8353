import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDec, round, str, sum } from './decimal.ts';
import { toYuan, parseMoney, convert } from './money/money.ts';

test('decimal arithmetic is exact (0.1 + 0.2 = 0.3, not 0.30000000000000004)', () => {
  assert.equal(str(sum(['0.1', '0.2'])), '0.3');
});

test('round half up to two decimals: 8.925 → 8.93, truncate 9.971 → 9.97', () => {
  assert.equal(round('8.925', 2).toFixed(2), '8.93');
  assert.equal(round('9.979', 2, 'truncate').toFixed(2), '9.97');
});

test('parseDec refuses junk instead of guessing', () => {
  assert.equal(parseDec('—'), null);
  assert.equal(parseDec('12a'), null);
  assert.equal(str(parseDec('1,160.50')!), '1160.5');
});

test('万元 normalises to 元 exactly (2549431.21 万元 = 25494312100 元)', () => {
  assert.equal(str(toYuan('2549431.21', '万元')), '25494312100');
  assert.deepEqual(parseMoney('2549431.21 万元'), { value: '2549431.21', unit: '万元' });
  assert.equal(convert('2573300', '元', '万元'), '257.33');
});
