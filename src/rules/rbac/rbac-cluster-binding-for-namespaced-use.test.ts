import { ruleTester } from '../../testing/rule-tester.js';
import rule from './rbac-cluster-binding-for-namespaced-use.js';

const ROLE = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: leader-election}
rules:
- apiGroups: [coordination.k8s.io]
  resources: [leases]
  verbs: [get, create, update]
- apiGroups: ["", events.k8s.io]
  resources: [events]
  verbs: [create, patch]
`;

ruleTester(rule, {
  valid: [
    {
      name: 'the role also covers cluster-scoped resources (nodes)',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: agent}
rules:
- {apiGroups: [""], resources: [pods], verbs: [get, list, watch]}
- {apiGroups: [""], resources: [nodes], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: agent}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: agent}
subjects: [{kind: ServiceAccount, name: agent, namespace: monitoring}]
`,
    },
    {
      name: 'subjects in two namespaces, or not only ServiceAccounts',
      yaml: `${ROLE}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: two}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: leader-election}
subjects:
- {kind: ServiceAccount, name: a, namespace: one}
- {kind: ServiceAccount, name: b, namespace: two}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: mixed}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: leader-election}
subjects:
- {kind: ServiceAccount, name: a, namespace: one}
- {kind: User, apiGroup: rbac.authorization.k8s.io, name: alice}
`,
    },
    {
      name: 'role not in the input, custom resources, wildcards, non-resource URLs',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: crd-user}
rules:
- {apiGroups: [cert-manager.io], resources: [certificates], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: wild}
rules:
- {apiGroups: [""], resources: ["*"], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: metrics}
rules:
- {apiGroups: [""], resources: [pods], verbs: [get]}
- {nonResourceURLs: [/metrics], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: not-in-input}
subjects: [{kind: ServiceAccount, name: a, namespace: one}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: crd-user}
subjects: [{kind: ServiceAccount, name: a, namespace: one}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: c}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: wild}
subjects: [{kind: ServiceAccount, name: a, namespace: one}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: d}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: metrics}
subjects: [{kind: ServiceAccount, name: a, namespace: one}]
`,
    },
    {
      name: 'an aggregating ClusterRole, whose sources outside the input are unknown',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: agg}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {x: "1"}}]}
rules:
- {apiGroups: [""], resources: [configmaps], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: agg}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: agg}
subjects: [{kind: ServiceAccount, name: a, namespace: one}]
`,
    },
  ],
  invalid: [
    {
      name: "a controller's leader election granted in every namespace",
      doc: true,
      yaml: `${ROLE}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: my-controller-leader-election}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: leader-election}
subjects:
- {kind: ServiceAccount, name: my-controller, namespace: my-system}
`,
      findings: [
        {
          path: 'kind',
          message:
            'all subjects are ServiceAccounts of namespace "my-system" and ClusterRole "leader-election" grants only namespaced resources',
        },
      ],
    },
  ],
});
