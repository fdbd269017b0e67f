import { isRecord } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'service-node-port',
    title: 'Services should not be exposed as NodePort',
    severity: 'low',
    category: 'exposure',
    targets: ['Service'],
    needs: 'object',
    controls: [{ framework: 'soc2', id: 'CC6.6' }],
    description:
      'A NodePort Service opens the same port (30000-32767 by default) on every node of the cluster, on all of their ' +
      'addresses. Whoever reaches a node reaches the Service: firewalls and security groups must then be kept right for ' +
      'every node, and traffic skips the ingress layer where TLS, authentication and rate limits usually live. ' +
      'LoadBalancer Services also allocate node ports, but are covered by service-load-balancer-public.',
    remediation:
      'Use a ClusterIP Service behind an Ingress or Gateway, or an internal LoadBalancer. If a NodePort is required (a ' +
      'load balancer outside the cluster), restrict who can reach the node ports with cloud firewall rules.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport'],
  },
  check(obj, ctx) {
    const spec = isRecord(obj.value.spec) ? obj.value.spec : undefined;
    if (spec?.type !== 'NodePort') return;
    const ports = Array.isArray(spec.ports) ? spec.ports : [];
    const fixed = ports.flatMap((p) => (isRecord(p) && typeof p.nodePort === 'number' ? [p.nodePort] : []));
    ctx.report({
      path: ['spec', 'type'],
      message: `type NodePort opens ${fixed.length > 0 ? `port${fixed.length > 1 ? 's' : ''} ${fixed.join(', ')}` : 'a port'} on every node of the cluster`,
    });
  },
});
