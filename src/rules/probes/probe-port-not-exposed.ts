import { containerLabel, isRecord, POD_BEARING_KINDS } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';
import { declaredPorts, describePorts, podPorts, servingContainers, showPort } from '../consistency/ports.js';
import { PROBE_FIELDS, PROBE_LABEL } from './handlers.js';

export default defineRule({
  meta: {
    id: 'probe-port-not-exposed',
    title: 'Probe ports must be ports the container exposes',
    severity: 'high',
    category: 'reliability',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    options: {
      numericPorts: {
        type: 'boolean',
        default: false,
        description:
          'Also report numeric probe ports that no container of the pod declares (only for containers that declare ports). ' +
          'Off by default: health ports are often left undeclared on purpose (ingress-nginx probes 10254 and declares 80, ' +
          '443 and 8443), and the probe works all the same.',
      },
    },
    description:
      'The kubelet resolves a named probe port (httpGet or tcpSocket) among the ports of the same container; a name that is ' +
      'not there makes the probe fail every time, so the container never becomes ready, or is restarted forever by its ' +
      'liveness probe. A port name written as a quoted number ("8080") is such a name too. A numeric port needs no ' +
      'declaration (declaring ports is informational in Kubernetes), so numbers are only judged with the numericPorts ' +
      'option, and then only for a container that declares ports, when no container of the pod declares that number (the ' +
      'probe connects to the pod IP, so a port of a sibling container counts). Probes with an explicit host are skipped. ' +
      "Unlike kube-linter's liveness-port/readiness-port, which also report undeclared numeric ports (a frequent false " +
      'positive), this rule covers tcpSocket, grpc and startup probes too.',
    remediation:
      "Use the name of one of the container's ports (spec.containers[].ports[].name), or the port number the process listens " +
      'on, and declare that port in the container.',
    references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/'],
  },
  check(obj, ctx) {
    const allPorts = podPorts(obj);
    for (const c of servingContainers(obj)) {
      const own = declaredPorts(c.container);
      for (const field of PROBE_FIELDS) {
        const probe = c.container[field];
        if (!isRecord(probe)) continue;
        for (const type of ['httpGet', 'tcpSocket', 'grpc'] as const) {
          const handler = probe[type];
          if (!isRecord(handler) || !Object.hasOwn(handler, 'port')) continue;
          if (typeof handler.host === 'string' && handler.host !== '') continue;
          const port = handler.port;
          const path = [...c.path, field, type, 'port'];
          const what = (p: string | number) =>
            `${containerLabel(c)}: the ${PROBE_LABEL[field]} probe's ${type} port ${showPort(p)}`;
          if (typeof port === 'string') {
            if (own.some((p) => p.name === port)) continue;
            const hint = /^\d+$/.test(port) ? '; a quoted number is read as a port name, write it without quotes' : '';
            ctx.report({ path, message: `${what(port)} is not the name of one of its ports (${describePorts(own)})${hint}` });
          } else if (typeof port === 'number') {
            if (!ctx.options.numericPorts || own.length === 0) continue;
            if (allPorts.some((p) => p.containerPort === port)) continue;
            ctx.report({
              path,
              message: `${what(port)} is not among the ports the pod's containers declare (${describePorts(allPorts)})`,
            });
          }
        }
      }
    }
  },
});
