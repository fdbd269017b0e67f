import { ruleTester } from '../../testing/rule-tester.js';
import rule from './namespace-without-network-policy.js';

const deployment = (name: string, ns: string, labels = `{app: ${name}}`) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels}}
    spec:
      containers: [{name: app, image: nginx:1.27}]
`;

ruleTester(rule, {
  valid: [
    {
      name: 'a Kubernetes NetworkPolicy in the namespace (whatever it selects)',
      doc: true,
      yaml: `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
${deployment('web', 'shop')}
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
      name: 'a Calico NetworkPolicy, a CiliumNetworkPolicy',
      yaml: `
${deployment('web', 'shop')}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: allow-frontend, namespace: shop}
spec:
  selector: app == 'web'
  ingress: [{action: Allow, source: {selector: role == 'frontend'}}]
---
${deployment('api', 'billing')}
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: api, namespace: billing}
spec:
  endpointSelector: {matchLabels: {app: api}}
  ingress: [{fromEndpoints: [{matchLabels: {app: web}}]}]
`,
    },
    {
      name: 'cluster-wide policies: a Calico GlobalNetworkPolicy on all(), a CiliumClusterwideNetworkPolicy on namespace labels the input does not hold',
      yaml: `
${deployment('web', 'shop')}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: default-deny}
spec:
  selector: all()
  types: [Ingress, Egress]
---
${deployment('api', 'billing')}
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: tenants}
spec:
  endpointSelector:
    matchLabels: {k8s:io.cilium.k8s.namespace.labels.tenant: acme}
  ingress: [{}]
`,
    },
    {
      name: 'a Namespace without pods, a PodTemplate and a hostNetwork pod (policies do not govern them)',
      yaml: `
apiVersion: v1
kind: Namespace
metadata: {name: empty}
---
apiVersion: v1
kind: PodTemplate
metadata: {name: tpl, namespace: templates}
template:
  spec:
    containers: [{name: app, image: x:1}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-agent, namespace: monitoring}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      hostNetwork: true
      containers: [{name: agent, image: agent:1}]
`,
    },
  ],
  invalid: [
    {
      name: 'Namespace in the input, its Deployment, no policy',
      doc: true,
      yaml: `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
${deployment('web', 'shop')}
`,
      findings: [
        {
          path: 'metadata.name',
          message: 'namespace "shop" runs pods (Deployment web) but no NetworkPolicy among the scanned objects applies to it',
        },
      ],
    },
    {
      name: 'no Namespace object: reported once, on the first workload of the namespace',
      yaml: `
${deployment('web', 'shop')}
---
${deployment('worker', 'shop')}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: job, image: x:1}]
`,
      findings: [{ path: 'metadata.namespace', message: '(Deployment web, Deployment worker, CronJob report)' }],
    },
    {
      name: 'a policy in another namespace does not count; a Pod without metadata.namespace is in "default"',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: x:1}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: other}
spec:
  podSelector: {}
`,
      findings: [{ path: 'metadata', message: 'namespace "default"' }],
    },
    {
      name: "cluster-wide policies that cannot select the namespace's pods do not count",
      yaml: `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {tier: apps}}
---
${deployment('web', 'shop')}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: infra-only}
spec:
  namespaceSelector: tier == 'infra'
  types: [Ingress]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: kube-system-only}
spec:
  endpointSelector:
    matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system}
  ingress: [{}]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: host-firewall}
spec:
  nodeSelector: {}
  ingress: [{fromEntities: [cluster]}]
`,
      findings: [{ path: 'metadata.name', message: 'namespace "shop"' }],
    },
    {
      name: 'staged Calico policies and NetworkPolicy kinds of other API groups do not enforce anything',
      yaml: `
${deployment('web', 'shop')}
---
apiVersion: projectcalico.org/v3
kind: StagedNetworkPolicy
metadata: {name: preview, namespace: shop}
spec:
  selector: all()
---
apiVersion: example.com/v1
kind: NetworkPolicy
metadata: {name: lookalike, namespace: shop}
spec:
  podSelector: {}
`,
      findings: [{ path: 'metadata.namespace' }],
    },
  ],
});
