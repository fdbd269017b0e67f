import { defineRule } from '../../core/rule.js';
import {
  describeRoleRef,
  effectiveRules,
  isAggregated,
  isBootstrapDefault,
  resourceScope,
  roleRefOf,
  subjectsOf,
} from './rbac-model.js';

export default defineRule({
  meta: {
    id: 'rbac-cluster-binding-for-namespaced-use',
    title: "A RoleBinding would do where a ClusterRoleBinding grants namespaced access to one namespace's ServiceAccounts",
    severity: 'low',
    category: 'rbac',
    targets: ['ClusterRoleBinding'],
    needs: 'index',
    scope:
      'Needs the bound ClusterRole in the input (an aggregating one only when scanning a cluster, where its rules are ' +
      'complete) and knows the scope of built-in API resources only: a rule naming a custom resource, a wildcard or a ' +
      'non-resource URL leaves the binding unreported. It cannot know whether the workload must act in every namespace ' +
      '(cluster-wide controllers and agents must): the finding is a prompt to check.',
    controls: [],
    description:
      'A ClusterRoleBinding grants its role in every namespace. When all subjects are ServiceAccounts of one namespace and ' +
      'the role only covers namespaced resources, a RoleBinding in that namespace (it may refer to the same ClusterRole) ' +
      'often grants everything the workload uses, and nothing in the other namespaces.',
    remediation:
      'If the workload only works in its own namespace, replace the ClusterRoleBinding with a RoleBinding in that namespace ' +
      'with the same roleRef and subjects.',
    references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege'],
  },
  check(obj, ctx) {
    if (isBootstrapDefault(obj)) return;
    const ref = roleRefOf(obj);
    const subjects = subjectsOf(obj);
    if (!ref || ref.kind !== 'ClusterRole' || subjects.length === 0) return;
    const namespaces = new Set(subjects.map((s) => s.serviceAccount?.namespace));
    const [ns] = namespaces;
    if (namespaces.size !== 1 || !ns) return;
    const role = ctx.index.roleOf(obj);
    if (!role || (isAggregated(role) && ctx.index.world !== 'cluster')) return;
    const rules = effectiveRules(role, ctx.index);
    let grantsSomething = false;
    for (const { rule } of rules) {
      if (rule.nonResourceURLs.length > 0) return;
      if (rule.verbs.length === 0 || rule.resources.length === 0) continue;
      for (const g of rule.apiGroups) for (const r of rule.resources) if (resourceScope(g, r) !== 'namespaced') return;
      if (rule.apiGroups.length > 0) grantsSomething = true;
    }
    if (!grantsSomething) return;
    ctx.report({
      path: ['kind'],
      message:
        `all subjects are ServiceAccounts of namespace "${ns}" and ${describeRoleRef(ref)} grants only namespaced resources: ` +
        `unless they must act in every namespace, a RoleBinding in "${ns}" grants the same there and nothing elsewhere`,
    });
  },
});
