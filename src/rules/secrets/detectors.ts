/**
 * Credential detection for the secrets rules: high-confidence value patterns (found anywhere in a
 * value), key names that look like credentials, and what is NOT a credential (templated
 * placeholders, encrypted values, references to secret stores, public certificates, inert scalars).
 *
 * Two kinds of evidence, kept apart on purpose:
 *  - a *pattern* (PEM private key, AWS key id, GitHub/Slack/Google tokens, JWT, Azure account key,
 *    URL with a password) says "this is a credential" whatever the key is called;
 *  - a *key name* (DB_PASSWORD, apiKey, client_secret) only says "this might be one": the value
 *    must then look like a real secret — not a placeholder, boolean, number, path, reference, prose
 *    or too short / too repetitive to be one (Shannon entropy, see `looksLikeSecretValue`).
 *
 * Nothing here ever returns or formats the secret itself: messages name what was found, never the value.
 */

// ---------------------------------------------------------------------------------------------
// Entropy

/** Shannon entropy of a string in bits per character (0 for "", log2(n) for n distinct characters). */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...s].length;
  let h = 0;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** A key-name match is reported only for values at least this long... */
export const MIN_SECRET_LENGTH = 6;
/** ...and with at least this much Shannon entropy per character. 2 bits/char rejects values made of
 *  one to four repeated symbols ("xxxxxxxx", "********", "abababab", "aabbccdd") while any real
 *  password of 6+ mostly-distinct characters ("hunter22" 2.75, "Summer2024!" 3.1) passes. */
export const MIN_SECRET_ENTROPY = 2.0;

// ---------------------------------------------------------------------------------------------
// What is not a credential value

/** Values encrypted in the file: SOPS (`ENC[AES256_GCM,data:...,iv:...,tag:...,type:str]`) and
 *  Palisade (`ENC[v1,...]`, issue 8's envelope format). */
export function encryptionOf(value: string): 'SOPS' | 'Palisade' | undefined {
  const v = value.trim();
  if (/^ENC\[AES256_GCM,[\s\S]*\]$/.test(v)) return 'SOPS';
  if (/^ENC\[v\d+,[\s\S]*\]$/.test(v)) return 'Palisade';
  return undefined;
}

/** Deploy-time templating anywhere in the value: the real value is substituted later. Bounded
 *  (no lazy `[\s\S]*?`) so that a large value full of openers stays linear. */
const TEMPLATE_MARKERS: readonly RegExp[] = [
  /\$\{[^}\s][^}]{0,200}\}/, // ${VAR}, ${VAR:-default} (envsubst, Flux postBuild, Docker Compose)
  /\$\([A-Za-z_][A-Za-z0-9_]*\)/, // $(VAR): Kubernetes dependent environment variables
  /\{\{[^{}]*\}\}/, // {{ .Values.x }}: Helm, Go templates, Jinja, Mustache
  /\{%[^%]*%\}/, // {% ... %}: Jinja blocks
  /#\{[^}]{1,200}\}/, // #{VAR}#: Octopus / Azure DevOps replace-tokens
  /__[A-Z][A-Z0-9_]*__/, // __VAR__: token replacement
  /<%=?[^%]*%>/, // ERB
];

const PLACEHOLDER_WORDS = new Set(
  [
    'changeme',
    'changeit',
    'changethis',
    'replaceme',
    'replacethis',
    'password',
    'passw0rd',
    'pass',
    'secret',
    'mysecret',
    'mypassword',
    'yourpassword',
    'token',
    'mytoken',
    'yourtoken',
    'apikey',
    'yourapikey',
    'myapikey',
    'key',
    'example',
    'sample',
    'dummy',
    'fake',
    'test',
    'testing',
    'foo',
    'bar',
    'foobar',
    'baz',
    'placeholder',
    'redacted',
    'removed',
    'hidden',
    'masked',
    'todo',
    'tbd',
    'fixme',
    'none',
    'null',
    'nil',
    'undefined',
    'notset',
    'unset',
    'empty',
    'default',
    'value',
    'string',
    'secretvalue',
    'xxx',
  ].map((w) => w.toLowerCase()),
);

