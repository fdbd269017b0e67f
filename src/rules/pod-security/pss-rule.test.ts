import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activate, evaluate } from '../../core/engine.js';
import type { KubeObject } from '../../core/objects.js';
import { loadText } from '../../load/files.js';
import privilegedContainer from '../workload-security/privileged-container.js';
import hostProbes from './pss-host-probes-and-host-lifecycle.js';
import pssPrivileged from './pss-privileged.js';
import runAsNonRoot from './pss-run-as-non-root.js';

function objects(yaml: string): KubeObject[] {
  const out: KubeObject[] = [];
  loadText(yaml, 'x.yaml', (o) => out.push(o));
  return out;
}

const POD = (ns: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ${ns}}
spec:
  containers:
  - name: app
    image: app:1
    readinessProbe: {httpGet: {host: 10.0.0.1, port: 8080}}
    securityContext: {privileged: true${extra}}
`;

describe('PSS control rules', () => {
  it('follow the policy version: host probes are allowed before v1.34 and forbidden from it', () => {
    const run = (version: string) =>
      evaluate(objects(POD('a')), {
        rules: [{ ...activate([hostProbes])[0]!, options: { level: 'baseline', version } }],
        today: '2026-01-01',
      });
    assert.equal(run('v1.33').findings.length, 0);
    assert.equal(run('v1.34').findings.length, 1);
    assert.equal(run('latest').findings.length, 1);
  });

  it('warn and audit modes report at lower severities; enforce wins over warn', () => {
    const ns = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {${labels}}}\n---\n`;
    const run = (labels: string) =>
      evaluate(objects(ns(labels) + POD('a')), { rules: activate([runAsNonRoot]), today: '2026-01-01' }).findings;
    const warn = run('pod-security.kubernetes.io/warn: restricted');
    assert.equal(warn[0]!.severity, 'medium');
    assert.match(warn[0]!.message, /^admission warning: namespace "a" warns at restricted:latest/);
    const audit = run('pod-security.kubernetes.io/audit: restricted');
    assert.equal(audit[0]!.severity, 'low');
    const both = run('pod-security.kubernetes.io/enforce: restricted, pod-security.kubernetes.io/warn: restricted');
    assert.equal(both.length, 1);
    assert.equal(both[0]!.severity, 'high');
    assert.equal(run('pod-security.kubernetes.io/enforce: baseline').length, 0, 'runAsNonRoot is not a baseline control');
  });

  it('a PSS finding is dropped when a rule mapped to the same control reports the object', () => {
    const r = evaluate(objects(POD('a')), { rules: activate([privilegedContainer, pssPrivileged]), today: '2026-01-01' });
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      ['privileged-container'],
    );
    // ... but kept when the twin is suppressed, so no admission rejection is hidden.
    const suppressed = evaluate(objects(POD('a')), {
      rules: activate([privilegedContainer, pssPrivileged]),
      exclusions: [{ rules: ['privileged-container'], names: ['p'] }],
      today: '2026-01-01',
    });
    assert.deepEqual(suppressed.findings.map((f) => f.ruleId).sort(), ['privileged-container', 'pss-privileged']);
  });

  it('admission predictions from namespace labels are kept beside their twin', () => {
    const ns =
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {pod-security.kubernetes.io/enforce: baseline}}\n---\n';
    const r = evaluate(objects(ns + POD('a')), { rules: activate([privilegedContainer, pssPrivileged]), today: '2026-01-01' });
    assert.deepEqual(r.findings.map((f) => `${f.ruleId}:${f.admission ?? '-'}`).sort(), [
      'privileged-container:-',
      'pss-privileged:enforce',
    ]);
  });
});
