import { defineRule } from '../../core/rule.js';
import { isKubeletConfiguration } from './component.js';

export default defineRule({
  meta: {
    id: 'kubelet-pod-pids-limit',
    title: 'Kubelets should limit the number of processes per pod',
    severity: 'low',
    category: 'control-plane',
    targets: ['KubeletConfiguration'],
    needs: 'object',
    controls: [{ framework: 'cis-k8s', id: '4.2.13' }],
    description:
      "podPidsLimit caps the process IDs one pod may use (default -1: unlimited), so a fork bomb or leaking process in one pod cannot exhaust the node's PIDs and starve every other pod and the kubelet itself.",
    remediation: 'Set podPidsLimit to a value that fits your workloads (e.g. 4096).',
    references: ['https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/'],
  },
  check(obj, ctx) {
    if (!isKubeletConfiguration(obj)) return;
    const v = obj.value;
    const n = v.podPidsLimit;
    if (typeof n === 'number' && n > 0) return;
    ctx.report({
      path: n === undefined ? [] : ['podPidsLimit'],
      message: `${n === undefined ? 'podPidsLimit is not set' : `podPidsLimit ${String(n)}`}: a pod can use every process ID of the node`,
    });
  },
});
