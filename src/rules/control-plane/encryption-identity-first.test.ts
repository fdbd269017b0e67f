import { ruleTester } from '../../testing/rule-tester.js';
import rule from './encryption-identity-first.js';

const enc = (resources: string) => `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
${resources}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'KMS v2 first, identity last for the migration',
      yaml: enc(
        '- resources: [secrets]\n  providers:\n  - kms: {apiVersion: v2, name: kms, endpoint: unix:///run/kms.sock}\n  - identity: {}',
      ),
    },
    {
      name: 'events opted out of a wildcard',
      yaml: enc(
        '- resources: [events]\n  providers: [{identity: {}}]\n- resources: ["*.*"]\n  providers:\n  - secretbox: {keys: [{name: k, secret: c2VjcmV0}]}',
      ),
    },
  ],
  invalid: [
    {
      name: 'identity first: written in plain text',
      doc: true,
      yaml: enc(
        '- resources: [secrets, configmaps]\n  providers:\n  - identity: {}\n  - aescbc:\n      keys: [{name: key1, secret: c2VjcmV0IGlzIHNlY3VyZQ==}]',
      ),
      findings: [
        {
          path: 'resources[0].providers[0]',
          message: 'secrets, configmaps are written to etcd in plain text (the providers after it are only used to read)',
        },
      ],
    },
    {
      name: 'identity alone for the wildcard that covers secrets',
      yaml: enc('- resources: ["*."]\n  providers: [{identity: {}}]'),
      findings: [{ path: 'resources[0].providers[0]', message: '*. (Secrets included) are written' }],
    },
    {
      name: 'identity first for another resource, with encrypting providers after it',
      yaml: enc(
        '- resources: [secrets]\n  providers:\n  - secretbox: {keys: [{name: k, secret: c2VjcmV0}]}\n- resources: [configmaps]\n  providers:\n  - identity: {}\n  - secretbox: {keys: [{name: k, secret: c2VjcmV0}]}',
      ),
      findings: [{ path: 'resources[1].providers[0]', message: 'configmaps are written' }],
    },
  ],
});
