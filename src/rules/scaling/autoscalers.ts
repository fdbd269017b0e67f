/**
 * What the scaling and availability rules share about autoscalers, read as Kubernetes and the
 * VPA read them:
 *  - HorizontalPodAutoscaler (autoscaling/v1, v2beta1, v2beta2, v2): minReplicas defaults to 1;
 *    an HPA without metrics scales on CPU utilization with a target of 80% (SetDefaults in
 *    pkg/apis/autoscaling/v2, and the v1 default of targetCPUUtilizationPercentage).
 *  - Utilization is computed against requests (replica_calculator.go calculatePodRequests): the
 *    requests of every regular container and native sidecar are summed, and a container without
 *    a request for the resource makes the HPA fail; a ContainerResource metric reads only the
 *    named container; pod-level requests (spec.resources) are used when set and no container is
 *    named. A limit without a request defaults the request (SetDefaults_Pod), and so does a
 *    LimitRange default of the namespace (LimitRanger admission).
 *  - VerticalPodAutoscaler (autoscaling.k8s.io): updateMode defaults to Auto (= Recreate); a
 *    container's policy is its named entry, else the "*" entry, else the default (mode Auto,
 *    controlledResources [cpu, memory]).
 */
import type { ObjectIndex } from '../../core/index.js';
import {
  apiGroup,
  containersOf,
  isRecord,
  podTemplateOf,
  str,
  type ContainerRef,
  type JsonObject,
  type KubeObject,
  POD_CONTAINER_KINDS,
} from '../../core/objects.js';
import type { Path } from '../../core/path.js';

export const HPA_KIND = 'HorizontalPodAutoscaler';
export const VPA_KIND = 'VerticalPodAutoscaler';

export function isHpa(obj: KubeObject): boolean {
  return obj.id.kind === HPA_KIND && apiGroup(obj.id.apiVersion) === 'autoscaling';
}

export function isVpa(obj: KubeObject): boolean {
  return obj.id.kind === VPA_KIND && apiGroup(obj.id.apiVersion) === 'autoscaling.k8s.io';
}

export function specOf(obj: KubeObject): JsonObject | undefined {
  return isRecord(obj.value.spec) ? obj.value.spec : undefined;
}

