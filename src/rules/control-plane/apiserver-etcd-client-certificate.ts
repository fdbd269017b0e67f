import { defineRule } from '../../core/rule.js';
import { reportRequired } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-etcd-client-certificate',
    title: 'The API server must authenticate to etcd with a client certificate',
    severity: 'high',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.23' },
      { framework: 'nsa', id: 'nsa-network-control-plane' },
    ],
    description:
      'etcd holds every object of the cluster, Secrets included. The API server should connect to it over TLS with a client certificate (--etcd-certfile, --etcd-keyfile) so that etcd can require client certificates (--client-cert-auth) and refuse everyone else. kubeadm sets both for its local etcd.',
    remediation:
      'Set --etcd-certfile and --etcd-keyfile to a client certificate etcd trusts (kubeadm: apiserver-etcd-client.crt/.key).',
    references: ['https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver'))
      reportRequired(
        ctx.report,
        c,
        ['etcd-certfile', 'etcd-keyfile'],
        'the API server does not authenticate to etcd with a client certificate, so etcd must accept unauthenticated clients',
      );
  },
});
