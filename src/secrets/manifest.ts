/**
 * Encrypting and decrypting Secret manifests in place (the YAML side is in document.ts).
 */
import { computeMac, decryptValue, deriveKeys, encryptValue, newDataKey, verifyMac, type DataKeys } from './envelope.js';
import {
  annotationEdit,
  annotationRemoval,
  applyEdits,
  renderEnc,
  renderPlain,
  replaceScalar,
  scanSecrets,
  type Edit,
  type SecretDoc,
} from './document.js';
import {
  ALGORITHM,
  ANNOTATION,
  FORMAT_VERSION,
  SecretsError,
  describeContext,
  formatEnc,
  formatMeta,
  looksEncrypted,
  parseEnc,
  parseMeta,
  sameContext,
  valueAad,
  type EncryptionMeta,
  type MacEntry,
} from './format.js';
import { isAvailable, isRecipient } from './keys.js';
import type { KeyProvider } from './providers/types.js';

export const fail = (where: string, e: unknown): never => {
  if (e instanceof SecretsError) throw new SecretsError(`${where}: ${e.message}`, e.valuePath);
  throw e;
};

/** `hint` tells the user which option supplies another key, where a command has one. */
export async function unwrapDek(meta: EncryptionMeta, providers: readonly KeyProvider[], hint = ''): Promise<Buffer> {
  const matching = meta.recipients.filter((r) => providers.some((p) => p.id === r.provider && p.keyId === r.kid));
  if (matching.length === 0) {
    const wanted = meta.recipients.map((r) => `${r.provider}:${r.kid}`).join(', ');
    const given = providers.map((p) => p.describe()).join(', ') || 'none';
    throw new SecretsError(`no given key can decrypt it: encrypted for ${wanted}; --key given: ${given}${hint}`);
  }
  let first: unknown;
  for (const r of matching) {
    const p = providers.find((x) => x.id === r.provider && x.keyId === r.kid)!;
    try {
      return await p.unwrap(r.wrapped);
    } catch (e) {
      first ??= e;
    }
  }
  throw first;
}

export function checkContext(d: SecretDoc, meta: EncryptionMeta): void {
  if (!sameContext(meta.ctx, d.ctx))
    throw new SecretsError(
      `encrypted as ${describeContext(meta.ctx)} but is now ${describeContext(d.ctx)}: values are bound to the Secret they were encrypted for (renamed or moved?); decrypt with the old identity and encrypt again`,
    );
}

export interface EncryptOptions {
  /** Recipients for Secrets encrypted for the first time, and credentials for the rest. */
  providers: readonly KeyProvider[];
  /** The file as it was before an edit: ciphertexts of unchanged values are reused from it. */
  previous?: string;
  now?: Date;
}

export interface FileResult {
  text: string;
  /** Per Secret, what happened: for the CLI's summary. */
  notes: string[];
  changed: boolean;
}

/** Encrypts every plaintext value of every Secret in a file. Already encrypted values are
 *  verified and kept as they are; values equal to their previous plaintext keep their
 *  previous ciphertext. Throws SecretsError; never returns a partial result. */
export async function encryptText(text: string, file: string, opts: EncryptOptions): Promise<FileResult> {
  const docs = scanSecrets(text, file);
  const previous = opts.previous === undefined ? undefined : previousCiphertexts(opts.previous, file);
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const d of docs) {
    try {
      const note = await encryptDoc(text, d, opts, previous, edits);
      notes.push(`${d.where}: ${note}`);
    } catch (e) {
      fail(d.where, e);
    }
  }
  return { text: applyEdits(text, edits), notes, changed: edits.length > 0 };
}

