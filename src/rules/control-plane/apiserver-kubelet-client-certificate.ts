import { defineRule } from '../../core/rule.js';
import { reportRequired } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-kubelet-client-certificate',
    title: 'The API server must authenticate to kubelets with a client certificate',
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.4' },
      { framework: 'nsa', id: 'nsa-network-control-plane' },
    ],
    description:
      'The API server calls the kubelet API for logs, exec, attach and port-forward. Without --kubelet-client-certificate ' +
      'and --kubelet-client-key it cannot authenticate, so kubelets would have to allow anonymous requests for these ' +
      'features to work. kubeadm sets both.',
    remediation:
      'Set --kubelet-client-certificate and --kubelet-client-key to a client certificate the kubelets trust (kubeadm: ' +
      'apiserver-kubelet-client.crt/.key).',
    references: ['https://kubernetes.io/docs/concepts/architecture/control-plane-node-communication/#api-server-to-kubelet'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver'))
      reportRequired(
        ctx.report,
        c,
        ['kubelet-client-certificate', 'kubelet-client-key'],
        'the API server cannot authenticate to kubelets',
      );
  },
});
