/** Every upstream check in the newest released policy (Kubernetes 1.37). Registry data only. */
import type { PssCheck } from '../types.js';
import * as allowPrivilegeEscalation from './allowPrivilegeEscalation.js';
import * as appArmorProfile from './appArmorProfile.js';
import * as capabilitiesBaseline from './capabilities_baseline.js';
import * as capabilitiesRestricted from './capabilities_restricted.js';
import * as hostNamespaces from './hostNamespaces.js';
import * as hostPathVolumes from './hostPathVolumes.js';
import * as hostPorts from './hostPorts.js';
import * as hostProbesAndHostLifecycle from './hostProbesAndHostLifecycle.js';
import * as privileged from './privileged.js';
import * as procMount from './procMount.js';
import * as procMountRestricted from './procMount_restricted.js';
import * as restrictedVolumes from './restrictedVolumes.js';
import * as runAsNonRoot from './runAsNonRoot.js';
import * as runAsUser from './runAsUser.js';
import * as seccompProfileBaseline from './seccompProfile_baseline.js';
import * as seccompProfileRestricted from './seccompProfile_restricted.js';
import * as seLinuxOptions from './seLinuxOptions.js';
import * as sysctls from './sysctls.js';
import * as windowsHostProcess from './windowsHostProcess.js';

export const DEFAULT_CHECKS: readonly PssCheck[] = [
  // baseline
  appArmorProfile,
  capabilitiesBaseline,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  privileged,
  procMount,
  seLinuxOptions,
  seccompProfileBaseline,
  sysctls,
  windowsHostProcess,
  // restricted
  allowPrivilegeEscalation,
  capabilitiesRestricted,
  procMountRestricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
];
