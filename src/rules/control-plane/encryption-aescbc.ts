import { formatPath } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';
import { isEncryptionConfiguration } from './component.js';
import { encryptionEntries } from './encryption.js';

export default defineRule({
  meta: {
    id: 'encryption-aescbc',
    title: 'The aescbc provider is not recommended for encrypting writes',
    severity: 'low',
    category: 'control-plane',
    targets: ['EncryptionConfiguration'],
    needs: 'object',
    controls: [{ framework: 'nsa', id: 'nsa-network-secrets' }],
    description:
      'The Kubernetes documentation rates aescbc (AES-CBC with PKCS#7 padding) as weak and not recommended, because of ' +
      "CBC's exposure to padding-oracle attacks, and its keys sit in plain text in the file on every control-plane " +
      'node. KMS v2 (envelope encryption with keys in an external KMS) or secretbox are recommended instead. CIS 1.2.28 ' +
      'still accepts aescbc, so this rule maps to no CIS control. Reported when aescbc is the first (encrypting) ' +
      'provider of an entry; as a later provider it only decrypts and passes.',
    remediation: 'Encrypt with KMS v2 (or secretbox) first, keep aescbc after it until all data is rewritten, then remove it.',
    references: ['https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/#providers'],
  },
  check(obj, ctx) {
    if (!isEncryptionConfiguration(obj)) return;
    for (const e of encryptionEntries(obj.value)) {
      const first = e.providers[0];
      if (first?.type === 'aescbc')
        ctx.report({
          path: [...first.path, 'aescbc'],
          message: `aescbc encrypts ${formatPath(e.path)}: rated weak upstream (CBC padding oracles, keys on the host); prefer KMS v2 or secretbox`,
        });
    }
  },
});
