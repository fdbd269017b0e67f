import { defineRule } from '../../core/rule.js';
import { reportBindAddress } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'scheduler-bind-address',
    title: 'The scheduler must listen on the loopback address only',
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.4.2' },
      { framework: 'nsa', id: 'nsa-network-control-plane' },
    ],
    description:
      'kube-scheduler serves health checks, metrics and (unless --profiling=false) profiling data on its secure port. It ' +
      'needs no remote clients, so --bind-address should be 127.0.0.1. The flag defaults to 0.0.0.0 (every interface): ' +
      'an unset flag is reported too, which is stricter than kube-bench (it passes an unset flag). kubeadm sets ' +
      '127.0.0.1. Metrics scrapers then reach it through the node (e.g. a proxy sidecar) rather than directly.',
    remediation: 'Set --bind-address=127.0.0.1.',
    references: ['https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-scheduler')) reportBindAddress(ctx.report, c);
  },
});
