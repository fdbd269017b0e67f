/**
 * Baseline: SELinux type limited to container types; user and role must not be set
 * (check_seLinuxOptions.go). v1.31 adds container_engine_t.
 */
import type { JsonObject } from '../../objects.js';
import {
  containerName,
  joinQuote,
  obj,
  pluralize,
  podSecurityContext,
  securityContext,
  sortedSet,
  str,
  visitContainers,
} from '../helpers.js';
import { ALLOWED, forbidden, majorMinor, type CheckFn, type CheckResult, type VersionedCheck } from '../types.js';

export const id = 'seLinuxOptions';
export const level = 'baseline';

export const ALLOWED_TYPES_V1_0: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
export const ALLOWED_TYPES_V1_31: ReadonlySet<string> = new Set([...ALLOWED_TYPES_V1_0, 'container_engine_t']);

function seLinuxOptions(allowedTypes: ReadonlySet<string>): CheckFn {
  return (_meta: JsonObject, podSpec: JsonObject): CheckResult => {
    const badTypes: string[] = [];
    let setUser = false;
    let setRole = false;
    const valid = (opts: JsonObject): boolean => {
      let ok = true;
      const type = str(opts.type);
      if (!allowedTypes.has(type)) {
        ok = false;
        badTypes.push(type);
      }
      if (str(opts.user) !== '') {
        ok = false;
        setUser = true;
      }
      if (str(opts.role) !== '') {
        ok = false;
        setRole = true;
      }
      return ok;
    };

    const setters: string[] = [];
    const podOpts = obj(podSecurityContext(podSpec)?.seLinuxOptions);
    if (podOpts && !valid(podOpts)) setters.push('pod');
    const bad: string[] = [];
    visitContainers(podSpec, (c) => {
      const opts = obj(securityContext(c)?.seLinuxOptions);
      if (opts && !valid(opts)) bad.push(containerName(c));
    });
    if (bad.length > 0) setters.push(`${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)}`);
    if (setters.length === 0) return ALLOWED;

    const data: string[] = [];
    const types = sortedSet(badTypes);
    if (types.length > 0) data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    // Reported even without a bad type, as upstream's v1.31 tests require; see the report on v1.0.
    if (setUser) data.push('user may not be set');
    if (setRole) data.push('role may not be set');
    return forbidden(
      'seLinuxOptions',
      `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`,
    );
  };
}

export const seLinuxOptionsV1Dot0 = seLinuxOptions(ALLOWED_TYPES_V1_0);
export const seLinuxOptionsV1Dot31 = seLinuxOptions(ALLOWED_TYPES_V1_31);

export const versions: readonly VersionedCheck[] = [
  { minimumVersion: majorMinor(0), check: seLinuxOptionsV1Dot0 },
  { minimumVersion: majorMinor(31), check: seLinuxOptionsV1Dot31 },
];
