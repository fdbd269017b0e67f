import { ruleTester } from '../../testing/rule-tester.js';
import rule from './rbac-secrets-read.js';

ruleTester(rule, {
  valid: [
    {
      name: 'get on one named Secret (the least-privilege form)',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: app, namespace: shop}
rules:
- apiGroups: [""]
  resources: [secrets]
  resourceNames: [app-tls]
  verbs: [get, watch]
`,
    },
    {
      name: 'other resources and verbs; "secrets" of another API group is not the core Secret',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules:
- {apiGroups: [""], resources: [configmaps, pods], verbs: [get, list, watch]}
- {apiGroups: [""], resources: [secrets], verbs: [create, delete]}
- {apiGroups: [example.com], resources: [secrets], verbs: [get]}
`,
    },
    {
      name: "the API server's own admin role (as in a cluster export)",
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admin, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
rules:
- {apiGroups: [""], resources: [secrets], verbs: [get, list, watch]}
`,
    },
  ],
  invalid: [
    {
      name: 'a Role that lists Secrets',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: shop}
rules:
- apiGroups: [""]
  resources: [configmaps, secrets]
  verbs: [get, list]
`,
      findings: [{ path: 'rules[0]', message: 'can get, list secrets: reads Secret values' }],
    },
    {
      name: 'through wildcards',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: viewer}
rules:
- {apiGroups: ["*"], resources: ["*"], verbs: [watch]}
`,
      findings: [{ path: 'rules[0]', message: 'can watch secrets (through "*")' }],
    },
    {
      name: 'aggregation: the aggregating ClusterRole is reported at the selector, the source at its rule',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: support}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {example.com/aggregate-to-support: "true"}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: support-secrets
  labels: {example.com/aggregate-to-support: "true"}
rules:
- {apiGroups: [""], resources: [pods], verbs: [get]}
- {apiGroups: [""], resources: [secrets], verbs: [list]}
`,
      findings: [
        {
          path: 'aggregationRule.clusterRoleSelectors[0]',
          message: 'aggregated ClusterRole "support-secrets" rules[1]: can list secrets',
        },
        { path: 'rules[1]', message: 'can list secrets' },
      ],
    },
  ],
});
