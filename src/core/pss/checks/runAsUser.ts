/**
 * Restricted from v1.23: neither pod nor container may set runAsUser: 0 (check_runAsUser.go).
 * Unset is allowed (runAsNonRoot covers it). From v1.35 pods with hostUsers: false are exempt.
 */
import type { JsonObject } from '../../objects.js';
import {
  containerName,
  inUserNamespace,
  joinQuote,
  num,
  pluralize,
  podSecurityContext,
  securityContext,
  visitContainers,
} from '../helpers.js';
import { ALLOWED, forbidden, majorMinor, type CheckResult, type VersionedCheck } from '../types.js';

export const id = 'runAsUser';
export const level = 'restricted';

export function runAsUserV1Dot23(_meta: JsonObject, podSpec: JsonObject): CheckResult {
  const setters: string[] = [];
  if (num(podSecurityContext(podSpec)?.runAsUser) === 0) setters.push('pod');
  const bad: string[] = [];
  visitContainers(podSpec, (c) => {
    if (num(securityContext(c)?.runAsUser) === 0) bad.push(containerName(c));
  });
  if (bad.length > 0) setters.push(`${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)}`);
  if (setters.length === 0) return ALLOWED;
  return forbidden('runAsUser=0', `${setters.join(' and ')} must not set runAsUser=0`);
}

export function runAsUserV1Dot35(podMetadata: JsonObject, podSpec: JsonObject): CheckResult {
  return inUserNamespace(podSpec) ? ALLOWED : runAsUserV1Dot23(podMetadata, podSpec);
}

export const versions: readonly VersionedCheck[] = [
  { minimumVersion: majorMinor(23), check: runAsUserV1Dot23 },
  { minimumVersion: majorMinor(35), check: runAsUserV1Dot35 },
];
