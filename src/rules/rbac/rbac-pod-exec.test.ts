import { ruleTester } from '../../testing/rule-tester.js';
import rule from './rbac-pod-exec.js';

ruleTester(rule, {
  valid: [
    {
      name: 'reads pods and their logs',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: viewer, namespace: shop}
rules:
- apiGroups: [""]
  resources: [pods, pods/log]
  verbs: [get, list, watch]
`,
    },
    {
      name: '"pods" does not cover its subresources',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules:
- {apiGroups: [""], resources: [pods], verbs: ["*"]}
`,
    },
  ],
  invalid: [
    {
      name: 'a debugging role',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: debugger, namespace: shop}
rules:
- apiGroups: [""]
  resources: [pods/exec, pods/portforward]
  verbs: [create]
- apiGroups: [""]
  resources: [pods/ephemeralcontainers]
  verbs: [patch]
`,
      findings: [
        { path: 'rules[0]', message: "can create pods/exec: runs commands in the pods' containers" },
        { path: 'rules[1]', message: 'can patch pods/ephemeralcontainers: adds a container' },
      ],
    },
    {
      name: '"get" on pods/attach, and "*/exec" covers pods/exec',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules:
- {apiGroups: [""], resources: [pods/attach], verbs: [get]}
- {apiGroups: [""], resources: ["*/exec"], verbs: [create]}
`,
      findings: [
        {
          path: 'rules[0]',
          message:
            "can get pods/attach: attaches to the running processes of the pods' containers, reading their output and writing to their stdin (`get` alone is enough over WebSocket before Kubernetes 1.35)",
        },
        { path: 'rules[1]', message: 'can create pods/exec (through "*")' },
      ],
    },
  ],
});
