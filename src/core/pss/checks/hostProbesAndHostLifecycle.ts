/**
 * Baseline from v1.34: probes and lifecycle handlers must not name a host, which would let the
 * kubelet reach arbitrary addresses (check_hostProbesAndhostLifecycle.go). Loopback hosts count
 * too: upstream's fixtures reject 127.0.0.1 and ::1.
 */
import type { JsonObject } from '../../objects.js';
import { containerName, joinQuote, obj, pluralize, sortedSet, str, visitContainers } from '../helpers.js';
import { ALLOWED, forbidden, majorMinor, type CheckResult, type VersionedCheck } from '../types.js';

export const id = 'hostProbesAndHostLifecycle';
export const level = 'baseline';

/** Hosts named by a probe or lifecycle handler's httpGet / tcpSocket ("" means unset). */
function hostsOf(handler: unknown): string[] {
  const h = obj(handler);
  if (!h) return [];
  return [str(obj(h.httpGet)?.host), str(obj(h.tcpSocket)?.host)].filter((host) => host !== '');
}

export function hostProbesAndHostLifecycleV1Dot34(_meta: JsonObject, podSpec: JsonObject): CheckResult {
  const containers: string[] = [];
  const hosts: string[] = [];
  visitContainers(podSpec, (c) => {
    const lifecycle = obj(c.lifecycle);
    const found = [c.livenessProbe, c.readinessProbe, c.startupProbe, lifecycle?.postStart, lifecycle?.preStop].flatMap(hostsOf);
    if (found.length > 0) {
      containers.push(containerName(c));
      hosts.push(...found);
    }
  });
  if (containers.length === 0) return ALLOWED;
  // Both lists are sets upstream: sorted and distinct.
  const names = sortedSet(containers);
  const distinct = sortedSet(hosts);
  return forbidden(
    'probe or lifecycle host',
    `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ` +
      `${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', distinct.length)} ${joinQuote(distinct)}`,
  );
}

export const versions: readonly VersionedCheck[] = [{ minimumVersion: majorMinor(34), check: hostProbesAndHostLifecycleV1Dot34 }];
