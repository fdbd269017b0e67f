/**
 * Baseline: the default /proc masks must be kept (check_procMount_baseline.go, ID "procMount").
 * From v1.35, pods in their own user namespace (hostUsers: false) may use any procMount; the
 * restricted level keeps the strict form through procMount_restricted.
 */
import type { JsonObject } from '../../objects.js';
import {
  containerName,
  inUserNamespace,
  joinQuote,
  pluralize,
  securityContext,
  sortedSet,
  strPtr,
  visitContainers,
} from '../helpers.js';
import { ALLOWED, forbidden, majorMinor, type CheckResult, type VersionedCheck } from '../types.js';

export const id = 'procMount';
export const level = 'baseline';

/** Unconditional: anything but "Default" (or unset) is forbidden. Reused by procMount_restricted. */
export function procMountV1Dot0(_meta: JsonObject, podSpec: JsonObject): CheckResult {
  const bad: string[] = [];
  const types: string[] = [];
  visitContainers(podSpec, (c) => {
    const type = strPtr(securityContext(c)?.procMount);
    if (type !== undefined && type !== 'Default') {
      bad.push(containerName(c));
      types.push(type);
    }
  });
  if (bad.length === 0) return ALLOWED;
  return forbidden(
    'procMount',
    `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
  );
}

export function procMountV1Dot35(podMetadata: JsonObject, podSpec: JsonObject): CheckResult {
  return inUserNamespace(podSpec) ? ALLOWED : procMountV1Dot0(podMetadata, podSpec);
}

export const versions: readonly VersionedCheck[] = [
  { minimumVersion: majorMinor(0), check: procMountV1Dot0 },
  { minimumVersion: majorMinor(35), check: procMountV1Dot35 },
];
