import { defineRule } from '../../core/rule.js';
import { reportRequired } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'etcd-peer-tls-certificate',
    title: 'etcd must encrypt traffic between its members',
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '2.4' },
      { framework: 'nsa', id: 'nsa-network-control-plane' },
    ],
    description:
      'etcd members replicate every write (every Secret included) to each other on the peer port. Without --peer-cert-file and --peer-key-file that traffic is unencrypted and unauthenticated. A single-member etcd has no peer traffic, but kubeadm sets both so that members can be added safely.',
    remediation:
      "Set --peer-cert-file and --peer-key-file to a certificate from etcd's CA (kubeadm: etcd/peer.crt/.key), and --peer-trusted-ca-file.",
    references: ['https://etcd.io/docs/latest/op-guide/security/'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'etcd'))
      reportRequired(
        ctx.report,
        c,
        ['peer-cert-file', 'peer-key-file'],
        'etcd members replicate the cluster state to each other without TLS',
      );
  },
});
