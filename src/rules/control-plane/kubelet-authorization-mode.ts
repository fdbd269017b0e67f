import { isRecord } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { isKubeletConfiguration } from './component.js';

export default defineRule({
  meta: {
    id: 'kubelet-authorization-mode',
    title: 'Kubelets must authorize requests with the API server (Webhook)',
    severity: 'critical',
    category: 'control-plane',
    targets: ['KubeletConfiguration'],
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '4.2.2' },
      { framework: 'nsa', id: 'nsa-authz-rbac' },
      { framework: 'mitre', id: 'T1609' },
    ],
    description:
      'authorization.mode decides who may use the kubelet API. AlwaysAllow lets every authenticated (or, with anonymous auth, every) client list pods, read logs and exec into any container of the node. Webhook (the KubeletConfiguration default) asks the API server, so RBAC on nodes/proxy, nodes/log... applies.',
    remediation: 'Set authorization.mode: Webhook (and keep authentication.webhook.enabled: true).',
    references: ['https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/'],
  },
  check(obj, ctx) {
    if (!isKubeletConfiguration(obj)) return;
    const v = obj.value;
    const a = v.authorization;
    const mode = isRecord(a) ? a.mode : undefined;
    // An empty mode is defaulted to Webhook.
    if (mode !== undefined && mode !== null && mode !== '' && mode !== 'Webhook')
      ctx.report({
        path: ['authorization', 'mode'],
        message: `authorization.mode ${String(mode)}: kubelet API requests are not authorized by the API server${mode === 'AlwaysAllow' ? ' (every request is allowed)' : ''}`,
      });
  },
});
