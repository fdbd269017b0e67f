/**
 * `.palisade.yaml`: which rules run, at what severity, with which options; exclusions,
 * exceptions and defaults for scan flags. Validation is strict: an unknown key or rule id is an
 * error, because a typo must never silently turn a CI gate off.
 */
import { isSeverity, SEVERITIES, type Severity } from './finding.js';
import { isRecord } from './objects.js';
import type { Path } from './path.js';
import { defaultOptions, validateOptions, type AnyRule } from './rule.js';
import type { ActiveRule } from './engine.js';
import type { Exception, ObjectMatch } from './suppress.js';

export interface RuleSetting {
  enabled?: boolean;
  severity?: Severity;
  options?: Record<string, unknown>;
}

export interface PalisadeConfig {
  failOn?: Severity;
  allRules?: boolean;
  inlineSuppressions?: boolean;
  maxFileSize?: number;
  rules: Record<string, RuleSetting>;
  exclude: ObjectMatch[];
  exceptions: Exception[];
  exceptionsFile?: string;
  baseline?: string;
}

export interface ConfigIssue {
  path: Path;
  message: string;
}

export const EMPTY_CONFIG: PalisadeConfig = { rules: {}, exclude: [], exceptions: [] };

// `webhook` belongs to `palisade webhook serve` and `secrets` to `palisade secrets`, which
// validate them; scans ignore them, so one .palisade.yaml serves CI, the webhook and secrets.
const TOP_KEYS = [
  'webhook',
  'secrets',
  'failOn',
  'allRules',
  'inlineSuppressions',
  'maxFileSize',
  'rules',
  'exclude',
  'exceptions',
  'exceptionsFile',
  'baseline',
];
const MATCH_KEYS = ['namespaces', 'kinds', 'names', 'rules'];
const EXCEPTION_KEYS = [
  'rule',
  'rules',
  'namespace',
  'namespaces',
  'kind',
  'kinds',
  'name',
  'names',
  'reason',
  'owner',
  'expires',
];

function unknownKeys(v: Record<string, unknown>, allowed: readonly string[], at: Path, issues: ConfigIssue[]): void {
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) {
      const near = allowed.find((a) => a.toLowerCase() === k.toLowerCase());
      issues.push({
        path: [...at, k],
        message: `unknown key "${k}"${near ? ` (did you mean "${near}"?)` : ` (allowed: ${allowed.join(', ')})`}`,
      });
    }
  }
}

function stringList(v: unknown, at: Path, issues: ConfigIssue[]): string[] | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  issues.push({ path: at, message: 'must be a string or a list of strings' });
  return undefined;
}

/** Parses "50Mi", "10MB", 1048576 into bytes. */
export function parseSize(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v;
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(B|Ki|KiB|KB|Mi|MiB|MB|Gi|GiB|GB)?$/i.exec(v.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 'B').toLowerCase().replace(/b$/, '') || 'b';
  const f: Record<string, number> = { b: 1, ki: 1024, k: 1000, mi: 1024 ** 2, m: 1e6, gi: 1024 ** 3, g: 1e9 };
  const factor = f[unit];
  return factor ? Math.round(Number(m[1]) * factor) : undefined;
}

