import { defineRule } from '../../core/rule.js';
import { checkRolePermissions, ROLE_RULE_SCOPE, type DangerousAccess } from './permission-check.js';
import { ROLE_KINDS } from './rbac-model.js';

const WHY = "reads Secret values, including ServiceAccount tokens and other workloads' credentials";

const CATALOG: readonly DangerousAccess[] = [
  {
    access: { verbs: ['get', 'list', 'watch'], apiGroup: '', resource: 'secrets' },
    why: (g) =>
      g.verbs.includes('list') || g.verbs.includes('watch')
        ? `${WHY} (list and watch return the contents of every Secret in scope, not only their names)`
        : WHY,
    namedIsFine: true,
  },
];

export default defineRule({
  meta: {
    id: 'rbac-secrets-read',
    title: 'Roles should not read Secrets broadly',
    severity: 'high',
    category: 'rbac',
    targets: ROLE_KINDS,
    needs: 'index',
    scope: `${ROLE_RULE_SCOPE} Rules limited to named Secrets (resourceNames) are the least-privilege form and are not reported.`,
    controls: [
      { framework: 'cis-k8s', id: '5.1.2' },
      { framework: 'mitre', id: 'T1552.007' },
    ],
    description:
      'get, list or watch on secrets hands out the values of every Secret in scope: database passwords, API keys, TLS keys ' +
      'and the tokens of other ServiceAccounts, which in turn carry their permissions. list and watch are as revealing as ' +
      'get: a list response contains the full contents of every Secret.',
    remediation:
      'Remove get/list/watch on secrets, or limit get to the Secrets the subject needs with resourceNames. Workloads that ' +
      'need a Secret should mount it rather than read it from the API.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
    ],
  },
  check(obj, ctx) {
    checkRolePermissions(obj, ctx, CATALOG);
  },
});
