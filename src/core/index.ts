/**
 * The index over every object of one scan: lookups by kind/namespace/name, label-selector
 * matching through an inverted label index, and the relations cross-resource rules ask for.
 * Building it is linear in the number of objects; each relation query touches only candidates.
 */
import { apiGroup, isRecord, labelsOf, podTemplateOf, POD_BEARING_KINDS, str, type KubeObject } from './objects.js';
import { anchorPair, matches, parseLabelSelector, parseMapSelector, type Selector } from './selectors.js';

/** What the input can tell: `files` holds only what was given; `cluster` is complete. */
export type World = 'files' | 'cluster';

const POD_BEARING = new Set(POD_BEARING_KINDS);
/** Shared by every lookup that finds nothing (index rules ask per kind for every object). Not
 *  frozen: a frozen array has another elements kind, and mixing the two makes every loop over
 *  ofKind() polymorphic. */
const NONE: readonly KubeObject[] = [];

const key = (kind: string, ns: string | undefined, name: string) => `${kind}\u0000${ns ?? ''}\u0000${name}`;

export class ObjectIndex {
  /** Several API groups may share a kind name (Calico's and Kubernetes' NetworkPolicy). */
  private readonly byKey = new Map<string, KubeObject[]>();
  private count = 0;
  private readonly byKind = new Map<string, KubeObject[]>();
  /** namespace -> pod-bearing objects. */
  private readonly pods = new Map<string, KubeObject[]>();
  /** namespace -> "key=value" -> pod-bearing objects whose pod labels carry it. */
  private readonly podLabelIndex = new Map<string, Map<string, KubeObject[]>>();
  /** "Kind\0ns\0name" of a scale target -> HPAs / VPAs pointing at it. */
  private readonly scalers = new Map<string, KubeObject[]>();
  /** "ns\0name" of a ServiceAccount -> RoleBindings / ClusterRoleBindings naming it as a subject. */
  private readonly saBindings = new Map<string, KubeObject[]>();
  private readonly namespacesSeen = new Set<string>();
  private readonly selectorCache = new WeakMap<KubeObject, Selector>();

  constructor(readonly world: World = 'files') {}

