/**
 * Key specs to providers, from `--key` or from `secrets.keys` in `.palisade.yaml`.
 *
 * `--key` names keys the user has at hand: each must load, or the command fails before any file
 * is read. Config keys are the team's list and some may be missing on this machine (an offline
 * break-glass key): one that does not load becomes a placeholder that fails, with the reason,
 * only when it is actually needed (to wrap a data key for it, or as the only key that could
 * unwrap one). So `decrypt` works with any one available key, while `encrypt` of a new Secret
 * still refuses to leave out a configured recipient.
 */
import { SecretsError } from './format.js';
import { providerFromSpec } from './providers/index.js';
import type { KeyProvider } from './providers/types.js';

export async function loadKeys(specs: readonly string[]): Promise<KeyProvider[]> {
  const out: KeyProvider[] = [];
  // One at a time: a PKCS#11 module is initialised per operation and must not be used concurrently.
  for (const s of specs) out.push(await providerFromSpec(s));
  return out;
}

export async function loadConfigKeys(specs: readonly string[], source: string): Promise<KeyProvider[]> {
  const out: KeyProvider[] = [];
  for (const s of specs) {
    try {
      out.push(await providerFromSpec(s));
    } catch (e) {
      if (!(e instanceof SecretsError)) throw e;
      out.push(new UnavailableKey(s, source, e.message));
    }
  }
  return out;
}

/** False for a config key that did not load on this machine. */
export const isAvailable = (p: KeyProvider): boolean => !(p instanceof UnavailableKey);

class UnavailableKey implements KeyProvider {
  readonly id: string;
  /** Matches no recipient, so it is never picked to unwrap while a real key could. */
  readonly keyId = '';
  constructor(
    private readonly spec: string,
    private readonly source: string,
    private readonly reason: string,
  ) {
    this.id = spec.slice(0, Math.max(0, spec.indexOf(':')));
  }

  private error(): SecretsError {
    return new SecretsError(`key ${this.spec} (from ${this.source}) is not available: ${this.reason}`);
  }

  wrap(): Promise<string> {
    return Promise.reject(this.error());
  }

  unwrap(): Promise<Buffer> {
    return Promise.reject(this.error());
  }

  describe(): string {
    return `${this.spec} (from ${this.source}; not available: ${this.reason})`;
  }
}

/** Wraps a data key for each recipient, in order, one call at a time (see loadKeys). */
export async function wrapFor(providers: readonly KeyProvider[], dek: Buffer) {
  const out = [];
  for (const p of providers) out.push({ provider: p.id, kid: p.keyId, wrapped: await p.wrap(dek) });
  return out;
}

export const isRecipient = (p: KeyProvider, r: { provider: string; kid: string }): boolean =>
  p.id === r.provider && p.keyId === r.kid;
