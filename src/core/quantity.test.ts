import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareQuantities, parseQuantity } from './quantity.js';

describe('resource quantities (apimachinery resource.ParseQuantity)', () => {
  const ok: [unknown, number][] = [
    ['500m', 0.5],
    ['1', 1],
    ['2.5', 2.5],
    ['.5', 0.5],
    ['1.', 1],
    ['+1', 1],
    [1, 1],
    [0.25, 0.25],
    ['128Mi', 128 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1Ki', 1024],
    ['1Ei', 2 ** 60],
    ['1k', 1000],
    ['1M', 1e6],
    ['1G', 1e9],
    ['1E', 1e18],
    ['100n', 1e-7],
    ['100u', 1e-4],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1e-3', 0.001],
    ['12e+2', 1200],
    ['-1', -1],
  ];
  for (const [raw, want] of ok) {
    it(`${JSON.stringify(raw)} = ${want}`, () => {
      const q = parseQuantity(raw);
      assert.ok(q.ok, JSON.stringify(q));
      assert.equal(compareQuantities(q.value, want), 0);
    });
  }
  for (const raw of ['1K', '1kb', '1KiB', '1 Gi', 'Gi', '', '1.2.3', '0x10', 'abc', '1e', '1mi', true, null, {}]) {
    it(`${JSON.stringify(raw)} is invalid`, () => assert.equal(parseQuantity(raw).ok, false));
  }
  it('compares decimal and binary spellings', () => {
    const a = parseQuantity('1Gi');
    const b = parseQuantity('1073741824');
    const c = parseQuantity('1G');
    assert.ok(a.ok && b.ok && c.ok);
    assert.equal(compareQuantities(a.value, b.value), 0);
    assert.equal(compareQuantities(c.value, a.value), -1);
  });
});
