/**
 * `pkcs11:module=PATH;token=LABEL;key=LABEL[;pin-file=PATH]`: a KEK that lives on a PKCS#11
 * token (an HSM, a smart card, SoftHSM) and never leaves it.
 *
 * Wrapping is `CKM_AES_GCM` performed by the token (`C_Encrypt`/`C_Decrypt` with the KEK), with a
 * fresh random 96-bit IV per wrap from the OS CSPRNG and the key id as AAD, like the `local`
 * provider: wrapped form base64(iv || ciphertext || tag), 60 bytes. GCM rather than
 * `CKM_AES_KEY_WRAP_PAD` because the DEK is used in software anyway (there is no token object
 * to wrap), GCM takes AAD, and it is the same primitive as every other layer of the format.
 *
 * `pkcs11js` is a native addon: it is imported only here, and this module only when a
 * `pkcs11:` key is used. Every operation runs C_Initialize .. C_Finalize synchronously inside
 * try/finally, so no session or login outlives it and calls cannot interleave.
 */
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { DEK_BYTES, NONCE_BYTES, SecretsError, TAG_BYTES, lengthPrefixed } from '../format.js';
import type { KeyProvider } from './types.js';
// Types only (erased): the addon itself is imported lazily in importPkcs11js.
import type * as Pkcs11js from 'pkcs11js';

type Pkcs11Module = typeof Pkcs11js;
type Pkcs11 = InstanceType<Pkcs11Module['PKCS11']>;
type Handle = Pkcs11js.Handle;

export const PIN_ENV = 'PALISADE_PKCS11_PIN';
const FIELDS = ['module', 'token', 'key', 'pin-file'] as const;
type Field = (typeof FIELDS)[number];
export type Pkcs11Spec = { module: string; token: string; key: string; pinFile?: string };

const SYNTAX = 'pkcs11:module=PATH;token=TOKEN-LABEL;key=KEY-LABEL[;pin-file=PATH]';

/**
 * Parses the part after `pkcs11:`. Attributes are `name=value` separated by `;`, each at most
 * once, in any order; values are taken literally except `%XX` escapes (as in RFC 7512 PKCS#11
 * URIs), so a `;`, `=` or `%` in a label is written `%3B`, `%3D`, `%25`.
 */
export function parsePkcs11Spec(arg: string): Pkcs11Spec {
  const bad = (why: string) => new SecretsError(`--key pkcs11:${arg}: ${why} (syntax: ${SYNTAX})`);
  const seen = new Map<Field, string>();
  for (const part of arg.split(';')) {
    if (part === '') throw bad('empty attribute (stray ";")');
    const eq = part.indexOf('=');
    if (eq === -1) throw bad(`attribute ${JSON.stringify(part)} has no "="`);
    const name = part.slice(0, eq);
    if (!(FIELDS as readonly string[]).includes(name))
      throw bad(`unknown attribute ${JSON.stringify(name)} (known: ${FIELDS.join(', ')})`);
    if (seen.has(name as Field)) throw bad(`attribute ${name} given twice`);
    const raw = part.slice(eq + 1);
    if (/%(?![0-9A-Fa-f]{2})/.test(raw)) throw bad(`${name}: "%" must start a %XX escape (write %25 for "%")`);
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      throw bad(`${name}: %XX escapes are not valid UTF-8`);
    }
    if (value === '') throw bad(`${name} is empty`);
    seen.set(name as Field, value);
  }
  for (const f of ['module', 'token', 'key'] as const) if (!seen.has(f)) throw bad(`missing ${f}=`);
  const spec: Pkcs11Spec = { module: seen.get('module')!, token: seen.get('token')!, key: seen.get('key')! };
  const pinFile = seen.get('pin-file');
  if (pinFile !== undefined) spec.pinFile = pinFile;
  return spec;
}

async function loadPin(spec: Pkcs11Spec, where: string): Promise<string> {
  if (spec.pinFile !== undefined) {
    let text: string;
    try {
      text = await readFile(spec.pinFile, 'utf8');
    } catch {
      throw new SecretsError(`${where}: PIN file ${spec.pinFile} cannot be read`);
    }
    // One trailing newline is how editors and `echo` end files; it is not part of the PIN.
    const pin = text.replace(/\r?\n$/, '');
    if (pin === '') throw new SecretsError(`${where}: PIN file ${spec.pinFile} is empty`);
    return pin;
  }
  const pin = process.env[PIN_ENV];
  if (pin === undefined || pin === '')
    throw new SecretsError(`${where}: no PIN: set ${PIN_ENV} or add ;pin-file=PATH to the key spec`);
  return pin;
}

async function importPkcs11js(): Promise<Pkcs11Module> {
  try {
    const m = (await import('pkcs11js')) as Pkcs11Module & { default?: Pkcs11Module };
    // A CommonJS addon: its exports arrive as `default` (and, usually, as named exports too).
    return m.default ?? m;
  } catch (e) {
    throw new SecretsError(
      `the pkcs11 key provider needs the pkcs11js package (a native addon built at install time with a C++ compiler), which could not be loaded: ${(e as Error).message}`,
    );
  }
}

