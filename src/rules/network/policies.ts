/**
 * Network policies of three engines, read the way each enforces them, for the network rules:
 *
 *  - Kubernetes `networking.k8s.io/v1` NetworkPolicy: `spec.podSelector` (a label selector; `{}`
 *    selects every pod of the policy's namespace); `policyTypes` defaults to Ingress, plus Egress
 *    when the policy has egress rules.
 *  - Calico `projectcalico.org/v3` (and its backing `crd.projectcalico.org/v1`) NetworkPolicy and
 *    GlobalNetworkPolicy: `selector`, `serviceAccountSelector`, and for the global kind
 *    `namespaceSelector`, all in Calico's selector language (absent = all()); `types` defaults to
 *    [Ingress] without egress rules, [Egress] with egress rules only, both with both. Pods carry
 *    `projectcalico.org/namespace`, `projectcalico.org/orchestrator`,
 *    `projectcalico.org/serviceaccount`, and their namespace's and service account's labels under
 *    `pcns.` and `pcsa.`.
 *  - Cilium `cilium.io/v2` CiliumNetworkPolicy (`spec` and/or `specs`; an endpointSelector only
 *    selects endpoints of the policy's namespace) and CiliumClusterwideNetworkPolicy
 *    (cluster-wide; a `nodeSelector` rule selects nodes, not pods). Selector keys may carry a
 *    source prefix (`k8s:`, `any:`); pods carry `io.kubernetes.pod.namespace`,
 *    `io.cilium.k8s.policy.serviceaccount`, `io.cilium.k8s.policy.cluster` and their namespace's
 *    labels under `io.cilium.k8s.namespace.labels.`. A rule with an ingress (egress) section puts
 *    the endpoint into default deny for that direction unless `enableDefaultDeny` says otherwise.
 *
 * Selection is three-valued: labels the input cannot know (a namespace's labels when its
 * Namespace object is not in the input, a cluster name, Calico `global()`) make the answer
 * 'unknown', and callers decide which way an unknown leans (the rules lean towards silence).
 */
import type { ObjectIndex } from '../../core/index.js';
import { apiGroup, isRecord, labelsOf, podTemplateOf, str, type JsonObject, type KubeObject } from '../../core/objects.js';
import { parseLabelSelector, type Selector } from '../../core/selectors.js';
import { evaluateCalico, tryParseCalicoSelector } from './calico-selector.js';
import { and, matchesTri, or, UNKNOWN, type LabelView, type Tri } from './tri.js';

/** Kinds a network rule must see in the index (the engine indexes the kinds a rule targets). */
export const POLICY_KINDS: readonly string[] = [
  'NetworkPolicy',
  'GlobalNetworkPolicy',
  'CiliumNetworkPolicy',
  'CiliumClusterwideNetworkPolicy',
];

export type PolicyEngine = 'kubernetes' | 'calico' | 'cilium';
export type Direction = 'ingress' | 'egress';

export function policyEngine(obj: Pick<KubeObject, 'id'>): PolicyEngine | undefined {
  const group = apiGroup(obj.id.apiVersion);
  switch (obj.id.kind) {
    case 'NetworkPolicy':
      if (group === 'networking.k8s.io' || group === 'extensions') return 'kubernetes';
      if (group === 'projectcalico.org' || group === 'crd.projectcalico.org') return 'calico';
      return undefined;
    case 'GlobalNetworkPolicy':
      return group === 'projectcalico.org' || group === 'crd.projectcalico.org' ? 'calico' : undefined;
    case 'CiliumNetworkPolicy':
    case 'CiliumClusterwideNetworkPolicy':
      return group === 'cilium.io' ? 'cilium' : undefined;
  }
  return undefined;
}

export function isKubernetesNetworkPolicy(obj: Pick<KubeObject, 'id'>): boolean {
  return policyEngine(obj) === 'kubernetes';
}

