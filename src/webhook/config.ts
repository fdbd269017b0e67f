/**
 * The webhook's config file: the keys of `.palisade.yaml` (rules, exclude, exceptions, ...) so
 * the webhook judges with the same rule settings as CI, plus a `webhook:` section (policy.ts).
 * Every problem is reported with its line, and any problem stops the server from starting.
 */
import { EMPTY_CONFIG, parseConfig, type ConfigIssue, type PalisadeConfig } from '../core/config.js';
import { isRecord } from '../core/objects.js';
import type { AnyRule } from '../core/rule.js';
import { ConfigError, describeIssues, readYamlDocument } from '../load/config-file.js';
import type { RawDocument } from '../load/yaml.js';
import { runsAtAdmission } from './admit.js';
import { DEFAULT_POLICY, parsePolicy, type WebhookPolicy } from './policy.js';

export interface WebhookConfig {
  config: PalisadeConfig;
  policy: WebhookPolicy;
}

export class WebhookConfigError extends Error {}

/** Rule id -> whether it can mutate at admission. */
export function mutability(rules: readonly AnyRule[]): Map<string, boolean> {
  return new Map(rules.map((r) => [r.meta.id, runsAtAdmission(r) && typeof r.fix === 'function']));
}

export function parseWebhookConfig(
  raw: unknown,
  rules: readonly AnyRule[],
  source: string,
): { value: WebhookConfig; issues: ConfigIssue[] } {
  if (raw === null || raw === undefined) return { value: { config: { ...EMPTY_CONFIG }, policy: DEFAULT_POLICY }, issues: [] };
  if (!isRecord(raw))
    return {
      value: { config: { ...EMPTY_CONFIG }, policy: DEFAULT_POLICY },
      issues: [{ path: [], message: 'must be a mapping' }],
    };
  const { webhook, ...rest } = raw;
  const c = parseConfig(rest, rules, source);
  const p = parsePolicy(webhook, mutability(rules));
  return { value: { config: c.config, policy: p.policy }, issues: [...c.issues, ...p.issues] };
}

export async function loadWebhookConfig(file: string | undefined, rules: readonly AnyRule[]): Promise<WebhookConfig> {
  if (!file) return { config: { ...EMPTY_CONFIG }, policy: DEFAULT_POLICY };
  let doc: RawDocument | undefined;
  try {
    doc = await readYamlDocument(file);
  } catch (e) {
    if (e instanceof ConfigError) throw new WebhookConfigError(e.message);
    throw e;
  }
  const { value, issues } = parseWebhookConfig(doc?.value, rules, file);
  if (issues.length > 0 && doc) throw new WebhookConfigError(describeIssues(file, doc, issues).join('\n'));
  return value;
}
