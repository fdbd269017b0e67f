import { ruleTester } from '../../testing/rule-tester.js';
import rule from './rbac-cluster-admin-binding.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a RoleBinding to the built-in edit role',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs-edit, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects:
- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: shop-devs}
`,
    },
    {
      name: "the API server's own cluster-admin binding; a binding without subjects grants nothing",
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: cluster-admin
  labels: {kubernetes.io/bootstrapping: rbac-defaults}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:masters"}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: empty}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
`,
    },
    {
      name: 'a broad role that is not "*" on "*" in "*" (and a Role named cluster-admin is not the ClusterRole)',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: core-admin}
rules:
- {apiGroups: [""], resources: ["*"], verbs: ["*"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: core-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: core-admin}
subjects: [{kind: User, apiGroup: rbac.authorization.k8s.io, name: alice}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cluster-admin}
subjects: [{kind: User, apiGroup: rbac.authorization.k8s.io, name: alice}]
`,
    },
  ],
  invalid: [
    {
      name: "an operator's ServiceAccount bound to cluster-admin",
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: operator}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: ServiceAccount, name: operator, namespace: operators}
`,
      findings: [
        {
          path: 'roleRef.name',
          message: 'binds cluster-admin to ServiceAccount "operators/operator": full control of the whole cluster',
        },
      ],
    },
    {
      name: 'a RoleBinding to cluster-admin owns the namespace',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ns-admin, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: ci}]
`,
      findings: [{ path: 'roleRef.name', message: 'ServiceAccount "shop/ci": full control of namespace "shop"' }],
    },
    {
      name: 'a role of its own with "*" on "*" in "*", directly or through aggregation',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: god, labels: {example.com/aggregate-to-platform: "true"}}
rules:
- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: platform}
aggregationRule:
  clusterRoleSelectors: [{matchLabels: {example.com/aggregate-to-platform: "true"}}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: god}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: god}
subjects: [{kind: Group, apiGroup: rbac.authorization.k8s.io, name: ops}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: platform, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: platform}
subjects: [{kind: Group, apiGroup: rbac.authorization.k8s.io, name: shop-ops}]
`,
      findings: [
        { path: 'roleRef.name', message: 'binds ClusterRole "god", whose rules[0] grants "*" on "*" in every API group' },
        {
          path: 'roleRef.name',
          message: 'binds ClusterRole "platform", whose rules[0] of aggregated ClusterRole "god" grants',
        },
      ],
    },
  ],
});
