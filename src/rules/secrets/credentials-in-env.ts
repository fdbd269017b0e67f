import { apiGroup, containerLabel, containersOf, isRecord, POD_BEARING_KINDS, str } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import {
  credentialKeyKind,
  detectCredential,
  embeddedCredential,
  encryptionOf,
  looksLikeSecretValue,
  type CredentialKind,
} from './detectors.js';
import { workloadSecretManager } from './managers.js';

const LOOKS_LIKE: Readonly<Record<CredentialKind, string>> = {
  password: 'a password',
  secret: 'a secret, token or key',
  connection: 'a connection string with an embedded secret',
};

/** What a literal holds, when it is a credential; `credited` keeps only pattern matches. */
function judge(name: string, value: string, credited: boolean): string | undefined {
  if (encryptionOf(value)) return undefined;
  const found = detectCredential(value);
  if (found && !(credited && found.kind === 'identifier')) return `holds ${found.what}`;
  if (credited) return undefined;
  if (value.trim().includes('\n')) {
    // A configuration file (ConfigMap data, rarely env): judged by the settings in it.
    const setting = embeddedCredential(value);
    return setting ? `holds a credential in its "${setting}" setting` : undefined;
  }
  const kind = credentialKeyKind(name);
  if (!kind || !looksLikeSecretValue(kind, value).report) return undefined;
  return `has a literal value that looks like ${LOOKS_LIKE[kind]} (by its name)`;
}

export default defineRule({
  meta: {
    id: 'credentials-in-env',
    title: 'Credentials must not be literals in env or ConfigMaps',
    severity: 'high',
    category: 'secrets',
    targets: [...POD_BEARING_KINDS, 'ConfigMap'],
    needs: 'object',
    controls: [
      { framework: 'mitre', id: 'T1552.001' },
      { framework: 'mitre', id: 'T1552.007' },
      { framework: 'soc2', id: 'CC6.1' },
      { framework: 'pci-dss', id: '8.3.2' },
    ],
    description:
      'A credential written as a container env literal (env[].value, init and ephemeral containers included) or as ' +
      'ConfigMap data is in plaintext in the repository, in every rendered manifest, and readable by anyone who can ' +
      'get the pod or ConfigMap through the API (MITRE ATT&CK T1552.001 Credentials In Files, T1552.007 Container ' +
      'API). Two kinds of evidence: (1) the value matches a high-confidence pattern, whatever its name — PEM private ' +
      'keys, AWS access key IDs (AKIA/ASIA), GitHub (ghp_/gho_/ghu_/ghs_/ghr_, github_pat_), GitLab (glpat-) and Slack ' +
      '(xoxa/b/p/r-, incoming webhooks) tokens, Stripe live keys, JWTs (the header must decode to JSON with "alg"), ' +
      'Google API keys (AIza...), Azure connection strings with AccountKey= or SharedAccessKey=, URLs with ' +
      'user:password@; (2) the name looks like a credential (password, passwd, pass, passphrase, secret, token, ' +
      'credentials, api key, access key, private key, client secret, secret key, connection string, dsn...) and the ' +
      'value looks like a real secret. For (2), names that describe something else are skipped (…_FILE, …_PATH, …_URL, ' +
      '…_NAME, …_LENGTH, …_TTL, …_ENABLED, …_HEADER, …_ID, …_KEY after a non-credential word...), and so are values ' +
      'that are placeholders (`${VAR}`, `$(VAR)`, `{{ }}`, `<REPLACE_ME>`, changeme, changeit, password, example...), ' +
      'booleans, numbers, durations, file paths (/var/run/secrets/...), URLs without a password, references to a ' +
      'secret store (vault:..., ref+...://, AWS Secrets Manager ARNs, Key Vault references), sentences, object names ' +
      'such as "db-credentials" under SECRET/TOKEN names, values shorter than 6 characters or with less than 2 bits ' +
      'of Shannon entropy per character ("xxxxxxxx", "abababab"), and a single lowercase word of up to 12 letters ' +
      '("bcrypt", "vault", "keycloak": a setting, or a password from every wordlist). `password: changeme` is ' +
      'therefore not reported: a default found on every wordlist discloses nothing by being committed (weak ' +
      'defaults are a different problem). Multi-line values (configuration files in ConfigMaps: ' +
      'application.properties, prometheus.yml, .env) are judged setting by setting (`key: value`, `key = value`, ' +
      '`"key": "value"` lines). Connection strings and DSNs ' +
      'are reported only when they embed a secret (Password=, AccountKey=, user:password@), so a Sentry DSN is not. ' +
      'env entries with valueFrom (secretKeyRef, configMapKeyRef) carry no value and are never reported. Workloads ' +
      'whose secrets come from a manager — the Vault Agent Injector (vault.hashicorp.com/agent-inject parsing as ' +
      'true) or a Secrets Store CSI volume (driver secrets-store.csi.k8s.io, any provider including Azure Key ' +
      'Vault) — are credited: name-based matches are not reported for them, pattern matches still are (except an ' +
      'AWS access key ID alone).',
    remediation:
      'Move the value into a Secret (kept out of Git by a secret manager or encrypted) and reference it with ' +
      'env[].valueFrom.secretKeyRef, or better, mount it as a file. Rotate any credential that was committed.',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables',
      'https://attack.mitre.org/techniques/T1552/001/',
      'https://attack.mitre.org/techniques/T1552/007/',
    ],
  },
  check(obj, ctx) {
    if (obj.id.kind === 'ConfigMap') {
      if (apiGroup(obj.id.apiVersion) !== '' || !isRecord(obj.value.data)) return;
      for (const [key, value] of Object.entries(obj.value.data)) {
        if (typeof value !== 'string') continue;
        const what = judge(key, value, false);
        if (what) ctx.report({ path: ['data', key], message: `ConfigMap key "${key}" ${what}` });
      }
      return;
    }
    const credited = workloadSecretManager(obj) !== undefined;
    for (const c of containersOf(obj)) {
      const env = c.container.env;
      if (!Array.isArray(env)) continue;
      env.forEach((e: unknown, i) => {
        if (!isRecord(e) || typeof e.value !== 'string') return;
        const name = str(e.name) ?? '';
        const what = judge(name, e.value, credited);
        if (what)
          ctx.report({ path: [...c.path, 'env', i, 'value'], message: `env var ${name} of ${containerLabel(c)} ${what}` });
      });
    }
  },
});
