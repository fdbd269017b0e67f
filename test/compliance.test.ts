import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateFramework, riskScore, type ComplianceInput } from '../src/compliance/evaluate.js';
import { exposureContext } from '../src/compliance/exposure.js';
import type { Catalog } from '../src/compliance/types.js';
import { control, rule } from '../src/compliance/types.js';
import { ObjectIndex } from '../src/core/index.js';
import type { Finding } from '../src/core/finding.js';
import type { KubeObject } from '../src/core/objects.js';
import { loadText } from '../src/load/files.js';
import { palisade } from './helpers/cli.js';

const CATALOG: Catalog = {
  id: 'cis',
  name: 'Test',
  version: '1',
  source: 'https://example.test',
  ruleFramework: 'cis-k8s',
  notes: 'n',
  sections: [{ id: 's', title: 'S' }],
  controls: [
    control('s', 'c-fail', 'fails', 'd', [rule('r-pod', 'pod rule finds something')]),
    control('s', 'c-pass', 'passes', 'd', [rule('r-pod2', 'pod rule finds nothing')]),
    control('s', 'c-na', 'n/a', 'd', [rule('r-role', 'role rule, no Role in input')]),
    control('s', 'c-ne', 'not run', 'd', [rule('r-optin', 'rule that did not run')]),
    control('s', 'c-exc', 'excepted', 'd', [rule('r-exc', 'only a suppressed finding')]),
    control('s', 'c-man', 'manual', 'd'),
  ],
};

function finding(ruleId: string, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    severity: 'high',
    category: 'x',
    message: 'm',
    object: { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name: 'p' },
    path: ['spec'],
    source: { file: 'a.yaml', line: 3, document: 0 },
    controls: [],
    remediation: 'r',
    fixable: false,
    fingerprint: 'f',
    ...extra,
  };
}

const INPUT: ComplianceInput = {
  findings: [finding('r-pod'), finding('r-exc', { suppression: { by: 'exception', reason: 'ok' } })],
  rules: [
    { id: 'r-pod', targets: ['Pod'] },
    { id: 'r-pod2', targets: ['Pod'] },
    { id: 'r-role', targets: ['Role'] },
    { id: 'r-exc', targets: ['Pod'] },
  ],
  ruleErrors: [],
  kinds: new Map([['Pod', 1]]),
};

describe('compliance evaluation', () => {
  const result = evaluateFramework(CATALOG, INPUT);
  const status = (id: string) => result.sections[0]!.controls.find((c) => c.id === id)!;

  it('gives each control its status', () => {
    assert.equal(status('c-fail').status, 'fail');
    assert.deepEqual(
      status('c-fail').failing.map((o) => `${o.file}:${o.line}`),
      ['a.yaml:3'],
    );
    assert.equal(status('c-pass').status, 'pass');
    assert.equal(status('c-na').status, 'not-applicable');
    assert.equal(status('c-ne').status, 'not-evaluated');
    assert.equal(status('c-exc').status, 'pass');
    assert.equal(status('c-exc').excepted.length, 1);
    assert.equal(status('c-man').status, 'manual');
  });

  it('scores passed / (passed + failed)', () => {
    assert.equal(result.score, 67);
    assert.deepEqual(result.counts, { fail: 1, pass: 2, 'not-applicable': 1, 'not-evaluated': 1, manual: 1 });
  });

  it('a rule error makes a control not-evaluated, never pass', () => {
    const r = evaluateFramework(CATALOG, { ...INPUT, ruleErrors: [{ ruleId: 'r-pod2' }] });
    assert.equal(r.sections[0]!.controls.find((c) => c.id === 'c-pass')!.status, 'not-evaluated');
  });

  it('a baseline suppression still fails the control', () => {
    const r = evaluateFramework(CATALOG, { ...INPUT, findings: [finding('r-pod2', { suppression: { by: 'baseline' } })] });
    assert.equal(r.sections[0]!.controls.find((c) => c.id === 'c-pass')!.status, 'fail');
  });
});

describe('exposure and risk', () => {
  const objects: KubeObject[] = [];
  loadText(
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ns}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: x:1}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: ns}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: job, namespace: ns}
spec:
  template:
    metadata: {labels: {app: job}}
    spec: {restartPolicy: Never, containers: [{name: c, image: x:1}]}
