import { defineRule } from '../../core/rule.js';
import { isKubeletConfiguration } from './component.js';

export default defineRule({
  meta: {
    id: 'kubelet-event-record-qps',
    title: 'Kubelets must record events at a rate that keeps them',
    severity: 'low',
    category: 'control-plane',
    targets: ['KubeletConfiguration'],
    needs: 'object',
    controls: [{ framework: 'cis-k8s', id: '4.2.8' }],
    description:
      'eventRecordQPS limits how many Events a kubelet creates per second (default 50; 0 means no limit). Set too low, security-relevant events (failed mounts, probes, evictions, image pulls) are dropped. Reported: a negative value (invalid) and values between 0 and the option minQPS; 0 (no limit) passes as in kube-bench, although it lets a noisy node flood the API server.',
    remediation: 'Remove eventRecordQPS (default 50) or set it to at least the option minQPS.',
    options: {
      minQPS: { type: 'number', default: 5, min: 0, description: 'Lowest acceptable eventRecordQPS other than 0 (no limit).' },
    },
    references: ['https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/'],
  },
  check(obj, ctx) {
    if (!isKubeletConfiguration(obj)) return;
    const v = obj.value;
    const q = v.eventRecordQPS;
    if (typeof q !== 'number') return;
    if (q < 0) ctx.report({ path: ['eventRecordQPS'], message: `eventRecordQPS ${q} is negative (invalid)` });
    else if (q > 0 && q < ctx.options.minQPS)
      ctx.report({
        path: ['eventRecordQPS'],
        message: `eventRecordQPS ${q} is below ${ctx.options.minQPS}: events beyond that rate are dropped`,
      });
  },
});
