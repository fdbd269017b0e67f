import { defineRule } from '../../core/rule.js';
import { isKubeletConfiguration } from './component.js';

export default defineRule({
  meta: {
    id: 'kubelet-serving-certificate',
    title: 'Kubelets must serve a CA-signed certificate',
    severity: 'medium',
    category: 'control-plane',
    targets: ['KubeletConfiguration'],
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '4.2.9' },
      { framework: 'nsa', id: 'nsa-network-control-plane' },
    ],
    description:
      'Without tlsCertFile and tlsPrivateKeyFile, and without serverTLSBootstrap: true, the kubelet serves its API (10250) with a self-signed certificate, so the API server cannot verify it (--kubelet-certificate-authority) and connections to kubelets can be intercepted. serverTLSBootstrap: true has the kubelet request its serving certificate from the cluster CA (the CSRs must be approved) and rotate it; that passes here as well as a certificate file.',
    remediation: 'Set serverTLSBootstrap: true (and approve kubelet-serving CSRs), or tlsCertFile and tlsPrivateKeyFile.',
    references: ['https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/'],
  },
  check(obj, ctx) {
    if (!isKubeletConfiguration(obj)) return;
    const v = obj.value;
    if (v.serverTLSBootstrap === true) return;
    const cert = typeof v.tlsCertFile === 'string' && v.tlsCertFile.trim() !== '';
    const key = typeof v.tlsPrivateKeyFile === 'string' && v.tlsPrivateKeyFile.trim() !== '';
    if (cert && key) return;
    ctx.report({
      path: v.serverTLSBootstrap === false ? ['serverTLSBootstrap'] : [],
      message: `the kubelet serves a self-signed certificate: ${cert || key ? 'tlsCertFile and tlsPrivateKeyFile must both be set' : 'neither serverTLSBootstrap nor tlsCertFile/tlsPrivateKeyFile is set'}`,
    });
  },
});
