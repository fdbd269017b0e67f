import assert from 'node:assert/strict';
import { it } from 'node:test';
import { activate, evaluate } from '../../core/engine.js';
import type { KubeObject } from '../../core/objects.js';
import { loadText } from '../../load/files.js';
import { ruleTester } from '../../testing/rule-tester.js';
import rule from './pdb-selects-nothing.js';

const deployment = (name: string, ns = 'shop') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  replicas: 2
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}, tier: front}}
    spec: {containers: [{name: app, image: x:1}]}`;

const pdb = (spec: string, ns = 'shop') => `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: pdb, namespace: ${ns}}
spec:${spec}`;

ruleTester(rule, {
  valid: [
    {
      name: 'selects the Deployment pods',
      yaml: `${deployment('web')}\n---${pdb('\n  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}')}`,
    },
    { name: 'an empty selector selects every pod of the namespace', yaml: `${deployment('web')}\n---${pdb('\n  selector: {}')}` },
    {
      name: 'no workload of the namespace in the input: the input cannot tell',
      yaml: `${deployment('web', 'other')}\n---${pdb('\n  selector: {matchLabels: {app: api}}')}`,
    },
    {
      name: 'matchExpressions with NotIn and Exists',
      yaml: `${deployment('web')}
---${pdb('\n  selector: {matchExpressions: [{key: tier, operator: Exists}, {key: app, operator: NotIn, values: [api]}]}')}`,
    },
  ],
  invalid: [
    {
      name: 'a label typo',
      doc: true,
      yaml: `${deployment('web')}\n---${pdb('\n  maxUnavailable: 1\n  selector: {matchLabels: {app: wbe}}')}`,
      findings: [
        {
          path: 'spec.selector',
          message: 'selects no pods: none of the 1 workload of namespace "shop" in the input carries labels matching app=wbe',
        },
      ],
    },
    {
      name: 'no selector at all, wherever the PDB is',
      yaml: pdb('\n  minAvailable: 1', 'elsewhere'),
      findings: [{ path: 'spec', message: 'has no spec.selector' }],
    },
    {
      name: 'an invalid selector',
      yaml: pdb('\n  selector: {matchExpressions: [{key: app, operator: In, values: []}]}'),
      findings: [{ path: 'spec.selector', message: 'spec.selector is invalid (operator In on "app" needs at least one value)' }],
    },
    {
      name: 'a PodTemplate runs no pods',
      yaml: `
apiVersion: v1
kind: PodTemplate
metadata: {name: t, namespace: shop}
template:
  metadata: {labels: {app: web}}
  spec: {containers: [{name: app, image: x:1}]}
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop, labels: {app: other}}
spec: {containers: [{name: app, image: x:1}]}
---${pdb('\n  selector: {matchLabels: {app: web}, matchExpressions: [{key: canary, operator: DoesNotExist}]}')}`,
      findings: [
        {
          path: 'spec.selector',
          message: 'none of the 1 workload of namespace "shop" in the input carries labels matching app=web, !canary',
        },
      ],
    },
  ],
});

it('pdb-selects-nothing: a cluster scan judges a namespace without pods', () => {
  const objects: KubeObject[] = [];
  loadText(pdb('\n  selector: {matchLabels: {app: web}}'), 'pdb.yaml', (o) => objects.push(o));
  const run = (world: 'files' | 'cluster') =>
    evaluate(objects, { rules: activate([rule]), world, today: '2026-01-01' }).findings.map((f) => f.message);
  assert.deepEqual(run('files'), []);
  assert.deepEqual(run('cluster'), ['selects no pods: no pod of namespace "shop" carries labels matching app=web']);
});
