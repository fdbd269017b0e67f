/** Baseline: no sharing of the node's network, PID or IPC namespaces (check_hostNamespaces.go). */
import type { JsonObject } from '../../objects.js';
import { ALLOWED, forbidden, majorMinor, type CheckResult, type VersionedCheck } from '../types.js';

export const id = 'hostNamespaces';
export const level = 'baseline';

export function hostNamespacesV1Dot0(_meta: JsonObject, podSpec: JsonObject): CheckResult {
  // Fixed order (network, PID, IPC), as upstream appends them.
  const set = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((f) => podSpec[f] === true).map((f) => `${f}=true`);
  return set.length === 0 ? ALLOWED : forbidden('host namespaces', set.join(', '));
}

export const versions: readonly VersionedCheck[] = [{ minimumVersion: majorMinor(0), check: hostNamespacesV1Dot0 }];
