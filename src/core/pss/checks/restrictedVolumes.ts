/**
 * Restricted: only volume types that cannot reach node resources directly
 * (check_restrictedVolumes.go). Replaces baseline hostPathVolumes at every version. "image" was
 * added to the allowed list inside the v1.0 implementation, so it is allowed at all versions.
 */
import type { JsonObject } from '../../objects.js';
import { isSet, joinQuote, list, obj, pluralize, sortedSet, str } from '../helpers.js';
import { ALLOWED, forbidden, majorMinor, type CheckResult, type VersionedCheck } from '../types.js';

export const id = 'restrictedVolumes';
export const level = 'restricted';

export const ALLOWED_VOLUME_TYPES: readonly string[] = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

/** Known restricted sources, in upstream's switch order (the first one set names the type). */
export const RESTRICTED_VOLUME_TYPES: readonly string[] = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

export function restrictedVolumesV1Dot0(_meta: JsonObject, podSpec: JsonObject): CheckResult {
  const names: string[] = [];
  const types: string[] = [];
  for (const v of list(podSpec.volumes)) {
    const volume = obj(v) ?? {};
    if (ALLOWED_VOLUME_TYPES.some((t) => isSet(volume, t))) continue;
    names.push(str(volume.name));
    // A source this version of the API does not know (or none at all) is "unknown".
    types.push(RESTRICTED_VOLUME_TYPES.find((t) => isSet(volume, t)) ?? 'unknown');
  }
  if (names.length === 0) return ALLOWED;
  const distinct = sortedSet(types);
  return forbidden(
    'restricted volume types',
    `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ` +
      `${pluralize('restricted volume type', 'restricted volume types', distinct.length)} ${joinQuote(distinct)}`,
  );
}

export const versions: readonly VersionedCheck[] = [
  { minimumVersion: majorMinor(0), check: restrictedVolumesV1Dot0, overrides: ['hostPathVolumes'] },
];
