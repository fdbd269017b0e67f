/**
 * Decrypting one encrypted Secret given as its parts rather than as file text: its identity, its
 * `palisade.dev/encryption` annotation and its values in document order. The checks and their
 * order are those of `decryptText` (src/secrets/manifest.ts): identity first, every value
 * authenticated (so a damaged one is reported by name), then the MAC over all of them. Callers
 * that hold parsed objects (the KRM function, src/secrets/krm.ts) do their own YAML around it.
 */
import { decryptValue, deriveKeys, verifyMac } from './envelope.js';
import {
  ANNOTATION,
  SecretsError,
  describeContext,
  looksEncrypted,
  parseEnc,
  parseMeta,
  sameContext,
  valueAad,
  type MacEntry,
  type ObjectContext,
  type Section,
} from './format.js';
import { macError, unwrapDek } from './manifest.js';
import type { KeyProvider } from './providers/types.js';

export interface SecretValue {
  section: Section;
  key: string;
  /** The value as stored: an `ENC[...]` string. */
  value: string;
}

export interface DecryptValuesOptions {
  providers: readonly KeyProvider[];
  /** Appended to the message when the Secret's identity is not the one it was encrypted for. */
  renameHint?: string;
}

/**
 * Returns the plaintexts of `values`, in their order. `annotation` is the annotation's value as
 * read (undefined when the Secret has none). `values` must be every value of `data` and
 * `stringData` in document order: the MAC covers that order. Throws a SecretsError (with
 * `valuePath` when one value is at fault); returns nothing partial.
 */
export async function decryptSecretValues(
  ctx: ObjectContext,
  annotation: unknown,
  values: readonly SecretValue[],
  opts: DecryptValuesOptions,
): Promise<string[]> {
  if (annotation === undefined) {
    if (values.some((v) => looksEncrypted(v.value)))
      throw new SecretsError(`has ENC values but no ${ANNOTATION} annotation (was it removed?)`);
    throw new SecretsError(`has no ${ANNOTATION} annotation: it is not encrypted`);
  }
  const meta = parseMeta(annotation);
  if (!sameContext(meta.ctx, ctx))
    throw new SecretsError(
      `encrypted as ${describeContext(meta.ctx)} but is now ${describeContext(ctx)}: values are bound to the Secret they were encrypted for (renamed or moved?)${opts.renameHint ? `; ${opts.renameHint}` : ''}`,
    );
  for (const v of values) {
    const path = `${v.section}.${v.key}`;
    if (!looksEncrypted(v.value))
      throw new SecretsError(`${path}: value is not encrypted (added after encryption? run palisade secrets encrypt)`, path);
  }
  const keys = deriveKeys(await unwrapDek(meta, opts.providers));
  const entries: MacEntry[] = [];
  const plain: string[] = [];
  for (const v of values) {
    const path = `${v.section}.${v.key}`;
    plain.push(decryptValue(keys, parseEnc(v.value, path), valueAad(ctx, v.section, v.key), path));
    entries.push({ section: v.section, key: v.key, enc: v.value });
  }
  // After the values, so a single damaged value is reported by name rather than as a MAC error.
  if (!verifyMac(keys, meta, entries)) throw macError();
  return plain;
}
