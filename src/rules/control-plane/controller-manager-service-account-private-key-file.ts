import { defineRule } from '../../core/rule.js';
import { reportRequired } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'controller-manager-service-account-private-key-file',
    title: 'The controller manager must name the key that signs ServiceAccount tokens',
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [{ framework: 'cis-k8s', id: '1.3.4' }],
    description:
      "--service-account-private-key-file is the private key the controller manager signs ServiceAccount token Secrets with; its public half belongs in the API server's --service-account-key-file. Setting it explicitly keeps token keys separate from TLS keys so each can be rotated. kubeadm sets it (sa.key).",
    remediation: 'Set --service-account-private-key-file to the ServiceAccount signing key (kubeadm: sa.key).',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-controller-manager'))
      reportRequired(
        ctx.report,
        c,
        ['service-account-private-key-file'],
        'the controller manager cannot sign ServiceAccount token Secrets with a dedicated key',
      );
  },
});