/** Validates a parsed config document against the known rules. */
export function parseConfig(
  raw: unknown,
  rules: readonly AnyRule[],
  source: string,
): { config: PalisadeConfig; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const config: PalisadeConfig = { rules: {}, exclude: [], exceptions: [] };
  if (raw === null || raw === undefined) return { config, issues };
  if (!isRecord(raw)) return { config, issues: [{ path: [], message: 'the config must be a mapping' }] };
  unknownKeys(raw, TOP_KEYS, [], issues);
  const known = new Map(rules.map((r) => [r.meta.id, r]));

  if (raw.failOn !== undefined) {
    if (isSeverity(raw.failOn)) config.failOn = raw.failOn;
    else issues.push({ path: ['failOn'], message: `must be one of ${SEVERITIES.join(', ')}` });
  }
  for (const k of ['allRules', 'inlineSuppressions'] as const) {
    if (raw[k] === undefined) continue;
    if (typeof raw[k] === 'boolean') config[k] = raw[k];
    else issues.push({ path: [k], message: 'must be true or false' });
  }
  if (raw.maxFileSize !== undefined) {
    const n = parseSize(raw.maxFileSize);
    if (n) config.maxFileSize = n;
    else issues.push({ path: ['maxFileSize'], message: 'must be a size such as 50Mi or a number of bytes' });
  }
  for (const k of ['exceptionsFile', 'baseline'] as const) {
    if (raw[k] === undefined) continue;
    if (typeof raw[k] === 'string') config[k] = raw[k];
    else issues.push({ path: [k], message: 'must be a file path' });
  }

  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) issues.push({ path: ['rules'], message: 'must be a mapping of rule id to setting' });
    else {
      for (const [id, setting] of Object.entries(raw.rules)) {
        const at: Path = ['rules', id];
        const rule = known.get(id);
        if (!rule) {
          issues.push({ path: at, message: `unknown rule "${id}" (see \`palisade rules\`)` });
          continue;
        }
        config.rules[id] = parseRuleSetting(setting, rule, at, issues);
      }
    }
  }

  if (raw.exclude !== undefined) {
    if (!Array.isArray(raw.exclude)) issues.push({ path: ['exclude'], message: 'must be a list' });
    else
      raw.exclude.forEach((e: unknown, i) => {
        const at: Path = ['exclude', i];
        if (!isRecord(e)) return issues.push({ path: at, message: 'must be a mapping' });
        unknownKeys(e, MATCH_KEYS, at, issues);
        const m: ObjectMatch = {
          namespaces: stringList(e.namespaces, [...at, 'namespaces'], issues),
          kinds: stringList(e.kinds, [...at, 'kinds'], issues),
          names: stringList(e.names, [...at, 'names'], issues),
          rules: stringList(e.rules, [...at, 'rules'], issues),
        };
        for (const r of m.rules ?? [])
          if (!known.has(r) && !/[*?]/.test(r)) issues.push({ path: [...at, 'rules'], message: `unknown rule "${r}"` });
        if (!m.namespaces && !m.kinds && !m.names)
          issues.push({ path: at, message: 'an exclusion needs namespaces, kinds or names' });
        config.exclude.push(m);
      });
  }

  config.exceptions = parseExceptions(raw.exceptions, known, ['exceptions'], source, issues);
  return { config, issues };
}

