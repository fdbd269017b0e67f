import { defineRule } from '../../core/rule.js';
import { reportBool } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'etcd-client-cert-auth',
    title: 'etcd must require client certificates',
    severity: 'high',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '2.2' },
      { framework: 'nsa', id: 'nsa-network-control-plane' },
      { framework: 'mitre', id: 'T1552.007' },
    ],
    description:
      'etcd holds every object of the cluster. Without --client-cert-auth=true (the default is false) it accepts any client that reaches its client port: reading etcd is reading every Secret, and writing to it is cluster-admin without an audit trail. kubeadm sets it.',
    remediation:
      "Set --client-cert-auth=true and --trusted-ca-file to the CA of the clients (the API server's etcd client certificate).",
    references: ['https://etcd.io/docs/latest/op-guide/security/'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'etcd'))
      reportBool(
        ctx.report,
        c,
        'client-cert-auth',
        true,
        false,
        "any client that can reach etcd's client port reads and writes the whole cluster state, Secrets included",
      );
  },
});
