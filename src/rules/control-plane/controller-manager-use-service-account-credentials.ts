import { defineRule } from '../../core/rule.js';
import { reportBool } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'controller-manager-use-service-account-credentials',
    title: 'Controllers must use their own ServiceAccount credentials',
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.3.3' },
      { framework: 'soc2', id: 'CC6.1' },
    ],
    description:
      "With --use-service-account-credentials=true each controller of kube-controller-manager calls the API server as its own ServiceAccount (system:serviceaccount:kube-system:<controller>), bound by RBAC to the least it needs, and its actions are attributable in the audit log. The default is false: all controllers share the controller manager's identity, which must then hold the union of their permissions. kubeadm sets it to true.",
    remediation:
      'Set --use-service-account-credentials=true (RBAC must be enabled: the system:controller:* roles are bootstrapped by the API server).',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#controller-roles'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-controller-manager'))
      reportBool(
        ctx.report,
        c,
        'use-service-account-credentials',
        true,
        false,
        "every controller acts with the controller manager's own broad credentials instead of its own least-privilege ServiceAccount",
      );
  },
});