const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /^<[^<>]*>$/, // <REPLACE_ME>, <your-password>
  /<(?:replace|change|your|insert|enter|put|add|fill|set|todo|placeholder)[^<>]*>/i,
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^(.)\1*$/s, // one repeated character: xxxxxx, ******, ......, ------
  /example/i, // documentation values: AKIAIOSFODNN7EXAMPLE, user:pass@db.example.com
  // your-api-key, my_token, YOUR_SECRET_KEY, my-db-password
  /^(?:your|my)[-_ ]?(?:[a-z0-9]+[-_ ])*(?:key|token|secret|password|pass|passwd|value|id|apikey|api[-_ ]key|access[-_ ]key|username|user)$/i,
  /(?:^|[-_ .])here$/i, // TOKEN_HERE, put-key-here
  /^(?:replace|change|insert|enter|fill|set|put|add|update)[-_ ]?(?:me|it|this|with|your|in|here|the)\b/i,
  /^(?:dummy|fake|test|sample|placeholder|redacted|mock|example)[-_ ]/i,
];

/** Deploy-time templating anywhere in the value (Helm, envsubst, Kubernetes $(VAR), ...). */
export function isTemplated(value: string): boolean {
  return TEMPLATE_MARKERS.some((re) => re.test(value));
}

/** A templated or placeholder value: nothing real is committed. Multi-line values (whole files)
 *  are placeholders only when templated; the word and pattern lists apply to one-line values. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (isTemplated(v)) return true;
  if (v.includes('\n')) return false;
  const word = v.toLowerCase().replace(/[-_ .]/g, '');
  if (PLACEHOLDER_WORDS.has(word)) return true;
  return PLACEHOLDER_PATTERNS.some((re) => re.test(v));
}

/** A reference to a secret kept elsewhere, resolved at runtime by a manager or webhook. */
const REFERENCE_PATTERNS: readonly RegExp[] = [
  /^>?>?vault:\S+$/, // Bank-Vaults webhook (vault:secret/data/app#key) and Vault transit ciphertext (vault:v1:...)
  /^ref\+[a-z0-9]+:\/\/\S+$/i, // vals / helmfile: ref+vault://, ref+awssecrets://, ref+azurekeyvault://
  /^arn:aws[a-z-]*:(?:secretsmanager|ssm|kms):\S+$/, // AWS Secrets Manager / SSM parameter / KMS ARNs
  /^@Microsoft\.KeyVault\(.*\)$/i, // Azure Key Vault reference syntax
  /^[a-z0-9-]+@azurekeyvault(?:\?\S*)?$/i, // akv2k8s env injection
  /^https:\/\/[a-z0-9-]+\.vault\.azure\.(?:net|cn|us)\/secrets\/\S+$/i, // Key Vault secret URI
  /^(?:sm|berglas):\/\/\S+$/, // Berglas / Google Secret Manager
  /^projects\/[^/\s]+\/secrets\/[^/\s]+(?:\/versions\/[^/\s]+)?$/, // Google Secret Manager resource name
];

export function isReference(value: string): boolean {
  const v = value.trim();
  return REFERENCE_PATTERNS.some((re) => re.test(v));
}

const BOOLEAN_LIKE = new Set([
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'enabled',
  'disabled',
  'enable',
  'disable',
  '~',
]);

/** Scalars that cannot be a credential: booleans, numbers, durations, quantities, file paths. */
export function isInertValue(value: string): boolean {
  const v = value.trim();
  if (BOOLEAN_LIKE.has(v.toLowerCase())) return true;
  if (/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/.test(v)) return true; // numbers
  if (/^0x[0-9a-fA-F]{1,8}$/.test(v)) return true; // small hex numbers (masks, flags)
  if (/^\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d|w)$/.test(v)) return true; // durations
  if (/^\d+(?:\.\d+)?(?:Ki|Mi|Gi|Ti|Pi|Ei|k|K|M|G|T|P|E)$/.test(v)) return true; // quantities
  if (/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) return true; // dates, RFC 3339
  return isFilePath(v);
}

/** `/var/run/secrets/token`, `./creds.json`, `~/.aws/credentials`, `file:///x`, `C:\x`: a path
 *  names where a secret is, it is not one. Base64-looking single segments ("/Xk9mP2vLq8R...")
 *  are not taken as paths. */
