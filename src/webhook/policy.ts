/**
 * Admission policy: which findings deny, warn or only get audited, per namespace (like Pod
 * Security Admission's enforce / warn / audit), who is exempt, what the webhook does when it
 * fails, and which rules may mutate. Parsed strictly: an unknown key is an error, because a typo
 * in a gate's config must never silently turn enforcement off.
 */
import picomatch from 'picomatch';
import { isSeverity, SEVERITIES, severityRank, type Finding, type Severity } from '../core/finding.js';
import { isRecord } from '../core/objects.js';
import type { Path } from '../core/path.js';
import { parseSize, type ConfigIssue } from '../core/config.js';

/** A severity threshold: findings at or above it count; `none` turns the mode off. */
export type Threshold = Severity | 'none';

export interface Thresholds {
  enforce: Threshold;
  warn: Threshold;
  audit: Threshold;
}

export type FailureMode = 'allow' | 'deny';

export interface Limits {
  /** Largest request body read, in bytes. */
  maxBodyBytes: number;
  /** Deepest JSON nesting accepted (checked before parsing). */
  maxJsonDepth: number;
  /** Time to receive a whole request. */
  requestTimeoutMs: number;
}

export interface WebhookPolicy {
  defaults: Thresholds;
  /** Namespace name or glob -> thresholds that override the defaults (first match wins). */
  namespaces: readonly { pattern: string; match: (ns: string) => boolean; thresholds: Partial<Thresholds> }[];
  exempt: { namespaces: readonly string[]; users: readonly string[]; groups: readonly string[] };
  /** Honour `palisade.dev/ignore` at admission. Off makes editors unable to exempt themselves. */
  inlineSuppressions: boolean;
  /** What an internal error (a rule that throws, a bug) answers. */
  failureMode: FailureMode;
  /** Rules whose `fix` the /mutate endpoint applies (opt-in: nothing by default). */
  mutate: readonly string[];
  /** On UPDATE, what a finding the stored object already had does: `warn` (never deny a change
   *  for what it did not introduce: scaling or relabelling a legacy Deployment, removing a
   *  finalizer so a deletion can finish) or `enforce` (judge the new object like a CREATE). */
  existingFindingsOnUpdate: 'warn' | 'enforce';
  limits: Limits;
}

/** Label on a Namespace that overrides its enforce threshold (needs a namespace informer: the
 *  AdmissionReview does not carry the namespace's labels). */
export const NAMESPACE_LABELS = {
  enforce: 'palisade.dev/enforce',
  warn: 'palisade.dev/warn',
  audit: 'palisade.dev/audit',
} as const;

export const DEFAULT_LIMITS: Limits = {
  // The API server caps requests at 3 MiB; a review carries object and oldObject.
  maxBodyBytes: 7 * 1024 * 1024,
  // Real objects (CRD schemas included) stay far below; deep bodies are an attack on parsers.
  maxJsonDepth: 100,
  requestTimeoutMs: 10_000,
};

export const DEFAULT_POLICY: WebhookPolicy = {
  defaults: { enforce: 'high', warn: 'low', audit: 'info' },
  namespaces: [],
  exempt: { namespaces: ['kube-system'], users: [], groups: [] },
  inlineSuppressions: true,
  failureMode: 'allow',
  mutate: [],
  existingFindingsOnUpdate: 'warn',
  limits: DEFAULT_LIMITS,
};

const KEYS = [
  'defaults',
  'namespaces',
  'exempt',
  'inlineSuppressions',
  'failureMode',
  'mutate',
  'existingFindingsOnUpdate',
  'limits',
];
const THRESHOLD_KEYS = ['enforce', 'warn', 'audit'] as const;
const EXEMPT_KEYS = ['namespaces', 'users', 'groups'];
const LIMIT_KEYS = ['maxBodyBytes', 'maxJsonDepth', 'requestTimeoutMs'];

function isThreshold(v: unknown): v is Threshold {
  return v === 'none' || isSeverity(v);
}

function unknownKeys(v: Record<string, unknown>, allowed: readonly string[], at: Path, issues: ConfigIssue[]): void {
  for (const k of Object.keys(v))
    if (!allowed.includes(k)) issues.push({ path: [...at, k], message: `unknown key "${k}" (allowed: ${allowed.join(', ')})` });
}

