import { formatPath } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';
import { isEncryptionConfiguration } from './component.js';
import { encryptionEntries, entryFor } from './encryption.js';

export default defineRule({
  meta: {
    id: 'encryption-identity-first',
    title: 'The first encryption provider must encrypt (not identity)',
    severity: 'high',
    category: 'control-plane',
    targets: ['EncryptionConfiguration'],
    needs: 'object',
    controls: [
      { framework: 'cis-k8s', id: '1.2.28' },
      { framework: 'nsa', id: 'nsa-network-secrets' },
      { framework: 'soc2', id: 'CC6.1' },
      { framework: 'hipaa', id: '164.312(a)(2)(iv)' },
    ],
    description:
      'The first provider of an entry encrypts every write; the others are only tried to read existing data. With ' +
      'identity first, writes are stored in plain text, whatever encrypting providers follow. Reported for the entry ' +
      'that decides how Secrets are stored, and for any entry that lists encrypting providers after identity (a ' +
      'decryption migration left in place, or a wrong order). An entry with identity alone for other resources (e.g. ' +
      'events opted out of a "*.*" wildcard) is a deliberate opt-out and passes.',
    remediation:
      'Put the encrypting provider first (KMS v2 or secretbox) and keep identity last only while existing plain-text ' +
      'data is rewritten (kubectl get secrets -A -o json | kubectl replace -f -).',
    references: [
      'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/#understanding-the-encryption-at-rest-configuration',
    ],
  },
  check(obj, ctx) {
    if (!isEncryptionConfiguration(obj)) return;
    const entries = encryptionEntries(obj.value);
    const secrets = entryFor(entries, 'secrets');
    for (const e of entries) {
      const first = e.providers[0];
      if (!first || first.type !== 'identity') continue;
      const encryptingAfter = e.providers.some((p) => p.type !== 'identity');
      if (e !== secrets && !encryptingAfter) continue;
      const what = e.resources.map((r) => r.name).join(', ') || 'its resources';
      const viaWildcard = e === secrets && !e.resources.some((r) => r.name === 'secrets');
      ctx.report({
        path: first.path,
        message:
          `identity is the first provider of ${formatPath(e.path)}: ${what} ${viaWildcard ? '(Secrets included) ' : ''}are written to etcd in plain text` +
          (encryptingAfter ? ' (the providers after it are only used to read)' : ''),
      });
    }
  },
});
