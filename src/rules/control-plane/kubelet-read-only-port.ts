import { defineRule } from '../../core/rule.js';
import { isKubeletConfiguration } from './component.js';

export default defineRule({
  meta: {
    id: 'kubelet-read-only-port',
    title: 'Kubelets must not serve the unauthenticated read-only port',
    severity: 'medium',
    category: 'control-plane',
    targets: ['KubeletConfiguration'],
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '4.2.4' },
      { framework: 'nsa', id: 'nsa-network-control-plane' },
      { framework: 'mitre', id: 'T1552.007' },
    ],
    description:
      'readOnlyPort (historically 10255) serves pod specs, node and pod metrics without any authentication or authorization: environment values, image names and the layout of every pod on the node are open to anyone on the network. The KubeletConfiguration default is 0 (off); the kubelet command-line default is 10255.',
    remediation: 'Set readOnlyPort: 0 (or remove it) and scrape metrics through the authenticated port 10250.',
    references: ['https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/'],
  },
  check(obj, ctx) {
    if (!isKubeletConfiguration(obj)) return;
    const v = obj.value;
    if (typeof v.readOnlyPort === 'number' && v.readOnlyPort !== 0)
      ctx.report({
        path: ['readOnlyPort'],
        message: `readOnlyPort ${v.readOnlyPort} serves pod and node information without authentication`,
      });
  },
  fix(_obj, finding) {
    return [{ op: 'replace', path: finding.path, value: 0 }];
  },
});
