import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anchorPair, matches, parseLabelSelector, parseMapSelector } from './selectors.js';

describe('label selectors (metav1.LabelSelectorAsSelector semantics)', () => {
  const L = { app: 'web', tier: 'front' };
  it('empty selector matches everything; missing selector matches nothing', () => {
    assert.equal(matches(parseLabelSelector({}), L), true);
    assert.equal(matches(parseLabelSelector({}), {}), true);
    assert.equal(matches(parseLabelSelector(undefined), L), false);
    assert.equal(matches(parseLabelSelector(null), L), false);
  });
  it('matchLabels and matchExpressions are ANDed', () => {
    const s = parseLabelSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }],
    });
    assert.equal(matches(s, L), true);
    assert.equal(matches(s, { app: 'web', tier: 'db' }), false);
    assert.equal(matches(s, { tier: 'front' }), false);
  });
  it('NotIn matches when the label is absent; DoesNotExist / Exists', () => {
    assert.equal(
      matches(parseLabelSelector({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }), L),
      true,
    );
    assert.equal(
      matches(parseLabelSelector({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }), L),
      false,
    );
    assert.equal(matches(parseLabelSelector({ matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }), L), true);
    assert.equal(matches(parseLabelSelector({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }), L), true);
    assert.equal(matches(parseLabelSelector({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }), L), false);
  });
  it('invalid selectors match nothing and say why', () => {
    for (const raw of [
      { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] },
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] },
      { matchLabels: { a: 1 } },
      'app=web',
    ]) {
      const s = parseLabelSelector(raw);
      assert.equal(matches(s, L), false);
      assert.ok(s.error, JSON.stringify(raw));
    }
  });
  it('Service map selectors: empty or missing selects nothing', () => {
    assert.equal(matches(parseMapSelector({}), L), false);
    assert.equal(matches(parseMapSelector(undefined), L), false);
    assert.equal(matches(parseMapSelector({ app: 'web' }), L), true);
  });
  it('anchorPair picks an equality requirement for the inverted index', () => {
    assert.equal(anchorPair(parseLabelSelector({ matchLabels: { app: 'web' } })), 'app=web');
    assert.equal(anchorPair(parseLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists' }] })), undefined);
  });
});
