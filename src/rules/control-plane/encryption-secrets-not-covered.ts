import { defineRule } from '../../core/rule.js';
import { isEncryptionConfiguration } from './component.js';
import { encryptionEntries, entryFor } from './encryption.js';

export default defineRule({
  meta: {
    id: 'encryption-secrets-not-covered',
    title: 'The encryption configuration must cover Secrets',
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
      'An EncryptionConfiguration only encrypts the resources its entries name. If no entry names secrets (directly, or ' +
      'through the wildcards "*." for the core group or "*.*"), Secrets are written to etcd in plain text although ' +
      'encryption at rest looks configured.',
    remediation: 'Add secrets to the resources of an entry whose first provider encrypts (KMS v2 preferred, or secretbox).',
    references: ['https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/'],
  },
  check(obj, ctx) {
    if (!isEncryptionConfiguration(obj)) return;
    if (entryFor(encryptionEntries(obj.value), 'secrets')) return;
    ctx.report({
      path: Array.isArray(obj.value.resources) ? ['resources'] : [],
      message: 'no entry covers secrets: Secrets are stored in etcd in plain text',
    });
  },
});
