/**
 * Restricted: containers must run as non-root, set at pod level or on every container
 * (check_runAsNonRoot.go). From v1.35 pods with hostUsers: false are exempt (KEP-127); before
 * v1.35 that relaxation existed only behind a perma-alpha gate, now removed, so it is not applied.
 */
import type { JsonObject } from '../../objects.js';
import {
  boolPtr,
  containerName,
  inUserNamespace,
  joinQuote,
  pluralize,
  podSecurityContext,
  securityContext,
  visitContainers,
} from '../helpers.js';
import { ALLOWED, forbidden, majorMinor, type CheckResult, type VersionedCheck } from '../types.js';

export const id = 'runAsNonRoot';
export const level = 'restricted';

const REASON = 'runAsNonRoot != true';

export function runAsNonRootV1Dot0(_meta: JsonObject, podSpec: JsonObject): CheckResult {
  const setters: string[] = [];
  const podValue = boolPtr(podSecurityContext(podSpec)?.runAsNonRoot);
  if (podValue === false) setters.push('pod');

  const explicit: string[] = [];
  const implicit: string[] = [];
  visitContainers(podSpec, (c) => {
    const value = boolPtr(securityContext(c)?.runAsNonRoot);
    if (value === false) explicit.push(containerName(c));
    else if (value === undefined && podValue !== true) implicit.push(containerName(c));
  });
  if (explicit.length > 0) setters.push(`${pluralize('container', 'containers', explicit.length)} ${joinQuote(explicit)}`);

  // Explicit false anywhere is reported first; missing settings only when nothing is explicit.
  if (setters.length > 0) return forbidden(REASON, `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`);
  if (implicit.length > 0) {
    return forbidden(
      REASON,
      `pod or ${pluralize('container', 'containers', implicit.length)} ${joinQuote(implicit)} must set securityContext.runAsNonRoot=true`,
    );
  }
  return ALLOWED;
}

export function runAsNonRootV1Dot35(podMetadata: JsonObject, podSpec: JsonObject): CheckResult {
  return inUserNamespace(podSpec) ? ALLOWED : runAsNonRootV1Dot0(podMetadata, podSpec);
}

export const versions: readonly VersionedCheck[] = [
  { minimumVersion: majorMinor(0), check: runAsNonRootV1Dot0 },
  { minimumVersion: majorMinor(35), check: runAsNonRootV1Dot35 },
];
