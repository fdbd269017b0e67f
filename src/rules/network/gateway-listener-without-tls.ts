import type { ObjectIndex } from '../../core/index.js';
import { apiGroup, isRecord, str, type JsonObject, type KubeObject } from '../../core/objects.js';
import { defineRule, type ReportInput } from '../../core/rule.js';
import { listOf } from './policies.js';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';
const ISTIO_GROUP = 'networking.istio.io';
/** Istio Gateway server protocols that carry HTTP in plain text (matched case-insensitively, as Istio does). */
const ISTIO_PLAINTEXT = new Set(['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB']);

export default defineRule({
  meta: {
    id: 'gateway-listener-without-tls',
    title: 'Gateway listeners should use TLS',
    severity: 'medium',
    category: 'network',
    // HTTPRoute is a target so that the index holds the routes; only Gateways are reported.
    targets: ['Gateway', 'HTTPRoute'],
    needs: 'index',
    scope:
      'Reports Gateway API (gateway.networking.k8s.io) listeners with protocol HTTP, and servers of Istio Gateways ' +
      '(networking.istio.io) on HTTP, HTTP2, GRPC or GRPC-WEB ports without tls.httpsRedirect. A listener is not reported when ' +
      'HTTPRoutes in the input attach to it (parentRef to the Gateway, matching sectionName and port when set, allowed ' +
      "by the listener's allowedRoutes) and every rule of every one of them redirects to https: that is the usual " +
      'port-80 listener that only sends clients to HTTPS. When the routes live elsewhere the listener is reported; ' +
      'suppress it if it only redirects. HTTPS and TLS listeners pass: Terminate ends TLS at the Gateway, Passthrough ' +
      'keeps it end to end to the backend. TCP and UDP listeners carry protocols the Gateway cannot see into and are ' +
      'not reported.',
    controls: [
      { framework: 'nsa', id: 'nsa-network-encryption' },
      { framework: 'soc2', id: 'CC6.7' },
      { framework: 'pci-dss', id: '4.2.1' },
      { framework: 'mitre', id: 'T1040' },
    ],
    description:
      'A Gateway listener with protocol HTTP (or an Istio Gateway server on an HTTP, HTTP2 or gRPC port) accepts plain ' +
      'text: requests, credentials and cookies routed through it can be read and changed on the way. Serve applications ' +
      'on HTTPS listeners (or TLS listeners in Passthrough mode) and keep HTTP only for a redirect to HTTPS.',
    remediation:
      'Add an HTTPS listener with tls.certificateRefs and attach the routes to it; keep the HTTP listener only for an ' +
      'HTTPRoute whose rules use a RequestRedirect filter with scheme: https. On an Istio Gateway, serve on an HTTPS ' +
      'server and set tls.httpsRedirect: true on the HTTP one.',
    references: ['https://gateway-api.sigs.k8s.io/guides/tls/', 'https://gateway-api.sigs.k8s.io/guides/http-redirect-rewrite/'],
  },
  check(obj, ctx) {
    if (obj.id.kind !== 'Gateway') return;
    const spec = isRecord(obj.value.spec) ? obj.value.spec : {};
    if (apiGroup(obj.id.apiVersion) === ISTIO_GROUP) {
      checkIstioGateway(spec, ctx.report);
      return;
    }
    if (apiGroup(obj.id.apiVersion) !== GATEWAY_GROUP) return;
    listOf(spec.listeners).forEach((l, i) => {
      if (!isRecord(l) || l.protocol !== 'HTTP') return;
      const name = str(l.name) ?? `#${i}`;
      const routes = attachedRoutes(ctx.index, obj, l);
      const serving = routes.filter((r) => !redirectsToHttps(r));
      if (routes.length > 0 && serving.length === 0) return;
      const why =
        routes.length === 0
          ? 'if it only redirects to HTTPS, the HTTPRoute doing so is not in the input'
          : `HTTPRoute ${serving.map((r) => `${r.id.namespace}/${r.id.name}`).join(', ')} serves on it without redirecting to HTTPS`;
      ctx.report({
        path: ['spec', 'listeners', i, 'protocol'],
        message: `listener "${name}" (port ${String(l.port)}) accepts plain HTTP: ${why}`,
      });
    });
  },
});

/** Istio's own Gateway (networking.istio.io): servers on plain-text HTTP ports, unless
 *  tls.httpsRedirect answers every request with a redirect to HTTPS. */
function checkIstioGateway(spec: JsonObject, report: (f: ReportInput) => void): void {
  listOf(spec.servers).forEach((server, i) => {
    if (!isRecord(server) || !isRecord(server.port)) return;
    const protocol = str(server.port.protocol)?.toUpperCase();
    if (!protocol || !ISTIO_PLAINTEXT.has(protocol)) return;
    if (isRecord(server.tls) && server.tls.httpsRedirect === true) return;
    const name = str(server.port.name) ?? `#${i}`;
    report({
      path: ['spec', 'servers', i, 'port', 'protocol'],
      message: `server "${name}" (port ${String(server.port.number)}) accepts plain ${protocol} and does not set tls.httpsRedirect`,
    });
  });
}

function attachedRoutes(index: ObjectIndex, gateway: KubeObject, listener: JsonObject): KubeObject[] {
  const allowed =
    isRecord(listener.allowedRoutes) && isRecord(listener.allowedRoutes.namespaces) ? listener.allowedRoutes.namespaces : {};
  const from = str(allowed.from) ?? 'Same';
  return index.ofKind('HTTPRoute').filter((route) => {
    if (apiGroup(route.id.apiVersion) !== GATEWAY_GROUP) return false;
    if (from === 'Same' && route.id.namespace !== gateway.id.namespace) return false;
    const spec = isRecord(route.value.spec) ? route.value.spec : {};
    return listOf(spec.parentRefs).some(
      (ref) =>
        isRecord(ref) &&
        (str(ref.group) ?? GATEWAY_GROUP) === GATEWAY_GROUP &&
        (str(ref.kind) ?? 'Gateway') === 'Gateway' &&
        ref.name === gateway.id.name &&
        (str(ref.namespace) ?? route.id.namespace) === gateway.id.namespace &&
        (ref.sectionName === undefined || ref.sectionName === listener.name) &&
        (ref.port === undefined || ref.port === listener.port),
    );
  });
}

/** Every rule of the route answers with a RequestRedirect filter to scheme https. */
function redirectsToHttps(route: KubeObject): boolean {
  const spec = isRecord(route.value.spec) ? route.value.spec : {};
  const rules = listOf(spec.rules);
  if (rules.length === 0) return false;
  return rules.every(
    (r) =>
      isRecord(r) &&
      listOf(r.filters).some(
        (f) => isRecord(f) && f.type === 'RequestRedirect' && isRecord(f.requestRedirect) && f.requestRedirect.scheme === 'https',
      ),
  );
}
