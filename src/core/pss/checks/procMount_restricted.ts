/**
 * Restricted from v1.35: keeps the unconditional /proc mask rule that baseline procMount relaxes
 * for user-namespace pods at v1.35 (check_procMount_restricted.go), and replaces it there.
 */
import { majorMinor, type VersionedCheck } from '../types.js';
import { procMountV1Dot0 } from './procMount.js';

export const id = 'procMount_restricted';
export const level = 'restricted';

export const versions: readonly VersionedCheck[] = [
  { minimumVersion: majorMinor(35), check: procMountV1Dot0, overrides: ['procMount'] },
];
