import { defineRule } from '../../core/rule.js';
import { isLoopback, itemsOf, reportRequired } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'etcd-tls-certificate',
    title: 'etcd must serve clients over TLS',
    severity: 'high',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '2.1' },
      { framework: 'nsa', id: 'nsa-network-control-plane' },
    ],
    description:
      'Every read and write of the cluster state, Secrets included, passes between the API server and etcd. Without ' +
      '--cert-file and --key-file etcd serves clients in plain text; a listen-client-urls entry with http:// on a ' +
      'non-loopback address serves them in plain text even when certificates are set. kubeadm sets both and listens ' +
      'with https only.',
    remediation:
      "Set --cert-file and --key-file to a serving certificate from etcd's CA (kubeadm: etcd/server.crt/.key) and " +
      'use https:// in --listen-client-urls and --advertise-client-urls.',
    references: ['https://etcd.io/docs/latest/op-guide/security/'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'etcd')) {
      reportRequired(ctx.report, c, ['cert-file', 'key-file'], 'etcd serves its clients without TLS');
      for (const { item, path } of itemsOf(c, 'listen-client-urls')) {
        const m = /^http:\/\/([^/]+?)(?::\d+)?\/?$/.exec(item) ?? /^http:\/\/\[([^\]]+)\](?::\d+)?\/?$/.exec(item);
        if (m && !isLoopback(m[1]!)) ctx.report({ path, message: `etcd: --listen-client-urls serves ${item} without TLS` });
      }
    }
  },
});
