import { formatPath } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';
import { isEncryptionConfiguration } from './component.js';
import { encryptionEntries } from './encryption.js';

export default defineRule({
  meta: {
    id: 'encryption-aesgcm',
    title: 'The aesgcm provider should not encrypt writes without automated key rotation',
    severity: 'medium',
    category: 'control-plane',
    targets: ['EncryptionConfiguration'],
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.28' },
      { framework: 'nsa', id: 'nsa-network-secrets' },
    ],
    description:
      'aesgcm uses AES-GCM with random nonces: with one key, nonce collisions become likely after about 200,000 writes, ' +
      'and a collision breaks confidentiality and integrity. Kubernetes recommends it only with an automated key ' +
      'rotation scheme; its keys also sit in the file on every control-plane node. Reported when aesgcm is the first ' +
      '(encrypting) provider of an entry; as a later provider it only decrypts (e.g. during a migration) and passes.',
    remediation: 'Encrypt with KMS v2 (or secretbox), keeping aesgcm after it only until existing data is rewritten.',
    references: ['https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/#providers'],
  },
  check(obj, ctx) {
    if (!isEncryptionConfiguration(obj)) return;
    for (const e of encryptionEntries(obj.value)) {
      const first = e.providers[0];
      if (first?.type === 'aesgcm')
        ctx.report({
          path: [...first.path, 'aesgcm'],
          message: `aesgcm encrypts ${formatPath(e.path)}: its keys must be rotated every 200,000 writes (prefer KMS v2 or secretbox)`,
        });
    }
  },
});
