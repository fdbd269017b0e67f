import { ruleTester } from '../../testing/rule-tester.js';
import rule from './rbac-default-service-account.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a dedicated ServiceAccount',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: web-reader, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-reader}
subjects:
- {kind: ServiceAccount, name: web}
`,
    },
    {
      name: 'a user or group named default; a ClusterRoleBinding ServiceAccount without namespace (the API rejects it)',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: User, apiGroup: rbac.authorization.k8s.io, name: default}
- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: default}
- {kind: ServiceAccount, name: default}
`,
    },
  ],
  invalid: [
    {
      name: "a role bound to the namespace's default ServiceAccount",
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: default-reader, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-reader}
subjects:
- {kind: ServiceAccount, name: default}
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
`,
      findings: [
        {
          path: 'subjects[0]',
          message:
            'grants Role "config-reader" to the "default" ServiceAccount of namespace "shop": every pod there that names no serviceAccountName runs with it (1 workload in the input does)',
        },
      ],
    },
    {
      name: 'a ClusterRoleBinding to the default ServiceAccount of another namespace',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: ServiceAccount, name: ci, namespace: tools}
- {kind: ServiceAccount, name: default, namespace: kube-system}
- {kind: User, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccount:web:default"}
`,
      findings: [
        { path: 'subjects[1]', message: 'namespace "kube-system": every pod there' },
        { path: 'subjects[2]', message: 'the "default" ServiceAccount of namespace "web"' },
      ],
    },
  ],
});
