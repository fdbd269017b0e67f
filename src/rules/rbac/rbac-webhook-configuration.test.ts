import { ruleTester } from '../../testing/rule-tester.js';
import rule from './rbac-webhook-configuration.js';

ruleTester(rule, {
  valid: [
    {
      name: 'reads webhook configurations',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: auditor}
rules:
- apiGroups: [admissionregistration.k8s.io]
  resources: [mutatingwebhookconfigurations, validatingwebhookconfigurations]
  verbs: [get, list, watch]
`,
    },
  ],
  invalid: [
    {
      name: 'a CA-bundle injector that may patch every webhook configuration',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cainjector}
rules:
- apiGroups: [admissionregistration.k8s.io]
  resources: [validatingwebhookconfigurations, mutatingwebhookconfigurations]
  verbs: [get, list, watch, update, patch]
`,
      findings: [
        {
          path: 'rules[0]',
          message: /can update, patch mutatingwebhookconfigurations: .*; can update, patch validatingwebhookconfigurations: /,
        },
      ],
    },
    {
      name: 'delete switches a policy webhook off; resourceNames are shown',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules:
- apiGroups: [admissionregistration.k8s.io]
  resources: [validatingwebhookconfigurations]
  resourceNames: [gatekeeper-validating-webhook-configuration]
  verbs: [delete]
`,
      findings: [
        {
          path: 'rules[0]',
          message: 'can delete validatingwebhookconfigurations (only "gatekeeper-validating-webhook-configuration")',
        },
      ],
    },
  ],
});
