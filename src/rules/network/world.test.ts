/**
 * On a live cluster (world "cluster") the namespace-level rules state the absence of policies as
 * a fact; on files they say "among the scanned objects". The rule tester always scans as files,
 * so this is tested here.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { activate, evaluate } from '../../core/engine.js';
import type { World } from '../../core/index.js';
import type { KubeObject } from '../../core/objects.js';
import type { AnyRule } from '../../core/rule.js';
import { loadText } from '../../load/files.js';
import defaultDenyMissing from './default-deny-missing.js';
import namespaceWithoutNetworkPolicy from './namespace-without-network-policy.js';

const yaml = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers: [{name: web, image: nginx:1.27}]
`;

function messages(rule: AnyRule, world: World): string[] {
  const objects: KubeObject[] = [];
  loadText(yaml, 'world.yaml', (o) => objects.push(o));
  const res = evaluate(objects, { rules: activate([rule]), world, today: '2026-01-01' });
  assert.deepEqual(res.ruleErrors, []);
  return res.findings.map((f) => f.message);
}

it('namespace-level network rules name the scope of their "no policy" by world', () => {
  assert.match(messages(namespaceWithoutNetworkPolicy, 'files')[0]!, /no NetworkPolicy among the scanned objects applies/);
  assert.match(messages(namespaceWithoutNetworkPolicy, 'cluster')[0]!, /no NetworkPolicy applies to it/);
  assert.match(messages(defaultDenyMissing, 'files')[0]!, /for ingress and egress among the scanned objects:/);
  assert.match(messages(defaultDenyMissing, 'cluster')[0]!, /for ingress and egress: pods/);
});
