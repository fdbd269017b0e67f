import { ruleTester } from '../../testing/rule-tester.js';
import rule from './network-policy-allows-all.js';

ruleTester(rule, {
  valid: [
    {
      name: 'named peers, and broad peers only on listed ports',
      doc: true,
      yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]
  - ports: [{port: 8443}]
  egress:
  - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 169.254.169.254/32]}}]
  - to: [{namespaceSelector: {}}]
    ports: [{port: 53, protocol: UDP}]
  - to: [{ipBlock: {cidr: ::/0}}]
    ports: [{port: 443}]
`,
    },
    {
      name: 'default deny (no rules), a namespaceSelector {} narrowed by a podSelector',
      yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: prometheus, namespace: shop}
spec:
  podSelector: {}
  ingress:
  - from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: prometheus}}}]
`,
    },
    {
      name: 'egress rules are ignored when policyTypes leaves Egress out; Calico policies are not read',
      yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ingress-only, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress]
  egress: [{}]
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: calico, namespace: shop}
spec:
  ingress: [{}]
`,
    },
  ],
  invalid: [
    {
      name: 'ingress: [{}] allows everything',
      doc: true,
      yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - {}
`,
      findings: [
        { path: 'spec.ingress[0]', message: 'ingress rule 0 has no `from` and no `ports`: it allows all ingress traffic' },
      ],
    },
    {
      name: 'empty peers, whole-address-space ipBlocks, every namespace',
      yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: open, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  ingress:
  - from: [{}]
  - from: [{namespaceSelector: {}}]
  - from: [{namespaceSelector: {}, podSelector: {}}]
  egress:
  - to: [{ipBlock: {cidr: 0.0.0.0/0}}, {ipBlock: {cidr: "::/0", except: []}}]
  - to: []
`,
      findings: [
        { path: 'spec.ingress[0].from[0]', message: 'must specify a peer' },
        { path: 'spec.ingress[1].from[0].namespaceSelector', message: 'every pod of every namespace (namespaceSelector: {})' },
        { path: 'spec.ingress[2].from[0].namespaceSelector', message: 'with podSelector: {}' },
        { path: 'spec.egress[0].to[0].ipBlock.cidr', message: 'every IPv4 address (0.0.0.0/0)' },
        { path: 'spec.egress[0].to[1].ipBlock.cidr', message: 'every IPv6 address (::/0)' },
        { path: 'spec.egress[1]', message: 'egress rule 1 has no `to` and no `ports`' },
      ],
    },
    {
      name: 'egress: [{}] counts when Egress is defaulted from the egress rules',
      yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: crawler}}
  egress: [{}]
`,
      findings: [{ path: 'spec.egress[0]', message: 'to anywhere on any port' }],
    },
  ],
});
