/**
 * The on-disk format of encrypted Secrets, version 1 (documented in docs/secrets.md).
 *
 * Only strings and bytes live here: the parsing and rendering of `ENC[...]` values and of the
 * `palisade.dev/encryption` annotation, and the exact byte layouts that AAD and the MAC cover.
 * Anything that changes these bytes is a new format version, never an edit of v1.
 */

export const FORMAT_VERSION = 1;
export const ANNOTATION = 'palisade.dev/encryption';
export const ALGORITHM = 'AES-256-GCM';
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const DEK_BYTES = 32;

/** Every failure the secrets code reports: the CLI prints the message and exits 2. */
export class SecretsError extends Error {
  constructor(
    message: string,
    /** `data.KEY` or `stringData.KEY` when one value is at fault. */
    readonly valuePath?: string,
  ) {
    super(message);
  }
}

export type Section = 'data' | 'stringData';
export const SECTIONS: readonly Section[] = ['data', 'stringData'];

export interface EncValue {
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** Standard base64 with padding: its alphabet has no `,`, `[` or `]`, so the separators below
 *  are unambiguous and every field has exactly one spelling (checked on parse). */
const B64 = '[A-Za-z0-9+/]*={0,2}';
const ENC_RE = new RegExp(`^ENC\\[v(\\d+),(${B64}),(${B64}),(${B64})\\]$`);
/** Anything that starts like an encrypted value, so a truncated one is an error and never
 *  mistaken for plaintext (which would then be encrypted again). */
export const looksEncrypted = (s: string): boolean => s.startsWith('ENC[');

function strictBase64(s: string, what: string, valuePath: string): Buffer {
  const b = Buffer.from(s, 'base64');
  // Node's decoder skips junk silently; re-encoding catches bad padding and stray characters.
  if (b.toString('base64') !== s) throw new SecretsError(`${valuePath}: malformed ${what} in ENC value`, valuePath);
  return b;
}

export function formatEnc(v: EncValue): string {
  return `ENC[v${FORMAT_VERSION},${v.nonce.toString('base64')},${v.ciphertext.toString('base64')},${v.tag.toString('base64')}]`;
}

export function parseEnc(s: string, valuePath: string): EncValue {
  const m = ENC_RE.exec(s);
  if (!m) throw new SecretsError(`${valuePath}: malformed ENC value (truncated or edited by hand?)`, valuePath);
  if (Number(m[1]) !== FORMAT_VERSION)
    throw new SecretsError(
      `${valuePath}: unknown value format version v${m[1]} (this Palisade reads v${FORMAT_VERSION}; upgrade Palisade)`,
      valuePath,
    );
  const nonce = strictBase64(m[2]!, 'nonce', valuePath);
  const ciphertext = strictBase64(m[3]!, 'ciphertext', valuePath);
  const tag = strictBase64(m[4]!, 'tag', valuePath);
  if (nonce.length !== NONCE_BYTES)
    throw new SecretsError(`${valuePath}: nonce is ${nonce.length} bytes, expected ${NONCE_BYTES} (truncated?)`, valuePath);
  if (tag.length !== TAG_BYTES)
    throw new SecretsError(`${valuePath}: tag is ${tag.length} bytes, expected ${TAG_BYTES} (truncated?)`, valuePath);
  return { nonce, ciphertext, tag };
}

/** One wrapped copy of the data key. `provider` selects the code, `kid` the key (never a
 *  path or credential: those differ per machine and come from --key). */
export interface Recipient {
  provider: string;
  kid: string;
  wrapped: string;
}

/** What the annotation holds. Field order is fixed by {@link formatMeta} so diffs stay stable. */
export interface EncryptionMeta {
  v: number;
  alg: string;
  /** When the data key was made (UTC, seconds): rotation policy reads it. */
  created: string;
  /** apiVersion, kind, namespace, name at encryption: lets a rename be reported as a rename. */
  ctx: ObjectContext;
  recipients: Recipient[];
  /** base64 HMAC-SHA256, see {@link macInput}. */
  mac: string;
}

export interface ObjectContext {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

export function formatMeta(m: EncryptionMeta): string {
  return JSON.stringify({
    v: m.v,
    alg: m.alg,
    created: m.created,
    ctx: [m.ctx.apiVersion, m.ctx.kind, m.ctx.namespace, m.ctx.name],
    recipients: m.recipients.map((r) => ({ provider: r.provider, kid: r.kid, wrapped: r.wrapped })),
    mac: m.mac,
  });
}

const isStr = (x: unknown): x is string => typeof x === 'string';

export function parseMeta(text: unknown): EncryptionMeta {
  if (!isStr(text)) throw new SecretsError(`annotation ${ANNOTATION} is not a string`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new SecretsError(`annotation ${ANNOTATION} is not valid JSON (truncated or edited?)`);
  }
  if (typeof raw !== 'object' || raw === null) throw new SecretsError(`annotation ${ANNOTATION} is not a JSON object`);
  const o = raw as Record<string, unknown>;
  // The version first: a newer format may change every other field.
  if (o.v !== FORMAT_VERSION)
    throw new SecretsError(
      `unknown encryption format version ${JSON.stringify(o.v)} (this Palisade reads ${FORMAT_VERSION}; upgrade Palisade)`,
    );
  if (o.alg !== ALGORITHM) throw new SecretsError(`unsupported algorithm ${JSON.stringify(o.alg)} (expected ${ALGORITHM})`);
  const ctx = o.ctx;
  const recipients = o.recipients;
  if (
    !isStr(o.created) ||
    !isStr(o.mac) ||
    !Array.isArray(ctx) ||
    ctx.length !== 4 ||
    !ctx.every(isStr) ||
    !Array.isArray(recipients) ||
    recipients.length === 0
  )
    throw new SecretsError(`annotation ${ANNOTATION} is missing fields (truncated or edited?)`);
  const rs: Recipient[] = recipients.map((r: unknown) => {
    const x = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
    if (!isStr(x.provider) || !isStr(x.kid) || !isStr(x.wrapped))
      throw new SecretsError(`annotation ${ANNOTATION} has a malformed recipient`);
    return { provider: x.provider, kid: x.kid, wrapped: x.wrapped };
  });
  const [apiVersion, kind, namespace, name] = ctx as [string, string, string, string];
  return { v: o.v, alg: o.alg, created: o.created, ctx: { apiVersion, kind, namespace, name }, recipients: rs, mac: o.mac };
}

/** Length-prefixed concatenation: no field can run into its neighbour, whatever it holds. */
export function lengthPrefixed(parts: readonly (string | Buffer)[]): Buffer {
  const bufs: Buffer[] = [];
  for (const p of parts) {
    const b = typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    bufs.push(len, b);
  }
  return Buffer.concat(bufs);
}

/** AAD of one value: binds it to its object and key, so a copy elsewhere fails to decrypt. */
export function valueAad(ctx: ObjectContext, section: Section, key: string): Buffer {
  return lengthPrefixed([
    `palisade-secrets/v${FORMAT_VERSION}/value`,
    ctx.apiVersion,
    ctx.kind,
    ctx.namespace,
    ctx.name,
    section,
    key,
  ]);
}

export interface MacEntry {
  section: Section;
  key: string;
  /** The `ENC[...]` text exactly as stored. */
  enc: string;
}

/** What the MAC covers: version, key age, object, and every value with its path in file order,
 *  so removing, adding, reordering or swapping values changes it. Recipients are not covered:
 *  each wrapped key is authenticated by its own wrap, and re-wrapping must not touch values. */
export function macInput(meta: Pick<EncryptionMeta, 'v' | 'created' | 'ctx'>, entries: readonly MacEntry[]): Buffer {
  const parts: string[] = [
    `palisade-secrets/v${FORMAT_VERSION}/mac`,
    String(meta.v),
    meta.created,
    meta.ctx.apiVersion,
    meta.ctx.kind,
    meta.ctx.namespace,
    meta.ctx.name,
    String(entries.length),
  ];
  for (const e of entries) parts.push(e.section, e.key, e.enc);
  return lengthPrefixed(parts);
}

export const sameContext = (a: ObjectContext, b: ObjectContext): boolean =>
  a.apiVersion === b.apiVersion && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;

export const describeContext = (c: ObjectContext): string =>
  `${c.apiVersion}/${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`;
