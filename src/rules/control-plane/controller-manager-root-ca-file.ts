import { defineRule } from '../../core/rule.js';
import { reportRequired } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'controller-manager-root-ca-file',
    title: 'The controller manager must publish the cluster CA to pods',
    severity: 'low',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [{ framework: 'cis-k8s', id: '1.3.5' }],
    description:
      "--root-ca-file is the CA bundle the controller manager publishes in every namespace (ConfigMap kube-root-ca.crt) and in ServiceAccount token volumes, so that pods can verify the API server's certificate instead of trusting any. kubeadm sets it (ca.crt).",
    remediation: 'Set --root-ca-file to the cluster CA bundle.',
    references: ['https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-controller-manager'))
      reportRequired(ctx.report, c, ['root-ca-file'], 'pods are not given the CA bundle to verify the API server');
  },
});
