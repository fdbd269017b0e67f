/** Output plumbing shared by commands: where text goes, colour, exit codes. */
import pc from 'picocolors';
import type { PalisadeConfig } from '../core/config.js';
import { writeFileAtomic } from '../util/atomic-write.js';

export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

export function useColor(flag: boolean | undefined, toFile: boolean): boolean {
  if (flag !== undefined) return flag;
  if (toFile) return false;
  return pc.isColorSupported && !!process.stdout.isTTY;
}

export async function emit(text: string, outputFile: string | undefined): Promise<void> {
  if (outputFile) await writeFileAtomic(outputFile, text);
  else await new Promise<void>((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
}

export function fail(message: string): never {
  process.stderr.write(`palisade: ${message}\n`);
  process.exit(EXIT.error);
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export { withToday } from '../core/config.js';

/** One rotation policy for encrypted Secrets: `secrets.maxDataKeyAgeDays` (what `palisade secrets
 *  status` judges by) is also the default of the scan rule secret-data-key-age, unless the rule's
 *  own `maxAgeDays` is set. Reading the section also validates it, like every config key. */
export async function withSecretsPolicy(config: PalisadeConfig, configFile: string | undefined): Promise<PalisadeConfig> {
  if (!configFile) return config;
  const { loadSecretsConfig } = await import('../secrets/config.js');
  const days = (await loadSecretsConfig(configFile)).maxDataKeyAgeDays;
  const id = 'secret-data-key-age';
  const current = config.rules[id] ?? {};
  if (days === undefined || (current.options && 'maxAgeDays' in current.options)) return config;
  return { ...config, rules: { ...config.rules, [id]: { ...current, options: { ...current.options, maxAgeDays: days } } } };
}
