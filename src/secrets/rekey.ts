/**
 * `rotate` and `updatekeys`: changing who can unwrap a Secret's data key, or the data key itself.
 *
 * Both open every Secret fully first (unwrap, authenticate every value, check the MAC), so a
 * damaged file is reported rather than re-wrapped or re-encrypted, and both return the whole
 * new text or throw: the CLI writes nothing unless every file succeeded.
 */
import { annotationEdit, applyEdits, renderEnc, replaceScalar, scanSecrets, type Edit, type SecretDoc } from './document.js';
import { computeMac, decryptValue, deriveKeys, encryptValue, newDataKey, verifyMac, type DataKeys } from './envelope.js';
import {
  ANNOTATION,
  SecretsError,
  formatEnc,
  formatMeta,
  looksEncrypted,
  parseEnc,
  parseMeta,
  valueAad,
  type EncryptionMeta,
  type MacEntry,
  type Recipient,
} from './format.js';
import { isRecipient, wrapFor } from './keys.js';
import { checkContext, fail, macError, statusText, unwrapDek, type FileResult } from './manifest.js';
import { providerFromSpec } from './providers/index.js';
import type { KeyProvider } from './providers/types.js';

interface Opened {
  meta: EncryptionMeta;
  dek: Buffer;
  keys: DataKeys;
  /** Plaintext per value, in file order. */
  plain: string[];
}

/** Unwraps and verifies everything; undefined for a Secret with nothing to protect. */
async function open(d: SecretDoc, credentials: readonly KeyProvider[], hint: string): Promise<Opened | undefined> {
  if (!d.metaNode) {
    if (d.values.length === 0) return undefined;
    if (d.values.some((s) => looksEncrypted(s.value)))
      throw new SecretsError(`has ENC values but no ${ANNOTATION} annotation (was it removed?)`);
    throw new SecretsError('is not encrypted: run palisade secrets encrypt first');
  }
  const meta = parseMeta(d.metaNode.value);
  checkContext(d, meta);
  const plaintext = d.values.filter((s) => !looksEncrypted(s.value)).map((s) => s.path);
  // Keys change only for fully encrypted Secrets: a plaintext value would stay plaintext (or be
  // encrypted by the wrong command) while the file looks rotated.
  if (plaintext.length)
    throw new SecretsError(`holds plaintext values (${plaintext.join(', ')}): run palisade secrets encrypt first`, plaintext[0]);
  const dek = await unwrapDek(meta, credentials, hint);
  const keys = deriveKeys(dek);
  const entries: MacEntry[] = [];
  const plain = d.values.map((s) => {
    entries.push({ section: s.section, key: s.key, enc: s.value });
    return decryptValue(keys, parseEnc(s.value, s.path), valueAad(d.ctx, s.section, s.key), s.path);
  });
  if (!verifyMac(keys, meta, entries)) throw macError();
  return { meta, dek, keys, plain };
}

const label = (r: Pick<Recipient, 'provider' | 'kid'>) => `${r.provider}:${r.kid}`;

function unique(ps: readonly KeyProvider[]): KeyProvider[] {
  return ps.filter((p, i) => ps.findIndex((q) => q.id === p.id && q.keyId === p.keyId) === i);
}

async function eachSecret(
  text: string,
  file: string,
  body: (d: SecretDoc, edits: Edit[]) => Promise<string>,
): Promise<FileResult> {
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const d of scanSecrets(text, file)) {
    try {
      notes.push(`${d.where}: ${await body(d, edits)}`);
    } catch (e) {
      fail(d.where, e);
    }
  }
  return { text: applyEdits(text, edits), notes, changed: edits.length > 0 };
}

export interface RotateOptions {
  /** `rewrap`: same data key and values, wrapped afresh. `new-data-key`: every value re-encrypted. */
  mode: 'rewrap' | 'new-data-key';
  /** Exactly the recipients every Secret has afterwards. */
  recipients: readonly KeyProvider[];
  /** More keys that may unwrap the current data key without staying recipients. */
  credentials: readonly KeyProvider[];
  now?: Date;
}

const OLD_KEY_HINT = ' (to unwrap with a key that is not kept as a recipient, add --old-key SPEC)';

