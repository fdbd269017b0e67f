import { defineRule } from '../../core/rule.js';
import { isKubeletConfiguration } from './component.js';
import { CIS_KUBELET_CIPHER_SUITES, weaknessOf } from './tls.js';

export default defineRule({
  meta: {
    id: 'kubelet-tls-cipher-suites',
    title: 'Kubelets must only offer strong TLS cipher suites',
    severity: 'low',
    category: 'control-plane',
    targets: ['KubeletConfiguration'],
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '4.2.12' },
      { framework: 'nsa', id: 'nsa-network-control-plane' },
      { framework: 'pci-dss', id: '2.2.7' },
    ],
    description:
      'Without tlsCipherSuites the kubelet offers the Go defaults of the version it was built with; listing the suites ' +
      'pins them to ones reviewed as strong. A suite outside the accepted list (by default the CIS 4.2.12 list: ECDHE ' +
      'or RSA key exchange with AES-GCM, ECDHE with ChaCha20-Poly1305) is reported at medium severity, an unset field ' +
      'at low.',
    remediation:
      'Set tlsCipherSuites to ECDHE suites with AES-GCM or ChaCha20-Poly1305 (e.g. TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, ' +
      'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305).',
    options: {
      allowedCipherSuites: {
        type: 'string[]',
        default: CIS_KUBELET_CIPHER_SUITES,
        description: 'Cipher suites accepted in tlsCipherSuites (default: the CIS 4.2.12 list).',
      },
    },
    references: ['https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/'],
  },
  check(obj, ctx) {
    if (!isKubeletConfiguration(obj)) return;
    const list = obj.value.tlsCipherSuites;
    if (!Array.isArray(list) || list.length === 0) {
      ctx.report({
        path: Array.isArray(list) ? ['tlsCipherSuites'] : [],
        message: 'tlsCipherSuites is not set: the Go defaults of the build are offered',
        severity: 'low',
      });
      return;
    }
    const allowed = new Set(ctx.options.allowedCipherSuites);
    list.forEach((suite: unknown, i) => {
      if (typeof suite === 'string' && !allowed.has(suite))
        ctx.report({
          path: ['tlsCipherSuites', i],
          message: `cipher suite ${suite} is weak: ${weaknessOf(suite)}`,
          severity: 'medium',
        });
    });
  },
});
