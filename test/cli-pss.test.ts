import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { palisade, tempDir } from './helpers/cli.js';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ns}
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: app
    image: app:1
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
    readinessProbe: {httpGet: {host: example.com, port: 80}}
`;

interface PssJson {
  schemaVersion: number;
  results: {
    object: { name: string };
    level: string;
    version: string;
    allowed: boolean;
    forbidden: { control: string; reason: string; detail: string }[];
    location: { line: number };
  }[];
}

describe('palisade pss', () => {
  it('gives upstream verdicts per object, in the documented JSON shape', () => {
    const dir = tempDir({ 'p.yaml': POD });
    const r = palisade(['pss', dir, '--level', 'restricted', '--version', 'v1.33', '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as PssJson;
    assert.equal(json.schemaVersion, 1);
    assert.deepEqual(
      json.results.map((x) => [x.object.name, x.level, x.version, x.allowed]),
      [['p', 'restricted', 'v1.33', true]],
    );
    assert.equal(json.results[0]!.location.line, 4);
    const latest = palisade(['pss', dir, '-o', 'json']);
    assert.equal(latest.code, 1, 'host probes are forbidden from v1.34');
    const f = (JSON.parse(latest.stdout) as PssJson).results[0]!.forbidden;
    assert.deepEqual(
      f.map((x) => x.control),
      ['hostProbesAndHostLifecycle'],
    );
  });

  it('--upgrade-check lists objects whose verdict changes', () => {
    const dir = tempDir({ 'p.yaml': POD });
    const r = palisade(['pss', dir, '--level', 'baseline', '--upgrade-check', 'v1.33..v1.34']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /now forbidden Pod ns\/p/);
    assert.match(r.stdout, /1 of 1 pod-bearing objects change verdict from baseline:v1.33 to baseline:v1.34/);
    assert.equal(palisade(['pss', dir, '--level', 'baseline', '--upgrade-check', 'v1.34..latest']).code, 0);
  });

  it('rejects bad levels and versions as usage errors', () => {
    assert.equal(palisade(['pss', 'examples', '--level', 'strict']).code, 2);
    const v = palisade(['pss', 'examples', '--version', '1.30']);
    assert.equal(v.code, 2);
    assert.match(v.stderr, /must be "latest" or "v1.x"/);
  });

  it('scan predicts admission from Namespace labels, and --pss-level applies elsewhere', () => {
    const ns = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n  labels: {pod-security.kubernetes.io/enforce: baseline, pod-security.kubernetes.io/enforce-version: v1.34}\n---\n`;
    const dir = tempDir({ 'a.yaml': ns + POD });
    const r = palisade(['scan', '--no-config', '-o', 'json', '--rules', 'pss-host-probes-and-host-lifecycle', dir]);
    const json = JSON.parse(r.stdout) as { findings: { message: string }[] };
    assert.match(
      json.findings[0]!.message,
      /would be rejected at admission: namespace "ns" enforces baseline:v1.34: probe or lifecycle host/,
    );
    const other = tempDir({ 'a.yaml': POD });
    const old = palisade([
      'scan',
      '--no-config',
      '-o',
      'json',
      '--rules',
      'pss-host-probes-and-host-lifecycle',
      '--pss-version',
      'v1.33',
      other,
    ]);
    assert.equal((JSON.parse(old.stdout) as { findings: unknown[] }).findings.length, 0);
    assert.equal(palisade(['scan', '--no-config', '--pss-version', 'v2.0', other]).code, 2);
  });
});