---
apiVersion: v1
kind: Service
metadata:
  name: internal
  namespace: ns
  annotations: {networking.gke.io/load-balancer-type: Internal}
spec: {type: LoadBalancer, selector: {app: none}}
`,
    'x.yaml',
    (o) => objects.push(o),
  );
  const index = new ObjectIndex();
  for (const o of objects) index.add(o);
  const ctx = exposureContext(index);
  const id = (kind: string, name: string) => objects.find((o) => o.id.kind === kind && o.id.name === name)!.id;

  it('a workload behind a public LoadBalancer is internet-exposed; a Job with no Service is not', () => {
    assert.equal(ctx.of(id('Deployment', 'web')).level, 'internet');
    assert.match(ctx.of(id('Deployment', 'web')).reason ?? '', /public LoadBalancer Service ns\/web/);
    assert.equal(ctx.of(id('Job', 'job')).level, 'none');
    assert.equal(ctx.of(id('Service', 'internal')).level, 'node');
  });

  it('ranks the same severity higher when exposed', () => {
    assert.ok(riskScore('critical', 'internet') > riskScore('critical', 'none'));
    assert.ok(riskScore('high', 'internet') > riskScore('critical', 'none') - 1);
    assert.equal(riskScore('critical', 'internet'), 100);
  });
});

describe('palisade compliance (CLI)', () => {
  it('reports every framework as JSON with file:line of failing objects', () => {
    const r = palisade(['compliance', 'examples/', '--framework', 'all', '-o', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const j = JSON.parse(r.stdout) as {
      frameworks: {
        id: string;
        sections: { controls: { id: string; status: string; failing: { file: string; line: number }[] }[] }[];
      }[];
      findings: { risk: number }[];
    };
    assert.deepEqual(
      j.frameworks.map((f) => f.id),
      ['cis', 'nsa', 'mitre', 'pss', 'soc2', 'pci-dss', 'hipaa', 'gdpr'],
    );
    const cis = j.frameworks[0]!.sections.flatMap((s) => s.controls);
    const c522 = cis.find((c) => c.id === '5.2.2')!;
    assert.equal(c522.status, 'fail');
    assert.ok(c522.failing.every((o) => o.file.startsWith('examples/bad/') && o.line > 0));
    // Control-plane flags are evidence from the static pod manifests given...
    const c121 = cis.find((c) => c.id === '1.2.1')!;
    assert.equal(c121.status, 'fail');
    assert.ok(c121.failing.every((o) => o.file.startsWith('examples/control-plane/bad/')));
    // ... file permissions on the node are not: manual, never shown as passed.
    assert.equal(cis.find((c) => c.id === '1.1.1')!.status, 'manual');
    const risks = j.findings.map((f) => f.risk);
    assert.deepEqual(
      risks,
      [...risks].sort((a, b) => b - a),
    );
  });

  it('passes the good example (exit 0) and rejects unknown frameworks (exit 2)', () => {
    assert.equal(palisade(['compliance', 'examples/good', '--framework', 'pss']).code, 0);
    const bad = palisade(['compliance', 'examples/', '--framework', 'iso27001']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--framework must be one of/);
  });

  it('writes Markdown for PR comments', () => {
    const r = palisade(['compliance', 'examples/', '--framework', 'cis,soc2', '-o', 'markdown']);
    assert.match(r.stdout, /^## Palisade compliance report/);
    assert.match(r.stdout, /\| CIS Kubernetes Benchmark 1\.10\.0 \|/);
    assert.match(r.stdout, /<details><summary>SOC 2/);
  });

  it("scan --framework keeps only findings of that framework's rules; scan -o html works", () => {
    const all = JSON.parse(palisade(['scan', 'examples/', '-o', 'json']).stdout) as { findings: { ruleId: string }[] };
    const gdpr = JSON.parse(palisade(['scan', 'examples/', '-o', 'json', '--framework', 'gdpr']).stdout) as {
      findings: { ruleId: string }[];
    };
    assert.ok(gdpr.findings.length > 0 && gdpr.findings.length < all.findings.length);
    assert.ok(!gdpr.findings.some((f) => f.ruleId === 'job-ttl'));
    const html = palisade(['scan', 'examples/', '-o', 'html']);
    assert.match(html.stdout, /^<!doctype html>/);
    assert.doesNotMatch(html.stdout, /<(link|img)\b[^>]*\b(href|src)="https?:/);
  });
});
