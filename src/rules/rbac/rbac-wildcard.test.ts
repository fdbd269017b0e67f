import { ruleTester } from '../../testing/rule-tester.js';
import rule from './rbac-wildcard.js';

ruleTester(rule, {
  valid: [
    {
      name: 'explicit verbs, groups and resources',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: config-reader, namespace: shop}
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list, watch]
`,
    },
    {
      name: '"*/*" and "pods/*" are not wildcards in RBAC (they match only the literal strings)',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: odd}
rules:
- apiGroups: [""]
  resources: ["*/*", "pods/*"]
  verbs: [get]
- nonResourceURLs: ["/healthz/*"]
  verbs: [get]
`,
    },
    {
      name: "the API server's own cluster-admin (as in a cluster export); nonResourceURLs in a Role grant nothing",
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: cluster-admin
  labels: {kubernetes.io/bootstrapping: rbac-defaults}
rules:
- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
- {nonResourceURLs: ["*"], verbs: ["*"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: x}
rules:
- {nonResourceURLs: ["*"], verbs: [get]}
`,
    },
  ],
  invalid: [
    {
      name: 'a ClusterRole that allows everything',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: operator}
rules:
- apiGroups: ["*"]
  resources: ["*"]
  verbs: ["*"]
- nonResourceURLs: ["*"]
  verbs: [get]
`,
      findings: [
        { path: 'rules[0].apiGroups[0]', message: 'apiGroups "*" grants every API group' },
        { path: 'rules[0].resources[0]', message: 'every resource and subresource' },
        { path: 'rules[0].verbs[0]', message: 'verbs "*" grants every verb' },
        { path: 'rules[1].nonResourceURLs[0]', message: 'every non-resource URL' },
      ],
    },
    {
      name: 'each wildcard at its own index; "*/scale" is a wildcard over resources',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: scaler, namespace: shop}
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, "*"]
- apiGroups: [apps]
  resources: [deployments, "*/scale"]
  verbs: [update]
`,
      findings: [
        { path: 'rules[0].verbs[1]' },
        { path: 'rules[1].resources[1]', message: 'the "scale" subresource of every resource' },
      ],
    },
    {
      name: 'a copied rbac-defaults label does not hide a role with another name; "/*" is every URL',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: my-admin
  labels: {kubernetes.io/bootstrapping: rbac-defaults}
rules:
- {apiGroups: [""], resources: ["*"], verbs: [get]}
- {nonResourceURLs: ["/*"], verbs: [get]}
`,
      findings: [{ path: 'rules[0].resources[0]' }, { path: 'rules[1].nonResourceURLs[0]' }],
    },
  ],
});
