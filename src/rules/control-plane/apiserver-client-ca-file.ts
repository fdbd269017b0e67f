import { defineRule } from '../../core/rule.js';
import { reportRequired } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-client-ca-file',
    title: 'The API server must trust a client CA for certificate authentication',
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.25' },
      { framework: 'nsa', id: 'nsa-network-control-plane' },
    ],
    description:
      '--client-ca-file enables X.509 client-certificate authentication, which kubelets and control-plane components use. Without it those components must use weaker credentials such as static tokens. kubeadm sets it.',
    remediation: 'Set --client-ca-file to the cluster CA (kubeadm: ca.crt).',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/authentication/#x509-client-certificates'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver'))
      reportRequired(
        ctx.report,
        c,
        ['client-ca-file'],
        'client certificates are not accepted, so kubelets, controllers and the scheduler cannot authenticate with them',
      );
  },
});
