import { defineRule } from '../../core/rule.js';
import { isKubeletConfiguration } from './component.js';

export default defineRule({
  meta: {
    id: 'kubelet-make-iptables-util-chains',
    title: 'Kubelets must manage their iptables utility chains',
    severity: 'low',
    category: 'control-plane',
    targets: ['KubeletConfiguration'],
    needs: 'object',
    controls: [{ framework: 'cis-k8s', id: '4.2.6' }],
    description:
      'makeIPTablesUtilChains: true (the default) lets the kubelet keep its iptables chains in the state Kubernetes networking expects; turning it off lets them drift from what the pod networking rules assume.',
    remediation: 'Remove makeIPTablesUtilChains: false (or set it to true).',
    references: ['https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/'],
  },
  check(obj, ctx) {
    if (!isKubeletConfiguration(obj)) return;
    const v = obj.value;
    if (v.makeIPTablesUtilChains === false)
      ctx.report({
        path: ['makeIPTablesUtilChains'],
        message: 'makeIPTablesUtilChains false: the kubelet does not manage its iptables chains',
      });
  },
  fix(_obj, finding) {
    return [{ op: 'replace', path: finding.path, value: true }];
  },
});
