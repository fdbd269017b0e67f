import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseIntOrPercent, scaledValue } from './disruption.js';

it('parseIntOrPercent reads minAvailable / maxUnavailable as the PDB validation accepts them', () => {
  assert.equal(parseIntOrPercent(undefined), undefined);
  assert.equal(parseIntOrPercent(null), undefined);
  assert.deepEqual(parseIntOrPercent(0), { kind: 'int', value: 0 });
  assert.deepEqual(parseIntOrPercent(3), { kind: 'int', value: 3 });
  assert.deepEqual(parseIntOrPercent('0%'), { kind: 'percent', value: 0 });
  assert.deepEqual(parseIntOrPercent('050%'), { kind: 'percent', value: 50 });
  assert.deepEqual(parseIntOrPercent('100%'), { kind: 'percent', value: 100 });
  // Rejected by the API server: negative, fractional, a number as a string, over 100%, decimals.
  for (const bad of [-1, 1.5, '1', '101%', '5.5%', ' 5%', '%', true]) {
    assert.deepEqual(parseIntOrPercent(bad), { kind: 'invalid' }, JSON.stringify(bad));
  }
});

it('scaledValue rounds percentages up, as the disruption controller does', () => {
  assert.equal(scaledValue({ kind: 'percent', value: 50 }, 1), 1);
  assert.equal(scaledValue({ kind: 'percent', value: 50 }, 3), 2);
  assert.equal(scaledValue({ kind: 'percent', value: 10 }, 2), 1);
  assert.equal(scaledValue({ kind: 'percent', value: 0 }, 7), 0);
  assert.equal(scaledValue({ kind: 'percent', value: 90 }, 2), 2);
  assert.equal(scaledValue({ kind: 'percent', value: 33 }, 100), 33);
  assert.equal(scaledValue({ kind: 'int', value: 2 }, 10), 2);
});
