import { defineRule } from '../../core/rule.js';
import { reportRequired } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-service-account-key-file',
    title: 'The API server must name the keys that verify ServiceAccount tokens',
    severity: 'low',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [{ framework: 'cis-k8s', id: '1.2.22' }],
    description:
      '--service-account-key-file lists the public keys that verify ServiceAccount tokens. Without it the API server falls back to its TLS private key, tying token signing to the serving certificate: rotating one breaks the other, and several keys cannot be trusted at once during a rotation. kubeadm sets it (sa.pub).',
    remediation:
      "Set --service-account-key-file to the public key matching the controller manager's --service-account-private-key-file (and --service-account-signing-key-file).",
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver'))
      reportRequired(
        ctx.report,
        c,
        ['service-account-key-file'],
        'ServiceAccount tokens are verified with the TLS serving key, which cannot be rotated on its own',
      );
  },
});
