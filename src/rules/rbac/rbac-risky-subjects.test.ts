import { ruleTester } from '../../testing/rule-tester.js';
import rule from './rbac-risky-subjects.js';

ruleTester(rule, {
  valid: [
    {
      name: 'named users, groups and ServiceAccounts',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: readers}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: sre}
- {kind: User, apiGroup: rbac.authorization.k8s.io, name: alice}
- {kind: ServiceAccount, name: dashboard, namespace: monitoring}
`,
    },
    {
      name: "the API server's own public-info binding; a Group named system:anonymous matches no request",
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: system:public-info-viewer
  labels: {kubernetes.io/bootstrapping: rbac-defaults}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:public-info-viewer}
subjects:
- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:authenticated"}
- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:unauthenticated"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: odd, namespace: x}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
subjects:
- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:anonymous"}
- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccounts:"}
`,
    },
  ],
  invalid: [
    {
      name: 'a role granted to every authenticated identity',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: everyone-can-view}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:authenticated"}
`,
      findings: [
        {
          path: 'subjects[0]',
          message: 'grants ClusterRole "view" to Group "system:authenticated": every authenticated identity',
        },
      ],
    },
    {
      name: 'anonymous, all ServiceAccounts of a namespace, and system:masters',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- {kind: User, apiGroup: rbac.authorization.k8s.io, name: "system:anonymous"}
- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccounts:shop"}
- {kind: ServiceAccount, name: web}
- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:masters"}
- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:unauthenticated"}
- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccounts"}
`,
      findings: [
        { path: 'subjects[0]', message: 'User "system:anonymous": every request without credentials' },
        { path: 'subjects[1]', message: 'every ServiceAccount of namespace "shop"' },
        { path: 'subjects[3]', message: 'members of system:masters bypass RBAC' },
        { path: 'subjects[4]', message: 'anyone who reaches the API server' },
        { path: 'subjects[5]', message: 'every ServiceAccount of every namespace' },
      ],
    },
  ],
});
