import { ruleTester } from '../../testing/rule-tester.js';
import rule from './encryption-key-age.js';

const enc = (resources: string) => `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
${resources}
`;

const on = { maxKeyAgeDays: 90, today: '2026-01-01' };

ruleTester(rule, {
  valid: [
    {
      name: 'off by default',
      yaml: enc('- resources: [secrets]\n  providers:\n  - secretbox: {keys: [{name: key-2020-01-01, secret: c2VjcmV0}]}'),
    },
    {
      name: 'recent key first; older keys only decrypt',
      options: on,
      yaml: enc(
        '- resources: [secrets]\n  providers:\n  - secretbox:\n      keys:\n      - {name: key-20251115, secret: c2VjcmV0}\n      - {name: key-20240101, secret: b2xk}',
      ),
    },
    {
      name: 'KMS rotates its own keys',
      options: on,
      yaml: enc(
        '- resources: [secrets]\n  providers:\n  - kms: {apiVersion: v2, name: kms-2019-01-01, endpoint: unix:///run/kms.sock}',
      ),
    },
  ],
  invalid: [
    {
      name: 'write key older than the maximum',
      doc: true,
      options: on,
      yaml: enc(
        '- resources: [secrets]\n  providers:\n  - aescbc:\n      keys:\n      - {name: key-2025-06-01, secret: c2VjcmV0IGlzIHNlY3VyZQ==}',
      ),
      findings: [{ path: 'resources[0].providers[0].aescbc.keys[0].name', message: 'is 214 days old (more than 90)' }],
    },
    {
      name: 'no date in the key name',
      options: on,
      yaml: enc('- resources: [secrets]\n  providers:\n  - secretbox: {keys: [{name: key1, secret: c2VjcmV0}]}'),
      findings: [{ path: 'resources[0].providers[0].secretbox.keys[0].name', message: 'has no date in its name' }],
    },
    {
      name: 'an impossible date is no date',
      options: on,
      yaml: enc('- resources: [secrets]\n  providers:\n  - secretbox: {keys: [{name: key-20250231, secret: c2VjcmV0}]}'),
      findings: [{ path: 'resources[0].providers[0].secretbox.keys[0].name', message: 'has no date' }],
    },
  ],
});
