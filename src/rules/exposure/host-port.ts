import { containerLabel, containersOf, isRecord, podTemplateOf, POD_BEARING_KINDS } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'host-port',
    title: 'Containers should not bind host ports',
    severity: 'medium',
    category: 'exposure',
    targets: POD_BEARING_KINDS,
    needs: 'object',
    controls: [
      { framework: 'pss', id: 'baseline/hostPorts' },
      { framework: 'cis-k8s', id: '5.2.13' },
      { framework: 'soc2', id: 'CC6.6' },
    ],
    description:
      "A hostPort maps a port of the node's own addresses to the container, so the pod is reachable by anything that " +
      'reaches the node, outside the Service and ingress layer and often outside NetworkPolicy enforcement. It also ' +
      'pins the pod to nodes where the port is free. Pod Security "baseline" disallows host ports (or restricts them to ' +
      'a known list) for all containers, init and ephemeral ones included.',
    remediation:
      'Remove ports[].hostPort and expose the container through a Service (ClusterIP behind an Ingress or Gateway, or a ' +
      'LoadBalancer). Node agents that must listen on the node should run in a dedicated, policy-exempted namespace.',
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  check(obj, ctx) {
    const hostNetwork = podTemplateOf(obj)?.spec.hostNetwork === true;
    for (const c of containersOf(obj)) {
      const ports = Array.isArray(c.container.ports) ? c.container.ports : [];
      ports.forEach((p: unknown, i) => {
        if (!isRecord(p) || typeof p.hostPort !== 'number' || p.hostPort === 0) return;
        const proto = typeof p.protocol === 'string' ? p.protocol : 'TCP';
        ctx.report({
          path: [...c.path, 'ports', i, 'hostPort'],
          message:
            `${containerLabel(c)} binds host port ${p.hostPort}/${proto} on its node` +
            (hostNetwork ? ' (the pod also uses the host network)' : ''),
        });
      });
    }
  },
  fix(obj, finding) {
    // With hostNetwork the API server sets hostPort to containerPort anyway: removing it changes nothing.
    if (podTemplateOf(obj)?.spec.hostNetwork === true) return undefined;
    return [{ op: 'remove', path: finding.path }];
  },
});