function isClusterWide(obj: KubeObject): boolean {
  return obj.id.kind === 'GlobalNetworkPolicy' || obj.id.kind === 'CiliumClusterwideNetworkPolicy';
}

export function specOf(obj: Pick<KubeObject, 'value'>): JsonObject {
  return isRecord(obj.value.spec) ? obj.value.spec : {};
}

export function listOf(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

// ---------------------------------------------------------------------------------------------
// Which pods policies can govern

/** Pod-bearing objects NetworkPolicies govern: not PodTemplates (they run nothing) and not
 *  hostNetwork pods (they use the node's network; policies do not apply to them). */
export function governable(obj: KubeObject): boolean {
  if (obj.id.kind === 'PodTemplate') return false;
  const tpl = podTemplateOf(obj);
  return !!tpl && tpl.spec.hostNetwork !== true;
}

export function governablePodsIn(index: ObjectIndex, namespace: string): KubeObject[] {
  return index.podBearingIn(namespace).filter(governable);
}

/** What selectors see of a pod: its labels (or 'unknown' for "any pod"), its service account and
 *  namespace, and that namespace's labels when the Namespace object is in the input. */
export interface PodView {
  namespace: string;
  labels: Readonly<Record<string, string>> | 'unknown';
  serviceAccount: string | 'unknown';
}

export function podViewOf(index: ObjectIndex, obj: KubeObject): PodView {
  const spec = podTemplateOf(obj)?.spec;
  return {
    namespace: obj.id.namespace ?? 'default',
    labels: index.podLabels(obj),
    serviceAccount: str(spec?.serviceAccountName) || str(spec?.serviceAccount) || 'default',
  };
}

/** Labels of a namespace: its Namespace object's (if scanned) plus the name label Kubernetes sets. */
function namespaceView(index: ObjectIndex, namespace: string): LabelView {
  const ns = index.get('Namespace', undefined, namespace);
  const labels = ns ? labelsOf(ns.value.metadata) : undefined;
  return (k) => {
    if (k === 'kubernetes.io/metadata.name') return namespace;
    if (!labels) return UNKNOWN;
    return Object.prototype.hasOwnProperty.call(labels, k) ? labels[k]! : null;
  };
}

function serviceAccountView(index: ObjectIndex, pod: PodView): LabelView {
  if (pod.serviceAccount === 'unknown') return () => UNKNOWN;
  const sa = index.get('ServiceAccount', pod.namespace, pod.serviceAccount);
  const labels = sa ? labelsOf(sa.value.metadata) : undefined;
  const name = pod.serviceAccount;
  return (k) => {
    if (k === 'projectcalico.org/name') return name;
    if (!labels) return UNKNOWN;
    return Object.prototype.hasOwnProperty.call(labels, k) ? labels[k]! : null;
  };
}

function podLabel(pod: PodView, k: string): string | null | typeof UNKNOWN {
  if (pod.labels === 'unknown') return UNKNOWN;
  return Object.prototype.hasOwnProperty.call(pod.labels, k) ? pod.labels[k]! : null;
}

function calicoPodView(index: ObjectIndex, pod: PodView): LabelView {
  const ns = namespaceView(index, pod.namespace);
  const sa = serviceAccountView(index, pod);
  return (k) => {
    if (k === 'projectcalico.org/namespace') return pod.namespace;
    if (k === 'projectcalico.org/orchestrator') return 'k8s';
    if (k === 'projectcalico.org/serviceaccount') return pod.serviceAccount === 'unknown' ? UNKNOWN : pod.serviceAccount;
    if (k.startsWith('pcns.')) {
      const key = k.slice('pcns.'.length);
      return key === 'projectcalico.org/name' ? pod.namespace : ns(key);
    }
    if (k.startsWith('pcsa.')) return sa(k.slice('pcsa.'.length));
    return podLabel(pod, k);
  };
}

function ciliumPodView(index: ObjectIndex, pod: PodView): LabelView {
  const ns = namespaceView(index, pod.namespace);
  const NS_LABELS = 'io.cilium.k8s.namespace.labels.';
  return (raw) => {
    let k = raw;
    const colon = k.indexOf(':');
    if (colon !== -1) {
      const source = k.slice(0, colon);
      // Pods only carry labels of the k8s source; reserved:, cidr:, fqdn:... select other identities.
      if (source !== 'k8s' && source !== 'any') return null;
      k = k.slice(colon + 1);
    }
    if (k === 'io.kubernetes.pod.namespace') return pod.namespace;
    if (k === 'io.cilium.k8s.policy.serviceaccount') return pod.serviceAccount === 'unknown' ? UNKNOWN : pod.serviceAccount;
    if (k === 'io.cilium.k8s.policy.cluster') return UNKNOWN;
    if (k.startsWith(NS_LABELS)) return ns(k.slice(NS_LABELS.length));
    return podLabel(pod, k);
  };
}

/** A Calico selector field: absent or empty is all(); an invalid one is 'unknown'. */
function calicoField(v: unknown, view: LabelView): Tri {
  if (v === undefined || v === null) return true;
  if (typeof v !== 'string') return 'unknown';
  const node = tryParseCalicoSelector(v);
  return node ? evaluateCalico(node, view) : 'unknown';
}

/** The Cilium rules of a policy: `spec` and every entry of `specs`. */
export function ciliumRules(obj: KubeObject): JsonObject[] {
  const out: JsonObject[] = [];
  if (isRecord(obj.value.spec)) out.push(obj.value.spec);
  for (const s of listOf(obj.value.specs)) if (isRecord(s)) out.push(s);
  return out;
}

/** A Kubernetes NetworkPolicy's podSelector. The field is a struct, not a pointer, in the API: a
 *  missing or null podSelector decodes as the empty selector and selects every pod. */
export function kubernetesPodSelector(policy: KubeObject): Selector {
  const raw = specOf(policy).podSelector;
  return parseLabelSelector(raw === undefined || raw === null ? {} : raw);
}

/** Whether a policy applies to a pod. Kubernetes: exact. Calico and Cilium: three-valued. */
export function policySelects(index: ObjectIndex, policy: KubeObject, pod: PodView): Tri {
  const engine = policyEngine(policy);
  if (!engine) return false;
  if (!isClusterWide(policy) && policy.id.namespace !== pod.namespace) return false;
  const spec = specOf(policy);
  switch (engine) {
    case 'kubernetes':
      return matchesTri(kubernetesPodSelector(policy), (k) => podLabel(pod, k));
    case 'calico': {
      // Pre-DNAT and untracked policies apply to host endpoints only.
      if (spec.preDNAT === true || spec.doNotTrack === true) return false;
      const parts: Tri[] = [
        calicoField(spec.selector, calicoPodView(index, pod)),
        calicoField(spec.serviceAccountSelector, serviceAccountView(index, pod)),
      ];
      if (policy.id.kind === 'GlobalNetworkPolicy') {
        const nsView = namespaceView(index, pod.namespace);
        parts.push(calicoField(spec.namespaceSelector, (k) => (k === 'projectcalico.org/name' ? pod.namespace : nsView(k))));
      }
      return and(parts);
    }
    case 'cilium': {
      const view = ciliumPodView(index, pod);
      return or(
        ciliumRules(policy).map((rule): Tri => {
          if (!isRecord(rule.endpointSelector)) return false; // nodeSelector: a host policy
          return matchesTri(parseLabelSelector(rule.endpointSelector), view);
        }),
      );
    }
  }
}

/** Per-scan memo of policiesGoverning (rules ask once per workload; the answer is per namespace).
 *  Keyed by the index and invalidated if it grows, so a reused index never sees stale answers. */
const governingMemo = new WeakMap<ObjectIndex, { size: number; byNamespace: Map<string, KubeObject[]> }>();

/** Policies that govern a namespace: every policy namespaced in it, and the cluster-wide ones
 *  that select (or may select) at least one of its governable pods. */
export function policiesGoverning(index: ObjectIndex, namespace: string): KubeObject[] {
  let memo = governingMemo.get(index);
  if (!memo || memo.size !== index.size) governingMemo.set(index, (memo = { size: index.size, byNamespace: new Map() }));
  let out = memo.byNamespace.get(namespace);
  if (!out) memo.byNamespace.set(namespace, (out = computeGoverning(index, namespace)));
  return out;
}

function computeGoverning(index: ObjectIndex, namespace: string): KubeObject[] {
  const out: KubeObject[] = [];
  let pods: PodView[] | undefined;
  const podsOf = () => (pods ??= governablePodsIn(index, namespace).map((o) => podViewOf(index, o)));
  for (const kind of POLICY_KINDS) {
    for (const p of index.ofKind(kind)) {
      if (!policyEngine(p)) continue;
      if (!isClusterWide(p)) {
        if (p.id.namespace === namespace) out.push(p);
      } else if (podsOf().some((pod) => policySelects(index, p, pod) !== false)) out.push(p);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Directions, and what a policy does to all pods of a namespace

/** Kubernetes: policyTypes, or Ingress plus Egress when there are egress rules. */
export function kubernetesDirections(spec: JsonObject): Set<Direction> {
  const types = listOf(spec.policyTypes);
  if (types.length > 0) {
    const out = new Set<Direction>();
    if (types.includes('Ingress')) out.add('ingress');
    if (types.includes('Egress')) out.add('egress');
    return out;
  }
  return new Set<Direction>(listOf(spec.egress).length > 0 ? ['ingress', 'egress'] : ['ingress']);
}

/** Calico: types, or [Ingress] without egress rules, [Egress] with only egress rules, both with both. */
export function calicoDirections(spec: JsonObject): Set<Direction> {
  const types = listOf(spec.types);
  if (types.length > 0) {
    const out = new Set<Direction>();
    if (types.includes('Ingress')) out.add('ingress');
    if (types.includes('Egress')) out.add('egress');
    return out;
  }
  const ingress = listOf(spec.ingress).length > 0;
  const egress = listOf(spec.egress).length > 0;
  if (!egress) return new Set(['ingress']);
  return new Set(ingress ? ['ingress', 'egress'] : ['egress']);
}

/** Cilium: a direction is in default deny when the rule has rules for it (allow or deny), unless
 *  enableDefaultDeny turns it off; enableDefaultDeny can also turn it on. */
function ciliumDefaultDeny(rule: JsonObject, dir: Direction): boolean {
  const flags = isRecord(rule.enableDefaultDeny) ? rule.enableDefaultDeny : {};
  if (flags[dir] === false) return false;
  if (flags[dir] === true) return true;
  return listOf(rule[dir]).length > 0 || listOf(rule[`${dir}Deny`]).length > 0;
}

const isEmpty = (v: unknown) =>
  v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (isRecord(v) && Object.keys(v).length === 0);

/** A Kubernetes rule that allows everything: no peers and no ports (`ingress: [{}]`). */
export function kubernetesRuleAllowsAll(rule: unknown, dir: Direction): boolean {
  if (!isRecord(rule)) return false;
  return isEmpty(rule[dir === 'ingress' ? 'from' : 'to']) && isEmpty(rule.ports);
}

/** A Calico rule that allows everything: action Allow and no match criteria. */
function calicoRuleAllowsAll(rule: unknown): boolean {
  if (!isRecord(rule) || rule.action !== 'Allow') return false;
  return Object.entries(rule).every(([k, v]) => k === 'action' || k === 'metadata' || isEmpty(v));
}

/** A Cilium rule that allows everything: the `all` entity without port restrictions. */
function ciliumRuleAllowsAll(rule: unknown, dir: Direction): boolean {
  if (!isRecord(rule)) return false;
  const entities = listOf(rule[dir === 'ingress' ? 'fromEntities' : 'toEntities']);
  return entities.includes('all') && isEmpty(rule.toPorts);
}

/**
 * Whether a policy puts every pod of a namespace (present and future) into default deny for a
 * direction without allowing everything back: Kubernetes `podSelector: {}` with the direction in
 * its (defaulted) policyTypes; Calico with a selector true for any pod labels of the namespace;
 * Cilium with such an endpointSelector and the direction in default deny. Allow rules for
 * specific traffic (DNS, same namespace...) are fine; an allow-everything rule is not.
 * A cluster-wide policy's namespace scoping that the input cannot decide counts as covering.
 */
export function defaultDenies(index: ObjectIndex, policy: KubeObject, namespace: string, dir: Direction): boolean {
  const engine = policyEngine(policy);
  if (!engine) return false;
  if (!isClusterWide(policy) && policy.id.namespace !== namespace) return false;
  const spec = specOf(policy);
  const anyPod: PodView = { namespace, labels: 'unknown', serviceAccount: 'unknown' };
  switch (engine) {
    case 'kubernetes':
      return (
        kubernetesPodSelector(policy).everything &&
        kubernetesDirections(spec).has(dir) &&
        !listOf(spec[dir]).some((r) => kubernetesRuleAllowsAll(r, dir))
      );
    case 'calico': {
      if (spec.preDNAT === true || spec.doNotTrack === true) return false;
      if (!calicoDirections(spec).has(dir) || listOf(spec[dir]).some(calicoRuleAllowsAll)) return false;
      // The endpoint selectors must hold for any pod; the namespace scoping may stay unknown.
      const podParts = and([
        calicoField(spec.selector, calicoPodView(index, anyPod)),
        calicoField(spec.serviceAccountSelector, serviceAccountView(index, anyPod)),
      ]);
      if (podParts !== true) return false;
      if (policy.id.kind !== 'GlobalNetworkPolicy') return true;
      const nsView = namespaceView(index, namespace);
      return calicoField(spec.namespaceSelector, (k) => (k === 'projectcalico.org/name' ? namespace : nsView(k))) !== false;
    }
    case 'cilium': {
      const view = ciliumPodView(index, anyPod);
      return ciliumRules(policy).some(
        (rule) =>
          isRecord(rule.endpointSelector) &&
          matchesTri(parseLabelSelector(rule.endpointSelector), view) === true &&
          ciliumDefaultDeny(rule, dir) &&
          !listOf(rule[dir]).some((r) => ciliumRuleAllowsAll(r, dir)),
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Where namespace-level findings go

/**
 * The object a namespace-level finding is reported on, once per namespace: the Namespace object
 * when it is in the input, else the first governable pod-bearing object of that namespace.
 * Returns the namespace when `obj` is that object.
 */
export function namespaceAnchor(index: ObjectIndex, obj: KubeObject): string | undefined {
  if (obj.id.kind === 'Namespace') return apiGroup(obj.id.apiVersion) === '' ? obj.id.name : undefined;
  const ns = obj.id.namespace;
  if (!ns || !governable(obj) || index.get('Namespace', undefined, ns)) return undefined;
  return index.podBearingIn(ns).find(governable) === obj ? ns : undefined;
}

/** Path of a namespace-level finding: the Namespace's name, or the workload's namespace field. */
export function anchorPath(obj: KubeObject): (string | number)[] {
  const meta = obj.value.metadata;
  if (obj.id.kind === 'Namespace') return ['metadata', 'name'];
  if (isRecord(meta) && typeof meta.namespace === 'string') return ['metadata', 'namespace'];
  return isRecord(meta) ? ['metadata'] : [];
}

/** "Deployment web, StatefulSet db and 3 more" for messages. */
export function listWorkloads(objs: readonly KubeObject[], max = 3): string {
  const names = objs.slice(0, max).map((o) => `${o.id.kind} ${o.id.name}`);
  const more = objs.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}
