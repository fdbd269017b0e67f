import { isRecord } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import {
  decodeSecretData,
  detectCredential,
  embeddedCredential,
  encryptionOf,
  isInertValue,
  isPlaceholder,
  isProse,
  isPublicMaterial,
  isPublicSecretKey,
  isReference,
  isTemplated,
  isTrustStoreKey,
} from './detectors.js';
import { isCoreSecret, MANAGER_KINDS, manifestEncryption, secretProducer } from './managers.js';

type Field = 'data' | 'stringData';

export default defineRule({
  meta: {
    id: 'secret-plaintext-in-manifest',
    title: 'Secret manifests must not carry plaintext values',
    severity: 'high',
    category: 'secrets',
    // Manager kinds are listed so that the engine indexes them; check() returns at once for them.
    targets: ['Secret'],
    related: MANAGER_KINDS,
    needs: 'index',
    scope:
      'Each value of data and stringData is judged on its own and reported at its key. A Secret is credited (only ' +
      'unmistakable live credentials are still reported, see below) when its manifest is SOPS-encrypted (top-level ' +
      '`sops:` metadata) or Palisade-encrypted (`palisade.dev/encryption` annotation), or when a manager in the input ' +
      'produces it: an ExternalSecret of its namespace targeting it (spec.target.name, default the ExternalSecret name; ' +
      'not with creationPolicy None), a ClusterExternalSecret targeting it, a SealedSecret of the same name, a ' +
      'SecretProviderClass syncing it (spec.secretObjects[].secretName, any provider including azure), or a Vault ' +
      'Secrets Operator resource (spec.destination.name); or when it carries an ownerReference to one of those kinds ' +
      "or the Secrets Store CSI driver's managed label (Secrets exported from a cluster). The committed values of a " +
      'credited Secret are taken as placeholders that the manager overwrites, but a value matching a high-confidence ' +
      'pattern (private key, cloud or SaaS token, JWT, URL with a password) is reported anyway: it is in Git history ' +
      'whoever syncs the cluster copy. An AWS access key ID alone is not reported in a credited Secret (the secret ' +
      'half is what the manager holds).',
    controls: [
      { framework: 'cis-k8s', id: '5.4.2' },
      { framework: 'mitre', id: 'T1552.001' },
      { framework: 'soc2', id: 'CC6.1' },
      { framework: 'pci-dss', id: '8.3.2' },
    ],
    description:
      "A Secret's data values are base64, which is an encoding, not encryption: anyone who can read the repository, " +
      'its forks, CI logs or the rendered chart can read every value, forever (Git history keeps them after the file ' +
      'changes) — MITRE ATT&CK T1552.001, Credentials In Files. Not reported: values encrypted in the file (SOPS ' +
      '`ENC[AES256_GCM,...]`, Palisade `ENC[v1,...]`), templated placeholders (`${VAR}`, `$(VAR)`, `{{ ... }}`, ' +
      '`<REPLACE_ME>`, `__VAR__`), well-known placeholder words (changeme, changeit, password, example...), empty ' +
      'values, references to a secret store resolved at runtime (`vault:...`, `ref+...://`, AWS Secrets Manager ARNs), ' +
      'booleans and numbers, public material (PEM certificates, CA bundles, public keys, SSH public keys and ' +
      'known_hosts lines — a PEM bundle that also holds a PRIVATE KEY is reported), binary trust stores (keys named ' +
      'ca / cacerts / truststore / *.crt), and keys naming public metadata (username, host, port, database, namespace, ' +
      'region, endpoint, url, *-id, description, expiration, groups...) unless their value matches a credential pattern, ' +
      'dates, and sentences. A value that is a whole configuration file (several lines: alertmanager.yaml, ' +
      'grafana.ini, datasources.yaml) is reported only when it holds a credential — a pattern, or a credential-named ' +
      'setting (`password: ...`, `secret_key = ...`, `"clientSecret": "..."`) with a real value, judged as ' +
      'credentials-in-env judges env values — not for being kept in a Secret. Sealed Secrets are of kind ' +
      'SealedSecret and never reach this rule; service-account-token Secrets without data have nothing to report.',
    remediation:
      'Do not commit Secret values. Keep them in a secret manager and let External Secrets Operator, the Secrets Store ' +
      'CSI driver (e.g. with the Azure Key Vault provider) or Vault sync them into the cluster, or encrypt the manifest ' +
      '(`palisade secrets encrypt`, SOPS, Sealed Secrets). Rotate any credential that was committed: removing it from ' +
      'the file does not remove it from Git history.',
    references: [
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
      'https://attack.mitre.org/techniques/T1552/001/',
      'https://external-secrets.io/latest/',
      'https://secrets-store-csi-driver.sigs.k8s.io/',
    ],
  },
  check(obj, ctx) {
    if (!isCoreSecret(obj)) return;
    const encryption = manifestEncryption(obj);
    const producer = encryption ? undefined : secretProducer(obj, ctx.index);
    const credit = encryption
      ? `the manifest is ${encryption}-encrypted`
      : producer
        ? `it is produced by ${producer}`
        : undefined;
    for (const field of ['data', 'stringData'] as const) {
      const values = obj.value[field];
      if (!isRecord(values)) continue;
      for (const [key, raw] of Object.entries(values)) {
        if (typeof raw !== 'string') continue;
        const what = judge(field, key, raw, credit !== undefined);
        if (!what) continue;
        const where = `Secret key "${key}" (${field})`;
        ctx.report({
          path: [field, key],
          message: credit
            ? `${where} holds ${what} in plaintext, although ${credit}: the committed value is in Git history`
            : `${where} ${what === PLAIN ? `is committed in plaintext${field === 'data' ? ' (base64 is an encoding, not encryption)' : ''}` : `holds ${what} in plaintext`}`,
        });
      }
    }
  },
});

const PLAIN = 'a plaintext value';

/** What the value holds when it should be reported: a detection ("a GitHub token"), PLAIN, or
 *  "a binary value (N bytes)"; undefined when it is not a committed secret. */
function judge(field: Field, key: string, raw: string, credited: boolean): string | undefined {
  if (encryptionOf(raw)) return undefined;
  let text: string | undefined;
  if (field === 'data') {
    if (isTemplated(raw)) return undefined;
    const decoded = decodeSecretData(raw);
    if (decoded.kind === 'binary')
      return credited || isTrustStoreKey(key) ? undefined : `a binary value (${decoded.bytes} bytes)`;
    // Not base64: the API server rejects it, but the value is in the file as written.
    text = decoded.kind === 'text' ? decoded.text : raw;
  } else text = raw;

  if (encryptionOf(text)) return undefined;
  const found = detectCredential(text);
  if (found && !(credited && found.kind === 'identifier')) return found.what;
  if (credited || isPublicMaterial(text)) return undefined;
  if (text.trim().includes('\n')) {
    // A whole configuration file kept in a Secret: reported for the credential it holds, if any
    // (each setting judged on its own, so one templated line does not excuse a literal one).
    const setting = embeddedCredential(text);
    return setting ? `a credential in its "${setting}" setting` : undefined;
  }
  if (isPlaceholder(text) || isReference(text) || isInertValue(text) || isProse(text) || isPublicSecretKey(key)) return undefined;
  return PLAIN;
}
