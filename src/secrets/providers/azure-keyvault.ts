/**
 * `azure-keyvault:https://<vault>.vault.azure.net/keys/<name>[/<version>]` (or a Managed HSM,
 * `https://<hsm>.managedhsm.azure.net/keys/...`): a KEK in Azure Key Vault that never leaves it.
 *
 * The DEK is wrapped by the service (`CryptographyClient.wrapKey`/`unwrapKey`): RSA-OAEP-256 for
 * RSA keys (`RSA`, `RSA-HSM`), AES key wrap `A256KW` (RFC 3394) for AES keys, which only Managed
 * HSM offers (`oct-HSM`). The recipient's `kid` is the versionless key id
 * (`https://<vault>/keys/<name>`), so files keep matching `--key` after the key is rotated to a
 * new version; `wrapped` is `ALG:VERSION:BASE64`, so unwrapping uses exactly the algorithm and
 * key version (full id `kid/VERSION`) that wrapped it.
 *
 * Credentials: `DefaultAzureCredential` (environment, workload identity, managed identity, Azure
 * CLI, ...). Every service call (key lookup, wrap, unwrap, including the token request and SDK
 * retries) has a deadline, `PALISADE_AZURE_TIMEOUT_MS` (default 15 s).
 *
 * The Azure SDK is imported only here, and this module only when an `azure-keyvault:` key is
 * used. The tests run against a local HTTPS fake that answers the Key Vault REST calls the SDK
 * makes, recorded from the documented API (no Azure endpoint is reachable in CI); see
 * test/secrets-azure.test.ts and TEST_HOOK below.
 */
import type { TokenCredential } from '@azure/identity';
import { DEK_BYTES, SecretsError } from '../format.js';
import type { KeyProvider } from './types.js';
// Types only (erased): the SDK itself is imported lazily in importSdk.
import type * as KeyVaultKeys from '@azure/keyvault-keys';

export const TIMEOUT_ENV = 'PALISADE_AZURE_TIMEOUT_MS';
const DEFAULT_TIMEOUT_MS = 15_000;

/** Key Vault and Managed HSM DNS suffixes: public cloud, Azure China, Azure US Government. */
const VAULT_SUFFIXES = ['.vault.azure.net', '.vault.azure.cn', '.vault.usgovcloudapi.net'];
const HSM_SUFFIXES = ['.managedhsm.azure.net', '.managedhsm.azure.cn', '.managedhsm.usgovcloudapi.net'];

const SYNTAX = 'azure-keyvault:https://VAULT.vault.azure.net/keys/NAME[/VERSION] (or https://HSM.managedhsm.azure.net/keys/...)';

/**
 * Test hook, for tests only: a preloaded module (`node --import`) sets
 * `globalThis[Symbol.for('palisade.secrets.azure-keyvault.test-hook')]` to use a fake credential
 * and accept the local fake's `https://127.0.0.1:PORT` URL, whose challenge names a resource
 * (`vault.azure.net`) that does not match 127.0.0.1, so resource verification is off for it.
 * It is not reachable from the command line or the environment: only code already running in
 * the process can set it.
 */
export const TEST_HOOK = Symbol.for('palisade.secrets.azure-keyvault.test-hook');
export interface AzureTestHook {
  credential: TokenCredential;
  /** `host:port` accepted in addition to the Azure suffixes, e.g. `127.0.0.1:43210`. */
  allowHost: string;
}
const testHook = (): AzureTestHook | undefined => (globalThis as Record<symbol, AzureTestHook | undefined>)[TEST_HOOK];

export type AzureKeySpec = { vaultUrl: string; name: string; version?: string; managedHsm: boolean };

/** Parses the part after `azure-keyvault:`. */
export function parseAzureKeySpec(arg: string): AzureKeySpec {
  const bad = (why: string) => new SecretsError(`--key azure-keyvault:${arg}: ${why} (syntax: ${SYNTAX})`);
  let u: URL;
  try {
    u = new URL(arg);
  } catch {
    throw bad('not a URL');
  }
  if (u.protocol !== 'https:') throw bad('the key URL must start with https://');
  if (u.username || u.password || u.search || u.hash) throw bad('no user, query or fragment allowed');
  const host = u.hostname.toLowerCase();
  const hook = testHook();
  const managedHsm = HSM_SUFFIXES.some((s) => host.endsWith(s));
  if (!managedHsm && !VAULT_SUFFIXES.some((s) => host.endsWith(s)) && u.host !== hook?.allowHost)
    throw bad(`${u.host} is not a Key Vault (*.vault.azure.net) or Managed HSM (*.managedhsm.azure.net) host`);
  const segs = u.pathname.replace(/\/$/, '').split('/').slice(1);
  if (segs[0] !== 'keys' || (segs.length !== 2 && segs.length !== 3))
    throw bad('the path must be /keys/NAME or /keys/NAME/VERSION');
  const [, name, version] = segs;
  // Key Vault names: 1-127 alphanumerics and dashes; versions: 32 hex digits (alphanumerics here).
  if (!/^[0-9A-Za-z-]{1,127}$/.test(name!)) throw bad(`invalid key name ${JSON.stringify(name)}`);
  if (version !== undefined && !/^[0-9A-Za-z]{1,64}$/.test(version)) throw bad(`invalid key version ${JSON.stringify(version)}`);
  const spec: AzureKeySpec = { vaultUrl: `https://${u.host}`, name: name!, managedHsm };
  if (version !== undefined) spec.version = version;
  return spec;
}

