/**
 * What the PodDisruptionBudget rules share, read as Kubernetes reads it:
 *  - selectors with policy/v1 semantics (the index's selectorOf: an empty selector selects every
 *    pod of the namespace, a missing one selects none);
 *  - minAvailable / maxUnavailable as IntOrString: a non-negative integer or a percentage
 *    "N%" (validation: IsValidPercent, at most 100%); a percentage is scaled with
 *    intstr.GetScaledValueFromIntOrPercent(..., roundUp=true) for both fields;
 *  - the disruption controller's counts (pkg/controller/disruption getExpectedPodCount):
 *    an integer minAvailable is compared with the number of pods; maxUnavailable and a percentage
 *    minAvailable are scaled against the summed scale of the pods' controllers, where pods
 *    without a controller count for nothing; with an expected count of 0 no disruption is allowed.
 *    disruptionsAllowed = healthy pods - desiredHealthy, never below 0.
 */
import type { ObjectIndex } from '../../core/index.js';
import { apiGroup, describeObject, isRecord, str, type JsonObject, type KubeObject } from '../../core/objects.js';
import { hpaFloor } from '../scaling/autoscalers.js';

export const PDB_KIND = 'PodDisruptionBudget';

export function isPdb(obj: KubeObject): boolean {
  return obj.id.kind === PDB_KIND && apiGroup(obj.id.apiVersion) === 'policy';
}

export function specOf(obj: KubeObject): JsonObject | undefined {
  return isRecord(obj.value.spec) ? obj.value.spec : undefined;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The value as written, for messages: `"50%"` reads 50%, `0` reads 0. */
export function shown(raw: unknown): string {
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}

// ---------------------------------------------------------------------------------------------
// IntOrString

export type IntOrPercent = { kind: 'int'; value: number } | { kind: 'percent'; value: number } | { kind: 'invalid' };

const PERCENT = /^[0-9]+%$/;

/** A PDB's minAvailable / maxUnavailable; undefined when unset. */
export function parseIntOrPercent(raw: unknown): IntOrPercent | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 0 ? { kind: 'int', value: raw } : { kind: 'invalid' };
  if (typeof raw === 'string' && PERCENT.test(raw)) {
    const value = Number(raw.slice(0, -1));
    return value <= 100 ? { kind: 'percent', value } : { kind: 'invalid' };
  }
  return { kind: 'invalid' };
}

/** intstr.GetScaledValueFromIntOrPercent with roundUp, as the disruption controller calls it. */
export function scaledValue(v: { kind: 'int' | 'percent'; value: number }, total: number): number {
  return v.kind === 'int' ? v.value : Math.ceil((v.value * total) / 100);
}

// ---------------------------------------------------------------------------------------------
// Replicas

const REPLICATED_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

export interface Replicas {
  count: number;
  /** The HPA whose minReplicas the count is, when an HPA of the input scales the workload. */
  hpa?: KubeObject;
}

/**
 * The replicas a workload runs at its lowest: the minReplicas of the HPAs of the input that
 * scale it (the lowest, minReplicas defaulting to 1), else spec.replicas (defaulting to 1).
 * spec.replicas: 0 is 0 whatever the HPAs say (an HPA does not scale a workload at zero).
 * Undefined for kinds without replicas and for a replica count that is not a whole number.
 */
export function effectiveReplicas(index: ObjectIndex, obj: KubeObject): Replicas | undefined {
  if (!REPLICATED_KINDS.has(obj.id.kind)) return undefined;
  const spec = specOf(obj);
  const raw = spec?.replicas;
  if (raw === 0) return { count: 0 };
  const floor = hpaFloor(index, obj);
  if (floor) return { count: floor.min, hpa: floor.hpa };
  if (raw === undefined || raw === null) return { count: 1 };
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? { count: raw } : undefined;
}

/** "Deployment shop/web (3 replicas)", "... (2 replicas: the minReplicas of HorizontalPodAutoscaler shop/web)". */
export function describeReplicas(obj: KubeObject, r: Replicas): string {
  const count = plural(r.count, 'replica');
  return `${describeObject(obj.id)} (${r.hpa ? `${count}: the minReplicas of ${describeObject(r.hpa.id)}` : count})`;
}

