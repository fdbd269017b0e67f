/**
 * The cross-resource rules of this family conclude "missing" on a live cluster (world "cluster")
 * even when the namespace holds nothing of the kind they look for; on files they do not. The rule
 * tester always scans as files, so this is tested here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activate, evaluate } from '../../core/engine.js';
import type { World } from '../../core/index.js';
import type { KubeObject } from '../../core/objects.js';
import { formatPath } from '../../core/path.js';
import type { AnyRule } from '../../core/rule.js';
import { loadText } from '../../load/files.js';
import statefulsetHeadlessService from '../rollout/statefulset-headless-service.js';
import ingressBackendMissing from './ingress-backend-missing.js';
import serviceAccountMissing from './service-account-missing.js';
import serviceSelectsNothing from './service-selects-nothing.js';

function findings(rule: AnyRule, yaml: string, world: World): string[] {
  const objects: KubeObject[] = [];
  loadText(yaml, 'world.yaml', (o) => objects.push(o));
  const res = evaluate(objects, { rules: activate([rule]), world, today: '2026-01-01' });
  assert.deepEqual(res.ruleErrors, []);
  return res.findings.map((f) => `${f.object.kind} ${formatPath(f.path)}: ${f.message}`);
}

const cases: { rule: AnyRule; yaml: string; finding: RegExp }[] = [
  {
    rule: serviceSelectsNothing,
    yaml: `
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80}]}
`,
    finding: /^Service spec\.selector: selects no pods: nothing in namespace shop runs pods labelled app=web/,
  },
  {
    rule: ingressBackendMissing,
    yaml: `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec: {defaultBackend: {service: {name: web, port: {number: 80}}}}
`,
    finding: /^Ingress spec\.defaultBackend\.service\.name: backend Service "web" does not exist in namespace shop$/,
  },
  {
    rule: serviceAccountMissing,
    yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec: {serviceAccountName: runner, containers: [{name: c, image: x:1}]}
`,
    finding: /^Pod spec\.serviceAccountName: ServiceAccount "runner" does not exist in namespace shop: the API refuses/,
  },
  {
    rule: statefulsetHeadlessService,
    yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: x:1}]}}
`,
    finding: /^StatefulSet spec\.serviceName: serviceName "db" names no Service in namespace data: /,
  },
];

describe('cross-resource rules and the world of the scan', () => {
  for (const c of cases) {
    it(`${c.rule.meta.id}: silent on files, concludes on a cluster`, () => {
      assert.deepEqual(findings(c.rule, c.yaml, 'files'), []);
      const got = findings(c.rule, c.yaml, 'cluster');
      assert.equal(got.length, 1, got.join('\n'));
      assert.match(got[0]!, c.finding);
    });
  }
});