export function timeoutMs(): number {
  const raw = process.env[TIMEOUT_ENV];
  if (raw === undefined || raw === '') return DEFAULT_TIMEOUT_MS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new SecretsError(`${TIMEOUT_ENV}=${raw} must be a positive number of milliseconds`);
  return n;
}

type Sdk = typeof KeyVaultKeys;

async function importSdk(): Promise<Sdk> {
  try {
    return await import('@azure/keyvault-keys');
  } catch (e) {
    throw new SecretsError(
      `the azure-keyvault key provider needs @azure/keyvault-keys, which could not be loaded: ${(e as Error).message}`,
    );
  }
}

async function defaultCredential(): Promise<TokenCredential> {
  try {
    const { DefaultAzureCredential } = await import('@azure/identity');
    return new DefaultAzureCredential();
  } catch (e) {
    throw new SecretsError(
      `the azure-keyvault key provider needs @azure/identity, which could not be loaded: ${(e as Error).message}`,
    );
  }
}

type Alg = 'RSA-OAEP-256' | 'A256KW';
const ALGS: readonly Alg[] = ['RSA-OAEP-256', 'A256KW'];

function algorithmFor(kty: string | undefined, keyId: string): Alg {
  if (kty === 'RSA' || kty === 'RSA-HSM') return 'RSA-OAEP-256';
  if (kty === 'oct' || kty === 'oct-HSM') return 'A256KW';
  throw new SecretsError(
    `Azure key ${keyId} is of type ${kty ?? 'unknown'}, which cannot wrap keys (use an RSA key, or an AES key on a Managed HSM)`,
  );
}

/** Turns whatever the SDK, the credential or the network threw into one clear line. */
function explain(e: unknown, what: string, ms: number): SecretsError {
  if (e instanceof SecretsError) return e;
  const err = e as { name?: string; message?: string; statusCode?: number; code?: string };
  const msg = (err.message ?? String(e)).split('\n')[0]!;
  if (err.name === 'AbortError' || err.name === 'TimeoutError')
    return new SecretsError(`${what}: no answer from Azure Key Vault within ${ms} ms (set ${TIMEOUT_ENV} to wait longer)`);
  if (
    err.name === 'CredentialUnavailableError' ||
    err.name === 'AuthenticationError' ||
    err.name === 'AggregateAuthenticationError'
  )
    return new SecretsError(
      `${what}: no Azure credentials (DefaultAzureCredential: set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, use a managed or workload identity, or az login): ${msg}`,
    );
  switch (err.statusCode) {
    case 401:
      return new SecretsError(`${what}: Azure Key Vault refused the credentials (401 Unauthorized): ${msg}`);
    case 403:
      return new SecretsError(
        `${what}: access denied by Azure Key Vault (403 Forbidden; the identity needs get, wrapKey and unwrapKey on the key, e.g. the "Key Vault Crypto User" role): ${msg}`,
      );
    case 404:
      return new SecretsError(`${what}: key not found in Azure Key Vault (404): ${msg}`);
    default:
      if (err.statusCode !== undefined) return new SecretsError(`${what}: Azure Key Vault answered ${err.statusCode}: ${msg}`);
  }
  if (err.code !== undefined) return new SecretsError(`${what}: cannot reach Azure Key Vault (${err.code}): ${msg}`);
  return new SecretsError(`${what}: ${msg}`);
}

/**
 * Runs `fn` with an AbortSignal that fires after the deadline, and also rejects at the deadline
 * itself, so a credential or policy that ignores the signal cannot make the command hang.
 */
async function withDeadline<T>(what: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ms = timeoutMs();
  const ctl = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      ctl.abort();
      reject(new SecretsError(`${what}: no answer from Azure Key Vault within ${ms} ms (set ${TIMEOUT_ENV} to wait longer)`));
    }, ms);
  });
  try {
    return await Promise.race([fn(ctl.signal), deadline]);
  } catch (e) {
    throw explain(e, what, ms);
  } finally {
    clearTimeout(timer);
  }
}