function thresholds(v: unknown, at: Path, issues: ConfigIssue[]): Partial<Thresholds> {
  if (!isRecord(v)) {
    issues.push({ path: at, message: 'must be a mapping of enforce / warn / audit to a severity or none' });
    return {};
  }
  unknownKeys(v, THRESHOLD_KEYS, at, issues);
  const out: Partial<Thresholds> = {};
  for (const k of THRESHOLD_KEYS) {
    if (v[k] === undefined) continue;
    const t = v[k];
    if (isThreshold(t)) out[k] = t;
    else issues.push({ path: [...at, k], message: `must be one of ${SEVERITIES.join(', ')}, none` });
  }
  return out;
}

function strings(v: unknown, at: Path, issues: ConfigIssue[]): string[] {
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  issues.push({ path: at, message: 'must be a list of strings' });
  return [];
}

/**
 * The `webhook:` section of the webhook's config file. `knownRules` maps rule id -> whether it
 * can mutate at admission (has a fix and needs only the object); mutation of any other rule is
 * an error rather than a silent no-op.
 */
export function parsePolicy(
  raw: unknown,
  knownRules: ReadonlyMap<string, boolean>,
): { policy: WebhookPolicy; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const policy: WebhookPolicy = { ...DEFAULT_POLICY, exempt: { ...DEFAULT_POLICY.exempt }, limits: { ...DEFAULT_LIMITS } };
  if (raw === undefined || raw === null) return { policy, issues };
  const at: Path = ['webhook'];
  if (!isRecord(raw)) return { policy, issues: [{ path: at, message: 'must be a mapping' }] };
  unknownKeys(raw, KEYS, at, issues);

  if (raw.defaults !== undefined)
    policy.defaults = { ...policy.defaults, ...thresholds(raw.defaults, [...at, 'defaults'], issues) };
  if (raw.namespaces !== undefined) {
    if (!isRecord(raw.namespaces))
      issues.push({ path: [...at, 'namespaces'], message: 'must be a mapping of namespace (or glob) to thresholds' });
    else
      policy.namespaces = Object.entries(raw.namespaces).map(([pattern, t]) => ({
        pattern,
        match: picomatch(pattern, { dot: true }),
        thresholds: thresholds(t, [...at, 'namespaces', pattern], issues),
      }));
  }
  if (raw.exempt !== undefined) {
    const p: Path = [...at, 'exempt'];
    if (!isRecord(raw.exempt)) issues.push({ path: p, message: 'must be a mapping with namespaces, users, groups' });
    else {
      unknownKeys(raw.exempt, EXEMPT_KEYS, p, issues);
      // Giving the list replaces the default: an admin who lists namespaces sees exactly what is exempt.
      if (raw.exempt.namespaces !== undefined)
        policy.exempt.namespaces = strings(raw.exempt.namespaces, [...p, 'namespaces'], issues);
      if (raw.exempt.users !== undefined) policy.exempt.users = strings(raw.exempt.users, [...p, 'users'], issues);
      if (raw.exempt.groups !== undefined) policy.exempt.groups = strings(raw.exempt.groups, [...p, 'groups'], issues);
    }
  }
  if (raw.inlineSuppressions !== undefined) {
    if (typeof raw.inlineSuppressions === 'boolean') policy.inlineSuppressions = raw.inlineSuppressions;
    else issues.push({ path: [...at, 'inlineSuppressions'], message: 'must be true or false' });
  }
  if (raw.failureMode !== undefined) {
    if (raw.failureMode === 'allow' || raw.failureMode === 'deny') policy.failureMode = raw.failureMode;
    else issues.push({ path: [...at, 'failureMode'], message: 'must be allow or deny' });
  }
  if (raw.mutate !== undefined) {
    const ids = strings(raw.mutate, [...at, 'mutate'], issues);
    for (const id of ids) {
      const can = knownRules.get(id);
      if (can === undefined) issues.push({ path: [...at, 'mutate'], message: `unknown rule "${id}"` });
      else if (!can)
        issues.push({
          path: [...at, 'mutate'],
          message: `rule "${id}" cannot mutate at admission (no fix, or it needs other objects)`,
        });
    }
    policy.mutate = ids;
  }
  if (raw.existingFindingsOnUpdate !== undefined) {
    const v = raw.existingFindingsOnUpdate;
    if (v === 'warn' || v === 'enforce') policy.existingFindingsOnUpdate = v;
    else issues.push({ path: [...at, 'existingFindingsOnUpdate'], message: 'must be warn or enforce' });
  }
  if (raw.limits !== undefined) {
    const p: Path = [...at, 'limits'];
    if (!isRecord(raw.limits)) issues.push({ path: p, message: 'must be a mapping' });
    else {
      unknownKeys(raw.limits, LIMIT_KEYS, p, issues);
      const size = raw.limits.maxBodyBytes === undefined ? undefined : parseSize(raw.limits.maxBodyBytes);
      if (raw.limits.maxBodyBytes !== undefined && !size)
        issues.push({ path: [...p, 'maxBodyBytes'], message: 'must be a size such as 7Mi' });
      if (size) policy.limits.maxBodyBytes = size;
      for (const k of ['maxJsonDepth', 'requestTimeoutMs'] as const) {
        const v = raw.limits[k];
        if (v === undefined) continue;
        if (typeof v === 'number' && Number.isInteger(v) && v > 0) policy.limits[k] = v;
        else issues.push({ path: [...p, k], message: 'must be a positive whole number' });
      }
    }
  }
  return { policy, issues };
}

