import { defineRule } from '../../core/rule.js';
import { BINDING_KINDS, describeRoleRef, isBootstrapDefault, roleRefOf, subjectsOf, type SubjectRef } from './rbac-model.js';

const SA_GROUP_PREFIX = 'system:serviceaccounts:';

/** Why a subject is risky; undefined for ordinary subjects. Kinds are matched exactly: a Group
 *  named system:anonymous matches no request (the anonymous identity is a User). */
function risk(s: SubjectRef): string | undefined {
  if (s.kind === 'User' && s.name === 'system:anonymous')
    return 'every request without credentials is this user, so anyone who reaches the API server holds this role';
  if (s.kind !== 'Group') return undefined;
  switch (s.name) {
    case 'system:unauthenticated':
      return 'every request without credentials is in this group, so anyone who reaches the API server holds this role';
    case 'system:authenticated':
      return (
        'every authenticated identity is in this group: all users and every ServiceAccount of every namespace (on some ' +
        'managed platforms, any account of the provider)'
      );
    case 'system:serviceaccounts':
      return 'every ServiceAccount of every namespace is in this group, so every pod that mounts a token holds this role';
    case 'system:masters':
      return (
        'members of system:masters bypass RBAC altogether, so the binding adds nothing; keep everyday identities out of ' +
        'the group (its rights cannot be revoked by removing bindings)'
      );
  }
  if (s.name.startsWith(SA_GROUP_PREFIX) && s.name.length > SA_GROUP_PREFIX.length)
    return (
      `every ServiceAccount of namespace "${s.name.slice(SA_GROUP_PREFIX.length)}" is in this group, so every pod there ` +
      'that mounts a token holds this role'
    );
  return undefined;
}

export default defineRule({
  meta: {
    id: 'rbac-risky-subjects',
    title: 'Bindings must not grant roles to anonymous, all-authenticated or all-ServiceAccount groups',
    severity: 'critical',
    category: 'rbac',
    targets: BINDING_KINDS,
    needs: 'object',
    scope:
      "The API server's own bindings (label kubernetes.io/bootstrapping=rbac-defaults, named system:* or cluster-admin), " +
      'such as system:public-info-viewer for system:unauthenticated, are skipped.',
    controls: [{ framework: 'mitre', id: 'T1078' }],
    description:
      'Some subjects stand for far more identities than a binding suggests: the User system:anonymous and the Group ' +
      'system:unauthenticated are everyone who can reach the API server; system:authenticated is every user and ' +
      'ServiceAccount; system:serviceaccounts and system:serviceaccounts:<namespace> are every pod that mounts a token. ' +
      'system:masters bypasses RBAC, so a binding to it is a sign that identities are placed in that group.',
    remediation:
      'Bind roles to the specific users, groups or ServiceAccounts that need them. Review every binding of ' +
      'system:unauthenticated and remove it where possible.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#hardening',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects',
    ],
  },
  check(obj, ctx) {
    if (isBootstrapDefault(obj)) return;
    const ref = roleRefOf(obj);
    const role = ref ? describeRoleRef(ref) : 'its role';
    for (const s of subjectsOf(obj)) {
      const why = risk(s);
      if (why) ctx.report({ path: s.path, message: `grants ${role} to ${s.kind} "${s.name}": ${why}` });
    }
  },
});
