import { defineRule } from '../../core/rule.js';
import { checkRolePermissions, ROLE_RULE_SCOPE, type DangerousAccess } from './permission-check.js';
import { ROLE_KINDS } from './rbac-model.js';

const GROUP = 'certificates.k8s.io';

const CATALOG: readonly DangerousAccess[] = [
  {
    access: { verbs: ['update', 'patch'], apiGroup: GROUP, resource: 'certificatesigningrequests', subresource: 'approval' },
    why:
      'approves certificate signing requests (together with `approve` on a signer); with kubernetes.io/kube-apiserver-client ' +
      'that mints client certificates for any user or group, system:masters included',
  },
  {
    access: { verbs: ['approve'], apiGroup: GROUP, resource: 'signers' },
    why:
      'approves requests for these signers (together with update on certificatesigningrequests/approval); ' +
      'kubernetes.io/kube-apiserver-client issues client certificates for any identity',
  },
];

export default defineRule({
  meta: {
    id: 'rbac-csr-approval',
    title: 'Roles must not approve certificate signing requests',
    severity: 'critical',
    category: 'rbac',
    targets: ROLE_KINDS,
    needs: 'index',
    scope:
      `${ROLE_RULE_SCOPE} Both halves of approval are reported wherever they appear, since another role bound to the same ` +
      'subject may hold the other half.',
    controls: [
      { framework: 'cis-k8s', id: '5.1.11' },
      { framework: 'mitre', id: 'T1649' },
    ],
    description:
      'Approving a CertificateSigningRequest takes update on certificatesigningrequests/approval and `approve` on the ' +
      'signer (resource signers, name = signerName or domain/*). For the kubernetes.io/kube-apiserver-client signer the ' +
      'result is a client certificate with any user and groups, system:masters included, valid until it expires: ' +
      'cluster-admin that cannot be revoked through RBAC.',
    remediation:
      'Leave CSR approval to the controller manager and to tightly controlled approvers; limit `approve` with resourceNames ' +
      'to the signers a subject must handle, never kubernetes.io/kube-apiserver-client.',
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#csrs-and-certificate-issuing',
    ],
  },
  check(obj, ctx) {
    checkRolePermissions(obj, ctx, CATALOG);
  },
});
