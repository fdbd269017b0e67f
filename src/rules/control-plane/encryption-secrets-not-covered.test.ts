import { ruleTester } from '../../testing/rule-tester.js';
import rule from './encryption-secrets-not-covered.js';

const enc = (resources: string) => `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
${resources}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'secrets listed',
      yaml: enc('- resources: [secrets]\n  providers:\n  - secretbox: {keys: [{name: key-20250101, secret: c2VjcmV0}]}'),
    },
    {
      name: 'core wildcard',
      yaml: enc('- resources: ["*."]\n  providers:\n  - kms: {apiVersion: v2, name: kms, endpoint: unix:///run/kms.sock}'),
    },
    {
      name: 'everything',
      yaml: enc(
        '- resources: [events]\n  providers: [{identity: {}}]\n- resources: ["*.*"]\n  providers:\n  - kms: {apiVersion: v2, name: kms, endpoint: unix:///run/kms.sock}',
      ),
    },
  ],
  invalid: [
    {
      name: 'only configmaps',
      doc: true,
      yaml: enc('- resources: [configmaps]\n  providers:\n  - secretbox: {keys: [{name: key-20250101, secret: c2VjcmV0}]}'),
      findings: [{ path: 'resources', message: 'no entry covers secrets' }],
    },
    {
      name: '"*.apps" does not cover the core group',
      yaml: enc('- resources: ["*.apps"]\n  providers:\n  - secretbox: {keys: [{name: k, secret: c2VjcmV0}]}'),
      findings: [{ path: 'resources' }],
    },
  ],
});
