import { ruleTester } from '../../testing/rule-tester.js';
import rule from './rbac-crd-modification.js';

ruleTester(rule, {
  valid: [
    {
      name: 'reads CRDs',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: crd-reader}
rules:
- apiGroups: [apiextensions.k8s.io]
  resources: [customresourcedefinitions]
  verbs: [get, list, watch]
`,
    },
  ],
  invalid: [
    {
      name: 'an operator that installs and updates CRDs',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: operator}
rules:
- apiGroups: [apiextensions.k8s.io]
  resources: [customresourcedefinitions]
  verbs: [get, list, watch, create, update]
`,
      findings: [{ path: 'rules[0]', message: 'can create, update customresourcedefinitions: routes the objects' }],
    },
  ],
});
