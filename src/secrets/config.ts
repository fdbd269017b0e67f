/**
 * The `secrets:` section of `.palisade.yaml`: default recipients and the data key age policy.
 *
 * ```yaml
 * secrets:
 *   keys: [pkcs11:module=...;token=team;key=palisade-kek, local:~/.config/palisade/break-glass.key]
 *   maxDataKeyAgeDays: 365
 * ```
 *
 * Strict like the rest of the file: an unknown key or a malformed value is an error with its
 * line, exit 2. Scans ignore this section (src/core/config.ts), so one file serves both.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import type { ConfigIssue } from '../core/config.js';
import { isRecord } from '../core/objects.js';
import { ConfigError, describeIssues, readYamlDocument } from '../load/config-file.js';
import { SUPPORTED } from './providers/index.js';

export interface SecretsConfig {
  /** Default recipients (key specs); `local:` paths are already resolved against the config file. */
  keys: string[];
  /** Data keys older than this are reported by `status` (and make it exit 1). */
  maxDataKeyAgeDays?: number;
  /** The config file, for messages. */
  source?: string;
}

const KEYS = ['keys', 'maxDataKeyAgeDays'];

/** Validates the section; `raw` is the value of `secrets:` (undefined when absent). */
export function parseSecretsSection(raw: unknown): { value: SecretsConfig; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const value: SecretsConfig = { keys: [] };
  if (raw === undefined || raw === null) return { value, issues };
  if (!isRecord(raw))
    return { value, issues: [{ path: ['secrets'], message: 'must be a mapping with keys, maxDataKeyAgeDays' }] };
  for (const k of Object.keys(raw))
    if (!KEYS.includes(k)) issues.push({ path: ['secrets', k], message: `unknown key "${k}" (allowed: ${KEYS.join(', ')})` });
  if (raw.keys !== undefined) {
    if (!Array.isArray(raw.keys) || raw.keys.length === 0)
      issues.push({ path: ['secrets', 'keys'], message: 'must be a non-empty list of key specs (e.g. local:KEYFILE)' });
    else
      raw.keys.forEach((k: unknown, i) => {
        const problem = specProblem(k);
        if (problem) issues.push({ path: ['secrets', 'keys', i], message: problem });
        else value.keys.push(k as string);
      });
  }
  const age = raw.maxDataKeyAgeDays;
  if (age !== undefined) {
    if (typeof age === 'number' && Number.isInteger(age) && age > 0) value.maxDataKeyAgeDays = age;
    else issues.push({ path: ['secrets', 'maxDataKeyAgeDays'], message: 'must be a positive whole number of days' });
  }
  return { value, issues };
}

/** Only the scheme is checked here; each provider checks the rest of its spec when loaded. */
function specProblem(k: unknown): string | undefined {
  if (typeof k !== 'string') return 'must be a key spec string such as local:KEYFILE';
  const i = k.indexOf(':');
  const scheme = i === -1 ? k : k.slice(0, i);
  if (!(SUPPORTED as readonly string[]).includes(scheme))
    return `unknown key provider ${JSON.stringify(scheme)} in ${JSON.stringify(k)} (supported: ${SUPPORTED.join(', ')})`;
  if (i === -1 || i === k.length - 1) return `key spec ${JSON.stringify(k)} has nothing after "${scheme}:"`;
  return undefined;
}

/** `local:` paths in the config are relative to the config file, and `~/` is the home folder:
 *  no shell expands them there. Other providers' specs are used as written. */
export function resolveKeySpec(spec: string, baseDir: string): string {
  if (!spec.startsWith('local:')) return spec;
  const p = spec.slice('local:'.length);
  if (p === '~' || p.startsWith('~/')) return `local:${path.join(homedir(), p.slice(1))}`;
  return `local:${path.resolve(baseDir, p)}`;
}

/** Reads the `secrets:` section of a config file (undefined: no file, empty config). */
export async function loadSecretsConfig(file: string | undefined): Promise<SecretsConfig> {
  if (!file) return { keys: [] };
  const doc = await readYamlDocument(file);
  if (!doc) return { keys: [], source: file };
  const raw = isRecord(doc.value) ? doc.value.secrets : undefined;
  if (doc.value !== null && doc.value !== undefined && !isRecord(doc.value))
    throw new ConfigError([`${file}:${doc.line}: the config must be a mapping`]);
  const { value, issues } = parseSecretsSection(raw);
  if (issues.length > 0) throw new ConfigError(describeIssues(file, doc, issues));
  const base = path.dirname(path.resolve(file));
  return { ...value, keys: value.keys.map((k) => resolveKeySpec(k, base)), source: file };
}