async function encryptDoc(
  text: string,
  d: SecretDoc,
  opts: EncryptOptions,
  previous: Map<string, string> | undefined,
  edits: Edit[],
): Promise<string> {
  // After an edit that removed every value, the annotation needs a MAC over no values.
  if (d.values.length === 0 && !(d.metaNode && previous)) return 'no values, left as is';
  let dek: Buffer;
  let meta: Omit<EncryptionMeta, 'mac'>;
  if (d.metaNode) {
    const old = parseMeta(d.metaNode.value);
    checkContext(d, old);
    dek = await unwrapDek(old, opts.providers);
    meta = { ...old };
  } else {
    if (d.values.some((s) => looksEncrypted(s.value)))
      throw new SecretsError(`has ENC values but no ${ANNOTATION} annotation (was it removed?)`);
    if (opts.providers.length === 0)
      throw new SecretsError('no key to encrypt with: give --key or list secrets.keys in .palisade.yaml');
    dek = newDataKey();
    meta = {
      v: FORMAT_VERSION,
      alg: ALGORITHM,
      created: (opts.now ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z'),
      ctx: d.ctx,
      recipients: await Promise.all(
        opts.providers.map(async (p) => ({ provider: p.id, kid: p.keyId, wrapped: await p.wrap(dek) })),
      ),
    };
  }
  const keys = deriveKeys(dek);
  const entries: MacEntry[] = [];
  /** The values that were encrypted before this run, in file order. */
  const alreadyEncrypted: MacEntry[] = [];
  const mine: Edit[] = [];
  let fresh = 0;
  let reused = 0;
  for (const s of d.values) {
    const aad = valueAad(d.ctx, s.section, s.key);
    if (looksEncrypted(s.value)) {
      // Verified, not trusted: re-encrypting must not launder a tampered value into a new MAC.
      decryptValue(keys, parseEnc(s.value, s.path), aad, s.path);
      entries.push({ section: s.section, key: s.key, enc: s.value });
      alreadyEncrypted.push({ section: s.section, key: s.key, enc: s.value });
      continue;
    }
    const prior = previous?.get(`${describeContext(d.ctx)}\u0000${s.path}`);
    let enc: string | undefined;
    if (prior !== undefined) {
      try {
        if (decryptValue(keys, parseEnc(prior, s.path), aad, s.path) === s.value) enc = prior;
      } catch {
        // Another data key or a damaged old value: encrypt afresh.
      }
    }
    if (enc) reused++;
    else {
      enc = formatEnc(encryptValue(keys, s.value, aad));
      fresh++;
    }
    entries.push({ section: s.section, key: s.key, enc });
    mine.push(replaceScalar(text, s.node, renderEnc(s, enc)));
  }
  const full = { ...meta, mac: (meta as EncryptionMeta).mac };
  if (mine.length === 0) {
    if (verifyMac(keys, full, entries)) return 'already encrypted, unchanged';
    // An edit (the user saw verified plaintext) may remove values: the rest get a new MAC.
    // Anywhere else a mismatch is tampering, and must not be laundered into a fresh MAC.
    if (!previous) throw macError();
  } else if (d.metaNode && !previous) {
    // New plaintext values beside encrypted ones: the encrypted ones must still be exactly the
    // set the old MAC covers (in order), or a removed, reordered or rolled-back value would be
    // vouched for by the new MAC. (With no encrypted value left, e.g. after decrypt --in-place,
    // there is nothing to vouch for.)
    if (alreadyEncrypted.length > 0 && !verifyMac(keys, full, alreadyEncrypted)) throw macError();
  }
  const mac = computeMac(keys, meta, entries);
  edits.push(...mine, annotationEdit(text, d, formatMeta({ ...meta, mac })));
  // Adding recipients re-wraps the DEK: that is `updatekeys`, not a side effect of encrypt.
  const extra = opts.providers.filter((p) => isAvailable(p) && !meta.recipients.some((r) => isRecipient(p, r)));
  const note = extra.length ? ` (not added as recipients: ${extra.map((p) => p.describe()).join(', ')})` : '';
  if (mine.length === 0) return `removed values, new MAC${note}`;
  return `encrypted ${fresh} value(s)${reused ? `, kept ${reused} unchanged ciphertext(s)` : ''}${note}`;
}

export const macError = () =>
  new SecretsError(`MAC mismatch: values were added, removed, reordered or swapped, or the ${ANNOTATION} annotation was edited`);

/** `ns/name` + path -> ENC text, from the file before an edit. */
function previousCiphertexts(text: string, file: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const d of scanSecrets(text, `${file} (previous)`))
    for (const s of d.values) if (looksEncrypted(s.value)) m.set(`${describeContext(d.ctx)}\u0000${s.path}`, s.value);
  return m;
}

