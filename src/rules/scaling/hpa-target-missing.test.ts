import assert from 'node:assert/strict';
import { it } from 'node:test';
import { activate, evaluate } from '../../core/engine.js';
import type { KubeObject } from '../../core/objects.js';
import { loadText } from '../../load/files.js';
import { ruleTester } from '../../testing/rule-tester.js';
import rule from './hpa-target-missing.js';

const deployment = (name: string, ns = 'shop', kind = 'Deployment') => `
apiVersion: apps/v1
kind: ${kind}
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: app, image: x:1}]}`;

const hpa = (kind: string, name: string, ns = 'shop', apiVersion = 'apps/v1') => `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: hpa, namespace: ${ns}}
spec:
  scaleTargetRef: {apiVersion: ${apiVersion}, kind: ${kind}, name: ${name}}
  minReplicas: 2
  maxReplicas: 5`;

ruleTester(rule, {
  valid: [
    {
      name: 'the target Deployment is in the input',
      yaml: `${deployment('web')}\n---${hpa('Deployment', 'web')}`,
    },
    {
      name: 'an HPA scanned alone: the input cannot tell',
      yaml: hpa('Deployment', 'web'),
    },
    {
      name: 'workloads of other namespaces only: the input cannot tell',
      yaml: `${deployment('web', 'other')}\n---${hpa('Deployment', 'web')}`,
    },
    {
      name: 'custom resources with a scale subresource are not indexed (Argo Rollout)',
      yaml: `${deployment('api')}\n---${hpa('Rollout', 'web', 'shop', 'argoproj.io/v1alpha1')}`,
    },
    {
      name: 'autoscaling/v1 HPA targeting a StatefulSet in the input',
      yaml: `${deployment('db', 'shop', 'StatefulSet')}
---
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: db, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: db}
  maxReplicas: 3
  targetCPUUtilizationPercentage: 70
`,
    },
  ],
  invalid: [
    {
      name: 'a typo in the target name, with the workloads of the namespace in the input',
      doc: true,
      yaml: `${deployment('web')}\n---${hpa('Deployment', 'wbe')}`,
      findings: [
        {
          path: 'spec.scaleTargetRef.name',
          message: 'targets Deployment shop/wbe, which is not among the workloads of namespace "shop" in the input',
        },
      ],
    },
    {
      name: 'the wrong kind: the input has a StatefulSet of that name',
      yaml: `${deployment('db', 'shop', 'StatefulSet')}\n---${hpa('Deployment', 'db')}`,
      findings: [{ path: 'spec.scaleTargetRef.name', message: '(the input has StatefulSet shop/db)' }],
    },
    {
      name: 'a DaemonSet target cannot be scaled, wherever it is',
      yaml: hpa('DaemonSet', 'agent'),
      findings: [{ path: 'spec.scaleTargetRef.kind', message: 'targets a DaemonSet, which has no scale subresource' }],
    },
    {
      name: 'no scaleTargetRef, or one without a name',
      yaml: `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: a}
spec: {maxReplicas: 3}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: b}
spec:
  scaleTargetRef: {kind: Deployment}
  maxReplicas: 3
`,
      findings: [
        { path: 'spec', message: 'spec.scaleTargetRef does not name a kind and a name' },
        { path: 'spec.scaleTargetRef', message: 'spec.scaleTargetRef does not name a kind and a name' },
      ],
    },
  ],
});

it('hpa-target-missing: in a cluster scan a missing target is reported without workloads in the namespace', () => {
  const objects: KubeObject[] = [];
  loadText(hpa('Deployment', 'web'), 'hpa.yaml', (o) => objects.push(o));
  const run = (world: 'files' | 'cluster') =>
    evaluate(objects, { rules: activate([rule]), world, today: '2026-01-01' }).findings.map((f) => f.message);
  assert.deepEqual(run('files'), []);
  assert.deepEqual(run('cluster'), ['targets Deployment shop/web, which is not in the cluster']);
});
