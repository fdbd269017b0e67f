import { defineRule } from '../../core/rule.js';
import { checkRolePermissions, ROLE_RULE_SCOPE, type DangerousAccess } from './permission-check.js';
import { ROLE_KINDS } from './rbac-model.js';

const CATALOG: readonly DangerousAccess[] = [
  {
    access: { verbs: ['update', 'patch'], apiGroup: '', resource: 'nodes' },
    why:
      "changes nodes' labels and taints, which steers workloads: onto a node the subject controls, or past the taints " +
      'that keep them off control-plane nodes',
  },
];

export default defineRule({
  meta: {
    id: 'rbac-node-modification',
    title: 'Roles should not change Nodes',
    severity: 'medium',
    category: 'rbac',
    targets: ROLE_KINDS,
    needs: 'index',
    scope: ROLE_RULE_SCOPE,
    controls: [],
    description:
      'Node labels and taints decide where pods run. A subject that can update or patch Node objects can attract sensitive ' +
      'workloads to a node it has compromised, or remove the taints that keep ordinary pods off control-plane nodes. (The ' +
      'NodeRestriction admission plugin limits what kubelets may change; it does not apply to other subjects.)',
    remediation:
      'Grant update/patch on nodes only to node-lifecycle controllers and cluster operators; other subjects need at most ' +
      'get, list and watch.',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#noderestriction'],
  },
  check(obj, ctx) {
    checkRolePermissions(obj, ctx, CATALOG);
  },
});