/** Token labels are 32 bytes padded with spaces. */
const trimLabel = (s: string): string => s.replace(/[ \0]+$/, '');

function ckrName(p: Pkcs11Module, code: number): string {
  for (const [k, v] of Object.entries(p)) if (k.startsWith('CKR_') && v === code) return k;
  return `0x${code.toString(16)}`;
}

const errorCode = (e: unknown): number | undefined =>
  typeof (e as { code?: unknown } | null)?.code === 'number' ? (e as { code: number }).code : undefined;

export async function loadPkcs11Provider(arg: string): Promise<KeyProvider> {
  const spec = parsePkcs11Spec(arg);
  const where = `pkcs11 key ${spec.key} on token ${spec.token}`;
  // Checked before loading the addon, so the message names the file rather than a dlopen error.
  const isFile = await stat(spec.module).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!isFile)
    throw new SecretsError(
      `PKCS#11 module ${spec.module} not found (for SoftHSM install softhsm2; for an HSM, the vendor's PKCS#11 library)`,
    );
  const pin = await loadPin(spec, where);
  const p = await importPkcs11js();
  const lib = new p.PKCS11();
  try {
    lib.load(spec.module);
  } catch (e) {
    throw new SecretsError(`cannot load PKCS#11 module ${spec.module}: ${(e as Error).message}`);
  }
  const provider = new Pkcs11Provider(p, lib, spec, pin);
  // One session now, so a wrong PIN or a missing key is reported before any file is read, and
  // to learn the key id that matches recipients.
  provider.init();
  return provider;
}

class Pkcs11Provider implements KeyProvider {
  readonly id = 'pkcs11';
  keyId = '';

  constructor(
    private readonly p: Pkcs11Module,
    private readonly lib: Pkcs11,
    private readonly spec: Pkcs11Spec,
    private readonly pin: string,
  ) {}

  init(): void {
    this.keyId = this.withKey((session, key) => {
      // The key check value (first 3 bytes of AES-ECB(KEK, 0^128), PKCS#11 v2.40) tells a
      // re-created key with the same label apart and is public by design; tokens without it
      // get the label alone.
      let kcv = '';
      try {
        const [a] = this.lib.C_GetAttributeValue(session, key, [{ type: this.p.CKA_CHECK_VALUE }]);
        if (Buffer.isBuffer(a?.value) && a.value.length > 0) kcv = a.value.toString('hex');
      } catch {
        // CKA_CHECK_VALUE unsupported or not readable: not an error.
      }
      return kcv ? `${this.spec.key}:${kcv}` : this.spec.key;
    });
  }

  /** Initialize, find the token, log in, find the key, run `fn`, then undo all of it. */
  private withKey<T>(fn: (session: Handle, key: Handle) => T): T {
    const { p, lib, spec } = this;
    const fail = (what: string, e: unknown) => {
      const code = errorCode(e);
      return new SecretsError(`${what} (module ${spec.module}): ${code === undefined ? (e as Error).message : ckrName(p, code)}`);
    };
    try {
      lib.C_Initialize();
    } catch (e) {
      throw fail('cannot initialize PKCS#11 module', e);
    }
    try {
      // SoftHSM (and some HSMs) always offer one empty, uninitialised token: not a candidate.
      const tokens = lib
        .C_GetSlotList(true)
        .map((slot) => ({ slot, info: lib.C_GetTokenInfo(slot) }))
        .filter((t) => (t.info.flags & p.CKF_TOKEN_INITIALIZED) !== 0);
      const found = tokens.filter((t) => trimLabel(t.info.label) === spec.token).map((t) => t.slot);
      if (found.length === 0) {
        const labels = tokens.map((t) => JSON.stringify(trimLabel(t.info.label)));
        throw new SecretsError(
          `PKCS#11 token ${JSON.stringify(spec.token)} not found in ${spec.module} (tokens present: ${labels.join(', ') || 'none'})`,
        );
      }
      if (found.length > 1) throw new SecretsError(`${found.length} PKCS#11 tokens are labelled ${JSON.stringify(spec.token)}`);
      const session = lib.C_OpenSession(found[0]!, p.CKF_SERIAL_SESSION);
      try {
        try {
          lib.C_Login(session, p.CKU_USER, this.pin);
        } catch (e) {
          const code = errorCode(e);
          if (code === p.CKR_PIN_INCORRECT) throw new SecretsError(`wrong PIN for PKCS#11 token ${JSON.stringify(spec.token)}`);
          if (code === p.CKR_PIN_LOCKED)
            throw new SecretsError(`the PIN of PKCS#11 token ${JSON.stringify(spec.token)} is locked (too many wrong PINs)`);
          // Another application of this process may hold the login; the session works anyway.
          if (code !== p.CKR_USER_ALREADY_LOGGED_IN) throw fail(`cannot log in to token ${JSON.stringify(spec.token)}`, e);
        }
        try {
          lib.C_FindObjectsInit(session, [
            { type: p.CKA_CLASS, value: p.CKO_SECRET_KEY },
            { type: p.CKA_KEY_TYPE, value: p.CKK_AES },
            { type: p.CKA_LABEL, value: spec.key },
          ]);
          let keys;
          try {
            keys = lib.C_FindObjects(session, 2);
          } finally {
            lib.C_FindObjectsFinal(session);
          }
          if (keys.length === 0)
            throw new SecretsError(
              `PKCS#11 key ${JSON.stringify(spec.key)} not found on token ${JSON.stringify(spec.token)} (no AES secret key with that label)`,
            );
          if (keys.length > 1)
            throw new SecretsError(
              `several AES keys are labelled ${JSON.stringify(spec.key)} on token ${JSON.stringify(spec.token)}; labels must be unique`,
            );
          return fn(session, keys[0]!);
        } finally {
          try {
            lib.C_Logout(session);
          } catch {
            // Not logged in by us (CKR_USER_ALREADY_LOGGED_IN above): nothing to undo.
          }
        }
      } finally {
        lib.C_CloseSession(session);
      }
    } catch (e) {
      if (e instanceof SecretsError) throw e;
      throw fail(`PKCS#11 error on token ${JSON.stringify(spec.token)}`, e);
    } finally {
      try {
        lib.C_Finalize();
      } catch {
        // Nothing left to release; the operation's own error (if any) is the one to report.
      }
    }
  }

