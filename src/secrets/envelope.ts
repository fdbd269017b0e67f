/**
 * The cryptography, and nothing else: AES-256-GCM per value, HKDF-derived subkeys, the MAC.
 *
 * One random data key (DEK) per encrypted Secret. Two subkeys are derived from it with
 * HKDF-SHA256 (distinct `info` strings), so the encryption key and the MAC key are never the
 * same bytes. Every value gets a fresh random 96-bit nonce from the OS CSPRNG: with random
 * nonces, NIST SP 800-38D allows 2^32 encryptions per key, far beyond any Secret's lifetime
 * even with only-changed re-encryption reusing the DEK across edits.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  DEK_BYTES,
  FORMAT_VERSION,
  NONCE_BYTES,
  SecretsError,
  TAG_BYTES,
  macInput,
  type EncValue,
  type EncryptionMeta,
  type MacEntry,
} from './format.js';

export interface DataKeys {
  enc: Buffer;
  mac: Buffer;
}

export function newDataKey(): Buffer {
  return randomBytes(DEK_BYTES);
}

export function deriveKeys(dek: Buffer): DataKeys {
  if (dek.length !== DEK_BYTES) throw new SecretsError(`data key is ${dek.length} bytes, expected ${DEK_BYTES}`);
  const derive = (info: string) =>
    Buffer.from(hkdfSync('sha256', dek, Buffer.alloc(0), `palisade-secrets/v${FORMAT_VERSION}/${info}`, 32));
  return { enc: derive('enc'), mac: derive('mac') };
}

export function encryptValue(keys: DataKeys, plaintext: string, aad: Buffer): EncValue {
  // A fresh random nonce per call, never derived or counted: no state to lose or roll back.
  const nonce = randomBytes(NONCE_BYTES);
  const c = createCipheriv('aes-256-gcm', keys.enc, nonce, { authTagLength: TAG_BYTES });
  c.setAAD(aad);
  const ciphertext = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return { nonce, ciphertext, tag: c.getAuthTag() };
}

/** Throws a SecretsError naming the value when authentication fails. */
export function decryptValue(keys: DataKeys, v: EncValue, aad: Buffer, valuePath: string): string {
  const d = createDecipheriv('aes-256-gcm', keys.enc, v.nonce, { authTagLength: TAG_BYTES });
  d.setAAD(aad);
  d.setAuthTag(v.tag);
  let out: Buffer;
  try {
    out = Buffer.concat([d.update(v.ciphertext), d.final()]);
  } catch {
    // GCM cannot tell these causes apart; name them all so the reader knows where to look.
    throw new SecretsError(
      `${valuePath}: value failed authentication (tampered with, truncated, or moved from another key or Secret)`,
      valuePath,
    );
  }
  const text = out.toString('utf8');
  // Values are UTF-8 text in the manifest, so a round trip must give the same bytes back.
  if (!Buffer.from(text, 'utf8').equals(out)) throw new SecretsError(`${valuePath}: decrypted value is not UTF-8`, valuePath);
  return text;
}

export function computeMac(
  keys: DataKeys,
  meta: Pick<EncryptionMeta, 'v' | 'created' | 'ctx'>,
  entries: readonly MacEntry[],
): string {
  return createHmac('sha256', keys.mac).update(macInput(meta, entries)).digest('base64');
}

export function verifyMac(
  keys: DataKeys,
  meta: Pick<EncryptionMeta, 'v' | 'created' | 'ctx' | 'mac'>,
  entries: readonly MacEntry[],
): boolean {
  const expected = Buffer.from(computeMac(keys, meta, entries), 'base64');
  const got = Buffer.from(meta.mac, 'base64');
  return got.length === expected.length && timingSafeEqual(got, expected);
}
