import { isRecord } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { isKubeletConfiguration } from './component.js';

export default defineRule({
  meta: {
    id: 'kubelet-anonymous-auth',
    title: 'Kubelets must not accept anonymous requests',
    severity: 'high',
    category: 'control-plane',
    targets: ['KubeletConfiguration'],
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '4.2.1' },
      { framework: 'nsa', id: 'nsa-authn-authentication' },
      { framework: 'mitre', id: 'T1552.007' },
    ],
    description:
      'With authentication.anonymous.enabled: true the kubelet API (port 10250: pod listings, logs, and with a permissive authorization mode exec into every container of the node) accepts requests without credentials as system:anonymous. The KubeletConfiguration default is false; the kubelet command-line default is true, so also check --anonymous-auth where kubelets are started with flags.',
    remediation: 'Set authentication.anonymous.enabled: false.',
    references: ['https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/'],
  },
  check(obj, ctx) {
    if (!isKubeletConfiguration(obj)) return;
    const v = obj.value;
    const a = v.authentication;
    const anon = isRecord(a) ? a.anonymous : undefined;
    if (isRecord(anon) && anon.enabled === true)
      ctx.report({
        path: ['authentication', 'anonymous', 'enabled'],
        message: 'the kubelet API accepts anonymous requests (system:anonymous)',
      });
  },
});
