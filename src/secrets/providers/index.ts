/** `--key SCHEME:ARG` to a provider. Providers load lazily: an HSM or cloud SDK is imported
 *  only when a key of that kind is used. */
import { SecretsError } from '../format.js';
import type { KeyProvider } from './types.js';

export const SUPPORTED = ['local', 'pkcs11', 'azure-keyvault'] as const;
const PLANNED: string[] = [];

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
    case 'pkcs11': {
      if (!arg) throw new SecretsError(`--key pkcs11:module=PATH;token=LABEL;key=LABEL needs module, token and key`);
      const { loadPkcs11Provider } = await import('./pkcs11.js');
      return loadPkcs11Provider(arg);
    }
    case 'azure-keyvault': {
      if (!arg) throw new SecretsError(`--key azure-keyvault:https://VAULT.vault.azure.net/keys/NAME needs a key URL`);
      const { loadAzureKeyVaultProvider } = await import('./azure-keyvault.js');
      return loadAzureKeyVaultProvider(arg);
    }
    default:
      throw new SecretsError(
        PLANNED.includes(scheme)
          ? `key provider ${scheme} is not implemented yet (supported: ${SUPPORTED.join(', ')})`
          : `unknown key provider ${JSON.stringify(scheme)} in --key ${spec} (supported: ${SUPPORTED.join(', ')})`,
      );
  }
}