  private mechanism(iv: Buffer) {
    const aad = lengthPrefixed(['palisade-secrets/pkcs11/wrap/v1', this.keyId]);
    return {
      mechanism: this.p.CKM_AES_GCM,
      parameter: { type: this.p.CK_PARAMS_AES_GCM, iv, aad, ivBits: NONCE_BYTES * 8, tagBits: TAG_BYTES * 8 },
    };
  }

  private notPermitted(e: unknown, op: string): SecretsError | undefined {
    const code = errorCode(e);
    if (code === this.p.CKR_KEY_FUNCTION_NOT_PERMITTED || code === this.p.CKR_KEY_TYPE_INCONSISTENT)
      return new SecretsError(
        `PKCS#11 key ${JSON.stringify(this.spec.key)} may not ${op} (it needs CKA_ENCRYPT and CKA_DECRYPT, AES, for CKM_AES_GCM): ${ckrName(this.p, code)}`,
      );
    if (code === this.p.CKR_MECHANISM_INVALID || code === this.p.CKR_MECHANISM_PARAM_INVALID)
      return new SecretsError(`the token does not support CKM_AES_GCM with a 96-bit IV: ${ckrName(this.p, code)}`);
    return undefined;
  }

  wrap(dek: Buffer): Promise<string> {
    try {
      const iv = randomBytes(NONCE_BYTES);
      const out = this.withKey((session, key) => {
        try {
          this.lib.C_EncryptInit(session, this.mechanism(iv), key);
          return this.lib.C_Encrypt(session, dek, Buffer.alloc(DEK_BYTES + TAG_BYTES + 16));
        } catch (e) {
          throw this.notPermitted(e, 'encrypt') ?? e;
        }
      });
      if (out.length !== DEK_BYTES + TAG_BYTES)
        throw new SecretsError(
          `${this.describe()}: token returned ${out.length} bytes for an AES-GCM wrap, expected ${DEK_BYTES + TAG_BYTES}`,
        );
      return Promise.resolve(Buffer.concat([iv, out]).toString('base64'));
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  unwrap(wrapped: string): Promise<Buffer> {
    const b = Buffer.from(wrapped, 'base64');
    if (b.length !== NONCE_BYTES + DEK_BYTES + TAG_BYTES || b.toString('base64') !== wrapped)
      return Promise.reject(new SecretsError(`wrapped data key for ${this.describe()} is malformed (truncated?)`));
    try {
      const dek = this.withKey((session, key) => {
        try {
          this.lib.C_DecryptInit(session, this.mechanism(b.subarray(0, NONCE_BYTES)), key);
        } catch (e) {
          throw this.notPermitted(e, 'decrypt') ?? e;
        }
        try {
          return this.lib.C_Decrypt(session, b.subarray(NONCE_BYTES), Buffer.alloc(DEK_BYTES + TAG_BYTES));
        } catch (e) {
          // Tokens report a failed GCM tag differently (SoftHSM: CKR_GENERAL_ERROR, others
          // CKR_ENCRYPTED_DATA_INVALID); the code is kept in the message.
          const code = errorCode(e);
          throw new SecretsError(
            `wrapped data key for ${this.describe()} failed authentication (tampered with, or a different key)${code === undefined ? '' : ` [${ckrName(this.p, code)}]`}`,
          );
        }
      });
      if (dek.length !== DEK_BYTES)
        throw new SecretsError(`wrapped data key for ${this.describe()} unwrapped to ${dek.length} bytes`);
      return Promise.resolve(Buffer.from(dek));
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  describe(): string {
    return `pkcs11:${this.keyId} (token ${this.spec.token}, ${this.spec.module})`;
  }
}