export async function loadAzureKeyVaultProvider(arg: string): Promise<KeyProvider> {
  const spec = parseAzureKeySpec(arg);
  const sdk = await importSdk();
  const hook = testHook();
  const credential = hook?.credential ?? (await defaultCredential());
  const options: KeyVaultKeys.KeyClientOptions = {
    // A few quick retries for transient errors; the deadline above bounds them all.
    retryOptions: { maxRetries: 2, retryDelayInMs: 300, maxRetryDelayInMs: 2000 },
  };
  // Only for the local fake (see TEST_HOOK): real vaults keep the challenge check.
  if (hook) options.disableChallengeResourceVerification = true;
  const provider = new AzureKeyVaultProvider(sdk, credential, options, spec);
  // One lookup now, so missing access or a missing key is reported before any file is read,
  // and to learn the key type (hence the algorithm) and the current version.
  await provider.init();
  return provider;
}

class AzureKeyVaultProvider implements KeyProvider {
  readonly id = 'azure-keyvault';
  readonly keyId: string;
  private key: KeyVaultKeys.KeyVaultKey | undefined;
  private alg: Alg = 'RSA-OAEP-256';

  constructor(
    private readonly sdk: Sdk,
    private readonly credential: TokenCredential,
    private readonly options: KeyVaultKeys.KeyClientOptions,
    private readonly spec: AzureKeySpec,
  ) {
    this.keyId = `${spec.vaultUrl}/keys/${spec.name}`;
  }

  async init(): Promise<void> {
    const where = `Azure key ${this.keyId}${this.spec.version ? ` version ${this.spec.version}` : ''}`;
    const client = new this.sdk.KeyClient(this.spec.vaultUrl, this.credential, this.options);
    const key = await withDeadline(where, (abortSignal) =>
      client.getKey(this.spec.name, this.spec.version ? { version: this.spec.version, abortSignal } : { abortSignal }),
    );
    this.alg = algorithmFor(key.keyType ?? key.key?.kty, this.keyId);
    if (key.properties.enabled === false) throw new SecretsError(`${where} is disabled`);
    if (!key.properties.version) throw new SecretsError(`${where}: Key Vault returned no key version`);
    this.key = key;
  }

  private crypto(keyOrId: KeyVaultKeys.KeyVaultKey | string): KeyVaultKeys.CryptographyClient {
    return new this.sdk.CryptographyClient(keyOrId, this.credential, this.options);
  }

  async wrap(dek: Buffer): Promise<string> {
    const key = this.key!;
    const version = key.properties.version!;
    const r = await withDeadline(`wrapping with Azure key ${this.keyId}/${version}`, (abortSignal) =>
      this.crypto(key).wrapKey(this.alg, dek, { abortSignal }),
    );
    return `${this.alg}:${version}:${Buffer.from(r.result).toString('base64')}`;
  }

  async unwrap(wrapped: string): Promise<Buffer> {
    const m = /^([A-Z0-9-]+):([0-9A-Za-z]{1,64}):([A-Za-z0-9+/]+=*)$/.exec(wrapped);
    const bytes = m ? Buffer.from(m[3]!, 'base64') : Buffer.alloc(0);
    if (!m || !(ALGS as readonly string[]).includes(m[1]!) || bytes.toString('base64') !== m[3])
      throw new SecretsError(`wrapped data key for ${this.describe()} is malformed (truncated?); expected ALG:VERSION:BASE64`);
    const alg = m[1] as Alg;
    const fullId = `${this.keyId}/${m[2]}`;
    let dek: Uint8Array;
    try {
      const r = await withDeadline(`unwrapping with Azure key ${fullId}`, (abortSignal) =>
        this.crypto(fullId).unwrapKey(alg, bytes, { abortSignal }),
      );
      dek = r.result;
    } catch (e) {
      // Key Vault answers 400 (BadParameter) when RSA-OAEP or AES-KW integrity fails.
      if (e instanceof SecretsError && /answered 400/.test(e.message))
        throw new SecretsError(
          `wrapped data key for ${this.describe()} failed authentication (tampered with, or a different key): ${e.message}`,
        );
      throw e;
    }
    if (dek.length !== DEK_BYTES)
      throw new SecretsError(`wrapped data key for ${this.describe()} unwrapped to ${dek.length} bytes`);
    return Buffer.from(dek);
  }

  describe(): string {
    return `azure-keyvault:${this.keyId} (${this.alg}${this.key?.properties.version ? `, version ${this.key.properties.version}` : ''})`;
  }
}
