/** `--key SCHEME:ARG` to a provider. Providers load lazily: an HSM or cloud SDK is imported
 *  only when a key of that kind is used. */
import { SecretsError } from '../format.js';
import type { KeyProvider } from './types.js';

export const SUPPORTED = ['local'] as const;
const PLANNED = ['pkcs11', 'azure-keyvault'];

export async function providerFromSpec(spec: string): Promise<KeyProvider> {
  const i = spec.indexOf(':');
  const scheme = i === -1 ? spec : spec.slice(0, i);
  const arg = i === -1 ? '' : spec.slice(i + 1);
  switch (scheme) {
    case 'local': {
      if (!arg) throw new SecretsError(`--key local:KEYFILE needs a key file`);
      const { loadLocalProvider } = await import('./local.js');
      return loadLocalProvider(arg);
    }
    default:
      throw new SecretsError(
        PLANNED.includes(scheme)
          ? `key provider ${scheme} is not implemented yet (supported: ${SUPPORTED.join(', ')})`
          : `unknown key provider ${JSON.stringify(scheme)} in --key ${spec} (supported: ${SUPPORTED.join(', ')})`,
      );
  }
}
