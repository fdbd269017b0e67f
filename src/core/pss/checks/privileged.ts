/** Baseline: privileged containers disable most isolation (upstream check_privileged.go). */
import type { JsonObject } from '../../objects.js';
import { containerName, joinQuote, pluralize, securityContext, visitContainers } from '../helpers.js';
import { ALLOWED, forbidden, majorMinor, type CheckResult, type VersionedCheck } from '../types.js';

export const id = 'privileged';
export const level = 'baseline';

export function privilegedV1Dot0(_meta: JsonObject, podSpec: JsonObject): CheckResult {
  const bad: string[] = [];
  visitContainers(podSpec, (c) => {
    if (securityContext(c)?.privileged === true) bad.push(containerName(c));
  });
  if (bad.length === 0) return ALLOWED;
  return forbidden(
    'privileged',
    `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} must not set securityContext.privileged=true`,
  );
}

export const versions: readonly VersionedCheck[] = [{ minimumVersion: majorMinor(0), check: privilegedV1Dot0 }];
