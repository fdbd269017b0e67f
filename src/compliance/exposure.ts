/**
 * Exposure context for risk ranking: how reachable an object is, derived from the Services,
 * Ingresses and Gateway routes of the scan's index. Pure: reads the index, no I/O.
 *
 * This is a ranking heuristic, not a reachability proof: an Ingress is assumed public (its
 * controller's exposure is not in the manifests), and NetworkPolicies are not considered.
 */
import type { ObjectIndex } from '../core/index.js';
import {
  annotationsOf,
  isRecord,
  podTemplateOf,
  POD_BEARING_KINDS,
  str,
  type KubeObject,
  type ObjectIdentity,
} from '../core/objects.js';

/** From most to least reachable. `unknown`: the object is not something traffic reaches (RBAC, policies). */
export const EXPOSURES = ['internet', 'node', 'cluster', 'none', 'unknown'] as const;
export type Exposure = (typeof EXPOSURES)[number];

export interface ExposureInfo {
  level: Exposure;
  /** Why, e.g. "selected by LoadBalancer Service shop/web". */
  reason?: string;
}

export interface ExposureContext {
  of(id: ObjectIdentity): ExposureInfo;
}

const RANK: Record<Exposure, number> = { internet: 4, node: 3, cluster: 2, none: 1, unknown: 0 };

/** Annotations (and values) that make a cloud load balancer internal on AKS, EKS and GKE. */
const INTERNAL_LB: readonly [string, RegExp][] = [
  ['service.beta.kubernetes.io/azure-load-balancer-internal', /^true$/i],
  ['service.beta.kubernetes.io/aws-load-balancer-internal', /^(true|0\.0\.0\.0\/0)$/i],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', /^internal$/i],
  ['networking.gke.io/load-balancer-type', /^internal$/i],
  ['cloud.google.com/load-balancer-type', /^internal$/i],
];
const INTERNAL_LB_CLASSES = new Set(['networking.gke.io/l4-regional-internal']);
const ALL_ADDRESSES = /^(0\.0\.0\.0|::)\/0$/;

const keyOf = (id: Pick<ObjectIdentity, 'kind' | 'namespace' | 'name'>) =>
  `${id.kind}\u0000${id.namespace ?? ''}\u0000${id.name}`;
const label = (o: KubeObject) => `${o.id.namespace ? `${o.id.namespace}/` : ''}${o.id.name}`;

/** How a Service itself is reachable. */
export function serviceExposure(svc: KubeObject): ExposureInfo {
  const spec = isRecord(svc.value.spec) ? svc.value.spec : {};
  const type = str(spec.type) ?? 'ClusterIP';
  const name = label(svc);
  if (type === 'LoadBalancer') {
    const ann = annotationsOf(svc.value.metadata);
    const internal =
      INTERNAL_LB.some(([k, re]) => ann[k] !== undefined && re.test(ann[k].trim())) ||
      INTERNAL_LB_CLASSES.has(str(spec.loadBalancerClass) ?? '');
    const ranges = Array.isArray(spec.loadBalancerSourceRanges)
      ? spec.loadBalancerSourceRanges.filter((r): r is string => typeof r === 'string' && r.trim() !== '')
      : [];
    const restricted = ranges.length > 0 && !ranges.some((r) => ALL_ADDRESSES.test(r.trim()));
    if (!internal && !restricted) return { level: 'internet', reason: `public LoadBalancer Service ${name}` };
    return { level: 'node', reason: `${internal ? 'internal' : 'source-restricted'} LoadBalancer Service ${name}` };
  }
  if (Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0)
    return { level: 'node', reason: `Service ${name} with externalIPs` };
  if (type === 'NodePort') return { level: 'node', reason: `NodePort Service ${name}` };
  if (type === 'ExternalName') return { level: 'none' };
  return { level: 'cluster', reason: `ClusterIP Service ${name}` };
}

function better(a: ExposureInfo | undefined, b: ExposureInfo): ExposureInfo {
  return !a || RANK[b.level] > RANK[a.level] ? b : a;
}

/** Builds the exposure of every object the index holds. */
export function exposureContext(index: ObjectIndex): ExposureContext {
  const byKey = new Map<string, ExposureInfo>();
  const raise = (id: ObjectIdentity, info: ExposureInfo) => byKey.set(keyOf(id), better(byKey.get(keyOf(id)), info));

  // Services, raised to internet when an Ingress or HTTPRoute routes to them.
  for (const svc of index.ofKind('Service')) raise(svc.id, serviceExposure(svc));
  for (const ing of index.ofKind('Ingress')) {
    raise(ing.id, { level: 'internet', reason: `Ingress ${label(ing)}` });
    for (const b of index.ingressBackends(ing)) {
      const svc = index.get('Service', ing.id.namespace, b.service);
      if (svc) raise(svc.id, { level: 'internet', reason: `routed by Ingress ${label(ing)}` });
    }
  }
  for (const route of [...index.ofKind('HTTPRoute'), ...index.ofKind('Gateway')]) {
    raise(route.id, { level: 'internet', reason: `${route.id.kind} ${label(route)}` });
    if (route.id.kind !== 'HTTPRoute') continue;
    const spec = isRecord(route.value.spec) ? route.value.spec : {};
    const rules = Array.isArray(spec.rules) ? spec.rules : [];
    for (const r of rules) {
      const refs = isRecord(r) && Array.isArray(r.backendRefs) ? r.backendRefs : [];
      for (const ref of refs) {
        if (!isRecord(ref) || (ref.kind !== undefined && ref.kind !== 'Service')) continue;
        const name = str(ref.name);
        const ns = str(ref.namespace) ?? route.id.namespace;
        const svc = name ? index.get('Service', ns, name) : undefined;
        if (svc) raise(svc.id, { level: 'internet', reason: `routed by HTTPRoute ${label(route)}` });
      }
    }
  }
  // Workloads take the exposure of the Services that select them.
  for (const svc of index.ofKind('Service')) {
    const info = byKey.get(keyOf(svc.id));
    if (!info || info.level === 'none') continue;
    const via = info.reason?.startsWith('routed by')
      ? `behind Service ${label(svc)}, ${info.reason}`
      : `behind ${info.reason ?? `Service ${label(svc)}`}`;
    for (const w of index.selectedPods(svc)) raise(w.id, { level: info.level, reason: via });
  }
  // Pods on the host network or with host ports are reachable on node addresses.
  for (const kind of POD_BEARING_KINDS) {
    for (const w of index.ofKind(kind)) {
      const spec = podTemplateOf(w)?.spec;
      if (!spec) continue;
      if (spec.hostNetwork === true) raise(w.id, { level: 'node', reason: 'uses the host network' });
      const containers = Array.isArray(spec.containers) ? spec.containers : [];
      const hostPort = containers.some(
        (c) =>
          isRecord(c) &&
          Array.isArray(c.ports) &&
          c.ports.some((p) => isRecord(p) && typeof p.hostPort === 'number' && p.hostPort > 0),
      );
      if (hostPort) raise(w.id, { level: 'node', reason: 'binds a host port' });
      raise(w.id, { level: 'none', reason: 'no Service, Ingress or host port reaches it in the input' });
    }
  }
  return {
    of(id) {
      return byKey.get(keyOf(id)) ?? { level: 'unknown' };
    },
  };
}
