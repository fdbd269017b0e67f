/**
 * Baseline: seccomp must not be unconfined (check_seccompProfile_baseline.go). Before v1.19 the
 * policy reads the alpha annotations; from v1.19 it reads the seccompProfile fields only.
 */
import type { JsonObject } from '../../objects.js';
import { annotationsOf } from '../../objects.js';
import {
  containerName,
  goQuote,
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

export const id = 'seccompProfile_baseline';
export const level = 'baseline';

export const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** Shared with seccompProfile_restricted. */
export function validSeccompType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function validAnnotation(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

export function seccompProfileBaselineV1Dot0(podMetadata: JsonObject, podSpec: JsonObject): CheckResult {
  const annotations = annotationsOf(podMetadata);
  const bad: string[] = [];
  const inspect = (key: string): void => {
    const value = annotations[key];
    if (value !== undefined && !validAnnotation(value)) bad.push(`${key}=${goQuote(value)}`);
  };
  inspect(POD_ANNOTATION);
  // Only annotations naming a container the pod has are read.
  visitContainers(podSpec, (c) => inspect(CONTAINER_ANNOTATION_PREFIX + containerName(c)));
  const list = sortedSet(bad);
  if (list.length === 0) return ALLOWED;
  return forbidden('seccompProfile', `forbidden ${pluralize('annotation', 'annotations', list.length)} ${list.join(', ')}`);
}

export function seccompProfileBaselineV1Dot19(_meta: JsonObject, podSpec: JsonObject): CheckResult {
  const setters: string[] = [];
  const values: string[] = [];
  const podProfile = obj(podSecurityContext(podSpec)?.seccompProfile);
  if (podProfile && !validSeccompType(str(podProfile.type))) {
    setters.push('pod');
    values.push(str(podProfile.type));
  }
  const bad: string[] = [];
  visitContainers(podSpec, (c) => {
    const profile = obj(securityContext(c)?.seccompProfile);
    if (profile && !validSeccompType(str(profile.type))) {
      bad.push(containerName(c));
      values.push(str(profile.type));
    }
  });
  if (bad.length > 0) setters.push(`${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)}`);
  if (setters.length === 0) return ALLOWED;
  return forbidden(
    'seccompProfile',
    `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`,
  );
}

export const versions: readonly VersionedCheck[] = [
  { minimumVersion: majorMinor(0), check: seccompProfileBaselineV1Dot0 },
  { minimumVersion: majorMinor(19), check: seccompProfileBaselineV1Dot19 },
];
