/**
 * Evaluates a pod against a Pod Security Standards level and version, selecting checks the way
 * upstream's policy/registry.go does:
 *  - privileged runs nothing;
 *  - versions newer than the newest MinimumVersion of any check (and "latest") evaluate as that
 *    newest version (lowered by an emulated version, like an apiserver emulating an older minor);
 *  - each check runs its implementation with the newest MinimumVersion <= the version, and is
 *    absent below its first one;
 *  - restricted runs the baseline checks not overridden by a selected restricted implementation,
 *    then the restricted checks; each group sorted by check ID (Go byte order).
 */
import { podTemplateOf, type JsonObject, type KubeObject } from '../objects.js';
import { DEFAULT_CHECKS } from './checks/index.js';
import { compareGo } from './helpers.js';
import {
  formatVersion,
  isOlder,
  type CheckFn,
  type ConcreteVersion,
  type Level,
  type PssCheck,
  type Version,
  type VersionedCheck,
} from './types.js';

export interface Forbidden {
  /** The upstream check ID, e.g. "runAsNonRoot". */
  control: string;
  reason: string;
  /** May be empty. */
  detail: string;
}

export interface PssResult {
  allowed: boolean;
  /** The policy version the checks were selected for ("latest" resolved), e.g. "v1.37". */
  evaluatedVersion: string;
  forbidden: Forbidden[];
}

export interface EvaluateOptions {
  /** Evaluate as an apiserver emulating this minor would: newer policy versions are not known. */
  emulationVersion?: ConcreteVersion;
}

/** Upstream's placeholder when a check forbids without a reason. */
export const UNKNOWN_FORBIDDEN_REASON = 'unknown forbidden reason';

/** Registry validation, as upstream's validateChecks: fail loudly on a malformed check list. */
export function validateChecks(checks: readonly PssCheck[]): void {
  const levels = new Map<string, PssCheck['level']>();
  for (const c of checks) {
    if (levels.has(c.id)) throw new Error(`multiple checks registered for ID ${c.id}`);
    levels.set(c.id, c.level);
    if (c.versions.length === 0) throw new Error(`check ${c.id}: empty`);
    c.versions.forEach((v, i) => {
      const prev = c.versions[i - 1];
      if (prev && !isOlder(prev.minimumVersion, v.minimumVersion))
        throw new Error(`check ${c.id}: versions must be strictly increasing`);
    });
  }
  for (const c of checks) {
    for (const v of c.versions) {
      if (!v.overrides?.length) continue;
      if (c.level !== 'restricted') throw new Error(`check ${c.id}: only restricted checks may set overrides`);
      for (const o of v.overrides) {
        const overridden = levels.get(o);
        if (overridden !== undefined && overridden !== 'baseline')
          throw new Error(`check ${c.id}: overrides ${overridden} check ${o}`);
      }
    }
  }
}

validateChecks(DEFAULT_CHECKS);

let defaultMax: ConcreteVersion | undefined;

/** The newest MinimumVersion of any check: what "latest" means. */
export function maxPolicyVersion(checks: readonly PssCheck[] = DEFAULT_CHECKS): ConcreteVersion {
  // The built-in registry never changes: every PSS rule asks this for every pod.
  if (checks === DEFAULT_CHECKS) return (defaultMax ??= newestMinimum(checks));
  return newestMinimum(checks);
}

function newestMinimum(checks: readonly PssCheck[]): ConcreteVersion {
  let max: ConcreteVersion | undefined;
  for (const c of checks) {
    const last = c.versions[c.versions.length - 1];
    if (last && (!max || isOlder(max, last.minimumVersion))) max = last.minimumVersion;
  }
  if (!max) throw new Error('no Pod Security Standards checks registered');
  return max;
}

/** The policy version a requested version is evaluated as (upstream clamps to its maxVersion). */
export function effectiveVersion(version: Version, options: EvaluateOptions = {}): ConcreteVersion {
  let max = maxPolicyVersion();
  if (options.emulationVersion && isOlder(options.emulationVersion, max)) max = options.emulationVersion;
  return version.latest || isOlder(max, version) ? max : version;
}

/** The implementation of a check in effect at a concrete version, if the check exists there. */
export function implementationAt(check: PssCheck, version: ConcreteVersion): VersionedCheck | undefined {
  let found: VersionedCheck | undefined;
  for (const v of check.versions) if (!isOlder(version, v.minimumVersion)) found = v;
  return found;
}

/** The checks (with implementations) upstream runs for a level at a concrete version, in order. */
export function selectChecks(level: Level, version: ConcreteVersion): { id: string; check: CheckFn }[] {
  if (level === 'privileged') return [];
  const at = (lvl: PssCheck['level']) =>
    DEFAULT_CHECKS.filter((c) => c.level === lvl)
      .flatMap((c) => {
        const impl = implementationAt(c, version);
        return impl ? [{ id: c.id, impl }] : [];
      })
      .sort((a, b) => compareGo(a.id, b.id));
  const baseline = at('baseline');
  if (level === 'baseline') return baseline.map(({ id, impl }) => ({ id, check: impl.check }));
  const restricted = at('restricted');
  const overridden = new Set(restricted.flatMap(({ impl }) => impl.overrides ?? []));
  return [...baseline.filter(({ id }) => !overridden.has(id)), ...restricted].map(({ id, impl }) => ({ id, check: impl.check }));
}

export function evaluatePod(
  level: Level,
  version: Version,
  podMetadata: JsonObject,
  podSpec: JsonObject,
  options: EvaluateOptions = {},
): PssResult {
  const v = effectiveVersion(version, options);
  const forbidden: Forbidden[] = [];
  for (const { id, check } of selectChecks(level, v)) {
    const r = check(podMetadata, podSpec);
    if (r.allowed) continue;
    forbidden.push({ control: id, reason: r.forbiddenReason || UNKNOWN_FORBIDDEN_REASON, detail: r.forbiddenDetail ?? '' });
  }
  return { allowed: forbidden.length === 0, evaluatedVersion: formatVersion(v), forbidden };
}

/**
 * Evaluates the pods an object would create (Pod, PodTemplate, workload controllers, Jobs,
 * CronJobs), from its pod template's metadata and spec, as upstream does for those kinds.
 * Undefined for kinds without a pod template.
 */
export function evaluateObject(
  level: Level,
  version: Version,
  obj: Pick<KubeObject, 'id' | 'value'>,
  options: EvaluateOptions = {},
): PssResult | undefined {
  const tpl = podTemplateOf(obj);
  return tpl ? evaluatePod(level, version, tpl.metadata, tpl.spec, options) : undefined;
}

/** Upstream's one-line summary: `host namespaces (hostNetwork=true), privileged (...)`. */
export function formatForbidden(result: PssResult): string {
  return result.forbidden.map((f) => (f.detail ? `${f.reason} (${f.detail})` : f.reason)).join(', ');
}
