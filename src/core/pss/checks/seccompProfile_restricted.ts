/**
 * Restricted from v1.19: seccomp must be RuntimeDefault or Localhost, set at pod level or on every
 * container (check_seccompProfile_restricted.go). Replaces seccompProfile_baseline. From v1.25
 * Windows pods are exempt.
 */
import { isWindowsPod, type JsonObject } from '../../objects.js';
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
import { ALLOWED, forbidden, majorMinor, type CheckResult, type VersionedCheck } from '../types.js';
import { validSeccompType } from './seccompProfile_baseline.js';

export const id = 'seccompProfile_restricted';
export const level = 'restricted';

export function seccompProfileRestrictedV1Dot19(_meta: JsonObject, podSpec: JsonObject): CheckResult {
  const setters: string[] = [];
  const values: string[] = [];
  let podSet = false;
  const podProfile = obj(podSecurityContext(podSpec)?.seccompProfile);
  if (podProfile) {
    const type = str(podProfile.type);
    if (validSeccompType(type)) podSet = true;
    else {
      setters.push('pod');
      values.push(type);
    }
  }

  const explicit: string[] = [];
  const implicit: string[] = [];
  visitContainers(podSpec, (c) => {
    const profile = obj(securityContext(c)?.seccompProfile);
    if (profile) {
      const type = str(profile.type);
      if (!validSeccompType(type)) {
        explicit.push(containerName(c));
        values.push(type);
      }
    } else if (!podSet) implicit.push(containerName(c));
  });
  if (explicit.length > 0) setters.push(`${pluralize('container', 'containers', explicit.length)} ${joinQuote(explicit)}`);

  if (setters.length > 0) {
    return forbidden(
      'seccompProfile',
      `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`,
    );
  }
  if (implicit.length > 0) {
    return forbidden(
      'seccompProfile',
      `pod or ${pluralize('container', 'containers', implicit.length)} ${joinQuote(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    );
  }
  return ALLOWED;
}

export function seccompProfileRestrictedV1Dot25(podMetadata: JsonObject, podSpec: JsonObject): CheckResult {
  return isWindowsPod(podSpec) ? ALLOWED : seccompProfileRestrictedV1Dot19(podMetadata, podSpec);
}

export const versions: readonly VersionedCheck[] = [
  { minimumVersion: majorMinor(19), check: seccompProfileRestrictedV1Dot19, overrides: ['seccompProfile_baseline'] },
  { minimumVersion: majorMinor(25), check: seccompProfileRestrictedV1Dot25, overrides: ['seccompProfile_baseline'] },
];
