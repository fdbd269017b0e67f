import { ruleTester } from '../../testing/rule-tester.js';
import rule from './workload-not-covered-by-network-policy.js';

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
      name: 'every workload selected by a policy of its namespace',
      doc: true,
      yaml: `
${deployment('web', 'shop')}
---
${deployment('db', 'shop')}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector:
    matchExpressions: [{key: app, operator: In, values: [db, cache]}]
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
`,
    },
    {
      name: 'a namespace without any policy is left to namespace-without-network-policy',
      yaml: deployment('web', 'shop'),
    },
    {
      name: 'a missing podSelector is the empty selector (every pod)',
      yaml: `
${deployment('web', 'shop')}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec:
  policyTypes: [Ingress]
`,
    },
    {
      name: 'Calico and Cilium selectors, namespaced and cluster-wide',
      yaml: `
${deployment('web', 'shop')}
---
${deployment('api', 'shop', '{app: api, tier: backend}')}
---
${deployment('batch', 'shop', '{app: batch}')}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  selector: app in {'web', 'www'} && !has(canary)
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: backend, namespace: shop}
specs:
- endpointSelector: {matchLabels: {any:tier: backend}}
  ingress: [{fromEndpoints: [{matchLabels: {app: web}}]}]
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: batch}
spec:
  selector: projectcalico.org/namespace == 'shop' && app starts with 'ba'
  types: [Egress]
  egress: [{action: Allow, protocol: UDP, destination: {ports: [53]}}]
`,
    },
    {
      name: 'hostNetwork pods and objects owned by a controller are skipped',
      yaml: `
${deployment('web', 'shop', '{app: other}')}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: other, namespace: shop}
spec:
  podSelector: {matchLabels: {app: other}}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-5d4f
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: 1, controller: true}]
spec:
  selector: {matchLabels: {app: web2}}
  template:
    metadata: {labels: {app: web2}}
    spec:
      containers: [{name: app, image: x:1}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: shop}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      hostNetwork: true
      containers: [{name: agent, image: x:1}]
`,
    },
  ],
  invalid: [
    {
      name: "a new workload whose labels match none of the namespace's policies",
      doc: true,
      yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{podSelector: {matchLabels: {app: frontend}}}]}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: admin, namespace: shop}
spec:
  selector: {matchLabels: {app: admin}}
  template:
    metadata: {labels: {app: admin}}
    spec:
      containers: [{name: admin, image: admin:2.1}]
`,
      findings: [
        {
          path: 'spec.template.metadata.labels',
          message:
            'no NetworkPolicy selects these pods (labels app=admin): its one policy selects other pods of namespace "shop"',
        },
      ],
    },
    {
      name: 'a bare Pod without labels; a CronJob; a Calico selector that misses and a policy of another namespace',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: shop}
spec:
  containers: [{name: sh, image: busybox:1.36}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: report}}
        spec:
          restartPolicy: OnFailure
          containers: [{name: job, image: x:1}]
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  selector: app == 'web'
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: all, namespace: elsewhere}
spec:
  podSelector: {}
`,
      findings: [
        { path: 'metadata', message: '(no labels)' },
        { path: 'spec.jobTemplate.spec.template.metadata.labels', message: 'labels app=report' },
      ],
    },
    {
      name: "cluster-wide policies that select other pods; a CiliumNetworkPolicy's selector is limited to its namespace",
      yaml: `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
${deployment('web', 'shop')}
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: team-payments}
spec:
  endpointSelector:
    matchLabels: {io.cilium.k8s.namespace.labels.team: payments}
  ingress: [{}]
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: shop-db}
spec:
  namespaceSelector: team == 'shop'
  selector: app == 'db'
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: web-elsewhere, namespace: other}
spec:
  endpointSelector: {matchLabels: {app: web}}
  ingress: [{}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: cache, namespace: shop}
spec:
  podSelector: {matchLabels: {app: cache}}
`,
      findings: [{ path: 'spec.template.metadata.labels', message: 'its one policy selects other pods' }],
    },
  ],
});
