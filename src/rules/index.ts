/** The registry: every built-in rule, nothing else. A test checks that no rule file is missing. */
import type { AnyRule } from '../core/rule.js';
import imagePullPolicy from './images/image-pull-policy.js';
import imageTag from './images/image-tag.js';
import livenessProbe from './reliability/liveness-probe.js';
import readinessProbe from './reliability/readiness-probe.js';
import singleReplica from './reliability/single-replica.js';
import containerCpuLimit from './resources/container-cpu-limit.js';
import containerMemoryLimit from './resources/container-memory-limit.js';
import containerResourceRequests from './resources/container-resource-requests.js';
import requestsExceedLimits from './resources/requests-exceed-limits.js';
import allowPrivilegeEscalation from './workload-security/allow-privilege-escalation.js';
import automountServiceAccountToken from './workload-security/automount-service-account-token.js';
import hostIpc from './workload-security/host-ipc.js';
import hostNetwork from './workload-security/host-network.js';
import hostPathVolume from './workload-security/host-path-volume.js';
import hostPid from './workload-security/host-pid.js';
import privilegedContainer from './workload-security/privileged-container.js';
import readOnlyRootFilesystem from './workload-security/read-only-root-filesystem.js';
import runAsNonRoot from './workload-security/run-as-non-root.js';

export const BUILTIN_RULES: readonly AnyRule[] = [
  imagePullPolicy,
  imageTag,
  livenessProbe,
  readinessProbe,
  singleReplica,
  containerCpuLimit,
  containerMemoryLimit,
  containerResourceRequests,
  requestsExceedLimits,
  allowPrivilegeEscalation,
  automountServiceAccountToken,
  hostIpc,
  hostNetwork,
  hostPathVolume,
  hostPid,
  privilegedContainer,
  readOnlyRootFilesystem,
  runAsNonRoot,
];