export async function rotateText(text: string, file: string, opts: RotateOptions): Promise<FileResult> {
  const recipients = unique(opts.recipients);
  if (recipients.length === 0) throw new SecretsError('rotate needs at least one recipient key');
  return eachSecret(text, file, async (d, edits) => {
    const o = await open(d, [...recipients, ...opts.credentials], OLD_KEY_HINT);
    if (!o) return 'no values, left as is';
    const dropped = o.meta.recipients.filter((r) => !recipients.some((p) => isRecipient(p, r))).map(label);
    const gone = dropped.length ? `; removed ${dropped.join(', ')}` : '';
    const names = recipients.map((p) => label({ provider: p.id, kid: p.keyId })).join(', ');
    if (opts.mode === 'rewrap') {
      // Values and MAC stay byte for byte: the MAC does not cover recipients.
      const meta = { ...o.meta, recipients: await wrapFor(recipients, o.dek) };
      edits.push(annotationEdit(text, d, formatMeta(meta)));
      return `re-wrapped the data key for ${names}${gone}`;
    }
    const dek = newDataKey();
    const keys = deriveKeys(dek);
    const entries: MacEntry[] = [];
    d.values.forEach((s, i) => {
      const enc = formatEnc(encryptValue(keys, o.plain[i]!, valueAad(d.ctx, s.section, s.key)));
      entries.push({ section: s.section, key: s.key, enc });
      edits.push(replaceScalar(text, s.node, renderEnc(s, enc)));
    });
    const created = (opts.now ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
    const base = { v: o.meta.v, alg: o.meta.alg, created, ctx: o.meta.ctx };
    const meta = { ...base, recipients: await wrapFor(recipients, dek), mac: computeMac(keys, base, entries) };
    edits.push(annotationEdit(text, d, formatMeta(meta)));
    return `new data key, ${d.values.length} value(s) re-encrypted, for ${names}${gone}`;
  });
}

/** A recipient to remove: a kid (`b50e5bec735fe754`), `provider:kid` as `status` prints it, or a
 *  loaded key whose provider and kid match. */
export interface RemoveTarget {
  text: string;
  key?: KeyProvider;
}

export const removes = (t: RemoveTarget, r: Pick<Recipient, 'provider' | 'kid'>): boolean =>
  t.text === r.kid || t.text === label(r) || (t.key !== undefined && isRecipient(t.key, r));

export interface UpdateKeysOptions {
  add: readonly KeyProvider[];
  remove: readonly RemoveTarget[];
  /** Keys that may unwrap the data key (the added and removed ones are tried too). */
  credentials: readonly KeyProvider[];
}

export async function updateKeysText(text: string, file: string, opts: UpdateKeysOptions): Promise<FileResult> {
  const add = unique(opts.add);
  const removedKeys = opts.remove.flatMap((t) => (t.key ? [t.key] : []));
  return eachSecret(text, file, async (d, edits) => {
    const o = await open(d, [...opts.credentials, ...add, ...removedKeys], '');
    if (!o) return 'no values, left as is';
    const kept = o.meta.recipients.filter((r) => !opts.remove.some((t) => removes(t, r)));
    const removed = o.meta.recipients.filter((r) => !kept.includes(r)).map(label);
    const fresh = add.filter((p) => !kept.some((r) => isRecipient(p, r)));
    const recipients = [...kept, ...(await wrapFor(fresh, o.dek))];
    if (recipients.length === 0)
      throw new SecretsError(
        `refusing to remove the last recipient (${removed.join(', ')}): nobody could decrypt it; --add another key in the same command`,
      );
    const parts = [];
    if (fresh.length) parts.push(`added ${fresh.map((p) => label({ provider: p.id, kid: p.keyId })).join(', ')}`);
    if (removed.length) parts.push(`removed ${removed.join(', ')}`);
    if (parts.length === 0) return 'recipients unchanged';
    // Kept recipients keep their wrapped keys and the values are untouched: only the recipient
    // list of the annotation changes.
    edits.push(annotationEdit(text, d, formatMeta({ ...o.meta, recipients })));
    return parts.join(', ');
  });
}

/**
 * `--remove` arguments to targets. A kid or `provider:kid` of a current recipient needs no key
 * (so a lost key can be removed); anything else must be a key spec that loads and matches a
 * recipient. One that matches no Secret in any of the files is an error: a typo must not pass
 * for a removal.
 */
export async function removeTargets(
  args: readonly string[],
  files: readonly { file: string; text: string }[],
): Promise<RemoveTarget[]> {
  const recipients: Pick<Recipient, 'provider' | 'kid'>[] = [];
  for (const { file, text } of files)
    for (const s of statusText(text, file))
      for (const r of s.recipients ?? [])
        recipients.push({ provider: r.slice(0, r.indexOf(':')), kid: r.slice(r.indexOf(':') + 1) });
  const known = [...new Set(recipients.map(label))].join(', ') || 'none';
  const out: RemoveTarget[] = [];
  for (const text of args) {
    if (recipients.some((r) => removes({ text }, r))) {
      out.push({ text });
      continue;
    }
    let key: KeyProvider;
    try {
      key = await providerFromSpec(text);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new SecretsError(
        `--remove ${text}: not a recipient of these files (they have: ${known}), nor a usable key spec: ${why}`,
      );
    }
    if (!recipients.some((r) => isRecipient(key, r)))
      throw new SecretsError(`--remove ${text}: ${key.describe()} is not a recipient of these files (they have: ${known})`);
    out.push({ text, key });
  }
  return out;
}