/** The deepest existing path among `spec.<field>`, `spec`, the object itself. */
export function specPath(obj: KubeObject, field: string): Path {
  const spec = specOf(obj);
  if (!spec) return [];
  return Object.hasOwn(spec, field) && spec[field] !== null ? ['spec', field] : ['spec'];
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------------------------------------
// Targets

export interface TargetRef {
  kind?: string;
  name?: string;
  apiVersion?: string;
  /** Path of the reference (spec.scaleTargetRef / spec.targetRef). */
  path: Path;
}

/** spec.scaleTargetRef of an HPA, spec.targetRef of a VPA; undefined when the field is absent. */
export function targetRefOf(scaler: KubeObject): TargetRef | undefined {
  const field = scaler.id.kind === HPA_KIND ? 'scaleTargetRef' : 'targetRef';
  const ref = specOf(scaler)?.[field];
  if (!isRecord(ref)) return undefined;
  return { kind: str(ref.kind), name: str(ref.name), apiVersion: str(ref.apiVersion), path: ['spec', field] };
}

/** HPAs of the input whose scaleTargetRef names this kind/name in this namespace. */
export function hpasTargeting(index: ObjectIndex, kind: string, namespace: string | undefined, name: string): KubeObject[] {
  if (!namespace) return [];
  const target = index.get(kind, namespace, name);
  if (target) return index.scalersOf(target).filter(isHpa);
  // The target is not in the input: the index keys scalers by target object, so look at the
  // namespace's HPAs (few) directly.
  return index.ofKindIn(HPA_KIND, namespace).filter((h) => {
    if (!isHpa(h)) return false;
    const ref = targetRefOf(h);
    return ref?.kind === kind && ref.name === name;
  });
}

// ---------------------------------------------------------------------------------------------
// HPA replicas

/** spec.minReplicas with its default of 1; undefined when it is not a whole number. */
export function hpaMinReplicas(hpa: KubeObject): number | undefined {
  const v = specOf(hpa)?.minReplicas;
  if (v === undefined || v === null) return 1;
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/** The lowest replica count the HPAs of the input let a workload scale down to. */
export function hpaFloor(index: ObjectIndex, workload: KubeObject): { hpa: KubeObject; min: number } | undefined {
  let floor: { hpa: KubeObject; min: number } | undefined;
  for (const hpa of index.scalersOf(workload)) {
    if (!isHpa(hpa)) continue;
    const min = hpaMinReplicas(hpa);
    if (min === undefined) continue;
    if (!floor || min < floor.min) floor = { hpa, min };
  }
  return floor;
}

// ---------------------------------------------------------------------------------------------
// HPA resource metrics

export interface ResourceMetric {
  /** Resource name: cpu, memory, ... */
  resource: string;
  /** The container a ContainerResource metric reads; undefined for a pod-wide Resource metric. */
  container?: string;
  /** Target type Utilization: a percentage of the requests. */
  utilization: boolean;
  /** Where the metric is written (or the node the default applies to). */
  path: Path;
  /** "metric 0", "targetCPUUtilizationPercentage", "the default metric (no metrics set)". */
  label: string;
}

/** The Resource and ContainerResource metrics an HPA scales on, with Kubernetes' defaults. */
export function hpaResourceMetrics(hpa: KubeObject): ResourceMetric[] {
  const spec = specOf(hpa);
  const metrics = spec?.metrics;
  if (Array.isArray(metrics) && metrics.length > 0) {
    const out: ResourceMetric[] = [];
    metrics.forEach((m: unknown, i) => {
      if (!isRecord(m)) return;
      let src: JsonObject | undefined;
      let container: string | undefined;
      if (m.type === 'Resource' && isRecord(m.resource)) src = m.resource;
      else if (m.type === 'ContainerResource' && isRecord(m.containerResource)) {
        src = m.containerResource;
        container = str(src.container) ?? '';
      }
      const resource = str(src?.name);
      if (!src || !resource) return;
      // autoscaling/v2 and v2beta2: target.type; v2beta1: targetAverageUtilization / targetAverageValue.
      const target = isRecord(src.target) ? src.target : undefined;
      const utilization = target
        ? target.type === 'Utilization' || (target.type === undefined && typeof target.averageUtilization === 'number')
        : typeof src.targetAverageUtilization === 'number';
      out.push({ resource, container, utilization, path: ['spec', 'metrics', i], label: `metric ${i}` });
    });
    return out;
  }
  if (spec && spec.targetCPUUtilizationPercentage !== undefined && spec.targetCPUUtilizationPercentage !== null) {
    return [
      {
        resource: 'cpu',
        utilization: true,
        path: ['spec', 'targetCPUUtilizationPercentage'],
        label: 'targetCPUUtilizationPercentage',
      },
    ];
  }
  // No metrics: Kubernetes scales on 80% CPU utilization.
  return [
    {
      resource: 'cpu',
      utilization: true,
      path: spec ? (Array.isArray(metrics) ? ['spec', 'metrics'] : ['spec']) : [],
      label: 'the default metric (80% CPU utilization, as no metric is set)',
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Containers and requests

/** The containers an HPA sums requests and usage over: regular containers and native sidecars. */
export function scaledContainers(workload: Pick<KubeObject, 'id' | 'value'>): ContainerRef[] {
  return containersOf(workload, POD_CONTAINER_KINDS).filter((c) => c.kind === 'containers' || c.sidecar);
}

function setIn(holder: unknown, section: 'requests' | 'limits', resource: string): boolean {
  const resources = isRecord(holder) ? holder.resources : undefined;
  const list = isRecord(resources) ? resources[section] : undefined;
  return isRecord(list) && list[resource] !== undefined && list[resource] !== null;
}

/** The container has a request for the resource once Kubernetes has defaulted it (a limit
 *  without a request becomes the request). */
export function containerRequests(container: JsonObject, resource: string): boolean {
  return setIn(container, 'requests', resource) || setIn(container, 'limits', resource);
}

/** The pod spec sets pod-level requests (or limits) for the resource. */
export function podLevelRequests(workload: Pick<KubeObject, 'id' | 'value'>, resource: string): boolean {
  const spec = podTemplateOf(workload)?.spec;
  return !!spec && (setIn(spec, 'requests', resource) || setIn(spec, 'limits', resource));
}

/** A LimitRange of the namespace in the input that gives containers a default request for the
 *  resource (defaultRequest, or default, which also defaults the request). */
export function limitRangeDefault(index: ObjectIndex, namespace: string | undefined, resource: string): KubeObject | undefined {
  if (!namespace) return undefined;
  return index.ofKindIn('LimitRange', namespace).find((lr) => {
    const limits = specOf(lr)?.limits;
    if (!Array.isArray(limits)) return false;
    return limits.some(
      (item: unknown) =>
        isRecord(item) &&
        item.type === 'Container' &&
        ((isRecord(item.defaultRequest) &&
          item.defaultRequest[resource] !== undefined &&
          item.defaultRequest[resource] !== null) ||
          (isRecord(item.default) && item.default[resource] !== undefined && item.default[resource] !== null)),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// VPA

/** Update modes in which the VPA changes the requests of running pods (evicting them, or in place). */
const UPDATING_MODES: ReadonlySet<string> = new Set(['Auto', 'Recreate', 'InPlaceOrRecreate']);

/** spec.updatePolicy.updateMode, "Auto" when unset; undefined when it is not a string (an
 *  unquoted `Off` is YAML 1.1 false, which the VPA CRD schema rejects: the object is invalid). */
export function vpaUpdateMode(vpa: KubeObject): { mode?: string; set: boolean; path: Path } {
  const policy = specOf(vpa)?.updatePolicy;
  const raw = isRecord(policy) ? policy.updateMode : undefined;
  if (raw === undefined || raw === null) {
    return { mode: 'Auto', set: false, path: isRecord(policy) ? ['spec', 'updatePolicy'] : specPath(vpa, 'updatePolicy') };
  }
  return { mode: str(raw), set: true, path: ['spec', 'updatePolicy', 'updateMode'] };
}

export function vpaUpdatesPods(vpa: KubeObject): boolean {
  const { mode } = vpaUpdateMode(vpa);
  return mode !== undefined && UPDATING_MODES.has(mode);
}

const DEFAULT_CONTROLLED: readonly string[] = ['cpu', 'memory'];

function containerPolicies(vpa: KubeObject): JsonObject[] {
  const rp = specOf(vpa)?.resourcePolicy;
  const list = isRecord(rp) ? rp.containerPolicies : undefined;
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

function controlledBy(policy: JsonObject | undefined): string[] {
  // mode Off; an unquoted Off reads as false, which means the same to whoever wrote it.
  if (policy?.mode === 'Off' || policy?.mode === false) return [];
  const cr = policy?.controlledResources;
  return Array.isArray(cr) ? cr.filter((r): r is string => typeof r === 'string') : [...DEFAULT_CONTROLLED];
}

/** Resources the VPA sets on one container (by name), or, with no name, on any container it may
 *  meet (the "*" or default policy and every named policy). */
export function vpaControlledResources(vpa: KubeObject, container?: string): Set<string> {
  const policies = containerPolicies(vpa);
  const wildcard = policies.find((p) => p.containerName === '*');
  if (container !== undefined) {
    return new Set(controlledBy(policies.find((p) => p.containerName === container) ?? wildcard));
  }
  const out = new Set(controlledBy(wildcard));
  for (const p of policies) if (p.containerName !== '*') for (const r of controlledBy(p)) out.add(r);
  return out;
}
