/**
 * Baseline: AppArmor must not be disabled (check_appArmorProfile.go). Upstream checks both the
 * appArmorProfile fields (pod and every container) and the deprecated beta annotations, in one
 * implementation registered at v1.0, so pinned old versions also check the fields.
 */
import type { JsonObject } from '../../objects.js';
import { annotationsOf } from '../../objects.js';
import {
  compareGo,
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

export const id = 'appArmorProfile';
export const level = 'baseline';

export const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

export function appArmorProfileV1Dot0(podMetadata: JsonObject, podSpec: JsonObject): CheckResult {
  const setters: string[] = [];
  const values: string[] = [];

  const podProfile = obj(podSecurityContext(podSpec)?.appArmorProfile);
  if (podProfile && !allowedType(str(podProfile.type))) {
    setters.push('pod');
    values.push(str(podProfile.type));
  }

  const bad: string[] = [];
  visitContainers(podSpec, (c) => {
    const profile = obj(securityContext(c)?.appArmorProfile);
    if (profile && !allowedType(str(profile.type))) {
      bad.push(containerName(c));
      values.push(str(profile.type));
    }
  });
  if (bad.length > 0) setters.push(`${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)}`);

  // Every annotation with the prefix counts, even for containers the pod does not have.
  const annotations = Object.entries(annotationsOf(podMetadata))
    .filter(([k, v]) => k.startsWith(ANNOTATION_PREFIX) && !allowedAnnotation(v))
    .map(([k, v]) => `${k}=${goQuote(v)}`)
    .sort(compareGo);
  const all = [...sortedSet(values), ...annotations];
  if (annotations.length > 0) setters.push(pluralize('annotation', 'annotations', annotations.length));

  if (setters.length === 0) return ALLOWED;
  return forbidden(
    pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', all.length),
    `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(all)}`,
  );
}

export const versions: readonly VersionedCheck[] = [{ minimumVersion: majorMinor(0), check: appArmorProfileV1Dot0 }];
