import { defineRule } from '../../core/rule.js';
import { reportRequired } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-tls-certificate',
    title: 'The API server must serve a CA-signed TLS certificate',
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.24' },
      { framework: 'nsa', id: 'nsa-network-control-plane' },
    ],
    description:
      'Without --tls-cert-file and --tls-private-key-file the API server generates a self-signed certificate, which clients can only accept by turning verification off (and then anyone in the path can impersonate the API server). kubeadm sets both.',
    remediation:
      "Set --tls-cert-file and --tls-private-key-file to a certificate signed by the cluster CA that names the API server's addresses.",
    references: ['https://kubernetes.io/docs/setup/best-practices/certificates/'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver'))
      reportRequired(
        ctx.report,
        c,
        ['tls-cert-file', 'tls-private-key-file'],
        'the API server serves a self-signed certificate that clients cannot verify',
      );
  },
});