// ---------------------------------------------------------------------------------------------
// The pods a PDB selects

export interface PodGroup {
  obj: KubeObject;
  pods: number;
  /** Run by a controller the disruption controller can scale-count (false for bare Pods). */
  managed: boolean;
  replicas?: Replicas;
}

export type BudgetPods =
  { known: true; groups: PodGroup[]; total: number; expected: number } | { known: false; because: KubeObject };

function controllerOf(obj: KubeObject): { kind: string; name: string } | undefined {
  const meta = isRecord(obj.value.metadata) ? obj.value.metadata : undefined;
  const refs = Array.isArray(meta?.ownerReferences) ? meta.ownerReferences : [];
  for (const r of refs) {
    if (isRecord(r) && r.controller === true && str(r.kind) && str(r.name))
      return { kind: r.kind as string, name: r.name as string };
  }
  return undefined;
}

/** Pod-bearing objects a PDB selects that run pods (PodTemplates run none). */
export function selectedWorkloads(index: ObjectIndex, pdb: KubeObject): KubeObject[] {
  return index.selectedPods(pdb).filter((o) => o.id.kind !== 'PodTemplate');
}

/**
 * How many pods a PDB selects at the workloads' lowest replica counts, and how many of them the
 * disruption controller counts as expected. Objects run by a selected controller (a ReplicaSet of
 * a selected Deployment, pods of a selected ReplicaSet, as a cluster scan holds them) are counted
 * through that controller. Unknown when a selected object's pod count cannot be told (DaemonSets,
 * Jobs, CronJobs, a replica count that is not a number, a pod whose controller is not selected).
 */
export function budgetPods(index: ObjectIndex, pdb: KubeObject): BudgetPods {
  const selected = selectedWorkloads(index, pdb);
  const keys = new Set(selected.map((o) => `${o.id.kind}\u0000${o.id.name}`));
  const groups: PodGroup[] = [];
  for (const o of selected) {
    const owner = controllerOf(o);
    if (owner && keys.has(`${owner.kind}\u0000${owner.name}`)) continue;
    if (o.id.kind === 'Pod') {
      if (owner) return { known: false, because: o };
      groups.push({ obj: o, pods: 1, managed: false });
      continue;
    }
    const replicas = effectiveReplicas(index, o);
    if (!replicas) return { known: false, because: o };
    groups.push({ obj: o, pods: replicas.count, managed: true, replicas });
  }
  let total = 0;
  let expected = 0;
  for (const g of groups) {
    total += g.pods;
    if (g.managed) expected += g.pods;
  }
  return { known: true, groups, total, expected };
}

export function describeGroups(groups: readonly PodGroup[]): string {
  return groups
    .map((g) => (g.replicas ? describeReplicas(g.obj, g.replicas) : `${describeObject(g.obj.id)} (a bare pod)`))
    .join(', ');
}

// ---------------------------------------------------------------------------------------------
// Selectors in messages

/** `app=web, tier in (a, b), !canary` — the selector as written, for messages. */
export function describeSelector(raw: unknown): string {
  if (!isRecord(raw)) return 'no selector';
  const parts: string[] = [];
  if (isRecord(raw.matchLabels)) for (const [k, v] of Object.entries(raw.matchLabels)) parts.push(`${k}=${String(v)}`);
  if (Array.isArray(raw.matchExpressions)) {
    for (const e of raw.matchExpressions) {
      if (!isRecord(e)) continue;
      const values = Array.isArray(e.values) ? e.values.map(String).join(', ') : '';
      switch (e.operator) {
        case 'In':
          parts.push(`${String(e.key)} in (${values})`);
          break;
        case 'NotIn':
          parts.push(`${String(e.key)} notin (${values})`);
          break;
        case 'Exists':
          parts.push(String(e.key));
          break;
        case 'DoesNotExist':
          parts.push(`!${String(e.key)}`);
          break;
      }
    }
  }
  return parts.length ? parts.join(', ') : 'an empty selector';
}
