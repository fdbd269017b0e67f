import { ruleTester } from '../../testing/rule-tester.js';
import rule from './rbac-workload-creation.js';

ruleTester(rule, {
  valid: [
    {
      name: 'reads workloads and scales them',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: autoscaler}
rules:
- apiGroups: [apps]
  resources: [deployments, statefulsets]
  verbs: [get, list, watch, update, patch]
- apiGroups: [apps]
  resources: [deployments/scale]
  verbs: [update]
`,
    },
    {
      name: 'create cannot be limited by resourceNames, so such a rule grants no create',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: x}
rules:
- {apiGroups: [""], resources: [pods], resourceNames: [debug], verbs: [create]}
- {apiGroups: [""], resources: [configmaps], verbs: [create]}
`,
    },
  ],
  invalid: [
    {
      name: 'a deployer that creates Deployments and Jobs',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: shop}
rules:
- apiGroups: [apps]
  resources: [deployments]
  verbs: [get, list, create, update]
- apiGroups: [batch]
  resources: [jobs]
  verbs: [create]
`,
      findings: [
        { path: 'rules[0]', message: 'can create deployments: its pods can run as any ServiceAccount' },
        { path: 'rules[1]', message: 'can create jobs' },
      ],
    },
    {
      name: 'with templateUpdates, update and patch count too',
      options: { templateUpdates: true },
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: restarter}
rules:
- {apiGroups: [apps], resources: [deployments, daemonsets], verbs: [patch]}
- {apiGroups: ["*"], resources: [pods], verbs: ["*"]}
`,
      findings: [
        { path: 'rules[0]', message: "can patch deployments, daemonsets: changing a pod's image" },
        { path: 'rules[1]', message: 'can create pods (through "*"): its pods' },
      ],
    },
  ],
});
