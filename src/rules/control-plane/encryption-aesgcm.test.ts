import { ruleTester } from '../../testing/rule-tester.js';
import rule from './encryption-aesgcm.js';

const enc = (resources: string) => `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
${resources}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'secretbox',
      yaml: enc('- resources: [secrets]\n  providers:\n  - secretbox: {keys: [{name: k, secret: c2VjcmV0}]}'),
    },
    {
      name: 'aesgcm only decrypts (migration)',
      yaml: enc(
        '- resources: [secrets]\n  providers:\n  - secretbox: {keys: [{name: k, secret: c2VjcmV0}]}\n  - aesgcm: {keys: [{name: old, secret: c2VjcmV0}]}',
      ),
    },
  ],
  invalid: [
    {
      name: 'aesgcm encrypts',
      doc: true,
      yaml: enc(
        '- resources: [secrets]\n  providers:\n  - aesgcm:\n      keys:\n      - {name: key1, secret: c2VjcmV0IGlzIHNlY3VyZQ==}',
      ),
      findings: [{ path: 'resources[0].providers[0].aesgcm', message: 'rotated every 200,000 writes' }],
    },
  ],
});
