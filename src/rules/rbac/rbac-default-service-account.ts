import { defineRule } from '../../core/rule.js';
import { BINDING_KINDS, describeRoleRef, isBootstrapDefault, roleRefOf, subjectsOf } from './rbac-model.js';

export default defineRule({
  meta: {
    id: 'rbac-default-service-account',
    title: 'Bindings should not grant anything to a default ServiceAccount',
    severity: 'medium',
    category: 'rbac',
    targets: BINDING_KINDS,
    needs: 'index',
    scope:
      "A ServiceAccount subject without a namespace is in the RoleBinding's namespace; a User named " +
      'system:serviceaccount:<namespace>:default is the same account. The number of workloads in the input ' +
      'that run as the account is given for context; the binding is reported either way.',
    controls: [{ framework: 'cis-k8s', id: '5.1.5' }],
    description:
      'Every pod that names no serviceAccountName runs as its namespace\'s "default" ServiceAccount. Permissions granted ' +
      'to it are therefore granted to every such pod, including ones deployed later that never needed them.',
    remediation:
      'Create a dedicated ServiceAccount for the workload that needs the permissions, bind the role to it, and set ' +
      'serviceAccountName in that workload. Leave default without bindings (and with automountServiceAccountToken: false).',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#use-the-default-service-account-to-access-the-api-server',
    ],
  },
  check(obj, ctx) {
    if (isBootstrapDefault(obj)) return;
    const ref = roleRefOf(obj);
    const role = ref ? describeRoleRef(ref) : 'its role';
    for (const s of subjectsOf(obj)) {
      const sa = s.serviceAccount;
      if (!sa || sa.name !== 'default') continue;
      const n = ctx.index.podsUsingServiceAccount(sa.namespace, 'default').length;
      const users = n === 0 ? '' : n === 1 ? ' (1 workload in the input does)' : ` (${n} workloads in the input do)`;
      ctx.report({
        path: s.path,
        message:
          `grants ${role} to the "default" ServiceAccount of namespace "${sa.namespace}": every pod there that names no ` +
          `serviceAccountName runs with it${users}`,
      });
    }
  },
});
