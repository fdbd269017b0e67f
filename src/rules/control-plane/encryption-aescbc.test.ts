import { ruleTester } from '../../testing/rule-tester.js';
import rule from './encryption-aescbc.js';

const enc = (resources: string) => `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
${resources}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'KMS v2',
      yaml: enc('- resources: [secrets]\n  providers:\n  - kms: {apiVersion: v2, name: kms, endpoint: unix:///run/kms.sock}'),
    },
    {
      name: 'aescbc only decrypts (migration to KMS v2)',
      yaml: enc(
        '- resources: [secrets]\n  providers:\n  - kms: {apiVersion: v2, name: kms, endpoint: unix:///run/kms.sock}\n  - aescbc: {keys: [{name: old, secret: c2VjcmV0}]}',
      ),
    },
  ],
  invalid: [
    {
      name: 'aescbc encrypts',
      doc: true,
      yaml: enc(
        '- resources: [secrets]\n  providers:\n  - aescbc:\n      keys:\n      - {name: key1, secret: c2VjcmV0IGlzIHNlY3VyZQ==}\n  - identity: {}',
      ),
      findings: [{ path: 'resources[0].providers[0].aescbc', message: 'prefer KMS v2 or secretbox' }],
    },
  ],
});
