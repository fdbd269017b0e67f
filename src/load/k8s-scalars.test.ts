import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolvePlainScalar } from './k8s-scalars.js';

// Expected values from goyaml.v2's resolve() (sigs.k8s.io/yaml), which Kubernetes uses.
const TABLE: [string, unknown][] = [
  ['yes', true],
  ['Yes', true],
  ['YES', true],
  ['y', true],
  ['Y', true],
  ['on', true],
  ['On', true],
  ['ON', true],
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['no', false],
  ['n', false],
  ['N', false],
  ['off', false],
  ['OFF', false],
  ['false', false],
  ['False', false],
  ['tRue', 'tRue'],
  ['yES', 'yES'],
  ['of', 'of'],
  ['', null],
  ['~', null],
  ['null', null],
  ['Null', null],
  ['NULL', null],
  ['nULL', 'nULL'],
  ['0644', 420],
  ['0o644', 420],
  ['0O644', 420],
  ['0x1F', 31],
  ['0X1f', 31],
  ['0b101', 5],
  ['-0b101', -5],
  ['1_000', 1000],
  ['+12', 12],
  ['-12', -12],
  ['-0', 0],
  ['0', 0],
  ['1e3', 1000],
  ['1E3', 1000],
  ['1.5', 1.5],
  ['1.', 1],
  ['.5', 0.5],
  ['+.5', 0.5],
  ['-1.5e-3', -0.0015],
  ['08', 8],
  ['09.5', 9.5],
  ['0x', '0x'],
  ['0b2', '0b2'],
  ['1e', '1e'],
  ['1e400', '1e400'],
  ['2001-12-14', '2001-12-14'],
  ['2001-12-14T21:59:43.10Z', '2001-12-14T21:59:43.10Z'],
  ['1.2.3', '1.2.3'],
  ['v1', 'v1'],
  ['500m', '500m'],
  ['1Gi', '1Gi'],
  ['1:20', '1:20'],
  ['190:20:30', '190:20:30'],
  ['-', '-'],
  ['+', '+'],
  ['.', '.'],
  ['._5', '._5'],
  ['0.1.2', '0.1.2'],
];

describe('plain scalars resolve as Kubernetes (goyaml.v2) resolves them', () => {
  for (const [input, want] of TABLE) {
    it(`${JSON.stringify(input)} -> ${JSON.stringify(want)}`, () => {
      assert.deepEqual(resolvePlainScalar(input), want);
    });
  }
  it('.inf and .nan are floats', () => {
    assert.equal(resolvePlainScalar('.inf'), Infinity);
    assert.equal(resolvePlainScalar('-.Inf'), -Infinity);
    assert.ok(Number.isNaN(resolvePlainScalar('.NaN')));
  });
  it('integers beyond int64 still decode as numbers (big.Int in goyaml.v2)', () => {
    assert.equal(resolvePlainScalar('99999999999999999999'), 1e20);
  });
});
