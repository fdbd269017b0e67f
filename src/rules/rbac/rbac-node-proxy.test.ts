import { ruleTester } from '../../testing/rule-tester.js';
import rule from './rbac-node-proxy.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a monitoring agent that reads node metrics and stats',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: metrics-agent}
rules:
- apiGroups: [""]
  resources: [nodes, nodes/metrics, nodes/stats]
  verbs: [get, list, watch]
`,
    },
    {
      name: 'a Role cannot grant nodes/proxy (nodes have no namespace)',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: x}
rules:
- {apiGroups: [""], resources: [nodes/proxy], verbs: [get]}
`,
    },
  ],
  invalid: [
    {
      name: 'a monitoring agent with get on nodes/proxy',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: prometheus}
rules:
- apiGroups: [""]
  resources: [nodes, nodes/proxy, services, endpoints, pods]
  verbs: [get, list, watch]
`,
      findings: [{ path: 'rules[0]', message: 'can get nodes/proxy: reaches the kubelet API' }],
    },
    {
      name: 'every core resource includes nodes/proxy',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules:
- {apiGroups: [""], resources: ["*"], verbs: [get, list]}
`,
      findings: [{ path: 'rules[0]', message: 'can get nodes/proxy (through "*")' }],
    },
  ],
});
