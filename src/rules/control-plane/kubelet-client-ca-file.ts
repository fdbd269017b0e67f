import { getAt } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';
import { isKubeletConfiguration, nearestExisting } from './component.js';

export default defineRule({
  meta: {
    id: 'kubelet-client-ca-file',
    title: 'Kubelets must verify client certificates (x509.clientCAFile)',
    severity: 'medium',
    category: 'control-plane',
    targets: ['KubeletConfiguration'],
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '4.2.3' },
      { framework: 'nsa', id: 'nsa-authn-authentication' },
    ],
    description:
      "authentication.x509.clientCAFile is the CA the kubelet verifies client certificates against, among them the API server's when it calls the kubelet for logs, exec and port-forward. Without it the kubelet cannot authenticate the API server by certificate. kubeadm sets /etc/kubernetes/pki/ca.crt.",
    remediation: 'Set authentication.x509.clientCAFile to the cluster CA.',
    references: ['https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/'],
  },
  check(obj, ctx) {
    if (!isKubeletConfiguration(obj)) return;
    const v = obj.value;
    const file = getAt(v, ['authentication', 'x509', 'clientCAFile']);
    if (typeof file === 'string' && file.trim()) return;
    ctx.report({
      path: nearestExisting(v, ['authentication', 'x509', 'clientCAFile']),
      message: 'authentication.x509.clientCAFile is not set: the kubelet cannot verify client certificates',
    });
  },
});
