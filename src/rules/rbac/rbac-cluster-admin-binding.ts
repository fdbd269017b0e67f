import { formatPath } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';
import {
  BINDING_KINDS,
  describeRoleRef,
  describeSubject,
  effectiveRules,
  isBootstrapDefault,
  isFullWildcard,
  reportPath,
  roleRefOf,
  subjectsOf,
} from './rbac-model.js';

export default defineRule({
  meta: {
    id: 'rbac-cluster-admin-binding',
    title: 'Bindings should not grant cluster-admin',
    severity: 'critical',
    category: 'rbac',
    targets: BINDING_KINDS,
    needs: 'index',
    scope:
      'Reports RoleBindings and ClusterRoleBindings with subjects whose roleRef is the ClusterRole cluster-admin (whether ' +
      'or not it is in the input), or a Role or ClusterRole in the input with a rule of `*` verbs on `*` resources in `*` API ' +
      "groups (aggregation resolved against the ClusterRoles in the input). The API server's own cluster-admin binding to " +
      'system:masters (label kubernetes.io/bootstrapping=rbac-defaults) is skipped.',
    controls: [
      { framework: 'cis-k8s', id: '5.1.1' },
      { framework: 'mitre', id: 'T1098.006' },
    ],
    description:
      'cluster-admin, or any role with `*` on `*` in every API group, allows everything: through a ClusterRoleBinding in ' +
      'the whole cluster, through a RoleBinding in the namespace (its Secrets, workloads and RoleBindings included). A ' +
      'stolen token or compromised pod of such a subject owns the cluster or the namespace.',
    remediation:
      'Bind a role that lists what the subject needs. For people, bind cluster-admin only through short-lived, audited ' +
      'access; for controllers, write a dedicated ClusterRole.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
    ],
  },
  check(obj, ctx) {
    if (isBootstrapDefault(obj)) return;
    const ref = roleRefOf(obj);
    const subjects = subjectsOf(obj);
    if (!ref || subjects.length === 0) return;
    let role: string;
    if (ref.kind === 'ClusterRole' && ref.name === 'cluster-admin') role = 'cluster-admin';
    else {
      const target = ctx.index.roleOf(obj);
      const full = target && effectiveRules(target, ctx.index).find((r) => isFullWildcard(r.rule));
      if (!full) return;
      const where =
        full.selector === undefined
          ? formatPath(reportPath(full))
          : `rules[${full.index}] of aggregated ClusterRole "${full.source.id.name}"`;
      role = `${describeRoleRef(ref)}, whose ${where} grants "*" on "*" in every API group,`;
    }
    const scope =
      obj.id.kind === 'ClusterRoleBinding'
        ? 'full control of the whole cluster'
        : `full control of namespace "${obj.id.namespace}", its Secrets, workloads and RoleBindings included`;
    ctx.report({
      path: ['roleRef', 'name'],
      message: `binds ${role} to ${subjects.map(describeSubject).join(', ')}: ${scope}`,
    });
  },
});