export function isFilePath(value: string): boolean {
  const v = value.trim();
  if (/^file:\/\/\S+$/.test(v)) return true;
  if (/^[A-Za-z]:\\[^\s]*$/.test(v)) return true;
  const m = /^(?:~|\.{1,2})?(\/[\w.@+-]+)+\/?$/.exec(v);
  if (!m) return false;
  return v.split('/').every((seg) => !(seg.length >= 16 && shannonEntropy(seg) >= 3.5 && /\d/.test(seg) && /[A-Z]/.test(seg)));
}

// ---------------------------------------------------------------------------------------------
// PEM and other public material

export interface PemBlock {
  label: string;
  /** Number of base64 characters in the body (a placeholder body has few). */
  bodyChars: number;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)(?:-----END \1-----|$)/g;

export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    // JSON-embedded keys carry "\n" escapes: drop them before counting.
    const body = (m[2] ?? '').replace(/\\n/g, '').replace(/[^A-Za-z0-9+/=]/g, '');
    out.push({ label: m[1]!.trim(), bodyChars: body.length });
  }
  return out;
}

const isPrivateLabel = (label: string) => /PRIVATE KEY/.test(label);
const PUBLIC_PEM_LABELS = new Set([
  'CERTIFICATE',
  'TRUSTED CERTIFICATE',
  'X509 CERTIFICATE',
  'X509 CRL',
  'CERTIFICATE REQUEST',
  'NEW CERTIFICATE REQUEST',
  'PUBLIC KEY',
  'RSA PUBLIC KEY',
  'SSH2 PUBLIC KEY',
  'PGP PUBLIC KEY BLOCK',
  'PGP SIGNATURE',
  'DH PARAMETERS',
  'EC PARAMETERS',
]);

const SSH_PUBLIC_KEY_LINE =
  /^(?:\S+\s+)?(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp(?:256|384|521)|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)\s+AAAA[0-9A-Za-z+/]+=*(?:\s.*)?$/;

/** Public by construction: only certificates / public keys / CRLs (PEM), SSH public keys or
 *  known_hosts lines. A PEM bundle with a private key among certificates is not public. */