export interface Requester {
  username?: string;
  groups?: readonly string[];
}

/** Why a request is not evaluated at all, or undefined. */
export function exemption(policy: WebhookPolicy, namespace: string | undefined, user: Requester): string | undefined {
  if (namespace !== undefined && policy.exempt.namespaces.includes(namespace)) return `namespace ${namespace} is exempt`;
  if (user.username !== undefined && policy.exempt.users.includes(user.username)) return `user ${user.username} is exempt`;
  const group = user.groups?.find((g) => policy.exempt.groups.includes(g));
  return group === undefined ? undefined : `group ${group} is exempt`;
}

/** The thresholds in force for a namespace: defaults, then the config's entry, then the
 *  namespace's own labels when an informer supplies them (labels win, as PSA's do). */
export function thresholdsFor(
  policy: WebhookPolicy,
  namespace: string | undefined,
  namespaceLabels?: Readonly<Record<string, string>>,
): Thresholds {
  let t = policy.defaults;
  if (namespace !== undefined) {
    const entry = policy.namespaces.find((n) => n.match(namespace));
    if (entry) t = { ...t, ...entry.thresholds };
  }
  if (namespaceLabels) {
    const fromLabels: Partial<Thresholds> = {};
    for (const k of THRESHOLD_KEYS) {
      const v = namespaceLabels[NAMESPACE_LABELS[k]];
      if (isThreshold(v)) fromLabels[k] = v;
    }
    t = { ...t, ...fromLabels };
  }
  return t;
}

export function atOrAbove(s: Severity, t: Threshold): boolean {
  return t !== 'none' && severityRank(s) >= severityRank(t);
}

export interface Classified {
  /** At or above enforce: deny. */
  deny: Finding[];
  /** Below enforce, at or above warn: kubectl shows them. */
  warn: Finding[];
  /** At or above audit, whatever else happens to them: recorded in the audit log. */
  audit: Finding[];
  /** Suppressed (annotation, exclusion, exception): never counted. */
  suppressed: Finding[];
}

/** What identifies a finding across two versions of one object: the rule, the field and what
 *  it says. The message matters: a rule that reports at one place for many offenders (the PSS
 *  rules report at the pod spec) says which ones, and a new offender must not pass as old. */
export const findingKey = (f: Finding): string => `${f.ruleId}\u0000${f.path.join('\u0000')}\u0000${f.message}`;

/** `existing`: keys (findingKey) of findings the stored object already had; such findings warn
 *  instead of denying (see existingFindingsOnUpdate). */
export function classify(findings: readonly Finding[], t: Thresholds, existing?: ReadonlySet<string>): Classified {
  const out: Classified = { deny: [], warn: [], audit: [], suppressed: [] };
  for (const f of findings) {
    if (f.suppression) {
      out.suppressed.push(f);
      continue;
    }
    if (atOrAbove(f.severity, t.enforce) && !existing?.has(findingKey(f))) out.deny.push(f);
    else if (atOrAbove(f.severity, t.warn) || atOrAbove(f.severity, t.enforce)) out.warn.push(f);
    if (atOrAbove(f.severity, t.audit)) out.audit.push(f);
  }
  return out;
}
