import { defineRule } from '../../core/rule.js';
import { reportRequired } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-etcd-cafile',
    title: "The API server must verify etcd's certificate",
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.26' },
      { framework: 'nsa', id: 'nsa-network-control-plane' },
    ],
    description:
      "--etcd-cafile is the certificate authority the API server uses to verify etcd's serving certificate. Without it the connection is not authenticated: whoever can redirect the traffic can serve the API server a forged cluster state, or read what it writes. kubeadm sets it.",
    remediation: "Set --etcd-cafile to the CA that signed etcd's serving certificate (kubeadm: etcd/ca.crt).",
    references: ['https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver'))
      reportRequired(ctx.report, c, ['etcd-cafile'], 'the API server does not verify the identity of the etcd it talks to');
  },
});
