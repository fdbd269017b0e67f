/**
 * A key provider wraps and unwraps data keys with a key encryption key (KEK) it holds: a key
 * file, an HSM token, a cloud KMS key. The format stores only `id`, `keyId` and the wrapped
 * bytes, so new providers need no format change.
 */
export interface KeyProvider {
  /** The scheme in `--key SCHEME:...` and in the annotation's `provider` field, e.g. `local`. */
  readonly id: string;
  /** Identifies the KEK without revealing it or where it lives (paths differ per machine). */
  readonly keyId: string;
  /** Returns the wrapped DEK as a string for the annotation. */
  wrap(dek: Buffer): Promise<string>;
  /** Throws a SecretsError when the wrapped key is not this KEK's or was tampered with. */
  unwrap(wrapped: string): Promise<Buffer>;
  /** For messages and `status`: `local:3f1c...` and where the key came from. */
  describe(): string;
}
