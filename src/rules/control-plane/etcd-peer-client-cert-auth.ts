import { defineRule } from '../../core/rule.js';
import { reportBool } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'etcd-peer-client-cert-auth',
    title: 'etcd members must authenticate each other with certificates',
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '2.5' },
      { framework: 'nsa', id: 'nsa-network-control-plane' },
    ],
    description:
      'Without --peer-client-cert-auth=true (the default is false) etcd accepts peer connections from anyone who reaches the peer port, so a rogue member can receive the replicated cluster state. kubeadm sets it.',
    remediation: "Set --peer-client-cert-auth=true and --peer-trusted-ca-file to etcd's CA.",
    references: ['https://etcd.io/docs/latest/op-guide/security/'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'etcd'))
      reportBool(
        ctx.report,
        c,
        'peer-client-cert-auth',
        true,
        false,
        'any host that reaches the peer port can join or talk to the etcd cluster as a member',
      );
  },
});
