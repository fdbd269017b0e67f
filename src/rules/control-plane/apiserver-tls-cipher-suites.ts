import { defineRule } from '../../core/rule.js';
import { itemsOf } from './checks.js';
import { componentFlags, FLAG_TARGETS } from './flags.js';
import { CIS_APISERVER_CIPHER_SUITES, weaknessOf } from './tls.js';

export default defineRule({
  meta: {
    id: 'apiserver-tls-cipher-suites',
    title: 'The API server must only offer strong TLS cipher suites',
    severity: 'low',
    category: 'control-plane',
    targets: FLAG_TARGETS,
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.29' },
      { framework: 'nsa', id: 'nsa-network-control-plane' },
      { framework: 'pci-dss', id: '2.2.7' },
    ],
    description:
      'Without --tls-cipher-suites the API server offers the Go defaults of the version it was built with; listing the ' +
      'suites pins them to ones reviewed as strong. A suite outside the accepted list (by default the CIS 1.2.29 list: ' +
      'TLS 1.3 suites and ECDHE with AES-GCM, ChaCha20-Poly1305 or AES-CBC-SHA) is reported at medium severity, an ' +
      'unset flag at low.',
    remediation:
      'Set --tls-cipher-suites to ECDHE suites with AES-GCM or ChaCha20-Poly1305, e.g. ' +
      'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,' +
      'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305.',
    options: {
      allowedCipherSuites: {
        type: 'string[]',
        default: CIS_APISERVER_CIPHER_SUITES,
        description: 'Cipher suites accepted in --tls-cipher-suites (default: the CIS 1.2.29 list).',
      },
    },
    references: ['https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/'],
  },
  check(obj, ctx) {
    const allowed = new Set(ctx.options.allowedCipherSuites);
    for (const c of componentFlags(obj, 'kube-apiserver')) {
      const items = itemsOf(c, 'tls-cipher-suites');
      if (items.length === 0) {
        ctx.report({
          path: c.flags.get('tls-cipher-suites')?.valuePath ?? c.anchor,
          message: `${c.label}: --tls-cipher-suites is not set: the Go defaults of the build are offered`,
          severity: 'low',
        });
        continue;
      }
      for (const { item, path } of items)
        if (!allowed.has(item))
          ctx.report({ path, message: `${c.label}: cipher suite ${item} is weak: ${weaknessOf(item)}`, severity: 'medium' });
    }
  },
});
