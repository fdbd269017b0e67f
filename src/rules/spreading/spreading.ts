/**
 * What the spreading rules (and the rollout rules) share: the number of pods a workload asks for,
 * and the scheduling terms that spread its pods — pod anti-affinity terms (required and preferred)
 * and topology spread constraints — each with its path and whether it selects the workload's own
 * pods.
 */
import { isRecord, str, type JsonObject, type KubeObject, type PodTemplateRef } from '../../core/objects.js';
import type { Path } from '../../core/path.js';
import { matches, parseLabelSelector, type Selector } from '../../core/selectors.js';

export const HOSTNAME_KEY = 'kubernetes.io/hostname';
/** The zone label, and its deprecated beta spelling that older nodes still carry. */
export const ZONE_KEYS: readonly string[] = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];

/** spec.replicas as Kubernetes defaults it: unset (or null) means 1. Undefined when it is not a
 *  whole number (the API would reject the object; single-replica reports that). */
export function declaredReplicas(obj: Pick<KubeObject, 'value'>): { replicas: number; set: boolean; path: Path } | undefined {
  const spec = isRecord(obj.value.spec) ? obj.value.spec : undefined;
  if (!spec) return { replicas: 1, set: false, path: [] };
  const raw = spec.replicas;
  if (raw === undefined || raw === null) return { replicas: 1, set: false, path: ['spec'] };
  if (typeof raw !== 'number' || !Number.isInteger(raw)) return undefined;
  return { replicas: raw, set: true, path: ['spec', 'replicas'] };
}

/** How many pods run at once: replicas for the replicated controllers, parallelism (default 1)
 *  for Jobs and CronJobs. Undefined for other kinds or malformed counts. */
export function podCount(obj: Pick<KubeObject, 'id' | 'value'>): number | undefined {
  switch (obj.id.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'ReplicationController':
      return declaredReplicas(obj)?.replicas;
    case 'Job':
    case 'CronJob': {
      const jobSpec = obj.id.kind === 'Job' ? obj.value.spec : getRecord(obj.value, 'spec', 'jobTemplate', 'spec');
      const p = isRecord(jobSpec) ? jobSpec.parallelism : undefined;
      if (p === undefined || p === null) return 1;
      return typeof p === 'number' && Number.isInteger(p) ? p : undefined;
    }
    default:
      return undefined;
  }
}

export type SpreadTermKind = 'required' | 'preferred' | 'constraint';

/** One pod anti-affinity term or topology spread constraint of a pod template. */
export interface SpreadTerm {
  kind: SpreadTermKind;
  topologyKey: string | undefined;
  /** The PodAffinityTerm (the `podAffinityTerm` of a preferred term) or the constraint. */
  term: JsonObject;
  /** Path of `term`. */
  path: Path;
  /** For messages: `podAntiAffinity required term [0]`, `topologySpreadConstraints[1]`. */
  label: string;
}

/** Every pod anti-affinity term (required and preferred) and topology spread constraint. */
export function spreadTerms(tpl: PodTemplateRef): SpreadTerm[] {
  const out: SpreadTerm[] = [];
  const antiPath: Path = [...tpl.specPath, 'affinity', 'podAntiAffinity'];
  const anti = getRecord(tpl.spec, 'affinity', 'podAntiAffinity');
  if (anti) {
    listOf(anti.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      if (!isRecord(t)) return;
      out.push({
        kind: 'required',
        topologyKey: str(t.topologyKey),
        term: t,
        path: [...antiPath, 'requiredDuringSchedulingIgnoredDuringExecution', i],
        label: `required podAntiAffinity term [${i}]`,
      });
    });
    listOf(anti.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      if (!isRecord(t) || !isRecord(t.podAffinityTerm)) return;
      out.push({
        kind: 'preferred',
        topologyKey: str(t.podAffinityTerm.topologyKey),
        term: t.podAffinityTerm,
        path: [...antiPath, 'preferredDuringSchedulingIgnoredDuringExecution', i, 'podAffinityTerm'],
        label: `preferred podAntiAffinity term [${i}]`,
      });
    });
  }
  listOf(tpl.spec.topologySpreadConstraints).forEach((c, i) => {
    if (!isRecord(c)) return;
    out.push({
      kind: 'constraint',
      topologyKey: str(c.topologyKey),
      term: c,
      path: [...tpl.specPath, 'topologySpreadConstraints', i],
      label: `topologySpreadConstraints[${i}]`,
    });
  });
  return out;
}

/** Labels the controllers add to the pods they create (so a template never shows them): a
 *  requirement on one of them cannot be judged from the manifest and is left out of matching. */
const CONTROLLER_LABELS: ReadonlySet<string> = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'job-name',
  'controller-uid',
  'batch.kubernetes.io/job-name',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-completion-index',
]);

/** Whether a spreading term counts the workload's own pods; `why` says why it does not. */
export function selectsOwnPods(
  t: SpreadTerm,
  ownLabels: Readonly<Record<string, string>>,
  namespace: string | undefined,
): { ok: true } | { ok: false; why: string; path: Path } {
  const raw = t.term.labelSelector;
  const selPath: Path = raw === undefined ? t.path : [...t.path, 'labelSelector'];
  if (raw === undefined || raw === null)
    return { ok: false, why: 'it has no labelSelector (which selects no pods)', path: selPath };
  const parsed = parseLabelSelector(raw);
  if (parsed.error) return { ok: false, why: `its labelSelector is invalid (${parsed.error})`, path: selPath };
  if (t.kind !== 'constraint') {
    // A PodAffinityTerm looks in the pod's own namespace unless it names namespaces; a
    // namespaceSelector adds namespaces (whose labels the manifest does not tell), so it may
    // include the pod's own.
    const namespaces = listOf(t.term.namespaces).filter((n): n is string => typeof n === 'string');
    const nsSelector = t.term.namespaceSelector;
    if (
      namespaces.length > 0 &&
      (nsSelector === undefined || nsSelector === null) &&
      !namespaces.includes(namespace ?? 'default')
    ) {
      return {
        ok: false,
        why: `it only looks at namespace${namespaces.length === 1 ? '' : 's'} ${namespaces.join(', ')}`,
        path: [...t.path, 'namespaces'],
      };
    }
  }
  const judged: Selector = { ...parsed, requirements: parsed.requirements.filter((r) => !CONTROLLER_LABELS.has(r.key)) };
  if (matches(judged, ownLabels)) return { ok: true };
  return {
    ok: false,
    why: `its labelSelector does not match the pod template labels (${formatLabels(ownLabels)})`,
    path: selPath,
  };
}

/** Anti-affinity terms with mismatchLabelKeys deliberately exclude pods like this one. */
export function deliberatelyExcludesSelf(t: SpreadTerm): boolean {
  return t.kind !== 'constraint' && listOf(t.term.mismatchLabelKeys).length > 0;
}

export function formatLabels(labels: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return pairs.length ? pairs.join(', ') : 'none';
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function listOf(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

export function getRecord(v: unknown, ...path: string[]): JsonObject | undefined {
  let cur = v;
  for (const p of path) cur = isRecord(cur) ? cur[p] : undefined;
  return isRecord(cur) ? cur : undefined;
}
