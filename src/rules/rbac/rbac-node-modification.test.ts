import { ruleTester } from '../../testing/rule-tester.js';
import rule from './rbac-node-modification.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a node-problem detector that patches node status only',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: node-problem-detector}
rules:
- apiGroups: [""]
  resources: [nodes]
  verbs: [get, list, watch]
- apiGroups: [""]
  resources: [nodes/status]
  verbs: [patch]
`,
    },
  ],
  invalid: [
    {
      name: 'labels and taints nodes',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: node-labeller}
rules:
- apiGroups: [""]
  resources: [nodes]
  verbs: [get, patch]
`,
      findings: [{ path: 'rules[0]', message: "can patch nodes: changes nodes' labels and taints" }],
    },
  ],
});