export function isPublicMaterial(text: string): boolean {
  const blocks = pemBlocks(text);
  if (blocks.length > 0) {
    if (!blocks.every((b) => PUBLIC_PEM_LABELS.has(b.label))) return false;
    // Nothing but blocks, blank lines and comment/label lines around them (CA bundles have those).
    const rest = text.replace(PEM_BLOCK, '').trim();
    return rest === '' || rest.split(/\r?\n/).every((l) => l.trim() === '' || /^\s*(#|[A-Za-z][\w .-]*[:=])/.test(l));
  }
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  return lines.length > 0 && lines.every((l) => SSH_PUBLIC_KEY_LINE.test(l));
}

// ---------------------------------------------------------------------------------------------
// High-confidence patterns

export type DetectorId =
  | 'private-key'
  | 'aws-access-key-id'
  | 'github-token'
  | 'slack-token'
  | 'slack-webhook'
  | 'jwt'
  | 'google-api-key'
  | 'azure-account-key'
  | 'gitlab-token'
  | 'stripe-key'
  | 'url-password';

export interface Detection {
  id: DetectorId;
  /** "a PEM private key (RSA PRIVATE KEY)": what was found, never the value. */
  what: string;
  /** `identifier`: half of a credential pair that grants nothing alone (an AWS access key ID);
   *  `secret`: grants access by itself. */
  kind: 'secret' | 'identifier';
}

interface Detector {
  id: DetectorId;
  kind: Detection['kind'];
  find(text: string): string | undefined;
}

const notPlaceholder = (s: string | undefined) => s !== undefined && !isPlaceholder(s);

const DETECTORS: readonly Detector[] = [
  {
    id: 'private-key',
    kind: 'secret',
    find(text) {
      // At least a few lines of key material: "-----BEGIN PRIVATE KEY-----\n...\n-----END..." is a doc placeholder.
      const b = pemBlocks(text).find((x) => isPrivateLabel(x.label) && x.bodyChars >= 64);
      if (b) return `a PEM private key (${b.label})`;
      // Base64 of a PEM block ("LS0tLS1CRUdJTi..."): kubeconfig client-key-data, double-encoded Secret data.
      for (const m of text.matchAll(/LS0tLS1CRUdJTi[A-Za-z0-9+/]{60,}={0,2}/g)) {
        const inner = pemBlocks(Buffer.from(m[0], 'base64').toString('utf8')).find(
          (x) => isPrivateLabel(x.label) && x.bodyChars >= 64,
        );
        if (inner) return `a base64-encoded PEM private key (${inner.label})`;
      }
      return undefined;
    },
  },
  {
    id: 'aws-access-key-id',
    kind: 'identifier',
    find(text) {
      for (const m of text.matchAll(/(?<![A-Z0-9])((?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Z0-9])/g))
        if (notPlaceholder(m[1])) return m[1]!.startsWith('ASIA') ? 'an AWS temporary access key ID' : 'an AWS access key ID';
      return undefined;
    },
  },
  {
    id: 'github-token',
    kind: 'secret',
    find(text) {
      const classic = /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/.exec(text);
      if (classic && notPlaceholder(classic[0])) return 'a GitHub token';
      const fine = /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])/.exec(text);
      if (fine && notPlaceholder(fine[0])) return 'a GitHub fine-grained personal access token';
      return undefined;
    },
  },
  {
    id: 'gitlab-token',
    kind: 'secret',
    find(text) {
      const m = /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/.exec(text);
      return m && notPlaceholder(m[0]) ? 'a GitLab personal access token' : undefined;
    },
  },
  {
    id: 'stripe-key',
    kind: 'secret',
    find(text) {
      const m = /(?<![A-Za-z0-9_])[sr]k_live_[0-9A-Za-z]{24,}(?![A-Za-z0-9_])/.exec(text);
      return m && notPlaceholder(m[0]) ? 'a Stripe live secret key' : undefined;
    },
  },
  {
    id: 'slack-token',
    kind: 'secret',
    find(text) {
      const m = /(?<![A-Za-z0-9])xox[abpr]-[0-9]{6,}-[A-Za-z0-9-]{8,}/.exec(text);
      return m && notPlaceholder(m[0]) ? 'a Slack token' : undefined;
    },
  },
  {
    id: 'slack-webhook',
    kind: 'secret',
    find(text) {
      const m = /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{20,}/.exec(text);
      return m && notPlaceholder(m[0]) ? 'a Slack incoming-webhook URL' : undefined;
    },
  },
  {
    id: 'jwt',
    kind: 'secret',
    find(text) {
      for (const m of text.matchAll(/(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,})\.([A-Za-z0-9_-]{4,})\.([A-Za-z0-9_-]*)/g)) {
        if (jwtHeader(m[1]!)) return 'a JSON Web Token';
      }
      return undefined;
    },
  },
  {
    id: 'google-api-key',
    kind: 'secret',
    find(text) {
      const m = /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/.exec(text);
      return m && notPlaceholder(m[0]) ? 'a Google API key' : undefined;
    },
  },
  {
    id: 'azure-account-key',
    kind: 'secret',
    find(text) {
      // Storage (AccountKey=) and Service Bus / Event Hubs / IoT Hub (SharedAccessKey=) connection strings.
      for (const m of text.matchAll(/(?:^|[;\s"'])(AccountKey|SharedAccessKey)=([A-Za-z0-9+/]{20,}={0,2})(?=$|[;\s"'])/g)) {
        if (notPlaceholder(m[2]))
          return m[1] === 'AccountKey'
            ? 'an Azure storage account key (AccountKey=)'
            : 'an Azure shared access key (SharedAccessKey=)';
      }
      return undefined;
    },
  },
  {
    id: 'url-password',
    kind: 'secret',
    find(text) {
      for (const m of text.matchAll(/\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^\s:@/?#]*):([^\s@/?#]+)@([^\s/?#]+)/g)) {
        const password = safeDecode(m[2]!);
        if (isPlaceholder(password) || /^\d{1,5}$/.test(password)) continue; // host:port@... is no password
        if (/example/i.test(m[3]!)) continue; // documentation hosts: db.example.com
        return 'a URL with an embedded password (user:password@host)';
      }
      return undefined;
    },
  },
];

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The decoded JOSE header of a JWT candidate when it is a JSON object with a string "alg". */
function jwtHeader(part: string): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (json && typeof json === 'object' && !Array.isArray(json) && typeof (json as Record<string, unknown>).alg === 'string')
      return json as Record<string, unknown>;
  } catch {
    // not JSON: not a JWT
  }
  return undefined;
}

/** The first high-confidence credential found anywhere in the text. */
export function detectCredential(text: string): Detection | undefined {
  for (const d of DETECTORS) {
    const what = d.find(text);
    if (what) return { id: d.id, what, kind: d.kind };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Key names

/** Splits a key name into lowercase words: `DB_PASSWORD` -> [db, password], `apiKey` -> [api, key],
 *  `tls.crt` -> [tls, crt], `ConnectionStrings__Default` -> [connection, strings, default]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

const CREDENTIAL_WORDS = new Set([
  'password',
  'passwd',
  'passphrase',
  'pass',
  'secret',
  'secrets',
  'token',
  'tokens',
  'credential',
  'credentials',
  'creds',
  'apikey',
  'dsn',
]);
/** Word pairs: api key, access key, ... ("key" alone is too common: cache keys, sort keys). */
const CREDENTIAL_PAIRS: readonly (readonly [string, string])[] = [
  ['api', 'key'],
  ['access', 'key'],
  ['private', 'key'],
  ['secret', 'key'],
  ['client', 'secret'],
  ['encryption', 'key'],
  ['signing', 'key'],
  ['master', 'key'],
  ['account', 'key'],
  ['auth', 'key'],
  ['fernet', 'key'],
  ['connection', 'string'],
  ['connection', 'strings'],
];
/** Single words ending like a credential: pgpassword, githubtoken, clientsecret, accountkey. */
const CREDENTIAL_SUFFIXES = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'accesskey',
  'privatekey',
  'accountkey',
  'credentials',
  'connectionstring',
  'connectionstrings',
];

/** Kinds of credential a key name points at; `connection` values are judged by what they embed. */
export type CredentialKind = 'password' | 'secret' | 'connection';

/** Last words that make a credential-sounding name describe something else: DB_PASSWORD_FILE,
 *  TOKEN_URL, SECRET_NAME, PASSWORD_MIN_LENGTH, API_KEY_HEADER, TOKEN_TTL, ACCESS_KEY_ID. */
const QUALIFIERS = new Set([
  'file',
  'files',
  'path',
  'paths',
  'dir',
  'directory',
  'mount',
  'name',
  'names',
  'url',
  'uri',
  'endpoint',
  'host',
  'hostname',
  'port',
  'length',
  'len',
  'size',
  'min',
  'max',
  'minimum',
  'maximum',
  'ttl',
  'expiry',
  'expiration',
  'expires',
  'lifetime',
  'timeout',
  'interval',
  'period',
  'duration',
  'age',
  'enabled',
  'enable',
  'disabled',
  'disable',
  'required',
  'type',
  'types',
  'header',
  'id',
  'ids',
  'ref',
  'version',
  'policy',
  'mode',
  'format',
  'location',
  'count',
  'namespace',
  'field',
  'prefix',
  'suffix',
  'provider',
  'store',
  'backend',
  'engine',
  'source',
  'method',
  'strategy',
  'algorithm',
  'alg',
  'hasher',
  'hash',
  'hashed',
  'encrypted',
  'audience',
  'issuer',
  'scope',
  'scopes',
  'label',
  'selector',
  'annotation',
  'kind',
  'class',
  'template',
  'rotation',
  'hint',
  'pattern',
  'regex',
  'rule',
  'rules',
  'level',
  'strength',
  'validation',
  'reset',
  'retries',
  'attempts',
  'message',
  'msg',
  'text',
  'description',
  'help',
  'title',
  'config',
  'configuration',
  'settings',
  'conf',
  'schema',
  'encoder',
  'encoding',
  'scheme',
  'complexity',
  'validator',
  'generator',
  'manager',
  'service',
  'handler',
  'plugin',
  'driver',
  'storage',
  'cache',
  'arn',
  'role',
  'user',
  'username',
  'login',
  'key', // "SECRET_KEY" is caught as the pair [secret, key]; a bare trailing "key" (TOKEN_KEY) names a lookup key
]);

const FILE_EXTENSIONS = /\.(?:txt|json|ya?ml|conf|cfg|ini|env|properties|toml|xml)$/i;

/** The credential a key name points at, or undefined. `keyName` may carry a file extension
 *  (ConfigMap keys are often file names: "credentials.json", "password.txt"). */
export function credentialKeyKind(keyName: string): CredentialKind | undefined {
  const words = nameWords(keyName.replace(FILE_EXTENSIONS, ''));
  if (words.length === 0) return undefined;
  const last = words[words.length - 1]!;
  // SECRET_KEY / API_KEY / ACCESS_KEY end in "key" but are credentials: check pairs before qualifiers.
  const pairAt = (i: number) => CREDENTIAL_PAIRS.some(([a, b]) => words[i] === a && words[i + 1] === b);
  const endsWithPair = words.length >= 2 && pairAt(words.length - 2);
  if (!endsWithPair && QUALIFIERS.has(last)) {
    // "secret_id" of Vault AppRole is a secret despite ending in "id".
    if (!(last === 'id' && words[words.length - 2] === 'secret')) return undefined;
  }
  const kinds = new Set<CredentialKind>();
  words.forEach((w, i) => {
    if (pairAt(i)) kinds.add(w === 'connection' ? 'connection' : 'secret');
    if (CREDENTIAL_WORDS.has(w)) kinds.add(w === 'dsn' ? 'connection' : w.startsWith('pass') ? 'password' : 'secret');
    else if (CREDENTIAL_SUFFIXES.some((s) => w.length > s.length && w.endsWith(s)))
      kinds.add(/connectionstrings?$/.test(w) ? 'connection' : /pass(?:word|wd|phrase)$/.test(w) ? 'password' : 'secret');
  });
  // A connection string is judged by what it embeds; a password by its strength of evidence.
  return kinds.has('connection') ? 'connection' : kinds.has('password') ? 'password' : kinds.has('secret') ? 'secret' : undefined;
}

// ---------------------------------------------------------------------------------------------
// Judging a value found under a credential-looking key

/** Embedded secrets in connection strings: `Password=...;`, `pwd=...`, URL userinfo passwords. */
export function connectionStringSecret(value: string): boolean {
  for (const m of value.matchAll(/(?:^|[;\s?&])(?:password|pwd|accountkey|sharedaccesskey|secret|client_secret)=([^;&\s]+)/gi))
    if (!isPlaceholder(m[1]!.replace(/^["']|["']$/g, ''))) return true;
  return detectCredential(value)?.id === 'url-password';
}

/** One `key: value` / `key = value` / `"key": "value",` setting per line (YAML, INI, properties,
 *  dotenv, JSON): the first credential-named setting with a real value, as its key. For values that
 *  are whole configuration files: they hold a credential only when such a setting (or a pattern)
 *  is in them, not for being kept in a Secret. */
const SETTING_LINE = /^\s*(?:-\s+)?(?:export\s+)?(["']?)([A-Za-z_][\w.-]*)\1\s*[:=]\s*(.*)$/;

export function embeddedCredential(text: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    const m = SETTING_LINE.exec(line);
    if (!m) continue;
    const key = m[2]!;
    const kind = credentialKeyKind(key);
    if (!kind) continue;
    let value = m[3]!.trim().replace(/,$/, '').trim();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2]!;
    else value = value.replace(/\s+[#;].*$/, ''); // trailing comments of YAML / INI
    if (value === '' || /^[|>[{&*!]/.test(value)) continue; // block scalars, nested structures, anchors, tags
    if (looksLikeSecretValue(kind, value).report) return key;
  }
  return undefined;
}

/** Sentences ("Your password must contain at least ...", "The default bootstrap token generated
 *  by 'kubeadm init'."): four or more words of letters and punctuation. */
export function isProse(value: string): boolean {
  return /^[A-Za-z'"][A-Za-z,.;:'"!?()-]*(?: [A-Za-z,.;:'"!?()-]+){3,}$/.test(value.trim());
}

export interface ValueVerdict {
  report: boolean;
  /** Why not (for tests and debugging). */
  reason?:
    'placeholder' | 'encrypted' | 'reference' | 'inert' | 'url' | 'no-embedded-secret' | 'prose' | 'identifier' | 'word' | 'weak';
}

/** Does a value under a credential-looking key look like a real, committed secret? */
export function looksLikeSecretValue(kind: CredentialKind, value: string): ValueVerdict {
  const v = value.trim();
  if (encryptionOf(v)) return { report: false, reason: 'encrypted' };
  if (isPlaceholder(v)) return { report: false, reason: 'placeholder' };
  if (isReference(v)) return { report: false, reason: 'reference' };
  if (isInertValue(v)) return { report: false, reason: 'inert' };
  if (kind === 'connection')
    return connectionStringSecret(v) ? { report: true } : { report: false, reason: 'no-embedded-secret' };
  // An endpoint, not a credential (a URL *with* a password is a pattern match, found before this).
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/\S+$/.test(v)) return { report: false, reason: 'url' };
  if (isProse(v)) return { report: false, reason: 'prose' };
  // SECRET / TOKEN / CREDENTIALS keys often name another object ("db-credentials", "tls-secret").
  if (kind === 'secret' && /^[a-z][a-z0-9]*(?:[-.][a-z][a-z0-9]*)+$/.test(v)) return { report: false, reason: 'identifier' };
  if ([...v].length < MIN_SECRET_LENGTH || shannonEntropy(v) < MIN_SECRET_ENTROPY) return { report: false, reason: 'weak' };
  // One short lowercase word: a setting ("bcrypt", "vault", "kubernetes") or a wordlist password.
  if (/^[a-z]{1,12}$/.test(v)) return { report: false, reason: 'word' };
  return { report: true };
}

// ---------------------------------------------------------------------------------------------
// Secret data values

export type DecodedValue = { kind: 'text'; text: string } | { kind: 'binary'; bytes: number } | { kind: 'invalid' };

/** Decodes a Secret `data` value as the API server does (standard base64, line breaks ignored). */
export function decodeSecretData(value: string): DecodedValue {
  const compact = value.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return { kind: 'invalid' };
  const buf = Buffer.from(compact, 'base64');
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    // Control characters other than tab / line breaks: binary (keystores, DER, images).
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text)) return { kind: 'binary', bytes: buf.length };
    return { kind: 'text', text };
  } catch {
    return { kind: 'binary', bytes: buf.length };
  }
}

/** Secret keys that hold public metadata, not secret material (only when no pattern matched the
 *  value): usernames, hosts, ports, database names, namespaces, regions, endpoints, ids; CA
 *  bundles and trust stores. */
const PUBLIC_SECRET_KEY_LAST_WORDS = new Set([
  'user',
  'username',
  'login',
  'email',
  'host',
  'hostname',
  'server',
  'port',
  'database',
  'db',
  'dbname',
  'namespace',
  'region',
  'location',
  'zone',
  'endpoint',
  'url',
  'uri',
  'name',
  'bucket',
  'id',
  'type',
  'description',
  'expiration',
  'group',
  'groups',
]);
const PUBLIC_SECRET_KEY_SUFFIXES = ['username', 'user', 'hostname', 'host', 'port', 'endpoint', 'region', 'namespace', 'name'];

export function isPublicSecretKey(key: string): boolean {
  const words = nameWords(key);
  const last = words[words.length - 1];
  if (!last || credentialKeyKind(key)) return false;
  if (PUBLIC_SECRET_KEY_LAST_WORDS.has(last)) return true;
  return words.length === 1 && PUBLIC_SECRET_KEY_SUFFIXES.some((s) => last.length > s.length && last.endsWith(s));
}

/** Binary values that are trust stores (public CA certificates), by key name. */
export function isTrustStoreKey(key: string): boolean {
  return /(?:^|[^a-z])(?:ca|cacerts?|truststore|trust-store|trust_store|ca-bundle|ca_bundle|cabundle)(?:[^a-z]|$)|\.(?:crt|cer|pub)$/i.test(
    key,
  );
}
