/**
 * Restricted from v1.8 (when the field appeared): every container must set
 * allowPrivilegeEscalation=false (check_allowPrivilegeEscalation.go). From v1.25 Windows pods
 * (spec.os.name=windows) are exempt, since the field is Linux-only.
 */
import { isWindowsPod, type JsonObject } from '../../objects.js';
import { boolPtr, containerName, joinQuote, pluralize, securityContext, visitContainers } from '../helpers.js';
import { ALLOWED, forbidden, majorMinor, type CheckResult, type VersionedCheck } from '../types.js';

export const id = 'allowPrivilegeEscalation';
export const level = 'restricted';

export function allowPrivilegeEscalationV1Dot8(_meta: JsonObject, podSpec: JsonObject): CheckResult {
  const bad: string[] = [];
  visitContainers(podSpec, (c) => {
    // Unset means allowed (the runtime default), so only an explicit false passes.
    if (boolPtr(securityContext(c)?.allowPrivilegeEscalation) !== false) bad.push(containerName(c));
  });
  if (bad.length === 0) return ALLOWED;
  return forbidden(
    'allowPrivilegeEscalation != false',
    `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} must set securityContext.allowPrivilegeEscalation=false`,
  );
}

export function allowPrivilegeEscalationV1Dot25(podMetadata: JsonObject, podSpec: JsonObject): CheckResult {
  return isWindowsPod(podSpec) ? ALLOWED : allowPrivilegeEscalationV1Dot8(podMetadata, podSpec);
}

export const versions: readonly VersionedCheck[] = [
  { minimumVersion: majorMinor(8), check: allowPrivilegeEscalationV1Dot8 },
  { minimumVersion: majorMinor(25), check: allowPrivilegeEscalationV1Dot25 },
];
