/**
 * EncryptionConfiguration as the API server reads it: `resources` entries in order, each a list
 * of resource names (`secrets`, `deployments.apps`, wildcards `*.` for the core group, `*.<group>`
 * and `*.*`) and an ordered list of providers. For a resource the first entry that names it
 * decides; in that entry the first provider encrypts every write and all providers are tried, in
 * order, to decrypt.
 */
import { isRecord, type JsonObject } from '../../core/objects.js';
import type { Path } from '../../core/path.js';

export const PROVIDER_TYPES = ['identity', 'aescbc', 'aesgcm', 'secretbox', 'kms'] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

export interface Provider {
  type: ProviderType;
  config: JsonObject;
  /** Path of the provider item (`resources[i].providers[j]`). */
  path: Path;
  index: number;
}

export interface ResourceEntry {
  index: number;
  path: Path;
  resources: { name: string; path: Path }[];
  providers: Provider[];
}

export function encryptionEntries(value: JsonObject): ResourceEntry[] {
  const list = value.resources;
  if (!Array.isArray(list)) return [];
  const out: ResourceEntry[] = [];
  list.forEach((e: unknown, i) => {
    if (!isRecord(e)) return;
    const path: Path = ['resources', i];
    const resources: { name: string; path: Path }[] = [];
    if (Array.isArray(e.resources))
      e.resources.forEach((r: unknown, k) => {
        if (typeof r === 'string') resources.push({ name: r, path: [...path, 'resources', k] });
      });
    const providers: Provider[] = [];
    if (Array.isArray(e.providers))
      e.providers.forEach((p: unknown, j) => {
        if (!isRecord(p)) return;
        const type = PROVIDER_TYPES.find((t) => t in p);
        if (!type) return;
        providers.push({ type, config: isRecord(p[type]) ? p[type] : {}, path: [...path, 'providers', j], index: j });
      });
    out.push({ index: i, path, resources, providers });
  });
  return out;
}

/** Whether a resource name of the configuration covers `resource` of `group` ('' = core). */
export function namesResource(name: string, resource: string, group: string): boolean {
  const full = group ? `${resource}.${group}` : resource;
  if (name === full || (!group && name === `${resource}.`)) return true;
  if (name === '*.*') return true;
  if (!group && name === '*.') return true;
  return group !== '' && name === `*.${group}`;
}

/** The entry that decides how `resource` is stored: the first that names it. */
export function entryFor(entries: readonly ResourceEntry[], resource: string, group = ''): ResourceEntry | undefined {
  return entries.find((e) => e.resources.some((r) => namesResource(r.name, resource, group)));
}

/** A KMS provider that speaks the deprecated v1 API (apiVersion absent or v1). */
export function isKmsV1(p: Provider): boolean {
  return p.type === 'kms' && (p.config.apiVersion === undefined || p.config.apiVersion === 'v1');
}

/** Providers keep their keys locally in the file. */
export const LOCAL_KEY_PROVIDERS: readonly ProviderType[] = ['aescbc', 'aesgcm', 'secretbox'];

/** The date in a key name following the documented convention: `key-20250131` or
 *  `key-2025-01-31` (any prefix, the date at the end). Undefined when there is none or it is not a
 *  calendar date. Returns days since the epoch. */
export function keyDate(name: string): number | undefined {
  const m = /(?:^|[^0-9])(\d{4})-?(\d{2})-?(\d{2})$/.exec(name);
  if (!m) return undefined;
  return dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Days since 1970-01-01 for a calendar date, or undefined when the date does not exist. */
export function dayNumber(y: number, m: number, d: number): number | undefined {
  const t = Date.UTC(y, m - 1, d);
  const dt = new Date(t);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return Math.round(t / 86_400_000);
}

/** `YYYY-MM-DD` as days since the epoch. */
export function parseDay(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  return m ? dayNumber(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}
