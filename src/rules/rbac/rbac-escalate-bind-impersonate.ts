import { defineRule } from '../../core/rule.js';
import { checkRolePermissions, ROLE_RULE_SCOPE, type DangerousAccess } from './permission-check.js';
import { RBAC_GROUP, ROLE_KINDS } from './rbac-model.js';

const ESCALATE = 'creates or updates roles with permissions the subject does not hold, bypassing the escalation check of RBAC';
const BIND = 'binds roles with permissions the subject does not hold (cluster-admin too, unless resourceNames exclude it)';
const IMPERSONATE =
  'acts as other identities with all of their rights (impersonating groups reaches system:masters, which bypasses RBAC)';

const CATALOG: readonly DangerousAccess[] = [
  { access: { verbs: ['escalate'], apiGroup: RBAC_GROUP, resource: 'roles' }, why: ESCALATE },
  { access: { verbs: ['escalate'], apiGroup: RBAC_GROUP, resource: 'clusterroles' }, why: ESCALATE },
  { access: { verbs: ['bind'], apiGroup: RBAC_GROUP, resource: 'roles' }, why: BIND },
  { access: { verbs: ['bind'], apiGroup: RBAC_GROUP, resource: 'clusterroles', checkedInNamespace: true }, why: BIND },
  { access: { verbs: ['impersonate'], apiGroup: '', resource: 'users' }, why: IMPERSONATE },
  { access: { verbs: ['impersonate'], apiGroup: '', resource: 'groups' }, why: IMPERSONATE },
  { access: { verbs: ['impersonate'], apiGroup: '', resource: 'serviceaccounts' }, why: IMPERSONATE },
  { access: { verbs: ['impersonate'], apiGroup: 'authentication.k8s.io', resource: 'uids' }, why: IMPERSONATE },
  {
    access: { verbs: ['impersonate'], apiGroup: 'authentication.k8s.io', resource: 'userextras', anySubresource: true },
    why: IMPERSONATE,
  },
];

export default defineRule({
  meta: {
    id: 'rbac-escalate-bind-impersonate',
    title: 'Roles must not grant escalate, bind or impersonate',
    severity: 'critical',
    category: 'rbac',
    targets: ROLE_KINDS,
    needs: 'index',
    scope: ROLE_RULE_SCOPE,
    controls: [
      { framework: 'cis-k8s', id: '5.1.8' },
      { framework: 'mitre', id: 'T1098.006' },
      { framework: 'mitre', id: 'T1078' },
    ],
    description:
      'RBAC stops subjects from granting permissions they do not hold, except through three verbs: `escalate` on roles or ' +
      'clusterroles (write any rule into a role), `bind` on them (bind any role, cluster-admin included) and `impersonate` ' +
      'on users, groups, serviceaccounts, uids or userextras (act as anyone, including members of system:masters). Each ' +
      'is a path to cluster-admin.',
    remediation:
      'Remove these verbs. Where a controller must bind roles, limit `bind` to the roles it hands out with resourceNames; ' +
      'limit impersonation to named users or groups that hold little.',
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping',
      'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation',
    ],
  },
  check(obj, ctx) {
    checkRolePermissions(obj, ctx, CATALOG);
  },
});
