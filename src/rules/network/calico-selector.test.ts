import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateCalico, parseCalicoSelector, tryParseCalicoSelector } from './calico-selector.js';
import { mapView, UNKNOWN } from './tri.js';

const evalOn = (sel: string, labels: Record<string, string>) => evaluateCalico(parseCalicoSelector(sel), mapView(labels));

describe('Calico selectors (libcalico-go lib/selector semantics)', () => {
  it('empty selector and all() select everything', () => {
    assert.equal(evalOn('', {}), true);
    assert.equal(evalOn('  all( ) ', {}), true);
  });

  it('== and in need the label; != and not in match when it is absent', () => {
    assert.equal(evalOn("app == 'web'", { app: 'web' }), true);
    assert.equal(evalOn('app == "web"', {}), false);
    assert.equal(evalOn("app != 'web'", {}), true);
    assert.equal(evalOn("app != 'web'", { app: 'web' }), false);
    assert.equal(evalOn("app in {'a', 'b'}", { app: 'b' }), true);
    assert.equal(evalOn("app in {'a'}", {}), false);
    assert.equal(evalOn("app not in {'a','b'}", {}), true);
    assert.equal(evalOn("app notin {'a'}", { app: 'a' }), false);
  });

  it('has, string operators, negation, precedence and parentheses', () => {
    assert.equal(evalOn('has(app)', { app: '' }), true);
    assert.equal(evalOn('!has(app)', { app: 'x' }), false);
    assert.equal(evalOn('!!has(app)', { app: 'x' }), true);
    assert.equal(evalOn("name contains 'ell'", { name: 'hello' }), true);
    assert.equal(evalOn("name starts with 'he'", { name: 'hello' }), true);
    assert.equal(evalOn("name endswith 'lo'", { name: 'hello' }), true);
    assert.equal(evalOn("name ends with 'x'", {}), false);
    // && binds tighter than ||.
    assert.equal(evalOn("a == '1' || b == '1' && c == '1'", { a: '1' }), true);
    assert.equal(evalOn("(a == '1' || b == '1') && c == '1'", { a: '1' }), false);
    assert.equal(evalOn("!(a == '1') && projectcalico.org/namespace == 'shop'", { 'projectcalico.org/namespace': 'shop' }), true);
  });

  it('rejects malformed selectors', () => {
    for (const bad of [
      "app = 'web'",
      'app == web',
      "app == 'web",
      "(app == 'web'",
      "app in {'a'",
      'has(app',
      'app',
      "a == 'b' c",
    ])
      assert.equal(tryParseCalicoSelector(bad), undefined, bad);
  });

  it('three-valued: unknown labels give unknown, unless the other side decides', () => {
    const view = (k: string) => (k === 'known' ? 'yes' : UNKNOWN);
    const ev = (s: string) => evaluateCalico(parseCalicoSelector(s), view);
    assert.equal(ev("team == 'a'"), 'unknown');
    assert.equal(ev("!(team == 'a')"), 'unknown');
    assert.equal(ev("team == 'a' || known == 'yes'"), true);
    assert.equal(ev("team == 'a' && known == 'no'"), false);
    assert.equal(ev('global()'), 'unknown');
  });
});
