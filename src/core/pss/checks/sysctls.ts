/**
 * Baseline: only namespaced, node-isolated ("safe") sysctls (check_sysctls.go). The safe set
 * grows with the policy version; each version's set includes the earlier ones.
 */
import type { JsonObject } from '../../objects.js';
import { list, obj, podSecurityContext, str } from '../helpers.js';
import { ALLOWED, forbidden, majorMinor, type CheckFn, type CheckResult, type VersionedCheck } from '../types.js';

export const id = 'sysctls';
export const level = 'baseline';

/** Sysctls added to the safe set at each policy version (data, reviewed like code). */
export const SAFE_SYSCTLS_ADDED: readonly { readonly minor: number; readonly names: readonly string[] }[] = [
  {
    minor: 0,
    names: [
      'kernel.shm_rmid_forced',
      'net.ipv4.ip_local_port_range',
      'net.ipv4.tcp_syncookies',
      'net.ipv4.ping_group_range',
      'net.ipv4.ip_unprivileged_port_start',
    ],
  },
  { minor: 27, names: ['net.ipv4.ip_local_reserved_ports'] },
  {
    minor: 29,
    names: [
      'net.ipv4.tcp_keepalive_time',
      'net.ipv4.tcp_fin_timeout',
      'net.ipv4.tcp_keepalive_intvl',
      'net.ipv4.tcp_keepalive_probes',
    ],
  },
  { minor: 32, names: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'] },
  { minor: 37, names: ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'] },
];

/** The safe set in effect at a policy minor version. */
export function safeSysctls(minor: number): ReadonlySet<string> {
  return new Set(SAFE_SYSCTLS_ADDED.filter((a) => a.minor <= minor).flatMap((a) => a.names));
}

function sysctlsWith(allowed: ReadonlySet<string>): CheckFn {
  return (_meta: JsonObject, podSpec: JsonObject): CheckResult => {
    // Only the pod level has sysctls; listed in order, duplicates kept, as upstream does.
    const bad = list(podSecurityContext(podSpec)?.sysctls)
      .map((s) => str(obj(s)?.name))
      .filter((name) => !allowed.has(name));
    return bad.length === 0 ? ALLOWED : forbidden('forbidden sysctls', bad.join(', '));
  };
}

export const versions: readonly VersionedCheck[] = SAFE_SYSCTLS_ADDED.map((a) => ({
  minimumVersion: majorMinor(a.minor),
  check: sysctlsWith(safeSysctls(a.minor)),
}));
