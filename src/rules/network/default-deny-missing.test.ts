import { ruleTester } from '../../testing/rule-tester.js';
import rule from './default-deny-missing.js';

const web = (ns: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27}]
`;

ruleTester(rule, {
  valid: [
    {
      name: 'podSelector {} with both policy types and no rules',
      doc: true,
      yaml: `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
${web('shop')}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`,
    },
    {
      name: 'separate policies per direction; the egress one still allows DNS',
      yaml: `
${web('shop')}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-ingress, namespace: shop}
spec:
  podSelector: {}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress-but-dns, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}]
    ports: [{port: 53, protocol: UDP}]
`,
    },
    {
      name: 'a Calico GlobalNetworkPolicy for every namespaced pod, with a DNS allow',
      yaml: `
${web('shop')}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: default-deny}
spec:
  selector: projectcalico.org/namespace not in {'kube-system', 'calico-system'}
  types: [Ingress, Egress]
  egress:
  - action: Allow
    protocol: UDP
    destination: {selector: k8s-app == 'kube-dns', ports: [53]}
`,
    },
    {
      name: "Cilium's default-deny example (an empty rule allows nothing) for both directions",
      yaml: `
${web('shop')}
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec:
  endpointSelector: {}
  ingress: [{}]
  egress: [{}]
`,
    },
    {
      name: 'ingress only, with the egress option off',
      options: { egress: false },
      yaml: `
${web('shop')}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-ingress, namespace: shop}
spec:
  podSelector: {}
  ingress: []
`,
    },
  ],
  invalid: [
    {
      name: 'only per-workload policies: no default deny in either direction',
      doc: true,
      yaml: `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
${web('shop')}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress, Egress]
  ingress: [{from: [{podSelector: {matchLabels: {app: frontend}}}]}]
`,
      findings: [
        {
          path: 'metadata.name',
          message: 'namespace "shop" has no default-deny policy for ingress and egress among the scanned objects',
        },
      ],
    },
    {
      name: 'egress: [] without policyTypes does not make an egress policy (Ingress only by default)',
      yaml: `
${web('shop')}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec:
  podSelector: {}
  ingress: []
  egress: []
`,
      findings: [
        {
          path: 'metadata.namespace',
          message: 'no default-deny policy for egress among the scanned objects: pods no policy selects for egress',
        },
      ],
    },
    {
      name: 'an allow-everything rule cancels the default deny; the ingress option off leaves egress',
      options: { ingress: false },
      yaml: `
${web('shop')}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-all-egress, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  egress: [{}]
`,
      findings: [{ path: 'metadata.namespace', message: 'no default-deny policy for egress' }],
    },
    {
      name: 'Calico and Cilium policies that select only some pods, or allow everything back',
      yaml: `
${web('shop')}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: web-only, namespace: shop}
spec:
  selector: app == 'web'
  types: [Ingress, Egress]
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: allow-all}
spec:
  selector: all()
  types: [Ingress]
  ingress: [{action: Allow}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: world, namespace: shop}
spec:
  endpointSelector: {}
  egress: [{toEntities: [all]}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: not-default-deny, namespace: shop}
spec:
  endpointSelector: {}
  enableDefaultDeny: {ingress: false}
  ingress: [{fromEndpoints: [{matchLabels: {app: frontend}}]}]
`,
      findings: [{ path: 'metadata.namespace', message: 'for ingress and egress' }],
    },
  ],
});
