import { defineRule } from '../../core/rule.js';
import { isKubeletConfiguration } from './component.js';
import { parseDuration } from './flags.js';

export default defineRule({
  meta: {
    id: 'kubelet-streaming-connection-idle-timeout',
    title: 'Kubelet streaming connections must time out when idle',
    severity: 'low',
    category: 'control-plane',
    targets: ['KubeletConfiguration'],
    needs: 'object',
    controls: [{ framework: 'cis-k8s', id: '4.2.5' }],
    description:
      'streamingConnectionIdleTimeout closes idle exec, attach and port-forward streams, so abandoned sessions into ' +
      'containers do not stay usable. CIS 4.2.5 forbids the command-line flag --streaming-connection-idle-timeout=0 ' +
      '(never time out). In a KubeletConfiguration file a zero value cannot mean that: the kubelet defaults a zero ' +
      'duration to 4h (which is why kubeadm writes "0s" there), so 0 passes; what is reported is a timeout longer ' +
      'than the option maxSeconds (default 4h, the kubelet default) or a value that is not a duration. Recent kubelet ' +
      'releases deprecate the field.',
    remediation: 'Remove streamingConnectionIdleTimeout (default 4h) or set a shorter duration such as 5m.',
    options: {
      maxSeconds: {
        type: 'number',
        default: 14400,
        min: 1,
        description: 'Longest acceptable streamingConnectionIdleTimeout, in seconds (default 4h).',
      },
    },
    references: ['https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/'],
  },
  check(obj, ctx) {
    if (!isKubeletConfiguration(obj)) return;
    const t = obj.value.streamingConnectionIdleTimeout;
    if (t === undefined || t === null || t === 0) return;
    const seconds = typeof t === 'string' ? parseDuration(t) : undefined;
    if (seconds === undefined)
      ctx.report({
        path: ['streamingConnectionIdleTimeout'],
        message: `streamingConnectionIdleTimeout ${JSON.stringify(t)} is not a duration (e.g. 5m, 4h)`,
      });
    else if (seconds > ctx.options.maxSeconds)
      ctx.report({
        path: ['streamingConnectionIdleTimeout'],
        message: `streamingConnectionIdleTimeout ${t}: idle exec, attach and port-forward streams stay open longer than ${ctx.options.maxSeconds}s`,
      });
  },
});
