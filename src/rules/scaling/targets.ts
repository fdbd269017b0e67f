/**
 * Shared by hpa-target-missing and vpa-target-missing: does an autoscaler's target exist in the
 * input, and could the input tell?
 */
import type { ObjectIndex } from '../../core/index.js';
import { apiGroup, describeObject, type KubeObject } from '../../core/objects.js';
import type { ReportInput } from '../../core/rule.js';
import { targetRefOf } from './autoscalers.js';

/** Built-in kinds with the API groups they live in, legacy ones included (a CRD may reuse a kind
 *  name in another group, and is then not ours to judge). */
const BUILTIN_GROUPS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  ReplicaSet: ['apps', 'extensions'],
  DaemonSet: ['apps', 'extensions'],
  ReplicationController: [''],
  Job: ['batch'],
  CronJob: ['batch'],
  Pod: [''],
};

export interface TargetKinds {
  /** Kinds the autoscaler can act on whose presence the index records. */
  checkable: readonly string[];
  /** Built-in kinds the autoscaler cannot act on, with the reason. */
  unsupported: Readonly<Record<string, string>>;
}

/**
 * Reports a missing or unusable target. The target counts as missing only when the input could
 * hold it: the scan sees the whole cluster, or it holds pod-bearing objects (workloads) of the
 * autoscaler's namespace. Targets of other kinds (custom resources with a scale subresource such
 * as Argo Rollouts) are not indexed and are never reported missing.
 */
export function checkTarget(scaler: KubeObject, index: ObjectIndex, kinds: TargetKinds, report: (f: ReportInput) => void): void {
  const what = scaler.id.kind === 'HorizontalPodAutoscaler' ? 'spec.scaleTargetRef' : 'spec.targetRef';
  const ref = targetRefOf(scaler);
  if (!ref || !ref.kind || !ref.name) {
    report({
      path: ref ? ref.path : scaler.value.spec !== undefined && scaler.value.spec !== null ? ['spec'] : [],
      message: `${what} does not name a kind and a name: the autoscaler has nothing to act on`,
    });
    return;
  }
  const { kind, name } = ref;
  const ns = scaler.id.namespace;
  const sameGroup = ref.apiVersion === undefined || (BUILTIN_GROUPS[kind] ?? []).includes(apiGroup(ref.apiVersion));

  const reason = kinds.unsupported[kind];
  if (reason && sameGroup) {
    report({ path: [...ref.path, 'kind'], message: `targets a ${kind}, which ${reason}` });
    return;
  }
  if (!kinds.checkable.includes(kind) || !sameGroup || !ns) return;
  if (index.get(kind, ns, name)) return;
  if (index.world !== 'cluster' && index.podBearingIn(ns).length === 0) return;

  const others = kinds.checkable.filter((k) => k !== kind && index.get(k, ns, name));
  const hint = others.length
    ? ` (the input has ${others.map((k) => describeObject({ ...scaler.id, kind: k, name })).join(', ')})`
    : '';
  const where = index.world === 'cluster' ? 'in the cluster' : `among the workloads of namespace "${ns}" in the input`;
  report({
    path: [...ref.path, 'name'],
    message: `targets ${describeObject({ apiVersion: ref.apiVersion ?? '', kind, namespace: ns, name })}, which is not ${where}${hint}`,
  });
}
