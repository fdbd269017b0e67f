import { ruleTester } from '../../testing/rule-tester.js';
import rule from './encryption-kms-v1.js';

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
  ],
  invalid: [
    {
      name: 'kms without apiVersion is v1',
      doc: true,
      yaml: enc(
        '- resources: [secrets]\n  providers:\n  - kms:\n      name: vault\n      endpoint: unix:///run/kms.sock\n      cachesize: 1000',
      ),
      findings: [
        {
          path: 'resources[0].providers[0].kms',
          message: 'kms provider "vault" uses the deprecated KMS v1 API (no apiVersion means v1)',
        },
      ],
    },
    {
      name: 'explicit v1 as a read-only provider',
      yaml: enc(
        '- resources: [secrets]\n  providers:\n  - kms: {apiVersion: v2, name: new, endpoint: unix:///run/new.sock}\n  - kms: {apiVersion: v1, name: old, endpoint: unix:///run/old.sock}',
      ),
      findings: [{ path: 'resources[0].providers[1].kms.apiVersion' }],
    },
  ],
});
