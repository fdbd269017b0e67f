import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ObjectIndex } from '../../core/index.js';
import type { KubeObject } from '../../core/objects.js';
import { loadText } from '../../load/files.js';
import { calicoDirections, defaultDenies, kubernetesDirections, policySelects, podViewOf } from './policies.js';

function indexOf(yaml: string): { index: ObjectIndex; get: (kind: string, name: string) => KubeObject } {
  const index = new ObjectIndex('files');
  const all: KubeObject[] = [];
  loadText(yaml, 'p.yaml', (o) => {
    all.push(o);
    index.add(o);
  });
  return { index, get: (kind, name) => all.find((o) => o.id.kind === kind && o.id.name === name)! };
}

const pod = (name: string, ns: string, labels: string, sa = 'default') => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${ns}, labels: ${labels}}
spec:
  serviceAccountName: ${sa}
  containers: [{name: c, image: x:1}]
`;

describe('network policy semantics', () => {
  it('defaults policy directions as Kubernetes and Calico do', () => {
    assert.deepEqual([...kubernetesDirections({})], ['ingress']);
    assert.deepEqual([...kubernetesDirections({ egress: [] })], ['ingress']);
    assert.deepEqual([...kubernetesDirections({ egress: [{}] })], ['ingress', 'egress']);
    assert.deepEqual([...kubernetesDirections({ policyTypes: ['Egress'], ingress: [{}] })], ['egress']);
    assert.deepEqual([...calicoDirections({})], ['ingress']);
    assert.deepEqual([...calicoDirections({ egress: [{ action: 'Allow' }] })], ['egress']);
    assert.deepEqual([...calicoDirections({ ingress: [{}], egress: [{}] })], ['ingress', 'egress']);
    assert.deepEqual([...calicoDirections({ types: ['Egress'] })], ['egress']);
  });

  it('Cilium: source prefixes, namespace and service-account labels, namespaced scope', () => {
    const { index, get } = indexOf(`
${pod('web', 'shop', '{app: web}', 'web-sa')}
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: by-sa}
spec:
  endpointSelector:
    matchLabels: {k8s:io.cilium.k8s.policy.serviceaccount: web-sa, any:app: web, k8s:io.kubernetes.pod.namespace: shop}
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: reserved}
spec:
  endpointSelector: {matchLabels: {reserved:host: ""}}
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: ns-label}
spec:
  endpointSelector: {matchLabels: {io.cilium.k8s.namespace.labels.team: shop}}
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: other-ns, namespace: other}
spec:
  endpointSelector: {}
`);
    const web = podViewOf(index, get('Pod', 'web'));
    assert.equal(policySelects(index, get('CiliumClusterwideNetworkPolicy', 'by-sa'), web), true);
    assert.equal(policySelects(index, get('CiliumClusterwideNetworkPolicy', 'reserved'), web), false);
    assert.equal(policySelects(index, get('CiliumClusterwideNetworkPolicy', 'ns-label'), web), 'unknown');
    assert.equal(policySelects(index, get('CiliumNetworkPolicy', 'other-ns'), web), false);
  });

  it('Calico: namespace and service-account labels, known when their objects are scanned', () => {
    const { index, get } = indexOf(`
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
${pod('web', 'shop', '{app: web}')}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: pcns}
spec:
  selector: pcns.team == 'shop' && projectcalico.org/orchestrator == 'k8s'
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: ns-selector}
spec:
  namespaceSelector: projectcalico.org/name == 'payments'
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: sa}
spec:
  serviceAccountSelector: role == 'admin'
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: invalid}
spec:
  selector: app = 'web'
`);
    const web = podViewOf(index, get('Pod', 'web'));
    assert.equal(policySelects(index, get('GlobalNetworkPolicy', 'pcns'), web), true);
    assert.equal(policySelects(index, get('GlobalNetworkPolicy', 'ns-selector'), web), false);
    assert.equal(policySelects(index, get('GlobalNetworkPolicy', 'sa'), web), 'unknown');
    assert.equal(policySelects(index, get('GlobalNetworkPolicy', 'invalid'), web), 'unknown');
  });

  it('default deny needs every pod of the namespace, present and future', () => {
    const { index, get } = indexOf(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: by-label, namespace: shop}
spec:
  selector: app != 'x'
  types: [Ingress]
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: by-namespace}
spec:
  selector: projectcalico.org/namespace in {'shop', 'billing'}
  types: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: no-selector, namespace: shop}
spec:
  policyTypes: [Egress]
`);
    assert.equal(defaultDenies(index, get('NetworkPolicy', 'by-label'), 'shop', 'ingress'), false);
    assert.equal(defaultDenies(index, get('GlobalNetworkPolicy', 'by-namespace'), 'shop', 'ingress'), true);
    assert.equal(defaultDenies(index, get('GlobalNetworkPolicy', 'by-namespace'), 'other', 'ingress'), false);
    assert.equal(defaultDenies(index, get('NetworkPolicy', 'no-selector'), 'shop', 'egress'), true);
    assert.equal(defaultDenies(index, get('NetworkPolicy', 'no-selector'), 'shop', 'ingress'), false);
  });
});
