import { isRecord } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { isKubeletConfiguration } from './component.js';
import { componentFlags, featureGate, FLAG_TARGETS } from './flags.js';

const GATE = 'RotateKubeletServerCertificate';
const WHY = 'kubelet serving certificates are not requested from the cluster CA and rotated';

export default defineRule({
  meta: {
    id: 'rotate-kubelet-server-certificate',
    title: 'Kubelet serving certificate rotation must not be disabled (RotateKubeletServerCertificate)',
    severity: 'medium',
    category: 'control-plane',
    targets: [...FLAG_TARGETS, 'KubeletConfiguration'],
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.3.6' },
      { framework: 'cis-k8s', id: '4.2.11' },
    ],
    description:
      'The RotateKubeletServerCertificate feature gate (on by default since Kubernetes 1.12) lets kubelets request ' +
      'their serving certificates from the cluster CA and renew them before they expire; the controller manager ' +
      'signs them. Turning the gate off in kube-controller-manager (--feature-gates) or in a KubeletConfiguration ' +
      '(featureGates) leaves kubelets with long-lived self-signed serving certificates.',
    remediation:
      'Remove RotateKubeletServerCertificate=false from the feature gates (and set serverTLSBootstrap: true on kubelets).',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/#certificate-rotation'],
  },
  check(obj, ctx) {
    if (isKubeletConfiguration(obj)) {
      const gates = obj.value.featureGates;
      if (isRecord(gates) && gates[GATE] === false)
        ctx.report({ path: ['featureGates', GATE], message: `the kubelet turns ${GATE} off: ${WHY}` });
      return;
    }
    for (const c of componentFlags(obj, 'kube-controller-manager')) {
      const g = featureGate(c.flags.get('feature-gates'), GATE);
      if (g && g.enabled !== true)
        ctx.report({
          path: g.path,
          message: `${c.label}: --feature-gates ${g.enabled === false ? 'turns' : 'sets an invalid value for'} ${GATE}${g.enabled === false ? ' off' : ''}: ${WHY}`,
        });
    }
  },
});
