import { isRecord, str } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { isCoreSecret, MANAGER_KINDS, manifestEncryption, secretProducer } from './managers.js';

const SA_TOKEN = 'kubernetes.io/service-account-token';

export default defineRule({
  meta: {
    id: 'secrets-without-external-manager',
    title: 'Secrets should come from an external secret manager',
    severity: 'low',
    category: 'secrets',
    // Manager kinds are listed so that the engine indexes them; check() returns at once for them.
    targets: ['Secret'],
    related: MANAGER_KINDS,
    needs: 'index',
    optIn: true,
    scope:
      'A Secret of the input is credited when a manager of the input produces it — an ExternalSecret or ' +
      'ClusterExternalSecret targeting it, a SealedSecret of the same name, a SecretProviderClass syncing it ' +
      '(secretObjects), a Vault Secrets Operator resource (destination.name) — or when its ownerReferences name one ' +
      'of those kinds or it carries the Secrets Store CSI managed label. Checking a Secret without its manager in the ' +
      'same scan reports it: scan the manifests that belong together. Secrets with no values (every data / ' +
      'stringData value empty or none) and service-account-token Secrets are not reported: nothing in them comes ' +
      'from Git.',
    options: {
      creditEncryptedManifests: {
        type: 'boolean',
        default: false,
        description:
          'Also accept Secret manifests encrypted in Git (SOPS metadata or the palisade.dev/encryption annotation) as managed.',
      },
    },
    controls: [
      { framework: 'cis-k8s', id: '5.4.2' },
      { framework: 'soc2', id: 'CC6.1' },
    ],
    description:
      'Teams that mandate an external secret store (CIS Kubernetes Benchmark 5.4.2) want every Secret to be ' +
      'synced from it — by External Secrets Operator, the Secrets Store CSI driver (Azure Key Vault, AWS, GCP, Vault ' +
      'providers), Vault, or Sealed Secrets — so that values are audited, rotated and revoked in one place and never ' +
      'written by hand. This rule lists the Secret manifests that are not. Opt-in: it is a policy, not a ' +
      'vulnerability (plaintext values are reported by secret-plaintext-in-manifest).',
    remediation:
      'Store the values in your secret manager and replace the Secret manifest with an ExternalSecret, a ' +
      'SecretProviderClass (with secretObjects if the Secret is needed), a Vault resource or a SealedSecret.',
    references: ['https://kubernetes.io/docs/concepts/security/secrets-good-practices/', 'https://external-secrets.io/latest/'],
  },
  check(obj, ctx) {
    if (!isCoreSecret(obj) || obj.value.type === SA_TOKEN) return;
    const field = (['data', 'stringData'] as const).find((f) => {
      const values = obj.value[f];
      return isRecord(values) && Object.values(values).some((v) => typeof v === 'string' && v !== '');
    });
    if (!field) return;
    if (secretProducer(obj, ctx.index)) return;
    const encryption = manifestEncryption(obj);
    if (encryption && ctx.options.creditEncryptedManifests) return;
    const type = str(obj.value.type);
    ctx.report({
      path: [field],
      message:
        `Secret "${obj.id.name}"${type ? ` (${type})` : ''} is not produced by an external secret manager in the input ` +
        '(ExternalSecret, SealedSecret, SecretProviderClass, Vault Secrets Operator)' +
        (encryption ? `: it is ${encryption}-encrypted in Git (set creditEncryptedManifests to accept that)` : ''),
    });
  },
});
