/** Baseline: only the container runtime's default capabilities may be added
 *  (check_capabilities_baseline.go). Restricted replaces it with capabilities_restricted. */
import type { JsonObject } from '../../objects.js';
import { containerName, joinQuote, list, obj, pluralize, securityContext, sortedSet, str, visitContainers } from '../helpers.js';
import { ALLOWED, forbidden, majorMinor, type CheckResult, type VersionedCheck } from '../types.js';

export const id = 'capabilities_baseline';
export const level = 'baseline';

/** The default set, unchanged since 1.0 (NET_RAW deliberately absent). */
export const ALLOWED_CAPABILITIES_V1_0: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

export function capabilitiesBaselineV1Dot0(_meta: JsonObject, podSpec: JsonObject): CheckResult {
  const bad: string[] = [];
  const caps: string[] = [];
  visitContainers(podSpec, (c) => {
    const capabilities = obj(securityContext(c)?.capabilities);
    if (!capabilities) return;
    const extra = list(capabilities.add)
      .map(str)
      .filter((cap) => !ALLOWED_CAPABILITIES_V1_0.has(cap));
    if (extra.length > 0) {
      bad.push(containerName(c));
      caps.push(...extra);
    }
  });
  if (bad.length === 0) return ALLOWED;
  return forbidden(
    'non-default capabilities',
    `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`,
  );
}

export const versions: readonly VersionedCheck[] = [{ minimumVersion: majorMinor(0), check: capabilitiesBaselineV1Dot0 }];
