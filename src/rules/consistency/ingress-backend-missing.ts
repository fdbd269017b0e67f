import { describeObject, isRecord, str } from '../../core/objects.js';
import { getAt, type Path } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';
import { showPort } from './ports.js';

export default defineRule({
  meta: {
    id: 'ingress-backend-missing',
    title: 'Ingress backends must name existing Services and ports',
    severity: 'medium',
    category: 'consistency',
    targets: ['Ingress'],
    needs: 'index',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    scope:
      "Backend Services are looked up in the Ingress's namespace among the scanned objects. A missing Service is only " +
      'reported when the input holds other Services of that namespace, or the scan reads a live cluster (world "cluster"). ' +
      'Resource backends are not checked.',
    description:
      'An Ingress rule whose backend Service does not exist, or whose port number or name is not a port of that Service, ' +
      "answers every request with an error (503 or 404, depending on the controller). Like kube-linter's dangling-ingress, " +
      'with ports checked too and only where the input can tell.',
    remediation:
      "Point the backend at an existing Service in the Ingress's namespace, by one of the port numbers (spec.ports[].port, " +
      'not targetPort) or names it defines.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource'],
  },
  check(obj, ctx) {
    const ns = obj.id.namespace;
    if (!ns) return;
    const complete = ctx.index.world === 'cluster' || ctx.index.ofKindIn('Service', ns).length > 0;
    for (const b of ctx.index.ingressBackends(obj)) {
      const backend = getAt(obj.value, b.path);
      if (!isRecord(backend)) continue;
      const v1 = isRecord(backend.service);
      const namePath: Path = v1 ? [...b.path, 'service', 'name'] : [...b.path, 'serviceName'];
      const svc = ctx.index.get('Service', ns, b.service);
      if (!svc) {
        if (complete) {
          ctx.report({
            path: namePath,
            message: `backend Service "${b.service}" does not exist in namespace ${ns}${ctx.index.world === 'cluster' ? '' : ' among the scanned objects'}`,
          });
        }
        continue;
      }
      if (b.port === undefined) continue;
      const spec = isRecord(svc.value.spec) ? svc.value.spec : {};
      const ports = Array.isArray(spec.ports) ? spec.ports.filter(isRecord) : [];
      if (ports.length === 0) continue;
      const found = typeof b.port === 'number' ? ports.some((p) => p.port === b.port) : ports.some((p) => str(p.name) === b.port);
      if (found) continue;
      const portPath: Path = v1
        ? [...b.path, 'service', 'port', typeof b.port === 'number' ? 'number' : 'name']
        : [...b.path, 'servicePort'];
      const defined = ports.map((p) => (str(p.name) ? `${p.port} (${str(p.name)})` : String(p.port))).join(', ');
      ctx.report({
        path: portPath,
        message: `${describeObject(svc.id)} has no port ${typeof b.port === 'number' ? showPort(b.port) : `named ${showPort(b.port)}`} (its ports: ${defined})`,
      });
    }
  },
});
