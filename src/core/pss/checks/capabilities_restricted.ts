/**
 * Restricted from v1.22: containers must drop ALL and may add only NET_BIND_SERVICE
 * (check_capabilities_restricted.go). Replaces capabilities_baseline. From v1.25 Windows pods
 * are exempt.
 */
import { isWindowsPod, type JsonObject } from '../../objects.js';
import { containerName, joinQuote, list, obj, pluralize, securityContext, sortedSet, str, visitContainers } from '../helpers.js';
import { ALLOWED, forbidden, majorMinor, type CheckResult, type VersionedCheck } from '../types.js';

export const id = 'capabilities_restricted';
export const level = 'restricted';

export function capabilitiesRestrictedV1Dot22(_meta: JsonObject, podSpec: JsonObject): CheckResult {
  const missingDropAll: string[] = [];
  const adding: string[] = [];
  const caps: string[] = [];
  visitContainers(podSpec, (c) => {
    const capabilities = obj(securityContext(c)?.capabilities);
    if (!capabilities) {
      missingDropAll.push(containerName(c));
      return;
    }
    if (!list(capabilities.drop).some((d) => d === 'ALL')) missingDropAll.push(containerName(c));
    const extra = list(capabilities.add)
      .map(str)
      .filter((cap) => cap !== 'NET_BIND_SERVICE');
    if (extra.length > 0) {
      adding.push(containerName(c));
      caps.push(...extra);
    }
  });
  const details: string[] = [];
  if (missingDropAll.length > 0) {
    details.push(
      `${pluralize('container', 'containers', missingDropAll.length)} ${joinQuote(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`,
    );
  }
  if (adding.length > 0) {
    details.push(
      `${pluralize('container', 'containers', adding.length)} ${joinQuote(adding)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`,
    );
  }
  return details.length === 0 ? ALLOWED : forbidden('unrestricted capabilities', details.join('; '));
}

export function capabilitiesRestrictedV1Dot25(podMetadata: JsonObject, podSpec: JsonObject): CheckResult {
  return isWindowsPod(podSpec) ? ALLOWED : capabilitiesRestrictedV1Dot22(podMetadata, podSpec);
}

export const versions: readonly VersionedCheck[] = [
  { minimumVersion: majorMinor(22), check: capabilitiesRestrictedV1Dot22, overrides: ['capabilities_baseline'] },
  { minimumVersion: majorMinor(25), check: capabilitiesRestrictedV1Dot25, overrides: ['capabilities_baseline'] },
];
