import type { Path } from './path.js';
import type { SourceRef } from './position.js';

export type JsonObject = { readonly [key: string]: unknown };

/** Who an object is. `namespace` has Kubernetes' default applied: "default" for namespaced kinds
 *  without one, undefined for cluster-scoped kinds. */
export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface KubeObject {
  readonly id: ObjectIdentity;
  /** `metadata.generateName` when the object has no name (the name shown is then `generateName*`). */
  readonly generateName?: string;
  readonly value: JsonObject;
  readonly source: SourceRef;
}

/** Kinds that live outside namespaces (built-in and common add-ons). Anything else is treated as
 *  namespaced, as kubectl would for a namespaced CRD. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
  'ClusterIssuer',
  'GlobalNetworkPolicy',
  'CiliumClusterwideNetworkPolicy',
  'GatewayClass',
  'ClusterPolicy',
  'ClusterPolicyReport',
]);

export function isRecord(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The API group of an apiVersion: "apps/v1" -> "apps", "v1" -> "". */
export function apiGroup(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i === -1 ? '' : apiVersion.slice(0, i);
}

/** Reads identity from a plain value; undefined when it is not a Kubernetes object. */
export function identityOf(value: unknown): { id: ObjectIdentity; generateName?: string } | undefined {
  if (!isRecord(value)) return undefined;
  const apiVersion = str(value.apiVersion);
  const kind = str(value.kind);
  if (!apiVersion || !kind) return undefined;
  const meta = isRecord(value.metadata) ? value.metadata : {};
  const generateName = str(meta.generateName);
  const name = str(meta.name) ?? (generateName ? `${generateName}*` : '');
  const namespace = CLUSTER_SCOPED_KINDS.has(kind) ? undefined : (str(meta.namespace) ?? 'default');
  return { id: { apiVersion, kind, namespace, name }, generateName };
}

export function labelsOf(v: unknown): Readonly<Record<string, string>> {
  if (!isRecord(v)) return EMPTY;
  return stringMap(v.labels);
}

export function annotationsOf(v: unknown): Readonly<Record<string, string>> {
  if (!isRecord(v)) return EMPTY;
  return stringMap(v.annotations);
}

const EMPTY: Readonly<Record<string, string>> = Object.freeze({});
// Rules ask for the same labels many times per object; values are never mutated during a scan.
const stringMaps = new WeakMap<object, Readonly<Record<string, string>>>();

function stringMap(v: unknown): Readonly<Record<string, string>> {
  if (!isRecord(v)) return EMPTY;
  const cached = stringMaps.get(v);
  if (cached) return cached;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  stringMaps.set(v, out);
  return out;
}

/** "Deployment shop/web", "ClusterRole admin". */
export function describeObject(id: ObjectIdentity): string {
  return id.namespace ? `${id.kind} ${id.namespace}/${id.name}` : `${id.kind} ${id.name}`;
}

// ---------------------------------------------------------------------------------------------
// Pod-bearing kinds

/** Where each pod-bearing kind keeps its pod template (path to the template's metadata+spec). */
const POD_TEMPLATE_PATHS: Readonly<Record<string, Path>> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export const POD_BEARING_KINDS: readonly string[] = Object.keys(POD_TEMPLATE_PATHS);

/** Controllers that run pods continuously (not Jobs, CronJobs, bare Pods or templates). */
export const WORKLOAD_CONTROLLER_KINDS: readonly string[] = [
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'ReplicationController',
];

export interface PodTemplateRef {
  /** The kind it was read as. */
  kind: string;
  /** Path to the object holding `metadata` and `spec` of the pods ([] for a Pod). */
  path: Path;
  metadata: JsonObject;
  spec: JsonObject;
  /** Path of the pod spec. */
  specPath: Path;
}

/** The pod template of a pod-bearing object, or undefined for other kinds (or a malformed one). */
const templates = new WeakMap<object, PodTemplateRef | null>();

