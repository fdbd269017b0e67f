/** Baseline: hostPath volumes are forbidden (check_hostPathVolumes.go). Restricted replaces it
 *  with restrictedVolumes. */
import type { JsonObject } from '../../objects.js';
import { isSet, joinQuote, list, obj, pluralize, str } from '../helpers.js';
import { ALLOWED, forbidden, majorMinor, type CheckResult, type VersionedCheck } from '../types.js';

export const id = 'hostPathVolumes';
export const level = 'baseline';

export function hostPathVolumesV1Dot0(_meta: JsonObject, podSpec: JsonObject): CheckResult {
  const names: string[] = [];
  for (const v of list(podSpec.volumes)) {
    const volume = obj(v) ?? {};
    if (isSet(volume, 'hostPath')) names.push(str(volume.name));
  }
  if (names.length === 0) return ALLOWED;
  return forbidden('hostPath volumes', `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`);
}

export const versions: readonly VersionedCheck[] = [{ minimumVersion: majorMinor(0), check: hostPathVolumesV1Dot0 }];
