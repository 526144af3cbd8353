import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextCell } from './grid-nav.ts';

test('Tab moves right and wraps to the next row; Shift+Tab goes back', () => {
  assert.deepEqual(nextCell({ row: 0, col: 1 }, { key: 'Tab' }, 3, 3), { row: 0, col: 2 });
  assert.deepEqual(nextCell({ row: 0, col: 2 }, { key: 'Tab' }, 3, 3), { row: 1, col: 0 });
  assert.deepEqual(nextCell({ row: 1, col: 0 }, { key: 'Tab', shiftKey: true }, 3, 3), { row: 0, col: 2 });
  assert.equal(nextCell({ row: 2, col: 2 }, { key: 'Tab' }, 3, 3), null);
});

test('Enter moves down, Shift+Enter up, in the same column', () => {
  assert.deepEqual(nextCell({ row: 0, col: 1 }, { key: 'Enter' }, 3, 3), { row: 1, col: 1 });
  assert.deepEqual(nextCell({ row: 1, col: 1 }, { key: 'Enter', shiftKey: true }, 3, 3), { row: 0, col: 1 });
  assert.equal(nextCell({ row: 2, col: 1 }, { key: 'Enter' }, 3, 3), null);
});

test('left/right arrows move only when the caret is at the edge of the text', () => {
  assert.equal(nextCell({ row: 0, col: 1 }, { key: 'ArrowRight', caretAtEnd: false }, 3, 3), null);
  assert.deepEqual(nextCell({ row: 0, col: 1 }, { key: 'ArrowRight', caretAtEnd: true }, 3, 3), { row: 0, col: 2 });
  assert.deepEqual(nextCell({ row: 0, col: 1 }, { key: 'ArrowLeft', caretAtStart: true }, 3, 3), { row: 0, col: 0 });
  assert.equal(nextCell({ row: 0, col: 0 }, { key: 'ArrowLeft', caretAtStart: true }, 3, 3), null);
});

test('cells that cannot take focus are skipped', () => {
  const holes = (r: number, c: number) => !(c === 1 && r === 1);
  assert.deepEqual(nextCell({ row: 0, col: 1 }, { key: 'ArrowDown' }, 3, 3, holes), { row: 2, col: 1 });
  assert.deepEqual(nextCell({ row: 1, col: 0 }, { key: 'Tab' }, 3, 3, holes), { row: 1, col: 2 });
  assert.equal(nextCell({ row: 0, col: 0 }, { key: 'a' }, 3, 3), null);
});
