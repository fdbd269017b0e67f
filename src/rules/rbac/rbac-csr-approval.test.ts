import { ruleTester } from '../../testing/rule-tester.js';
import rule from './rbac-csr-approval.js';

ruleTester(rule, {
  valid: [
    {
      name: 'creates and reads its own CSRs',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: csr-requester}
rules:
- apiGroups: [certificates.k8s.io]
  resources: [certificatesigningrequests]
  verbs: [create, get, list, watch]
`,
    },
  ],
  invalid: [
    {
      name: 'an approver for the API server client signer',
      doc: true,
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: csr-approver}
rules:
- apiGroups: [certificates.k8s.io]
  resources: [certificatesigningrequests/approval]
  verbs: [update]
- apiGroups: [certificates.k8s.io]
  resources: [signers]
  resourceNames: [kubernetes.io/kube-apiserver-client]
  verbs: [approve]
`,
      findings: [
        { path: 'rules[0]', message: 'can update certificatesigningrequests/approval: approves certificate signing requests' },
        { path: 'rules[1]', message: 'can approve signers (only "kubernetes.io/kube-apiserver-client")' },
      ],
    },
  ],
});
