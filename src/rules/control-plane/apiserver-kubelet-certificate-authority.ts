import { defineRule } from '../../core/rule.js';
import { reportRequired } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';

export default defineRule({
  meta: {
    id: 'apiserver-kubelet-certificate-authority',
    title: "The API server must verify kubelets' serving certificates",
    severity: 'medium',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.5' },
      { framework: 'nsa', id: 'nsa-network-control-plane' },
      { framework: 'mitre', id: 'T1557' },
    ],
    description:
      'Without --kubelet-certificate-authority the API server does not verify the certificate of the kubelet it connects ' +
      'to for exec, attach, logs and port-forward: anyone who can intercept or redirect that traffic sees and controls ' +
      'those streams. kubeadm does not set it, because kubelets serve self-signed certificates by default: have them ' +
      'request CA-signed serving certificates first (KubeletConfiguration serverTLSBootstrap: true, and approve the CSRs).',
    remediation:
      'Give kubelets CA-signed serving certificates (serverTLSBootstrap: true) and set --kubelet-certificate-authority ' +
      'to that CA.',
    references: ['https://kubernetes.io/docs/concepts/architecture/control-plane-node-communication/#api-server-to-kubelet'],
  },
  check(obj, ctx) {
    for (const c of componentFlags(obj, 'kube-apiserver'))
      reportRequired(
        ctx.report,
        c,
        ['kubelet-certificate-authority'],
        "connections to kubelets do not verify the kubelet's certificate (open to man-in-the-middle)",
      );
  },
});
