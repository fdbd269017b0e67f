import { defineRule } from '../../core/rule.js';
import { checkRolePermissions, ROLE_RULE_SCOPE, type DangerousAccess } from './permission-check.js';
import { ROLE_KINDS } from './rbac-model.js';

const CATALOG: readonly DangerousAccess[] = [
  {
    access: { verbs: ['create'], apiGroup: '', resource: 'serviceaccounts', subresource: 'token' },
    why: 'issues API tokens for the ServiceAccounts in scope and acts with all of their permissions',
  },
];

export default defineRule({
  meta: {
    id: 'rbac-service-account-token-creation',
    title: 'Roles should not create ServiceAccount tokens',
    severity: 'high',
    category: 'rbac',
    targets: ROLE_KINDS,
    needs: 'index',
    scope: ROLE_RULE_SCOPE,
    controls: [
      { framework: 'cis-k8s', id: '5.1.13' },
      { framework: 'mitre', id: 'T1528' },
    ],
    description:
      'create on serviceaccounts/token (the TokenRequest API) issues a token for any ServiceAccount in scope, with a lifetime ' +
      'the requester chooses up to the API server maximum: the subject gains the permissions of every such account.',
    remediation:
      'Remove create on serviceaccounts/token, or limit it with resourceNames to the ServiceAccounts the subject must ' +
      'issue tokens for.',
    references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#token-request'],
  },
  check(obj, ctx) {
    checkRolePermissions(obj, ctx, CATALOG);
  },
});