  add(obj: KubeObject): void {
    const { kind, namespace, name } = obj.id;
    push(this.byKey, key(kind, namespace, name), obj);
    this.count++;
    push(this.byKind, kind, obj);
    if (namespace) this.namespacesSeen.add(namespace);
    if (kind === 'Namespace') this.namespacesSeen.add(name);
    if (POD_BEARING.has(kind) && namespace) {
      push(this.pods, namespace, obj);
      let labelIdx = this.podLabelIndex.get(namespace);
      if (!labelIdx) this.podLabelIndex.set(namespace, (labelIdx = new Map()));
      for (const [k, v] of Object.entries(this.podLabels(obj))) push(labelIdx, `${k}=${v}`, obj);
    }
    if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
      const subjects = Array.isArray(obj.value.subjects) ? obj.value.subjects : [];
      for (const s of subjects) {
        if (!isRecord(s) || s.kind !== 'ServiceAccount' || typeof s.name !== 'string') continue;
        // A RoleBinding's ServiceAccount subject without a namespace is in the binding's namespace.
        const ns = str(s.namespace) || (kind === 'RoleBinding' ? namespace : undefined);
        if (ns) push(this.saBindings, `${ns}\u0000${s.name}`, obj);
      }
    }
    if (kind === 'HorizontalPodAutoscaler' || kind === 'VerticalPodAutoscaler') {
      const ref =
        kind === 'HorizontalPodAutoscaler' ? getRec(obj.value, 'spec', 'scaleTargetRef') : getRec(obj.value, 'spec', 'targetRef');
      const tKind = str(ref?.kind);
      const tName = str(ref?.name);
      if (tKind && tName) push(this.scalers, key(tKind, namespace, tName), obj);
    }
  }

  get size(): number {
    return this.count;
  }

  /** The object of a kind, namespace and name; with several API groups for that kind, the one
   *  of `group` if given, else a built-in Kubernetes group's (core, apps, *.k8s.io...). */
  get(kind: string, namespace: string | undefined, name: string, group?: string): KubeObject | undefined {
    const found = this.byKey.get(key(kind, namespace, name));
    if (!found || found.length === 1)
      return found?.[0] && (group === undefined || apiGroup(found[0].id.apiVersion) === group) ? found[0] : undefined;
    if (group !== undefined) return found.find((o) => apiGroup(o.id.apiVersion) === group);
    return found.find((o) => isBuiltinGroup(apiGroup(o.id.apiVersion))) ?? found[0];
  }

  ofKind(kind: string): readonly KubeObject[] {
    return this.byKind.get(kind) ?? NONE;
  }

  ofKindIn(kind: string, namespace: string): KubeObject[] {
    return this.ofKind(kind).filter((o) => o.id.namespace === namespace);
  }

  /** Namespaces named by objects or by Namespace objects. */
  namespaces(): string[] {
    return [...this.namespacesSeen].sort();
  }

  /** Labels of the pods an object runs (template labels), or its own labels for a Pod. */
  podLabels(obj: KubeObject): Readonly<Record<string, string>> {
    const tpl = podTemplateOf(obj);
    return tpl ? labelsOf(tpl.metadata) : {};
  }

  /** Pod-bearing objects in a namespace whose pods the selector selects. */
  podsMatching(namespace: string, selector: Selector): KubeObject[] {
    if (selector.nothing) return [];
    const anchor = anchorPair(selector);
    const candidates = anchor ? (this.podLabelIndex.get(namespace)?.get(anchor) ?? []) : (this.pods.get(namespace) ?? []);
    return candidates.filter((o) => matches(selector, this.podLabels(o)));
  }

  /** Pod-bearing objects in a namespace. */
  podBearingIn(namespace: string): readonly KubeObject[] {
    return this.pods.get(namespace) ?? [];
  }

  /** The selector an object uses to pick pods (Service, PDB, NetworkPolicy, workloads). */
  selectorOf(obj: KubeObject): Selector {
    const cached = this.selectorCache.get(obj);
    if (cached) return cached;
    const spec = getRec(obj.value, 'spec');
    let sel: Selector;
    switch (obj.id.kind) {
      case 'Service':
      case 'ReplicationController':
        sel = parseMapSelector(spec?.selector);
        break;
      case 'NetworkPolicy':
        // podSelector is a plain struct in the API: absent means {} (every pod of the namespace).
        sel = parseLabelSelector(spec?.podSelector ?? {});
        break;
      default:
        sel = parseLabelSelector(spec?.selector);
    }
    this.selectorCache.set(obj, sel);
    return sel;
  }

  /** Pods a Service, PDB or NetworkPolicy selects (as pod-bearing objects). */
  selectedPods(obj: KubeObject): KubeObject[] {
    if (!obj.id.namespace) return [];
    return this.podsMatching(obj.id.namespace, this.selectorOf(obj));
  }

  /** Objects of `kind` in the workload's namespace whose selector selects its pods. */
  selecting(kind: 'Service' | 'PodDisruptionBudget' | 'NetworkPolicy', workload: KubeObject): KubeObject[] {
    const ns = workload.id.namespace;
    if (!ns) return [];
    const labels = this.podLabels(workload);
    return this.ofKind(kind).filter((o) => o.id.namespace === ns && matches(this.selectorOf(o), labels));
  }

  /** HPAs and VPAs whose target is this object. */
  scalersOf(obj: KubeObject): readonly KubeObject[] {
    return this.scalers.get(key(obj.id.kind, obj.id.namespace, obj.id.name)) ?? [];
  }

  /** The target of an HPA (spec.scaleTargetRef) or VPA (spec.targetRef), when in the input. */
  scaleTargetOf(scaler: KubeObject): KubeObject | undefined {
    const ref =
      scaler.id.kind === 'HorizontalPodAutoscaler'
        ? getRec(scaler.value, 'spec', 'scaleTargetRef')
        : getRec(scaler.value, 'spec', 'targetRef');
    const kind = str(ref?.kind);
    const name = str(ref?.name);
    return kind && name ? this.get(kind, scaler.id.namespace, name) : undefined;
  }

  /** The Role or ClusterRole a RoleBinding/ClusterRoleBinding refers to, when in the input. */
  roleOf(binding: KubeObject): KubeObject | undefined {
    const ref = getRec(binding.value, 'roleRef');
    const kind = str(ref?.kind);
    const name = str(ref?.name);
    if (!kind || !name) return undefined;
    return kind === 'ClusterRole' ? this.get('ClusterRole', undefined, name) : this.get(kind, binding.id.namespace, name);
  }

  /** RoleBindings and ClusterRoleBindings that grant a ServiceAccount something (direct subjects). */
  bindingsOfServiceAccount(namespace: string, name: string): readonly KubeObject[] {
    return this.saBindings.get(`${namespace}\u0000${name}`) ?? [];
  }

  /** The pod-bearing objects that run as a ServiceAccount ("default" when none is named). */
  podsUsingServiceAccount(namespace: string, serviceAccount: string): KubeObject[] {
    return (this.pods.get(namespace) ?? []).filter((o) => {
      const spec = podTemplateOf(o)?.spec;
      const sa = str(spec?.serviceAccountName) ?? str(spec?.serviceAccount) ?? 'default';
      return sa === serviceAccount;
    });
  }

  /** Services an Ingress routes to (by name, within its namespace), with the rule path of each. */
  ingressBackends(ingress: KubeObject): { service: string; port?: string | number; path: (string | number)[] }[] {
    const out: { service: string; port?: string | number; path: (string | number)[] }[] = [];
    const spec = getRec(ingress.value, 'spec');
    const add = (backend: unknown, path: (string | number)[]) => {
      const svc = isRecord(backend) && isRecord(backend.service) ? backend.service : undefined;
      const name = str(svc?.name) ?? (isRecord(backend) ? str(backend.serviceName) : undefined);
      if (!name) return;
      const port = isRecord(svc?.port) ? (svc.port.number ?? svc.port.name) : isRecord(backend) ? backend.servicePort : undefined;
      out.push({ service: name, port: typeof port === 'string' || typeof port === 'number' ? port : undefined, path });
    };
    add(spec?.defaultBackend ?? spec?.backend, ['spec', spec?.defaultBackend ? 'defaultBackend' : 'backend']);
    const rules = Array.isArray(spec?.rules) ? spec.rules : [];
    rules.forEach((r: unknown, i) => {
      const paths = isRecord(r) && isRecord(r.http) && Array.isArray(r.http.paths) ? r.http.paths : [];
      paths.forEach((p: unknown, j) => {
        if (isRecord(p)) add(p.backend, ['spec', 'rules', i, 'http', 'paths', j, 'backend']);
      });
    });
    return out;
  }
}

function isBuiltinGroup(group: string): boolean {
  return !group.includes('.') || group.endsWith('.k8s.io');
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

function getRec(v: unknown, ...path: string[]): Record<string, unknown> | undefined {
  let cur = v;
  for (const p of path) cur = isRecord(cur) ? cur[p] : undefined;
  return isRecord(cur) ? (cur as Record<string, unknown>) : undefined;
}
