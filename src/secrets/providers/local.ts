/**
 * `local:KEYFILE`: a 256-bit KEK in a file that only its owner may read.
 *
 * The file is one line, `palisade-local-key-v1:<base64 of 32 random bytes>`: the prefix lets us
 * reject a file that is not a Palisade key (a TLS key passed by mistake) instead of using its
 * bytes. Wrapping is AES-256-GCM of the DEK under the KEK with its own random nonce, and the key
 * id as AAD: the same primitive as the values, so one implementation to review, and a wrong key
 * or any changed byte fails authentication. Wrapped form: base64(nonce || ciphertext || tag).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { DEK_BYTES, NONCE_BYTES, SecretsError, TAG_BYTES, lengthPrefixed } from '../format.js';
import type { KeyProvider } from './types.js';

const PREFIX = 'palisade-local-key-v1:';
const KEK_BYTES = 32;

/** Creates a key file; refuses to replace one (a lost key means lost Secrets). */
export async function generateKeyFile(file: string): Promise<string> {
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  if (exists) throw new SecretsError(`${file} already exists; refusing to overwrite a key`);
  const key = randomBytes(KEK_BYTES);
  // Created 0600 from the start (the temp file too), so the key is never briefly readable.
  await writeFileAtomic(file, `${PREFIX}${key.toString('base64')}\n`, 0o600);
  return keyIdOf(key);
}

/** A public name for a KEK: an HMAC under the key itself, so it reveals nothing about it. */
function keyIdOf(kek: Buffer): string {
  return createHmac('sha256', kek).update('palisade-secrets/local/key-id').digest('hex').slice(0, 16);
}

export async function loadLocalProvider(file: string): Promise<KeyProvider> {
  let st;
  try {
    st = await stat(file);
  } catch {
    throw new SecretsError(`key file ${file} not found`);
  }
  // Group or other access to a KEK (read, or write: a swapped key captures future Secrets) is
  // refused like ssh refuses loose private keys. Windows has no such mode bits.
  if (process.platform !== 'win32' && (st.mode & 0o077) !== 0)
    throw new SecretsError(
      `key file ${file} is accessible by group or others (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}); run chmod 600 ${file}`,
    );
  const text = (await readFile(file, 'utf8')).trim();
  const b64 = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
  const kek = Buffer.from(b64, 'base64');
  if (kek.length !== KEK_BYTES || kek.toString('base64') !== b64)
    throw new SecretsError(`${file} is not a Palisade key file (create one with: palisade secrets keygen --out FILE)`);
  return new LocalProvider(kek, file);
}

class LocalProvider implements KeyProvider {
  readonly id = 'local';
  readonly keyId: string;
  constructor(
    private readonly kek: Buffer,
    private readonly file: string,
  ) {
    this.keyId = keyIdOf(kek);
  }

  private aad(): Buffer {
    return lengthPrefixed(['palisade-secrets/local/wrap/v1', this.keyId]);
  }

  wrap(dek: Buffer): Promise<string> {
    const nonce = randomBytes(NONCE_BYTES);
    const c = createCipheriv('aes-256-gcm', this.kek, nonce, { authTagLength: TAG_BYTES });
    c.setAAD(this.aad());
    const ct = Buffer.concat([c.update(dek), c.final()]);
    return Promise.resolve(Buffer.concat([nonce, ct, c.getAuthTag()]).toString('base64'));
  }

  unwrap(wrapped: string): Promise<Buffer> {
    const b = Buffer.from(wrapped, 'base64');
    if (b.length !== NONCE_BYTES + DEK_BYTES + TAG_BYTES || b.toString('base64') !== wrapped)
      return Promise.reject(new SecretsError(`wrapped data key for ${this.describe()} is malformed (truncated?)`));
    const d = createDecipheriv('aes-256-gcm', this.kek, b.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
    d.setAAD(this.aad());
    d.setAuthTag(b.subarray(NONCE_BYTES + DEK_BYTES));
    try {
      return Promise.resolve(Buffer.concat([d.update(b.subarray(NONCE_BYTES, NONCE_BYTES + DEK_BYTES)), d.final()]));
    } catch {
      return Promise.reject(
        new SecretsError(`wrapped data key for ${this.describe()} failed authentication (tampered with, or a different key)`),
      );
    }
  }

  describe(): string {
    return `local:${this.keyId} (${this.file})`;
  }
}
