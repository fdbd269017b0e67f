import { describeObject, isRecord, str, type KubeObject } from '../../core/objects.js';
import type { Path } from '../../core/path.js';
import { defineRule } from '../../core/rule.js';
import { describePorts, podPorts, showPort } from './ports.js';

export default defineRule({
  meta: {
    id: 'service-target-port',
    title: "A Service's targetPort must be a port of the pods it selects",
    severity: 'medium',
    category: 'consistency',
    targets: ['Service'],
    needs: 'index',
    controls: [{ framework: 'soc2', id: 'A1.2' }],
    scope:
      'Judges only Services that select pod-bearing objects among the scanned objects (a Service that selects nothing is ' +
      "service-selects-nothing's finding).",
    description:
      'Each Service port forwards to its targetPort on the selected pods (unset: the same number as port). A named ' +
      "targetPort is resolved among the pods' container ports of the same name and protocol: when no selected pod has it, " +
      'the Service has no endpoints for that port. A numeric targetPort needs no declaration (declaring container ports is ' +
      'informational), so it is only reported when every selected pod declares ports and none declares that number: then ' +
      'it is most likely a typo or a stale port. Regular containers and native sidecars count.',
    remediation:
      'Set targetPort to the name or number of the container port that serves the Service, and declare that port in the ' +
      'container.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service'],
  },
  check(obj, ctx) {
    const spec = isRecord(obj.value.spec) ? obj.value.spec : undefined;
    if (!spec || spec.type === 'ExternalName' || !Array.isArray(spec.ports)) return;
    const pods = ctx.index.selectedPods(obj);
    if (pods.length === 0) return;
    const portsOf = new Map<KubeObject, ReturnType<typeof podPorts>>(pods.map((p) => [p, podPorts(p)]));
    const all = [...portsOf.values()].flat();
    const selected = pods.length <= 3 ? pods.map((p) => describeObject(p.id)).join(', ') : `${pods.length} pod-bearing objects`;
    spec.ports.forEach((port: unknown, i) => {
      if (!isRecord(port)) return;
      const explicit = port.targetPort !== undefined && port.targetPort !== null;
      const target = explicit ? port.targetPort : port.port;
      const path: Path = explicit ? ['spec', 'ports', i, 'targetPort'] : ['spec', 'ports', i];
      const protocol = str(port.protocol) ?? 'TCP';
      const label = (t: string | number) => `targetPort ${showPort(t)}${explicit ? '' : ' (unset, so the same as port)'}`;
      if (typeof target === 'string') {
        if (all.some((p) => p.name === target && p.protocol === protocol)) return;
        const hint = /^\d+$/.test(target) ? '; a quoted number is read as a port name, write it without quotes' : '';
        ctx.report({
          path,
          message: `${label(target)} (${protocol}) is not the name of a container port of the pods it selects (${selected}: ${describePorts(all)})${hint}`,
        });
      } else if (typeof target === 'number') {
        if ([...portsOf.values()].some((ports) => ports.length === 0)) return;
        if (all.some((p) => p.containerPort === target)) return;
        ctx.report({
          path,
          message: `${label(target)} is not a port the selected pods declare (${selected}: ${describePorts(all)})`,
        });
      }
    });
  },
});
