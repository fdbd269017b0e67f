import { ruleTester } from '../../testing/rule-tester.js';
import rule from './rbac-escalate-bind-impersonate.js';

ruleTester(rule, {
  valid: [
    {
      name: 'manages bindings without bind or escalate (RBAC then checks the roles it binds)',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: namespace-provisioner}
rules:
- apiGroups: [rbac.authorization.k8s.io]
  resources: [rolebindings, roles]
  verbs: [get, list, create, update, delete]
`,
    },
    {
      name: 'impersonate on an unrelated resource impersonates nobody',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules:
- {apiGroups: [""], resources: [pods], verbs: [impersonate]}
- {apiGroups: [authentication.k8s.io], resources: [userextras], verbs: [impersonate]}
`,
    },
    {
      name: 'a Role cannot grant impersonation of users or escalate on ClusterRoles (cluster-scoped requests)',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: x}
rules:
- {apiGroups: [""], resources: [users, groups], verbs: [impersonate]}
- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate]}
`,
    },
  ],
  invalid: [
    {
      name: 'bind limited to a role, and impersonation of users and groups',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: access-manager}
rules:
- apiGroups: [rbac.authorization.k8s.io]
  resources: [clusterroles]
  verbs: [bind]
  resourceNames: [view]
- apiGroups: [""]
  resources: [users, groups]
  verbs: [impersonate]
`,
      findings: [
        { path: 'rules[0]', message: 'can bind clusterroles (only "view")' },
        { path: 'rules[1]', message: 'can impersonate users, groups: acts as other identities' },
      ],
    },
    {
      name: 'in a Role: escalate on Roles, "*" verbs, bind on ClusterRoles (checked in the RoleBinding\'s namespace), ServiceAccounts',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: x}
rules:
- {apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [escalate]}
- {apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: ["*"]}
- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind], resourceNames: [cluster-admin]}
- {apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate]}
`,
      findings: [
        { path: 'rules[0]', message: 'can escalate roles: creates or updates roles' },
        { path: 'rules[1]', message: /escalate roles \(through "\*"\).*bind roles \(through "\*"\)/ },
        { path: 'rules[2]', message: 'can bind clusterroles (only "cluster-admin")' },
        { path: 'rules[3]', message: 'can impersonate serviceaccounts' },
      ],
    },
    {
      name: 'userextras/<key> and uids',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules:
- {apiGroups: [authentication.k8s.io], resources: [userextras/scopes, uids], verbs: [impersonate]}
`,
      findings: [{ path: 'rules[0]', message: 'can impersonate uids, userextras/<any>' }],
    },
  ],
});
