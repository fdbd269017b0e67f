/** Baseline: host ports must not be used (check_hostPorts.go). */
import type { JsonObject } from '../../objects.js';
import { containerName, joinQuote, list, num, obj, pluralize, sortedSet, visitContainers } from '../helpers.js';
import { ALLOWED, forbidden, majorMinor, type CheckResult, type VersionedCheck } from '../types.js';

export const id = 'hostPorts';
export const level = 'baseline';

export function hostPortsV1Dot0(_meta: JsonObject, podSpec: JsonObject): CheckResult {
  const bad: string[] = [];
  const ports: string[] = [];
  visitContainers(podSpec, (c) => {
    let valid = true;
    for (const p of list(c.ports)) {
      const hostPort = num(obj(p)?.hostPort) ?? 0;
      if (hostPort !== 0) {
        valid = false;
        ports.push(String(hostPort));
      }
    }
    if (!valid) bad.push(containerName(c));
  });
  if (bad.length === 0) return ALLOWED;
  // Upstream keeps the ports in a string set, so they sort as strings ("100" before "20").
  const distinct = sortedSet(ports);
  return forbidden(
    'hostPort',
    `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ` +
      `${pluralize('hostPort', 'hostPorts', distinct.length)} ${distinct.join(', ')}`,
  );
}

export const versions: readonly VersionedCheck[] = [{ minimumVersion: majorMinor(0), check: hostPortsV1Dot0 }];
