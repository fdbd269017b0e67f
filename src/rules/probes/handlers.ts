/**
 * What the probe rules share: which containers carry probes, and a probe's handler (httpGet,
 * tcpSocket, grpc or exec) in a canonical form with Kubernetes' defaults applied, so that two
 * probes can be compared.
 */
import { isRecord, str, type ContainerRef, type JsonObject } from '../../core/objects.js';
import { declaredPorts } from '../consistency/ports.js';

export const PROBE_FIELDS = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
export type ProbeField = (typeof PROBE_FIELDS)[number];

export const PROBE_LABEL: Readonly<Record<ProbeField, string>> = {
  livenessProbe: 'liveness',
  readinessProbe: 'readiness',
  startupProbe: 'startup',
};

export const HANDLER_TYPES = ['httpGet', 'tcpSocket', 'grpc', 'exec'] as const;
export type HandlerType = (typeof HANDLER_TYPES)[number];

/** The first handler a probe sets (the API allows exactly one). */
export function handlerOf(probe: JsonObject): { type: HandlerType; value: JsonObject } | undefined {
  for (const type of HANDLER_TYPES) {
    const value = probe[type];
    if (isRecord(value)) return { type, value };
  }
  return undefined;
}

/** A handler as a string that is equal for two handlers exactly when they check the same thing;
 *  named ports are resolved through the container's ports, defaults are filled in. */
export function canonicalHandler(probe: JsonObject, container: ContainerRef['container']): string | undefined {
  const h = handlerOf(probe);
  if (!h) return undefined;
  const port = (p: unknown): unknown => {
    if (typeof p !== 'string') return p;
    return declaredPorts(container).find((d) => d.name === p)?.containerPort ?? p;
  };
  const v = h.value;
  switch (h.type) {
    case 'httpGet':
      return JSON.stringify([
        h.type,
        str(v.path) ?? '/',
        port(v.port),
        str(v.host) ?? '',
        (str(v.scheme) ?? 'HTTP').toUpperCase(),
        v.httpHeaders ?? [],
      ]);
    case 'tcpSocket':
      return JSON.stringify([h.type, port(v.port), str(v.host) ?? '']);
    case 'grpc':
      return JSON.stringify([h.type, v.port, str(v.service) ?? '']);
    case 'exec':
      return JSON.stringify([h.type, v.command ?? []]);
  }
}

/** A probe's timing with Kubernetes' defaults. */
export function timingOf(probe: JsonObject): { period: number; timeout: number; failureThreshold: number } {
  const num = (v: unknown, d: number) => (typeof v === 'number' && v > 0 ? v : d);
  return {
    period: num(probe.periodSeconds, 10),
    timeout: num(probe.timeoutSeconds, 1),
    failureThreshold: num(probe.failureThreshold, 3),
  };
}