function parseRuleSetting(v: unknown, rule: AnyRule, at: Path, issues: ConfigIssue[]): RuleSetting {
  if (typeof v === 'boolean') return { enabled: v };
  if (isSeverity(v)) return { enabled: true, severity: v };
  if (!isRecord(v)) {
    issues.push({ path: at, message: `must be on, off, a severity (${SEVERITIES.join(', ')}) or {enabled, severity, options}` });
    return {};
  }
  unknownKeys(v, ['enabled', 'severity', 'options'], at, issues);
  const s: RuleSetting = {};
  if (v.enabled !== undefined) {
    if (typeof v.enabled === 'boolean') s.enabled = v.enabled;
    else issues.push({ path: [...at, 'enabled'], message: 'must be true or false' });
  }
  if (v.severity !== undefined) {
    if (isSeverity(v.severity)) s.severity = v.severity;
    else issues.push({ path: [...at, 'severity'], message: `must be one of ${SEVERITIES.join(', ')}` });
  }
  if (v.options !== undefined) {
    if (!isRecord(v.options)) issues.push({ path: [...at, 'options'], message: 'must be a mapping' });
    else {
      for (const m of validateOptions(rule.meta, v.options)) issues.push({ path: [...at, 'options'], message: m });
      s.options = { ...v.options };
    }
  }
  return s;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Exceptions: rule(s), an object match, and the reason, owner and expiry an auditor asks for. */
export function parseExceptions(
  raw: unknown,
  known: ReadonlyMap<string, AnyRule>,
  at: Path,
  source: string,
  issues: ConfigIssue[],
): Exception[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    issues.push({ path: at, message: 'must be a list' });
    return [];
  }
  const out: Exception[] = [];
  raw.forEach((e: unknown, i) => {
    const p: Path = [...at, i];
    if (!isRecord(e)) return issues.push({ path: p, message: 'must be a mapping' });
    unknownKeys(e, EXCEPTION_KEYS, p, issues);
    const rules = [
      ...(stringList(e.rule, [...p, 'rule'], issues) ?? []),
      ...(stringList(e.rules, [...p, 'rules'], issues) ?? []),
    ];
    if (rules.length === 0) issues.push({ path: p, message: 'an exception names its rule(s) with "rule" or "rules"' });
    for (const r of rules) if (r !== '*' && !known.has(r)) issues.push({ path: p, message: `unknown rule "${r}"` });
    for (const k of ['reason', 'owner'] as const) {
      if (typeof e[k] !== 'string' || !e[k].trim()) issues.push({ path: [...p, k], message: `an exception needs a "${k}"` });
    }
    const expires = typeof e.expires === 'string' ? e.expires : undefined;
    if (!expires || !DATE.test(expires) || Number.isNaN(Date.parse(expires)))
      issues.push({ path: [...p, 'expires'], message: 'an exception needs an expiry date "expires: YYYY-MM-DD"' });
    const match: ObjectMatch = {
      namespaces: [
        ...(stringList(e.namespace, [...p, 'namespace'], issues) ?? []),
        ...(stringList(e.namespaces, [...p, 'namespaces'], issues) ?? []),
      ],
      kinds: [...(stringList(e.kind, [...p, 'kind'], issues) ?? []), ...(stringList(e.kinds, [...p, 'kinds'], issues) ?? [])],
      names: [...(stringList(e.name, [...p, 'name'], issues) ?? []), ...(stringList(e.names, [...p, 'names'], issues) ?? [])],
    };
    out.push({
      rules,
      match,
      reason: String(e.reason ?? ''),
      owner: String(e.owner ?? ''),
      expires: expires ?? '0000-00-00',
      source,
    });
  });
  return out;
}

export interface RuleSelection {
  /** Only these rules (`--rules`). */
  only?: readonly string[];
  /** Never these (`--skip-rules`). */
  skip?: readonly string[];
  /** Opt-in rules too (`--all-rules`). */
  all?: boolean;
}

/** The rules a scan runs, with severity and options from config. Unknown ids are errors. */
export function activeRules(
  rules: readonly AnyRule[],
  config: PalisadeConfig,
  sel: RuleSelection,
): { active: ActiveRule[]; errors: string[] } {
  const errors: string[] = [];
  const known = new Set(rules.map((r) => r.meta.id));
  for (const id of [...(sel.only ?? []), ...(sel.skip ?? [])])
    if (!known.has(id)) errors.push(`unknown rule "${id}" (see \`palisade rules\`)`);
  const all = sel.all ?? config.allRules ?? false;
  const active: ActiveRule[] = [];
  for (const rule of rules) {
    const id = rule.meta.id;
    const setting = config.rules[id] ?? {};
    let enabled: boolean;
    if (sel.only && sel.only.length > 0) enabled = sel.only.includes(id);
    else enabled = setting.enabled ?? (all || !rule.meta.optIn);
    if (sel.skip?.includes(id)) enabled = false;
    if (!enabled) continue;
    active.push({
      rule,
      severity: setting.severity ?? rule.meta.severity,
      severityFromConfig: setting.severity !== undefined,
      options: { ...defaultOptions(rule.meta), ...setting.options },
    });
  }
  return { active, errors };
}

/** Rules that judge ages (encryption key rotation, data key age) take "today" as an option,
 *  because the engine reads no clock: callers that scan (the CLI, the webhook per day) fill it
 *  unless the config pins a date. */
export function withToday(config: PalisadeConfig, rules: readonly AnyRule[], day: string): PalisadeConfig {
  const out = { ...config.rules };
  for (const r of rules) {
    if (!r.meta.options || !('today' in r.meta.options)) continue;
    const current = out[r.meta.id] ?? {};
    if (current.options && 'today' in current.options) continue;
    out[r.meta.id] = { ...current, options: { ...current.options, today: day } };
  }
  return { ...config, rules: out };
}
