/**
 * Shared by readiness-probe and liveness-probe: which containers of which objects must have a
 * probe. Long-running pods only (Jobs, CronJobs and Pods with restartPolicy Never/OnFailure run to
 * completion). Regular containers, and native sidecars (init containers with restartPolicy
 * Always): they run for the pod's lifetime and Kubernetes honours their startup, readiness and
 * liveness probes (a sidecar's readiness counts towards the pod's Ready condition). Plain init
 * containers cannot have these probes (the API rejects them) and ephemeral containers are debug
 * sessions, so both are skipped.
 */
import {
  containerLabel,
  containersOf,
  isRecord,
  runsToCompletion,
  WORKLOAD_CONTROLLER_KINDS,
  type KubeObject,
  POD_CONTAINER_KINDS,
} from '../../core/objects.js';
import type { ReportInput } from '../../core/rule.js';

/** Long-running pod bearers; Jobs and CronJobs always run to completion, PodTemplates say nothing. */
export const LONG_RUNNING_KINDS: readonly string[] = [...WORKLOAD_CONTROLLER_KINDS, 'Pod'];

export function checkProbe(
  obj: KubeObject,
  report: (f: ReportInput) => void,
  field: 'readinessProbe' | 'livenessProbe',
  what: string,
): void {
  if (runsToCompletion(obj)) return;
  for (const c of containersOf(obj, POD_CONTAINER_KINDS)) {
    if (c.kind === 'initContainers' && !c.sidecar) continue;
    if (!isRecord(c.container[field])) report({ path: c.path, message: `${containerLabel(c)} has no ${what} probe` });
  }
}
