import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadText } from '../load/files.js';
import { activeRules, parseConfig } from './config.js';
import { activate, evaluate } from './engine.js';
import type { KubeObject } from './objects.js';
import { defineRule } from './rule.js';

function objects(yaml: string): KubeObject[] {
  const out: KubeObject[] = [];
  loadText(yaml, 'x.yaml', (o) => out.push(o));
  return out;
}

const podRule = defineRule({
  meta: {
    id: 'test-pod-rule',
    title: 't',
    severity: 'high',
    category: 'test',
    targets: ['Pod'],
    needs: 'object',
    controls: [],
    description: 'd',
    remediation: 'r',
    options: { word: { type: 'string', default: 'bad', description: 'w' } },
  },
  check(obj, ctx) {
    if (obj.id.name.includes(ctx.options.word))
      ctx.report({ path: ['metadata', 'name'], message: `name has ${ctx.options.word}` });
  },
});
const throwing = defineRule({
  meta: {
    id: 'test-throws',
    title: 't',
    severity: 'low',
    category: 'test',
    targets: '*',
    needs: 'object',
    controls: [],
    description: 'd',
    remediation: 'r',
  },
  check() {
    throw new Error('boom');
  },
});
const countsPods = defineRule({
  meta: {
    id: 'test-index',
    title: 't',
    severity: 'medium',
    category: 'test',
    targets: ['Namespace'],
    needs: 'index',
    controls: [],
    description: 'd',
    remediation: 'r',
    optIn: true,
  },
  check(obj, ctx) {
    const n = ctx.index.ofKind('Pod').filter((p) => p.id.namespace === obj.id.name).length;
    ctx.report({ path: ['metadata'], message: `${n} pods` });
  },
});

const YAML = `apiVersion: v1
kind: Namespace
metadata: {name: ns}
---
apiVersion: v1
kind: Pod
metadata: {name: bad-1, namespace: ns}
---
apiVersion: v1
kind: Pod
metadata:
  name: bad-2
  namespace: ns
  annotations: {palisade.dev/ignore: "test-pod-rule", palisade.dev/ignore-reason: legacy}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: bad-cm, namespace: ns}
`;

describe('engine', () => {
  it('runs object rules on their targets only, and index rules after every object is in', () => {
    const r = evaluate(objects(YAML), { rules: activate([podRule, countsPods]), today: '2026-01-01' });
    assert.deepEqual(r.findings.map((f) => `${f.ruleId}:${f.object.name}:${f.message}`).sort(), [
      'test-index:ns:2 pods', // the Namespace comes first in the input, yet sees both pods
      'test-pod-rule:bad-1:name has bad',
      'test-pod-rule:bad-2:name has bad',
    ]);
    assert.equal(r.findings.find((f) => f.object.name === 'bad-2')?.suppression?.by, 'annotation');
    assert.equal(r.objects, 4);
  });
  it('a rule that throws is an error, never a pass', () => {
    const r = evaluate(objects(YAML), { rules: activate([throwing]), today: '2026-01-01' });
    assert.equal(r.ruleErrors.length, 4);
    assert.equal(r.ruleErrors[0]!.message, 'boom');
  });
  it('inline suppression can be turned off; exclusions, exceptions (until expiry) and baselines suppress', () => {
    const base = { rules: activate([podRule]), today: '2026-06-01' };
    assert.equal(evaluate(objects(YAML), { ...base, inlineSuppressions: false }).findings.filter((f) => f.suppression).length, 0);
    const excl = evaluate(objects(YAML), { ...base, exclusions: [{ names: ['bad-1'] }] });
    assert.equal(excl.findings.find((f) => f.object.name === 'bad-1')?.suppression?.by, 'config');
    const exception = { rules: ['test-pod-rule'], match: { namespaces: ['ns'] }, reason: 'r', owner: 'o', source: 's' };
    const live = evaluate(objects(YAML), {
      ...base,
      inlineSuppressions: false,
      exceptions: [{ ...exception, expires: '2026-06-01' }],
    });
    assert.ok(live.findings.every((f) => f.suppression?.by === 'exception'));
    const expired = evaluate(objects(YAML), {
      ...base,
      inlineSuppressions: false,
      exceptions: [{ ...exception, expires: '2026-05-31' }],
    });
    assert.ok(expired.findings.every((f) => !f.suppression));
    assert.equal(expired.expiredExceptions.length, 1);
    const first = evaluate(objects(YAML), base).findings;
    const withBaseline = evaluate(objects(YAML), {
      ...base,
      inlineSuppressions: false,
      baseline: new Set(first.map((f) => f.fingerprint)),
    });
    assert.ok(withBaseline.findings.every((f) => f.suppression?.by === 'baseline'));
  });
  it('fingerprints ignore line numbers but not identity or path', () => {
    const a = evaluate(objects(YAML), { rules: activate([podRule]), today: '2026-01-01' }).findings;
    const b = evaluate(objects(`# moved\n\n${YAML}`), { rules: activate([podRule]), today: '2026-01-01' }).findings;
    assert.deepEqual(
      a.map((f) => f.fingerprint),
      b.map((f) => f.fingerprint),
    );
    assert.notEqual(a[0]!.fingerprint, a[1]!.fingerprint);
  });
});

describe('config -> active rules', () => {
  const rules = [podRule, countsPods];
  it('opt-in rules run only when enabled; severity and options come from config', () => {
    assert.deepEqual(
      activeRules(rules, parseConfig(undefined, rules, 'c').config, {}).active.map((a) => a.rule.meta.id),
      ['test-pod-rule'],
    );
    assert.equal(activeRules(rules, parseConfig(undefined, rules, 'c').config, { all: true }).active.length, 2);
    const { config, issues } = parseConfig(
      { rules: { 'test-index': true, 'test-pod-rule': { severity: 'low', options: { word: 'x' } } } },
      rules,
      'c',
    );
    assert.deepEqual(issues, []);
    const active = activeRules(rules, config, {}).active;
    assert.equal(active.length, 2);
    assert.equal(active[0]!.severity, 'low');
    assert.deepEqual(active[0]!.options, { word: 'x' });
  });
  it('--rules selects (opt-in included), --skip-rules removes, unknown ids are errors', () => {
    const cfg = parseConfig(undefined, rules, 'c').config;
    assert.deepEqual(
      activeRules(rules, cfg, { only: ['test-index'] }).active.map((a) => a.rule.meta.id),
      ['test-index'],
    );
    assert.deepEqual(activeRules(rules, cfg, { skip: ['test-pod-rule'] }).active, []);
    assert.match(activeRules(rules, cfg, { only: ['nope'] }).errors[0]!, /unknown rule "nope"/);
  });
  it('rejects unknown keys, bad severities and bad options with their paths', () => {
    const { issues } = parseConfig(
      {
        failon: 'high',
        rules: { 'test-pod-rule': { severity: 'severe', options: { word: 3, other: 1 } } },
        exclude: [{ kinds: 'Pod', foo: 1 }],
      },
      rules,
      'c',
    );
    const got = issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    assert.ok(
      got.some((m) => m.startsWith('failon: unknown key "failon" (did you mean "failOn"?)')),
      got.join('\n'),
    );
    assert.ok(got.some((m) => m.includes('rules.test-pod-rule.severity: must be one of')));
    assert.ok(got.some((m) => m.includes('option test-pod-rule.word must be a string')));
    assert.ok(got.some((m) => m.includes('has no option "other"')));
    assert.ok(got.some((m) => m.startsWith('exclude.0.foo: unknown key')));
  });
});
