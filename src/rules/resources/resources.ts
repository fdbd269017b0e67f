/**
 * What the resources rules share: the places that carry `resources` (containers and, with
 * Kubernetes' pod-level resources, the pod spec) and reading one quantity from them.
 */
import {
  containerLabel,
  containersOf,
  isRecord,
  podTemplateOf,
  type JsonObject,
  type KubeObject,
  POD_CONTAINER_KINDS,
  type ContainerRef,
} from '../../core/objects.js';
import type { Path } from '../../core/path.js';
import { parseQuantity, type ParsedQuantity } from '../../core/quantity.js';
import type { ReportInput } from '../../core/rule.js';

export type ResourceName = 'cpu' | 'memory' | 'ephemeral-storage';
export type ResourceSection = 'requests' | 'limits';

/** How messages name a resource. */
export const RESOURCE_LABEL: Readonly<Record<ResourceName, string>> = {
  cpu: 'CPU',
  memory: 'memory',
  'ephemeral-storage': 'ephemeral-storage',
};

/** Something with a `resources` field: a container, or the pod spec (pod-level resources). */
export interface ResourceHolder {
  /** The object holding `resources`. */
  value: JsonObject;
  path: Path;
  /** `container "web"`, `pod`. */
  label: string;
}

/** Init containers (native sidecars included) and regular containers. Ephemeral containers
 *  cannot have resources (the API rejects them), so they are left out. */
export function resourceContainers(obj: Pick<KubeObject, 'id' | 'value'>): readonly ResourceHolder[] {
  // Every resources rule asks for every object: built once per container list.
  const refs = containersOf(obj, POD_CONTAINER_KINDS);
  let holders = holdersOf.get(refs);
  if (!holders)
    holdersOf.set(
      refs,
      (holders = Object.freeze(refs.map((c) => ({ value: c.container, path: c.path, label: containerLabel(c) })))),
    );
  return holders;
}

const holdersOf = new WeakMap<readonly ContainerRef[], readonly ResourceHolder[]>();

/** The pod spec as a holder, when it sets pod-level `resources` (spec.resources). */
export function podLevelResources(obj: Pick<KubeObject, 'id' | 'value'>): ResourceHolder | undefined {
  const tpl = podTemplateOf(obj);
  if (!tpl || !isRecord(tpl.spec.resources)) return undefined;
  return { value: tpl.spec, path: tpl.specPath, label: 'pod' };
}

/** A quantity that is set (non-null), or the deepest existing node on the way to it. */
export type QuantityField = { present: true; raw: unknown; path: Path; parsed: ParsedQuantity } | { present: false; path: Path };

/** Reads `resources.<section>.<name>` of a holder. Negative values parse as quantities but the
 *  API rejects them for resources, so they come back as errors. */
export function quantityOf(holder: ResourceHolder, section: ResourceSection, name: ResourceName): QuantityField {
  const { path, node } = deepest(holder, ['resources', section, name]);
  const raw = node.found ? node.value : undefined;
  if (raw === undefined || raw === null) return { present: false, path };
  return { present: true, raw, path, parsed: resourceQuantity(raw) };
}

/** The deepest existing node on the way to `resources.<section>` (for "not set" findings). */
export function sectionPath(holder: ResourceHolder, section: ResourceSection): Path {
  return deepest(holder, ['resources', section]).path;
}

function resourceQuantity(raw: unknown): ParsedQuantity {
  const parsed = parseQuantity(raw);
  if (parsed.ok && parsed.value < 0) return { ok: false, error: `${JSON.stringify(raw)} is negative` };
  return parsed;
}

/** Walks keys from the holder; returns the path of the deepest key present and, when every key
 *  is present, the value found there. */
function deepest(holder: ResourceHolder, keys: readonly string[]): { path: Path; node: { found: boolean; value?: unknown } } {
  let cur: unknown = holder.value;
  const path: (string | number)[] = [...holder.path];
  for (const k of keys) {
    if (!isRecord(cur) || !Object.hasOwn(cur, k)) return { path, node: { found: false } };
    path.push(k);
    cur = cur[k];
  }
  return { path, node: { found: true, value: cur } };
}

/** The value as written, for messages: `"500m"`, `0.5`. */
export function shown(raw: unknown): string {
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}

/** One "every container sets limits.<name>" check, shared by the limit rules. A pod-level limit
 *  (spec.resources.limits) bounds every container of the pod, so it counts for all of them. */
export function checkLimitSet(obj: KubeObject, report: (f: ReportInput) => void, name: ResourceName): void {
  const label = RESOURCE_LABEL[name];
  const pod = podLevelResources(obj);
  if (pod) {
    const q = quantityOf(pod, 'limits', name);
    if (q.present) {
      if (!q.parsed.ok) report({ path: q.path, message: `pod has an invalid ${label} limit: ${q.parsed.error}` });
      return;
    }
  }
  for (const c of resourceContainers(obj)) {
    const q = quantityOf(c, 'limits', name);
    if (!q.present) report({ path: q.path, message: `${c.label} sets no ${label} limit` });
    else if (!q.parsed.ok) report({ path: q.path, message: `${c.label} has an invalid ${label} limit: ${q.parsed.error}` });
  }
}
