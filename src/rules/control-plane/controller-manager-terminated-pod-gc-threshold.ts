import { defineRule } from '../../core/rule.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'controller-manager-terminated-pod-gc-threshold',
    title: 'The controller manager must garbage-collect terminated pods',
    severity: 'low',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [{ framework: 'cis-k8s', id: '1.3.1' }],
    description:
      '--terminated-pod-gc-threshold is how many terminated pods may exist before the controller manager deletes the ' +
      'oldest; the default (12500) is high enough for terminated pods to pile up in etcd and slow the API server. CIS ' +
      'asks for an explicit value suited to the cluster. A value of 0 or less turns the garbage collector off.',
    remediation: 'Set --terminated-pod-gc-threshold to a value suited to the cluster (e.g. 10 to 1000).',
    references: ['https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-controller-manager')) {
      const s = c.flags.get('terminated-pod-gc-threshold');
      if (!s) {
        ctx.report({
          path: c.anchor,
          message: `${c.label}: --terminated-pod-gc-threshold is not set (default 12500 terminated pods are kept)`,
        });
        continue;
      }
      const n = /^-?\d+$/.test(s.value.trim()) ? Number(s.value) : NaN;
      if (Number.isNaN(n))
        ctx.report({ path: s.valuePath, message: `${c.label}: --terminated-pod-gc-threshold=${s.value} is not a whole number` });
      else if (n <= 0)
        ctx.report({
          path: s.valuePath,
          message: `${c.label}: --terminated-pod-gc-threshold=${n} turns the terminated-pod garbage collector off`,
        });
    }
  },
});
