import { ruleTester } from '../../testing/rule-tester.js';
import rule from './rbac-service-account-token-creation.js';

ruleTester(rule, {
  valid: [
    {
      name: 'manages ServiceAccounts without issuing tokens',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: sa-manager, namespace: ci}
rules:
- apiGroups: [""]
  resources: [serviceaccounts]
  verbs: [get, list, create, delete]
`,
    },
  ],
  invalid: [
    {
      name: 'issues tokens for every ServiceAccount of the namespace',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: token-issuer, namespace: ci}
rules:
- apiGroups: [""]
  resources: [serviceaccounts/token]
  verbs: [create]
`,
      findings: [{ path: 'rules[0]', message: 'can create serviceaccounts/token: issues API tokens' }],
    },
    {
      name: 'limited to named ServiceAccounts (reported with the names)',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules:
- {apiGroups: [""], resources: [serviceaccounts/token], resourceNames: [builder], verbs: [create]}
`,
      findings: [{ path: 'rules[0]', message: 'can create serviceaccounts/token (only "builder")' }],
    },
  ],
});
