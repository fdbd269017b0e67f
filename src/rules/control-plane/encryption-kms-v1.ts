import { defineRule } from '../../core/rule.js';
import { isEncryptionConfiguration } from './component.js';
import { encryptionEntries, isKmsV1 } from './encryption.js';

export default defineRule({
  meta: {
    id: 'encryption-kms-v1',
    title: 'KMS providers must use the v2 API',
    severity: 'medium',
    category: 'control-plane',
    targets: ['EncryptionConfiguration'],
    needs: 'object',
    controls: [{ framework: 'nsa', id: 'nsa-network-secrets' }],
    description:
      'KMS v1 is deprecated since Kubernetes 1.28 and disabled by default since 1.29 (feature gate KMSv1): an API server ' +
      'with a v1 KMS provider needs --feature-gates=KMSv1=true to start, and v1 calls the KMS for every object read ' +
      'or written. KMS v2 (apiVersion: v2, GA since 1.29) is faster and rotates its data keys with the key-encryption ' +
      'key. A kms provider without apiVersion is v1. Reported in any position, since even a decrypt-only v1 provider ' +
      'needs the deprecated feature gate.',
    remediation:
      'Set apiVersion: v2 on the kms provider (with a KMS v2 plugin), rewrite existing data, then remove the v1 provider.',
    references: ['https://kubernetes.io/docs/tasks/administer-cluster/kms-provider/'],
  },
  check(obj, ctx) {
    if (!isEncryptionConfiguration(obj)) return;
    for (const e of encryptionEntries(obj.value))
      for (const p of e.providers)
        if (isKmsV1(p)) {
          const named = typeof p.config.name === 'string' ? ` "${p.config.name}"` : '';
          ctx.report({
            path: p.config.apiVersion === undefined ? [...p.path, 'kms'] : [...p.path, 'kms', 'apiVersion'],
            message: `kms provider${named} uses the deprecated KMS v1 API${p.config.apiVersion === undefined ? ' (no apiVersion means v1)' : ''}: disabled by default since Kubernetes 1.29`,
          });
        }
  },
});
