/**
 * Container ports as the probes and Services resolve them: a named port is looked up by name (and,
 * for Services, protocol) among a container's `ports`; a numeric one needs no declaration at all
 * (declaring ports is informational in Kubernetes), so it can only be judged against a pod whose
 * containers do declare ports.
 */
import { containersOf, isRecord, str, type ContainerRef, type KubeObject, POD_CONTAINER_KINDS } from '../../core/objects.js';

export interface DeclaredPort {
  name?: string;
  containerPort?: number;
  /** Defaults to TCP, as in Kubernetes. */
  protocol: string;
}

export function declaredPorts(container: ContainerRef['container']): DeclaredPort[] {
  const list = Array.isArray(container.ports) ? container.ports : [];
  const out: DeclaredPort[] = [];
  for (const p of list) {
    if (!isRecord(p)) continue;
    out.push({
      name: str(p.name),
      containerPort: typeof p.containerPort === 'number' ? p.containerPort : undefined,
      protocol: str(p.protocol) ?? 'TCP',
    });
  }
  return out;
}

/** The containers that serve ports for the pod's lifetime: regular containers and native
 *  sidecars (init containers with restartPolicy Always). */
export function servingContainers(obj: Pick<KubeObject, 'id' | 'value'>): ContainerRef[] {
  return containersOf(obj, POD_CONTAINER_KINDS).filter((c) => c.kind === 'containers' || c.sidecar);
}

/** Every port the pod's serving containers declare. */
export function podPorts(obj: Pick<KubeObject, 'id' | 'value'>): DeclaredPort[] {
  return servingContainers(obj).flatMap((c) => declaredPorts(c.container));
}

/** `80, 9090/UDP, http (8080)` for messages. */
export function describePorts(ports: readonly DeclaredPort[]): string {
  if (ports.length === 0) return 'none';
  return ports
    .map((p) => {
      const num = p.containerPort === undefined ? '?' : String(p.containerPort);
      const proto = p.protocol === 'TCP' ? '' : `/${p.protocol}`;
      return p.name ? `${p.name} (${num}${proto})` : `${num}${proto}`;
    })
    .join(', ');
}

/** A port value as written: `8080`, `"http"`. */
export function showPort(port: string | number): string {
  return typeof port === 'number' ? String(port) : JSON.stringify(port);
}
