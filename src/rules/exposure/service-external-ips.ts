import { isRecord } from '../../core/objects.js';
import { defineRule } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'service-external-ips',
    title: 'Services must not set externalIPs',
    severity: 'high',
    category: 'exposure',
    targets: ['Service'],
    needs: 'object',
    controls: [
      { framework: 'mitre', id: 'T1557' },
      { framework: 'soc2', id: 'CC6.6' },
    ],
    description:
      "kube-proxy routes traffic for every address in a Service's spec.externalIPs to that Service, on every node, and " +
      'Kubernetes does not check who owns the address. Anyone allowed to create or update a Service can therefore claim ' +
      "any IP, including other tenants' or well-known external ones, and intercept the traffic cluster nodes send to it " +
      '(CVE-2020-8554, a design flaw without a patch). Kubernetes recommends rejecting externalIPs with the ' +
      'DenyServiceExternalIPs admission plugin or a policy.',
    remediation:
      'Remove spec.externalIPs and expose the Service through a LoadBalancer (with an internal annotation or source ' +
      'ranges) or an Ingress/Gateway; enable the DenyServiceExternalIPs admission plugin, or restrict the field with an ' +
      'admission policy that allows only vetted addresses.',
    references: [
      'https://github.com/kubernetes/kubernetes/issues/97076',
      'https://kubernetes.io/docs/concepts/services-networking/service/#external-ips',
      'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#denyserviceexternalips',
    ],
  },
  check(obj, ctx) {
    const spec = isRecord(obj.value.spec) ? obj.value.spec : undefined;
    const ips = Array.isArray(spec?.externalIPs) ? spec.externalIPs.filter((ip) => typeof ip === 'string') : [];
    if (ips.length === 0) return;
    ctx.report({
      path: ['spec', 'externalIPs'],
      message: `the Service claims externalIPs ${ips.join(', ')}: kube-proxy on every node sends traffic for these addresses to it (CVE-2020-8554)`,
    });
  },
});