export interface DecryptOptions {
  providers: readonly KeyProvider[];
  /** Keep the annotation (in-place decryption: a later `encrypt` reuses the data key). */
  keepAnnotation: boolean;
}

/** Decrypts every encrypted Secret of a file; other documents come back untouched. */
export async function decryptText(text: string, file: string, opts: DecryptOptions): Promise<FileResult> {
  const docs = scanSecrets(text, file);
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const d of docs) {
    try {
      notes.push(`${d.where}: ${await decryptDoc(text, d, opts, edits)}`);
    } catch (e) {
      fail(d.where, e);
    }
  }
  return { text: applyEdits(text, edits), notes, changed: edits.length > 0 };
}

async function decryptDoc(text: string, d: SecretDoc, opts: DecryptOptions, edits: Edit[]): Promise<string> {
  if (!d.metaNode) {
    if (d.values.some((s) => looksEncrypted(s.value)))
      throw new SecretsError(`has ENC values but no ${ANNOTATION} annotation (was it removed?)`);
    return 'not encrypted, left as is';
  }
  const meta = parseMeta(d.metaNode.value);
  checkContext(d, meta);
  const keys: DataKeys = deriveKeys(await unwrapDek(meta, opts.providers));
  const entries: MacEntry[] = [];
  const mine: Edit[] = [];
  for (const s of d.values) {
    if (!looksEncrypted(s.value))
      throw new SecretsError(`${s.path}: value is not encrypted (added after encryption? run palisade secrets encrypt)`, s.path);
    const plain = decryptValue(keys, parseEnc(s.value, s.path), valueAad(d.ctx, s.section, s.key), s.path);
    entries.push({ section: s.section, key: s.key, enc: s.value });
    mine.push(replaceScalar(text, s.node, renderPlain(text, s, plain)));
  }
  // After the values, so a single damaged value is reported by name rather than as a MAC error.
  if (!verifyMac(keys, meta, entries)) throw macError();
  edits.push(...mine);
  if (!opts.keepAnnotation) {
    const r = annotationRemoval(text, d);
    if (r) edits.push(r);
  }
  return `decrypted ${mine.length} value(s)`;
}

export type SecretState = 'encrypted' | 'partly-encrypted' | 'decrypted' | 'plaintext' | 'empty' | 'broken';

export interface SecretStatus {
  where: string;
  line: number;
  namespace: string;
  name: string;
  state: SecretState;
  values: number;
  plaintextValues: string[];
  created?: string;
  recipients?: string[];
  problem?: string;
}

/** What `status` reports; needs no key (nothing is decrypted or verified). */
export function statusText(text: string, file: string): SecretStatus[] {
  return scanSecrets(text, file).map((d) => {
    const plaintextValues = d.values.filter((s) => !looksEncrypted(s.value)).map((s) => s.path);
    const { namespace, name } = d.ctx;
    const base = { where: d.where, line: d.line, namespace, name, values: d.values.length, plaintextValues };
    if (!d.metaNode) {
      if (d.values.length === 0) return { ...base, state: 'empty' };
      if (plaintextValues.length < d.values.length)
        return { ...base, state: 'broken', problem: `ENC values but no ${ANNOTATION} annotation` };
      return { ...base, state: 'plaintext' };
    }
    let meta: EncryptionMeta;
    try {
      meta = parseMeta(d.metaNode.value);
    } catch (e) {
      return { ...base, state: 'broken', problem: e instanceof Error ? e.message : String(e) };
    }
    const recipients = meta.recipients.map((r) => `${r.provider}:${r.kid}`);
    const state: SecretState =
      plaintextValues.length === 0 ? 'encrypted' : plaintextValues.length === d.values.length ? 'decrypted' : 'partly-encrypted';
    return { ...base, state, created: meta.created, recipients };
  });
}
