import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AggregatorRegistry, Histogram, Registry } from 'prom-client';
import { FastCounter, FastHistogram } from './tally.js';

describe('FastCounter / FastHistogram', () => {
  it('print exactly what prom-client prints for the same observations', async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const buckets = [0.001, 0.01, 0.1];
    const h = new FastHistogram('lat_seconds', 'help', ['op'], ours, buckets);
    const ref = new Histogram({ name: 'lat_seconds', help: 'help', labelNames: ['op'], buckets, registers: [theirs] });
    for (const [op, v] of [
      ['a', 0.0005],
      ['a', 0.001], // on a bound: counted in it (le means <=)
      ['a', 0.05],
      ['b', 7],
    ] as const) {
      h.observe({ op }, v);
      ref.observe({ op }, v);
    }
    assert.equal(await ours.metrics(), await theirs.metrics());
  });

  it('count by label set and aggregate across workers by summing', async () => {
    const w1 = new Registry();
    const w2 = new Registry();
    const c1 = new FastCounter('findings_total', 'help', ['rule'], w1);
    const c2 = new FastCounter('findings_total', 'help', ['rule'], w2);
    c1.inc({ rule: 'x' });
    c1.inc({ rule: 'x' });
    c1.inc({ rule: 'y' }, 3);
    c2.inc({ rule: 'x' });
    const all = AggregatorRegistry.aggregate([await w1.getMetricsAsJSON(), await w2.getMetricsAsJSON()]);
    const text = await all.metrics();
    assert.match(text, /^findings_total\{rule="x"\} 3$/m);
    assert.match(text, /^findings_total\{rule="y"\} 3$/m);
    c1.reset();
    assert.doesNotMatch(await w1.metrics(), /rule=/);
  });
});
