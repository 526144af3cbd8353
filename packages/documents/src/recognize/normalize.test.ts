// foldSpaces is the one-pass form of three regex replaces (spaces between Chinese characters dropped,
// other runs of spaces made one, the ends trimmed); it must give what they give on any text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldSpaces } from './normalize.ts';

const CJK = '\\u2018-\\u201d\\u3001-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff01-\\uff60';
const BREAK_IN_CJK = new RegExp(`([${CJK}])[\\s\\u3000]+(?=[${CJK}])`, 'g');
const reference = (s: string) => s.replace(BREAK_IN_CJK, '$1').replace(/[\s\u3000]+/g, ' ').trim();

test('foldSpaces: the cases recognition meets', () => {
  const cases: [string, string][] = [
    ['产 出 指 标', '产出指标'],
    ['  项目 名称 ：  乡村道路  ', '项目名称：乡村道路'],
    ['≥ 10 公里', '≥ 10 公里'],
    ['满意度\u3000\u3000指标', '满意度指标'],
    ['a \t\n b', 'a b'],
    ['“ 优 ”', '“优”'],
    ['', ''],
    ['   ', ''],
  ];
  for (const [input, want] of cases) {
    assert.equal(foldSpaces(input), want, JSON.stringify(input));
    assert.equal(reference(input), want, `reference ${JSON.stringify(input)}`);
  }
});

test('foldSpaces gives what the regex replaces give, on 20,000 seeded random texts', () => {
  // every kind of character around the edges of the Chinese ranges, and every kind of space
  const pool = [
    ' ', '\t', '\n', '\r', '\u3000', '\u00a0', '\u2003', '\ufeff',
    'a', '1', '%', '（', '）', '，', '\u2017', '\u2018', '\u201d', '\u201e', '\u3000', '\u3001', '\u303f', '\u3040',
    '\u33ff', '\u3400', '\u4dbf', '\u4dc0', '\u4dff', '\u4e00', '指', '\u9fff', '\ua000', '\uf8ff', '\uf900', '\ufaff', '\ufb00',
    '\uff00', '\uff01', '\uff60', '\uff61',
  ];
  let seed = 12345;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) / (1 << 24);
  for (let k = 0; k < 20_000; k++) {
    let s = '';
    const len = Math.floor(next() * 14);
    for (let i = 0; i < len; i++) s += pool[Math.floor(next() * pool.length)];
    assert.equal(foldSpaces(s), reference(s), JSON.stringify(s));
  }
});