export function podTemplateOf(obj: Pick<KubeObject, 'id' | 'value'>): PodTemplateRef | undefined {
  // Keyed by kind too: the same value may be looked at as another kind (the rule tester does).
  let perKind = templates.get(obj.value) as (PodTemplateRef | null) | undefined;
  if (perKind !== undefined && (perKind === null || perKind.kind === obj.id.kind)) return perKind ?? undefined;
  perKind = findPodTemplate(obj);
  templates.set(obj.value, perKind ?? null);
  return perKind;
}

function findPodTemplate(obj: Pick<KubeObject, 'id' | 'value'>): PodTemplateRef | undefined {
  const path = POD_TEMPLATE_PATHS[obj.id.kind];
  if (!path) return undefined;
  let cur: unknown = obj.value;
  for (const seg of path) cur = isRecord(cur) ? cur[seg] : undefined;
  if (!isRecord(cur)) return undefined;
  const spec = isRecord(cur.spec) ? cur.spec : undefined;
  if (!spec) return undefined;
  const metadata = isRecord(cur.metadata) ? cur.metadata : {};
  return { kind: obj.id.kind, path, metadata, spec, specPath: [...path, 'spec'] };
}

export type ContainerKind = 'initContainers' | 'containers' | 'ephemeralContainers';

export interface ContainerRef {
  container: JsonObject;
  name: string;
  kind: ContainerKind;
  index: number;
  path: Path;
  /** Init containers with restartPolicy Always run for the pod's lifetime (native sidecars). */
  sidecar: boolean;
}

const CONTAINER_KINDS: readonly ContainerKind[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** Every container of a pod spec, init and ephemeral ones included, each with its path. */
const allContainers = new WeakMap<PodTemplateRef, readonly ContainerRef[]>();

export function containersOf(
  obj: Pick<KubeObject, 'id' | 'value'>,
  kinds: readonly ContainerKind[] = CONTAINER_KINDS,
): readonly ContainerRef[] {
  const tpl = podTemplateOf(obj);
  if (!tpl) return [];
  // The two lists rules ask for on every object are built once per template.
  const memo = kinds === CONTAINER_KINDS ? allContainers : kinds === POD_CONTAINER_KINDS ? podContainers : undefined;
  if (!memo) return listContainers(tpl, kinds);
  let list = memo.get(tpl);
  if (!list) memo.set(tpl, (list = Object.freeze(listContainers(tpl, kinds))));
  return list;
}

/** Init (sidecars included) and regular containers: what has resources, probes and ports
 *  (ephemeral containers have none of them). */
export const POD_CONTAINER_KINDS: readonly ContainerKind[] = ['initContainers', 'containers'];
const podContainers = new WeakMap<PodTemplateRef, readonly ContainerRef[]>();

function listContainers(tpl: PodTemplateRef, kinds: readonly ContainerKind[]): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const kind of kinds) {
    const list = tpl.spec[kind];
    if (!Array.isArray(list)) continue;
    list.forEach((c: unknown, index) => {
      if (!isRecord(c)) return;
      out.push({
        container: c,
        name: str(c.name) ?? `#${index}`,
        kind,
        index,
        path: [...tpl.specPath, kind, index],
        sidecar: kind === 'initContainers' && c.restartPolicy === 'Always',
      });
    });
  }
  return out;
}

/** Human label for a container in messages: `container "web"`, `init container "setup"`. */
export function containerLabel(c: ContainerRef): string {
  const prefix =
    c.kind === 'initContainers'
      ? c.sidecar
        ? 'sidecar container'
        : 'init container'
      : c.kind === 'ephemeralContainers'
        ? 'ephemeral container'
        : 'container';
  return `${prefix} "${c.name}"`;
}

/** True for Windows pods (spec.os.name), where Linux-only controls do not apply. */
export function isWindowsPod(spec: JsonObject): boolean {
  return isRecord(spec.os) && spec.os.name === 'windows';
}

/** Pods that run to completion: their containers need no readiness/liveness probes. */
export function runsToCompletion(obj: Pick<KubeObject, 'id' | 'value'>): boolean {
  if (obj.id.kind === 'Job' || obj.id.kind === 'CronJob') return true;
  if (obj.id.kind === 'Pod') {
    const spec = isRecord(obj.value.spec) ? obj.value.spec : {};
    return spec.restartPolicy === 'Never' || spec.restartPolicy === 'OnFailure';
  }
  return false;
}
